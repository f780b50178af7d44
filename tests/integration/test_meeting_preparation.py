"""Meeting preparation end to end: an advisor invites, the client prepares through the real
REST channel, and the advisor reads a redacted, consented summary that nobody else can."""

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.support.replies import payloads, texts
from tests.support.stack import RASA_TOKEN, Stack
from tests.support.staff import create_user, login, new_meeting

pytestmark = pytest.mark.integration
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def made_up_identity_code(ddmmyy: str = "150393", individual: str = "947") -> str:
    """A checksum-valid identity code in the range for temporary codes: nobody's real one."""
    return f"{ddmmyy}-{individual}{CHECK_CHARS[int(ddmmyy + individual) % 31]}"


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "aino@example.test", "advisor", "Aino Asiantuntija")
    client = login(stack, "aino@example.test")
    yield client
    client.close()


@pytest.fixture(scope="module")
def other_advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "olli@example.test", "advisor", "Olli Ohjaaja")
    client = login(stack, "olli@example.test")
    yield client
    client.close()


@pytest.mark.parametrize(
    ("language", "greeting", "consent_words", "retention_words"),
    [
        ("fi", "moi", "Saanko tallentaa", "{} päivän kuluttua"),
        ("sv", "hej", "Får jag spara", "{} dagar efter"),
        ("en", "hi", "May I", "{} days after"),
    ],
)
def test_the_invitation_opens_with_who_when_and_the_consent_question(
    stack: Stack,
    advisor: httpx.Client,
    language: str,
    greeting: str,
    consent_words: str,
    retention_words: str,
) -> None:
    meeting = new_meeting(advisor, language)
    sender = f"prep-{uuid.uuid4().hex[:8]}"
    opened = stack.say(sender, greeting, {"invite_code": meeting["invite_code"]})
    assert len(opened) == 2, opened  # who and when; the consent question (nothing else)
    assert "Aino Asiantuntija" in texts(opened)
    assert consent_words in texts(opened)
    # How long the answers are kept: the API's setting, never a number written in the domain.
    retention = httpx.get(f"{stack.api_url}/api/v1/retention").json()
    assert retention_words.format(retention["answer_retention_days"]) in texts(opened)
    assert "/affirm" in payloads(opened) and "/deny" in payloads(opened)


def test_a_wrong_code_gets_a_friendly_answer(stack: Stack) -> None:
    reply = stack.say(f"prep-{uuid.uuid4().hex[:8]}", "ABCD-EFGH-JKMN-P", {"language": "en"})
    assert "can't find an invitation" in texts(reply)


def test_prepare_confirm_and_read_a_redacted_summary(
    stack: Stack, advisor: httpx.Client, other_advisor: httpx.Client
) -> None:
    meeting = new_meeting(advisor, "fi")
    sender = f"prep-{uuid.uuid4().hex[:8]}"
    code = made_up_identity_code()
    phone, email = "040 123 4567", "testi.henkilo@example.com"

    stack.say(sender, "moi", {"invite_code": meeting["invite_code"], "language": "fi"})
    asked = stack.say(sender, "/affirm")
    assert "Millainen tilanteesi on nyt?" in texts(asked)
    stack.say(
        sender,
        f"Olen ollut työttömänä puoli vuotta, neuvojani oli Onni Lahtinen. Soita minulle {phone}.",
    )
    stack.say(sender, "Koulutus")
    stack.say(sender, "haluaisin logistiikka-alalle")
    stack.say(sender, "/skip")  # the worries
    stack.say(sender, f"Työkokeilu auttaisi. Sähköpostini on {email}")
    review = stack.say(sender, f"Voinko opiskella työttömänä? Hetuni on {code}")
    shown = texts(review)
    assert "Tavoitteet: haluaisin logistiikka-alalle" in shown
    assert "Huolet: (ohitettu)" in shown
    assert phone not in shown and email not in shown and code not in shown
    assert "/confirm_preparation" in payloads(review)
    confirmed = stack.say(sender, "/confirm_preparation")
    assert "Kiitos!" in texts(confirmed)
    # Coming back after confirming opens the read-back; nothing is stored twice.
    again = stack.say(sender, "valmistaudu tapaamiseen")
    assert "Näin vastasit:" in texts(again), again

    reply = advisor.get(f"/api/v1/meetings/{meeting['id']}/summary")
    assert reply.status_code == 200, reply.text
    summary = reply.json()
    assert summary["consent"] is True and summary["confirmed"] is True
    sections = {name: [a["text"] for a in items] for name, items in summary["sections"].items()}
    assert sections["topics"] == ["Koulutus"]
    assert sections["goals"] == ["haluaisin logistiikka-alalle"]
    assert len(sections["situation"]) == 1
    assert sections["concerns"] == []
    stored = json.dumps(summary, ensure_ascii=False)
    assert phone not in stored and email not in stored and code not in stored
    assert "Lahtinen" not in stored and "neuvojani oli <PERSON>" in stored
    assert "Olen ollut työttömänä puoli vuotta" in stored

    # The proposal reaches the service developers, consented, anonymous and redacted.
    [proposal] = stack.rows(
        "SELECT * FROM proposals WHERE source = 'meeting_preparation' AND text LIKE ?",
        "Työkokeilu auttaisi%",
    )
    assert set(proposal) == {"id", "theme", "text", "language", "channel", "source", "week_start"}
    assert email not in proposal["text"] and "<EMAIL>" in proposal["text"]

    # The words are redacted in Rasa's tracker store as well.
    tracker = httpx.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": RASA_TOKEN}
    ).json()
    kept = json.dumps(tracker, ensure_ascii=False)
    assert phone not in kept and email not in kept and code not in kept
    assert "Lahtinen" not in kept

    # Nobody else reads it.
    assert other_advisor.get(f"/api/v1/meetings/{meeting['id']}/summary").status_code == 404
    assert httpx.get(f"{stack.api_url}/api/v1/meetings/{meeting['id']}/summary").status_code == 401


def test_no_consent_stores_nothing(stack: Stack, advisor: httpx.Client) -> None:
    meeting = new_meeting(advisor, "en")
    sender = f"prep-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "hi", {"invite_code": meeting["invite_code"], "language": "en"})
    declined = stack.say(sender, "/deny")
    assert "I won't store anything" in texts(declined)
    summary = advisor.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert summary["consent"] is False
    assert all(items == [] for items in summary["sections"].values())
