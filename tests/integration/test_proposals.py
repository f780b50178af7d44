"""Proposals end to end on the web (the REST channel), with the real Rasa server, action
server and API: given in each language with a suggested theme the client confirms or
changes, stored anonymously and redacted; and "you said, we did": what an analyst records
about a theme is told to the next client who proposes in it, or asks what has come of the
proposals."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from tests.support.replies import new_sender, payloads, texts
from tests.support.stack import Stack
from tests.support.staff import create_user, login

pytestmark = pytest.mark.integration

PROPOSAL_COLUMNS = {"id", "theme", "text", "language", "channel", "source", "week_start"}


def proposals(stack: Stack) -> list[dict[str, Any]]:
    return stack.rows("SELECT * FROM proposals WHERE source = 'chat' ORDER BY id")


@pytest.fixture(scope="module")
def analyst(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "proposals-analyst@example.test", "analyst", "Anna Analyytikko")
    client = login(stack, "proposals-analyst@example.test")
    yield client
    client.close()


@pytest.mark.parametrize(
    ("language", "opening", "idea", "suggested", "choice", "theme", "stored_words"),
    [
        ("fi", "minulla on idea", "Verkkoasiointiin pitäisi saada ajanvaraus, "
         "sähköpostini on keksi.henkilo@example.test", "Digitaaliset palvelut",
         '/choose_theme{"theme": "meetings_guidance"}', "meetings_guidance",
         "Ehdotuksesi on tallennettu nimettömänä aiheeseen Tapaamiset ja ohjaus"),
        ("sv", "jag har ett förslag", "Det borde finnas fler kurser i svenska för "
         "vuxna, min e-post är pahittad@example.test", "Utbildning", "/affirm",
         "training", "Ditt förslag har sparats anonymt under temat Utbildning"),
        ("en", "I have a suggestion", "The e-services should let me book a meeting "
         "time online myself, write to made.up@example.test", "Digital services",
         "/affirm", "digital_services", "Your proposal is stored anonymously under "
         "Digital services"),
    ],
)  # fmt: skip
def test_a_proposal_with_a_suggested_theme_stored_anonymously_and_redacted(
    stack: Stack,
    language: str,
    opening: str,
    idea: str,
    suggested: str,
    choice: str,
    theme: str,
    stored_words: str,
) -> None:
    sender = new_sender(f"proposal-{language}")
    before = len(proposals(stack))
    asked = stack.say(sender, opening, {"language": language})
    assert "/deny" in payloads(asked)  # the question, with a way out
    suggestion = stack.say(sender, idea)
    assert suggested in texts(suggestion)
    assert "/affirm" in payloads(suggestion) and choice in payloads(suggestion)
    stored = stack.say(sender, choice)
    assert stored_words in texts(stored)

    [row] = proposals(stack)[before:]
    assert set(row) == PROPOSAL_COLUMNS  # no sender, no conversation
    assert (row["theme"], row["language"], row["channel"]) == (theme, language, "web")
    assert "@example.test" not in row["text"] and "<EMAIL>" in row["text"]


def test_you_said_we_did_is_told_in_the_theme_and_on_asking(
    stack: Stack, analyst: httpx.Client
) -> None:
    done = {
        "theme": "job_search",
        "text_fi": "Työnhaun kurssit avattiin myös iltaisin.",
        "text_sv": "Kurserna i jobbsökning ordnas nu också på kvällarna.",
        "text_en": "Job search courses are now also held in the evenings.",
        "done_on": date(2026, 2, 1).isoformat(),
    }
    recorded = analyst.post("/api/v1/theme-actions/manage", json=done)
    assert recorded.status_code == 201, recorded.text

    sender = new_sender("proposal-did")
    stack.say(sender, "I have a suggestion", {"language": "en"})
    stack.say(sender, "Job search workshops should be held on weekends as well")
    told = stack.say(sender, '/choose_theme{"theme": "job_search"}')
    assert "This has already been done in this theme" in texts(told)
    assert done["text_en"] in texts(told)

    asker = new_sender("proposal-ask")
    answer = stack.say(asker, "mitä ehdotuksista on seurannut?", {"language": "fi"})
    assert done["text_fi"] in texts(answer)
    assert "/give_proposal" in payloads(answer)
