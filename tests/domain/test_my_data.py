"""The client's own data in the domain: no form's open question takes "what do you know
about me", "delete my data" or "help" as its answer, and every form answers them."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.domain.test_domain import DOMAIN
from vocabulary.my_data import ERASE_SLOT, INTERRUPTING_INTENTS

RULES = Path(__file__).resolve().parents[2] / "data" / "rules" / "my_data.yml"


def test_no_free_text_slot_of_a_form_takes_the_questions_as_its_answer() -> None:
    checked = 0
    for name, slot in DOMAIN["slots"].items():
        for mapping in slot.get("mappings") or []:
            if mapping.get("type") != "from_text":
                continue
            checked += 1
            left_out = set(mapping.get("not_intent") or [])
            assert set(INTERRUPTING_INTENTS) <= left_out, name
    assert checked >= 9  # the consent, six sections, two pulse texts, a proposal's text


def test_every_form_answers_the_questions_and_goes_on() -> None:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    answered = {
        (rule["condition"][0]["active_loop"], rule["steps"][0]["intent"])
        for rule in rules
        if rule.get("condition")
    }
    for form in DOMAIN["forms"]:
        for intent in INTERRUPTING_INTENTS:
            assert (form, intent) in answered, (form, intent)


def test_the_erase_slot_is_not_featurised() -> None:
    assert DOMAIN["slots"][ERASE_SLOT]["influence_conversation"] is False
