"""The model's name covers what it is trained on: the topics' examples, not their answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from publisher.fingerprint import GENERATED, REPO, fingerprint, fixed_inputs
from tests.api.faq_fixtures import topic, write


def generated(tmp_path: Path, name: str, *topics: dict[str, object]) -> Path:
    faq = write(tmp_path / name / "faq", *topics)
    out = tmp_path / name
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_faq.py"), "--faq-dir", str(faq),
         "--out", str(out), "--no-heldout"],
        check=True, capture_output=True,
    )  # fmt: skip
    return out


def test_answers_and_example_order_do_not_change_it_examples_and_topics_do(
    tmp_path: Path,
) -> None:
    base = fingerprint(REPO, generated(tmp_path, "base", topic("alpha"), topic("beta")))
    other_answer = topic("alpha", reviewed="2026-12-01")
    other_answer["variants"][1]["answer"]["en"] = "Another rule."
    assert base == fingerprint(REPO, generated(tmp_path, "text", other_answer, topic("beta")))
    reordered = topic("alpha")
    reordered["examples"]["en"] = "".join(reversed(reordered["examples"]["en"].splitlines(True)))
    assert base == fingerprint(REPO, generated(tmp_path, "order", reordered, topic("beta")))

    more = topic("alpha")
    more["examples"]["en"] += "- a new way to ask\n"
    assert base != fingerprint(REPO, generated(tmp_path, "example", more, topic("beta")))
    assert base != fingerprint(REPO, generated(tmp_path, "topic", topic("alpha")))


def test_the_responses_say_the_answers_cannot_be_reached(tmp_path: Path) -> None:
    out = generated(tmp_path, "base", topic("alpha"))
    domain = yaml.safe_load((out / "domain" / "faq.generated.yml").read_text())
    [variations] = domain["responses"].values()
    assert [v["text"] for v in variations] == [
        "Jag når inte svaren just nu. Försök igen om en stund.",
        "I can't reach the answers right now. Please try again in a moment.",
        "En tavoita vastauksia juuri nyt. Yritä hetken päästä uudelleen.",
    ]


def test_it_lists_what_make_must_watch() -> None:
    listed = subprocess.run(
        [sys.executable, str(REPO / "publisher" / "fingerprint.py"), "--list"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert listed == [*fixed_inputs(), *GENERATED]
    assert "config.yml" in listed and "domain/faq.yml" in listed
    assert not [name for name in listed if name.startswith("data/faq/")]
    assert "rasa_components/rasa_cli.py" not in listed
