"""The developer-client panel on the web (the REST channel), with the real Rasa server,
action server and API: a client joins with an e-mail address, the admin's roster shows the
membership (and the analysts' counts never the contact), and leaving deletes it at once,
leaving only a record that someone withdrew. Telegram's side (this chat as the contact, a
pilot invitation answered) is in test_participation_telegram.py."""

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.replies import texts
from tests.support.stack import Stack
from tests.support.staff import create_user, login

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admin(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "panel-admin@example.test", "admin", "Pirkko Paneeli")
    client = login(stack, "panel-admin@example.test")
    yield client
    client.close()


@pytest.fixture(scope="module")
def analyst(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "panel-analyst@example.test", "analyst", "Antti Analyytikko")
    client = login(stack, "panel-analyst@example.test")
    yield client
    client.close()


def members_with(admin: httpx.Client, email: str) -> list[dict[str, Any]]:
    reply = admin.get("/api/v1/panel")
    assert reply.status_code == 200, reply.text
    return [m for m in reply.json()["members"] if m["email"] == email]


def test_join_with_an_email_address_and_leave_at_once(
    stack: Stack, admin: httpx.Client, analyst: httpx.Client
) -> None:
    sender = f"panel-{uuid.uuid4().hex[:10]}"
    email = f"keksitty.{uuid.uuid4().hex[:6]}@example.test"
    intro = stack.say(sender, "haluan osallistua palvelujen kehittämiseen", {"language": "fi"})
    assert "eikä se vaikuta omaan palveluusi tai etuuksiisi" in " ".join(texts(intro).split())
    assert "Suostumusteksti, versio" in texts(intro)
    stack.say(sender, "/affirm")
    stack.say(sender, '/panel_pick{"panel_option": "training"}')
    stack.say(sender, '/panel_pick{"panel_option": "job_search"}')
    stack.say(sender, "/panel_done")
    stack.say(sender, '/panel_pick{"panel_option": "fi"}')
    asked = stack.say(sender, "/panel_done")
    assert "sähköpostiosoitteesi" in texts(asked).lower()  # the web has only e-mail
    joined = stack.say(sender, f"se on {email}")
    assert "Olet nyt kehittäjäasiakas" in texts(joined)

    [member] = members_with(admin, email)
    assert member["interests"] == ["training", "job_search"]
    assert (member["languages"], member["contact_channel"]) == (["fi"], "email")
    assert member["consent_version"]
    counts = analyst.get("/api/v1/panel/interests")
    assert counts.status_code == 200 and email not in counts.text
    assert analyst.get("/api/v1/panel").status_code == 403  # contacts are the admins' only
    reads = stack.rows("SELECT action FROM audit_log WHERE action LIKE 'panel%'")
    assert reads, "every read of the members is in the audit log"

    withdrawals = len(stack.rows("SELECT * FROM panel_withdrawals"))
    left = stack.say(sender, "eroa paneelista")
    assert "poistettu" in texts(left)
    assert members_with(admin, email) == []
    rows = stack.rows("SELECT * FROM panel_withdrawals")
    assert len(rows) == withdrawals + 1
    assert all(email not in str(row) and sender not in str(row) for row in rows)
