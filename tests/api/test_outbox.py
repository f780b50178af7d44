"""The outbox: an advisor's reminder is queued for the client's chat, and the channel (the
Telegram bridge, with the service token) fetches it and marks it delivered."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.meeting_prep.reminders import reminder_text
from api.meeting_prep.retention import purge_expired
from api.repositories import outbox
from tests.api.client_meetings_helpers import create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, START, Clock, MakeUser, login
from tests.api.html_checks import check_page
from tests.api.test_advisor_ui import csrf_of, ui_login

TG_KEY = "tg-0123456789abcdef0123456789abcdef"
OUTBOX = "/api/v1/outbox"


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    return login(client, "advisor@example.org")


def remind(client: TestClient, meeting_id: str, csrf: dict[str, str]) -> tuple[int, dict[str, Any]]:
    reply = client.post(f"/api/v1/meetings/{meeting_id}/reminder", headers=csrf)
    body: dict[str, Any] = reply.json()
    return reply.status_code, body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            "Muistutus: tapaamisesi on ti 17.2. klo 10.00. Voit vielä valmistautua: kirjoita "
            "'valmistaudu tapaamiseen'.",
        ),
        (
            "sv",
            "Påminnelse: ditt möte är tis 17.2. kl. 10.00. Du kan fortfarande förbereda dig: "
            "skriv 'förbered mötet'.",
        ),
        (
            "en",
            "Reminder: your meeting is on Tue 17 Feb at 10:00 (Finnish time). You can still "
            "prepare: write 'prepare my meeting'.",
        ),
    ],
)
def test_the_reminder_is_in_the_meetings_language_and_finnish_time(
    language: str, expected: str
) -> None:
    assert reminder_text(datetime(2026, 2, 17, 8, 0, tzinfo=UTC), language) == expected


def test_summer_time_is_finnish_summer_time() -> None:
    assert "klo 9.05" not in reminder_text(datetime(2026, 6, 1, 6, 5, tzinfo=UTC), "fi")
    assert "ma 1.6. klo 09.05" in reminder_text(datetime(2026, 6, 1, 6, 5, tzinfo=UTC), "fi")


def test_a_reminder_is_queued_fetched_by_the_channel_and_marked_delivered(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    meeting = create_meeting(client, csrf, language="fi")
    assert redeem(client, TG_KEY, meeting["invite_code"])[0] == 200

    status, queued = remind(client, meeting["id"], csrf)
    assert status == 202, queued
    assert queued["text"].startswith("Muistutus: tapaamisesi on to 3.12. klo 10.00.")
    assert queued["delivered_at"] is None

    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [(m["id"], m["conversation_key"], m["text"]) for m in pending] == [
        (queued["id"], TG_KEY, queued["text"])
    ]
    clock.advance(timedelta(minutes=1))
    done = client.post(f"{OUTBOX}/{queued['id']}/delivered", headers=SERVICE_HEADERS)
    assert done.status_code == 204
    assert client.post(f"{OUTBOX}/{queued['id']}/delivered", headers=SERVICE_HEADERS).is_success
    assert client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json() == []
    assert client.post(f"{OUTBOX}/999/delivered", headers=SERVICE_HEADERS).status_code == 404


def test_the_telegram_channel_gets_only_telegram_conversations(
    client: TestClient, db: Session
) -> None:
    outbox.add(db, "rest-abc", "for the web", now=START)
    outbox.add(db, "tg_x", "not a tg- key", now=START)
    first = outbox.add(db, "tg-a", "first", now=START)
    second = outbox.add(db, "tg-b", "second", now=START)
    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [m["id"] for m in pending] == [first.id, second.id]  # oldest first
    assert client.get(OUTBOX, params={"channel": "sms"}, headers=SERVICE_HEADERS).status_code == 422


def test_the_outbox_takes_the_service_token_only(client: TestClient, csrf: dict[str, str]) -> None:
    """A staff cookie (even with its CSRF token) is no service token."""
    assert client.get(OUTBOX, params={"channel": "telegram"}, headers=csrf).status_code == 401
    assert client.post(f"{OUTBOX}/1/delivered", headers=csrf).status_code == 401


def test_no_reminder_before_the_client_opened_the_invitation_or_after_the_meeting(
    client: TestClient, csrf: dict[str, str]
) -> None:
    meeting = create_meeting(client, csrf)
    assert remind(client, meeting["id"], csrf) == (409, {"detail": {"reason": "not_opened"}})
    redeem(client, TG_KEY, meeting["invite_code"])
    client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf)  # held
    assert remind(client, meeting["id"], csrf) == (409, {"detail": {"reason": "closed"}})
    assert client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json() == []


def test_only_the_meetings_advisor_reminds_and_with_the_csrf_token(
    client: TestClient, csrf: dict[str, str], make_user: MakeUser
) -> None:
    meeting = create_meeting(client, csrf)
    redeem(client, TG_KEY, meeting["invite_code"])
    assert client.post(f"/api/v1/meetings/{meeting['id']}/reminder").status_code == 403
    make_user("advisor", email="other@example.org")
    client.cookies.clear()
    other = login(client, "other@example.org")
    assert remind(client, meeting["id"], other)[0] == 404


def test_the_send_reminder_button_on_the_meeting_page(
    client: TestClient, make_user: MakeUser, db: Session
) -> None:
    make_user("advisor", name="Aino Neuvoja")
    assert ui_login(client, "advisor@example.org") == 303
    meeting = create_meeting(client, login(client, "advisor@example.org"), language="sv")
    url = f"/advisor/meetings/{meeting['id']}"

    page = client.get(url)
    assert "Asiakas ei ole vielä avannut kutsua" in page.text
    assert "Lähetä muistutus" not in page.text
    refused = client.post(
        f"{url}/reminder", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert refused.headers["location"] == f"{url}?reminder=not_opened"

    redeem(client, TG_KEY, meeting["invite_code"])
    page = client.get(url)
    check_page(page.text, "fi")
    assert "Lähetä muistutus" in page.text
    assert client.post(f"{url}/reminder", data={"csrf_token": "forged"}).status_code == 403
    sent = client.post(
        f"{url}/reminder", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert sent.status_code == 303
    shown = client.get(sent.headers["location"])
    check_page(shown.text, "fi")
    assert "Muistutus on jonossa" in shown.text
    assert "odottaa toimitusta" in shown.text
    [queued] = outbox.undelivered(db, "tg-")
    assert queued.text.startswith("Påminnelse: ditt möte är tors 3.12. kl. 10.00.")
    assert queued.meeting_id == meeting["id"]

    outbox.mark_delivered(db, queued.id, now=START + timedelta(minutes=5))
    final = client.get(url).text
    assert "odottaa toimitusta" not in final
    assert re.search(r"toimitettu <time [^>]*>1\.12\.2026 klo 10\.05</time>", final)


def test_old_outbox_messages_are_purged(db: Session) -> None:
    outbox.add(db, "tg-a", "old", now=START - timedelta(days=31))
    kept = outbox.add(db, "tg-a", "new", now=START - timedelta(days=29))
    purged = purge_expired(db, now=START, retention=timedelta(days=30))
    assert purged.outbox_messages == 1
    assert [m.id for m in outbox.undelivered(db, "tg-")] == [kept.id]
