"""A topic's file: the repository's 44 files come back byte for byte, a changed answer
changes only its own lines, a new topic is written in the house format, and the folder is
written atomically, touching only what changed."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.core.settings import REPO_ROOT
from api.services.faq.content import Topic, document_of
from api.services.faq.files import TopicFile, read_folder, render, write_folder
from tests.api.faq_fixtures import topic, write

FAQ = REPO_ROOT / "data" / "faq"


@pytest.fixture(scope="module")
def repo_files() -> dict[str, TopicFile]:
    files, problems = read_folder(FAQ)
    assert problems == []
    return files


def test_the_repositorys_files_are_read(repo_files: dict[str, TopicFile]) -> None:
    assert len(repo_files) == len(list(FAQ.glob("*.yml"))) >= 44
    waiting = repo_files["waiting_period"].document
    assert list(waiting) == [
        "topic",
        "title",
        "sources",
        "reviewed",
        "unverified",
        "related",
        "variants",
        "examples",
    ]
    assert waiting["reviewed"] == "2026-11-29"
    assert (
        isinstance(waiting["examples"]["fi"], list) and "omavastuuaika" in waiting["examples"]["fi"]
    )


def test_an_unchanged_topic_renders_to_its_file_byte_for_byte(
    repo_files: dict[str, TopicFile],
) -> None:
    for name, item in repo_files.items():
        assert render(item.document, item.text) == item.text, name


def test_every_topic_renders_alone_in_the_house_format(repo_files: dict[str, TopicFile]) -> None:
    for name, item in repo_files.items():
        text = render(item.document)
        assert text.startswith("# FAQ topic: ") and f"\ntopic: {name}\n" in text
        assert "answer:\n      fi: >-\n" in text and "examples:\n  fi: |\n    - " in text
        folded = [line for line in text.splitlines() if line.startswith(" " * 8)]
        assert all(len(line) <= 92 or " " not in line.strip() for line in folded), name
        assert document_of(Topic.model_validate(yaml.safe_load(text))) == item.document


def changed_answer(item: TopicFile, new: str) -> dict[str, Any]:
    document = copy.deepcopy(item.document)
    document["variants"][-1]["answer"]["sv"] = new
    return document


def test_a_changed_answer_changes_only_its_own_lines(repo_files: dict[str, TopicFile]) -> None:
    item = repo_files["waiting_period"]
    new = "Självrisktiden är sju dagar. " * 6 + "Fråga FPA."
    text = render(changed_answer(item, new), item.text)
    before, after = item.text.splitlines(), text.splitlines()
    start = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    end = next(i for i, (a, b) in enumerate(zip(before[::-1], after[::-1], strict=False)) if a != b)
    assert (
        before[:start] == after[:start] and before[len(before) - end :] == after[len(after) - end :]
    )
    changed = after[start : len(after) - end]
    assert " ".join(line.strip() for line in changed) == new
    assert all(line.startswith("        ") and len(line) <= 92 for line in changed)


def test_the_comment_stays_and_a_new_topic_gets_one(repo_files: dict[str, TopicFile]) -> None:
    item = repo_files["assistant_data"]
    text = render(changed_answer(item, "Kort svar."), item.text)
    assert text.splitlines()[:3] == item.text.splitlines()[:3]  # three comment lines
    document = copy.deepcopy(item.document)
    document["topic"] = "assistant_data_new"
    assert render(document).startswith(
        "# FAQ topic: What Kohtaamo stores\ntopic: assistant_data_new\n"
    )


@pytest.mark.parametrize(
    "answer",
    [
        "Two  spaces inside",
        "A line\nbreak",
        "ends with a space ",
        "- starts like a list: and has a colon",
        "#hashtag first",
        "a" * 150,
    ],
)
def test_any_answer_reads_back_exactly(repo_files: dict[str, TopicFile], answer: str) -> None:
    document = changed_answer(repo_files["register"], answer)
    text = render(document, repo_files["register"].text)
    assert yaml.safe_load(text)["variants"][-1]["answer"]["sv"] == answer


def test_titles_and_related_ids_that_yaml_would_misread_are_quoted() -> None:
    document = document_of(
        Topic.model_validate(
            topic("alpha", ["yes", "null"], title={"fi": "Kyllä: ei", "sv": "true", "en": "@x"})
        )
    )
    loaded = yaml.safe_load(render(document))
    assert loaded["title"] == {"fi": "Kyllä: ei", "sv": "true", "en": "@x"}
    assert loaded["related"] == ["yes", "null"]


def test_write_folder_writes_only_what_changed_and_removes_retired(tmp_path: Path) -> None:
    folder = write(tmp_path / "faq", topic("alpha"), topic("beta"), topic("gamma"))
    kept = (folder / "alpha.yml").read_text()
    before = (folder / "alpha.yml").stat().st_mtime_ns
    changed = write_folder(
        folder, {"alpha": kept, "beta": "topic: beta\n", "delta": "topic: delta\n"}, {"gamma"}
    )
    assert changed == ["beta.yml", "delta.yml", "gamma.yml"]
    assert (folder / "alpha.yml").stat().st_mtime_ns == before
    assert (folder / "beta.yml").read_text() == "topic: beta\n"
    assert sorted(p.name for p in folder.iterdir()) == ["alpha.yml", "beta.yml", "delta.yml"]
