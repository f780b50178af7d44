"""/api/v1/meetings: the advisor's meetings, their invitations, and their reminders."""

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.client_meetings_helpers import redeem
from tests.api.conftest import SERVICE_HEADERS, START, Clock, MakeUser, login

MEETINGS = "/api/v1/meetings"
TG_KEY = "tg-0123456789abcdef0123456789abcdef"


def new_meeting(
    client: TestClient, csrf: dict[str, str], ref: str = "asiakas-7", hours: float = 48
) -> dict[str, str]:
    body = {
        "client_ref": ref,
        "starts_at": (START + timedelta(hours=hours)).isoformat(),
        "language": "fi",
    }
    reply = client.post(MEETINGS, json=body, headers=csrf)
    assert reply.status_code == 201, reply.text
    created: dict[str, str] = reply.json()
    return created


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    return login(client, "advisor@example.org")


def test_creating_a_meeting_gives_a_readable_code_and_links(
    client: TestClient, csrf: dict[str, str]
) -> None:
    created = new_meeting(client, csrf)
    char = "[0-9A-HJKMNP-TV-Z]"  # Crockford base32: no I, L, O, U
    assert re.fullmatch(f"{char}{{4}}-{char}{{4}}-{char}{{4}}-{char}", created["invite_code"])
    plain = created["invite_code"].replace("-", "")
    assert created["web_link"] == f"http://127.0.0.1:8000/?code={plain}"
    assert created["telegram_link"] == f"https://t.me/kohtaamo_bot?start={plain}"

    meeting = client.get(f"{MEETINGS}/{created['id']}").json()
    assert meeting["client_ref"] == "asiakas-7"
    assert meeting["starts_at"] == "2026-12-03T10:00:00+02:00"  # Finnish time, with its offset
    assert meeting["invite_expires_at"] == "2026-12-04T08:00:00Z"  # 24 h after the start
    assert (meeting["prepared"], meeting["confirmed"], meeting["completed"]) == (
        False,
        False,
        False,
    )


def test_creating_needs_the_csrf_token(client: TestClient, csrf: dict[str, str]) -> None:
    body = {"client_ref": "x", "starts_at": "2026-12-24T10:00:00+02:00", "language": "sv"}
    assert client.post(MEETINGS, json=body).status_code == 403


@pytest.mark.parametrize("ref", ["010190-123A", "asiakas 311299A9876", "121212+121h", ""])
def test_a_client_ref_that_looks_like_an_identity_code_is_refused(
    client: TestClient, csrf: dict[str, str], ref: str
) -> None:
    body = {"client_ref": ref, "starts_at": "2026-12-24T10:00:00+02:00", "language": "fi"}
    assert client.post(MEETINGS, json=body, headers=csrf).status_code == 422


@pytest.mark.parametrize(
    "change",
    [
        {"client_ref": "x" * 65},
        {"starts_at": "2026-12-24T10:00:00"},  # no time zone
        {"starts_at": "2026-11-30T10:00:00+02:00"},  # in the past
        {"language": "de"},
        {"kind": "assistant"},  # a service step, but no meeting
        {"kind": "coffee"},
    ],
)
def test_invalid_meetings_are_refused(
    client: TestClient, csrf: dict[str, str], change: dict[str, str]
) -> None:
    body = {"client_ref": "x", "starts_at": "2026-12-24T10:00:00+02:00", "language": "fi", **change}
    assert client.post(MEETINGS, json=body, headers=csrf).status_code == 422


def test_the_list_shows_open_meetings_soonest_first_and_past_ones_on_request(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    later = new_meeting(client, csrf, "later", hours=72)
    sooner = new_meeting(client, csrf, "sooner", hours=2)
    held = new_meeting(client, csrf, "held", hours=1)
    assert client.post(f"{MEETINGS}/{held['id']}/complete", headers=csrf).status_code == 200
    clock.advance(timedelta(hours=3))  # "sooner" has started: its invite is still valid

    refs = [m["client_ref"] for m in client.get(MEETINGS).json()]
    assert refs == ["sooner", "later"]
    everything = client.get(MEETINGS, params={"include_past": "true"}).json()
    assert [m["client_ref"] for m in everything] == ["sooner", "later", "held"]
    assert everything[2]["completed"] is True
    assert later["id"] != sooner["id"]


def test_prepared_means_consented_answers_or_confirmed(
    client: TestClient, csrf: dict[str, str]
) -> None:
    answered = new_meeting(client, csrf, "answered")
    confirmed = new_meeting(client, csrf, "confirmed")
    consented = new_meeting(client, csrf, "consented only")
    for key, meeting in [("c1", answered), ("c2", confirmed), ("c3", consented)]:
        base = f"/api/v1/conversations/{key}/meeting"
        code = {"invite_code": meeting["invite_code"]}
        assert client.post(base, json=code, headers=SERVICE_HEADERS).status_code == 200
    client.put(
        "/api/v1/conversations/c1/meeting/consent", json={"consent": True}, headers=SERVICE_HEADERS
    )
    client.post(
        "/api/v1/conversations/c1/meeting/answers",
        json={"section": "goals", "text": "Haluan töihin.", "language": "fi"},
        headers=SERVICE_HEADERS,
    )
    client.post("/api/v1/conversations/c2/meeting/confirm", headers=SERVICE_HEADERS)
    client.put(
        "/api/v1/conversations/c3/meeting/consent", json={"consent": True}, headers=SERVICE_HEADERS
    )

    prepared = {m["client_ref"]: m["prepared"] for m in client.get(MEETINGS).json()}
    assert prepared == {"answered": True, "confirmed": True, "consented only": False}


def test_complete_marks_the_meeting_held_once(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    meeting = new_meeting(client, csrf)
    first = client.post(f"{MEETINGS}/{meeting['id']}/complete", headers=csrf)
    assert first.status_code == 200
    assert first.json()["completed"] is True
    assert client.post(f"{MEETINGS}/{meeting['id']}/complete").status_code == 403  # no CSRF


def test_another_advisors_meeting_is_404(
    client: TestClient, csrf: dict[str, str], make_user: MakeUser
) -> None:
    meeting = new_meeting(client, csrf)
    make_user("advisor", email="other@example.org")
    other = login(client, "other@example.org")
    for path in ["", "/summary"]:
        assert client.get(f"{MEETINGS}/{meeting['id']}{path}").status_code == 404
    assert client.post(f"{MEETINGS}/{meeting['id']}/complete", headers=other).status_code == 404
    assert client.get(MEETINGS).json() == []
    assert client.get(f"{MEETINGS}/no-such-id").status_code == 404


def remind(client: TestClient, meeting_id: str, csrf: dict[str, str]) -> tuple[int, dict[str, Any]]:
    reply = client.post(f"{MEETINGS}/{meeting_id}/reminder", headers=csrf)
    body: dict[str, Any] = reply.json()
    return reply.status_code, body


def test_no_reminder_before_the_client_opened_the_invitation_or_after_the_meeting(
    client: TestClient, csrf: dict[str, str]
) -> None:
    meeting = new_meeting(client, csrf)
    assert remind(client, meeting["id"], csrf) == (409, {"detail": {"reason": "not_opened"}})
    redeem(client, TG_KEY, meeting["invite_code"])
    client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf)  # held
    assert remind(client, meeting["id"], csrf) == (409, {"detail": {"reason": "closed"}})
    outbox = client.get("/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE_HEADERS)
    assert [m["purpose"] for m in outbox.json()] == ["pulse"]  # no reminder: the survey only


def test_only_the_meetings_advisor_reminds_and_with_the_csrf_token(
    client: TestClient, csrf: dict[str, str], make_user: MakeUser
) -> None:
    meeting = new_meeting(client, csrf)
    redeem(client, TG_KEY, meeting["invite_code"])
    assert client.post(f"/api/v1/meetings/{meeting['id']}/reminder").status_code == 403
    make_user("advisor", email="other@example.org")
    client.cookies.clear()
    other = login(client, "other@example.org")
    assert remind(client, meeting["id"], other)[0] == 404


def test_a_meeting_has_a_kind_the_other_meeting_unless_told(
    client: TestClient, csrf: dict[str, str]
) -> None:
    plain = new_meeting(client, csrf)
    assert client.get(f"{MEETINGS}/{plain['id']}").json()["kind"] == "other_meeting"
    body = {
        "client_ref": "first",
        "starts_at": "2026-12-24T10:00:00+02:00",
        "language": "fi",
        "kind": "initial_interview",
    }
    typed = client.post(MEETINGS, json=body, headers=csrf).json()
    assert client.get(f"{MEETINGS}/{typed['id']}").json()["kind"] == "initial_interview"
    kinds = {m["client_ref"]: m["kind"] for m in client.get(MEETINGS).json()}
    assert kinds == {"asiakas-7": "other_meeting", "first": "initial_interview"}
