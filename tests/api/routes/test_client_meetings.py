"""The client's side of a meeting, as the action server calls it (the contract it codes against)."""

import logging
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import Meeting, MeetingAnswer, Proposal
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, Clock, MakeUser, login
from tests.api.fake_redactor import FakeRedactor

KEY = "rest-1f2e3d"
SECTIONS = {"situation", "topics", "goals", "concerns", "proposals", "questions"}


@pytest.fixture
def meeting(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    return create_meeting(client, login(client, "advisor@example.org"))


def test_redeeming_a_code_binds_the_meeting_to_the_conversation(
    client: TestClient, meeting: dict[str, str]
) -> None:
    status, body = redeem(client, KEY, meeting["invite_code"].lower().replace("-", " "))
    assert status == 200
    assert body == {
        "meeting_id": meeting["id"],
        "advisor_name": "Aino Neuvoja",
        "starts_at": "2026-12-03T10:00:00+02:00",
        "language": "fi",
        "consent": None,
        "confirmed": False,
        "editable": True,
        "answer_retention_days": 30,
        "answers": {section: [] for section in SECTIONS},
    }
    again = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS)
    assert again.status_code == 200
    assert again.json() == body
    assert redeem(client, KEY, meeting["invite_code"]) == (200, body)  # the client comes back


def test_refusals_say_why(client: TestClient, meeting: dict[str, str], clock: Clock) -> None:
    assert redeem(client, KEY, "K7QM-4TXD-9RWB-E") == (404, {"detail": {"reason": "invalid"}})
    assert redeem(client, KEY, "not a code") == (404, {"detail": {"reason": "invalid"}})
    redeem(client, KEY, meeting["invite_code"])
    assert redeem(client, "someone-else", meeting["invite_code"]) == (
        404,
        {"detail": {"reason": "used"}},
    )
    clock.advance(timedelta(days=3, seconds=1))  # 2 days to the start + 24 h
    assert redeem(client, KEY, meeting["invite_code"]) == (404, {"detail": {"reason": "expired"}})


def test_five_wrong_codes_in_15_minutes_block_the_conversation(
    client: TestClient, meeting: dict[str, str], clock: Clock
) -> None:
    for _ in range(5):
        assert redeem(client, KEY, "K7QM-4TXD-9RWB-E")[0] == 404
        clock.advance(timedelta(minutes=2))
    # Even the right code: guessing must learn nothing more.
    assert redeem(client, KEY, meeting["invite_code"]) == (
        429,
        {"detail": {"reason": "rate_limited"}},
    )
    assert redeem(client, "another-key", meeting["invite_code"])[0] == 200
    clock.advance(timedelta(minutes=7))  # the first wrong code is now 15 min old
    assert redeem(client, KEY, "K7QM-4TXD-9RWB-E") == (404, {"detail": {"reason": "invalid"}})


@pytest.fixture
def per_channel_three(app: FastAPI, settings: ApiSettings) -> None:
    app.state.settings = settings.model_copy(update={"invite_max_failures_per_channel": 3})


def test_a_new_sender_id_does_not_start_the_count_of_wrong_codes_afresh(
    client: TestClient, meeting: dict[str, str], clock: Clock, per_channel_three: None
) -> None:
    for n in range(3):  # a guesser with a new conversation for every code
        assert redeem(client, f"guess-{n}", "K7QM-4TXD-9RWB-E")[0] == 404
    assert redeem(client, "guess-new", meeting["invite_code"]) == (
        429,
        {"detail": {"reason": "rate_limited"}},
    )
    # The other channel counts on its own; the window ends the block.
    assert redeem(client, "tg-someone", "K7QM-4TXD-9RWB-E")[0] == 404
    clock.advance(timedelta(minutes=15))
    assert redeem(client, "guess-new", meeting["invite_code"])[0] == 200


def test_an_expired_code_is_told_expired_and_a_guessed_one_invalid_never_a_500(
    client: TestClient, meeting: dict[str, str], clock: Clock
) -> None:
    guesses = ["", " ", "0" * 64, "<script>", "'; DROP TABLE meetings; --", "\x00\x01", "😀" * 9]
    for n, guess in enumerate(guesses):
        status, body = redeem(client, f"k-{n}", guess)
        assert status in (404, 422), (guess, body)
    clock.advance(timedelta(days=3, seconds=1))
    assert redeem(client, "late", meeting["invite_code"]) == (
        404,
        {"detail": {"reason": "expired"}},
    )


def test_without_a_redeemed_meeting_there_is_none(client: TestClient) -> None:
    reply = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS)
    assert (reply.status_code, reply.json()) == (404, {"detail": {"reason": "none"}})
    for method, path in [
        ("PUT", "/meeting/consent"),
        ("POST", "/meeting/answers"),
        ("POST", "/meeting/confirm"),
        ("DELETE", "/meeting/preparation"),
    ]:
        body: dict[str, object] | None = {"consent": True} if "consent" in path else None
        if path == "/meeting/answers" and method == "POST":
            body = {"section": "goals", "text": "x", "language": "fi"}
        reply = client.request(
            method, f"{conversation(KEY)}{path}", json=body, headers=SERVICE_HEADERS
        )
        assert (reply.status_code, reply.json()) == (404, {"detail": {"reason": "none"}})


def test_answers_need_consent(client: TestClient, meeting: dict[str, str]) -> None:
    redeem(client, KEY, meeting["invite_code"])
    assert answer(client, KEY, "goals", "Haluan töihin.") == (
        409,
        {"detail": {"reason": "no_consent"}},
    )
    consent(client, KEY, False)
    assert answer(client, KEY, "goals", "Haluan töihin.")[0] == 409


def test_answers_are_stored_redacted_and_the_raw_text_nowhere(
    client: TestClient,
    meeting: dict[str, str],
    redactor: FakeRedactor,
    db: Session,
    caplog: pytest.LogCaptureFixture,
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    assert consent(client, KEY, True)["consent"] is True
    caplog.set_level(logging.DEBUG)
    raw = "Soita minulle numeroon 0401234567, haluan puhua palkkatuesta."
    status, body = answer(client, KEY, "topics", raw)
    assert status == 201
    assert body["section"] == "topics"
    assert body["text"] == "Soita minulle numeroon <NUMBER>, haluan puhua palkkatuesta."
    assert redactor.calls == ["fi"]
    assert db.scalars(select(MeetingAnswer.text)).all() == [body["text"]]
    assert "0401234567" not in caplog.text

    view = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS).json()
    assert view["answers"]["topics"] == [{"text": body["text"], "at": body["at"]}]


def test_answers_append_or_replace_their_section(
    client: TestClient, meeting: dict[str, str]
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "goals", "Ensimmäinen tavoite")
    answer(client, KEY, "goals", "Toinen tavoite")
    answer(client, KEY, "concerns", "Huoli")
    answer(client, KEY, "goals", "Korjattu tavoite", replace=True)
    view = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS).json()
    assert [a["text"] for a in view["answers"]["goals"]] == ["Korjattu tavoite"]
    assert [a["text"] for a in view["answers"]["concerns"]] == ["Huoli"]


@pytest.mark.parametrize(
    "body",
    [
        {"section": "wishes", "text": "x", "language": "fi"},
        {"section": "goals", "text": "", "language": "fi"},
        {"section": "goals", "text": "   ", "language": "fi"},
        {"section": "goals", "text": "x" * 2001, "language": "fi"},
        {"section": "goals", "text": "x", "language": "de"},
    ],
)
def test_invalid_answers_are_422(
    client: TestClient, meeting: dict[str, str], body: dict[str, str]
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    reply = client.post(f"{conversation(KEY)}/meeting/answers", json=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 422


def test_withdrawing_consent_deletes_the_answers(
    client: TestClient, meeting: dict[str, str], db: Session
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "goals", "Tavoite")
    view = consent(client, KEY, False)
    assert view["consent"] is False
    assert view["answers"] == {section: [] for section in SECTIONS}
    assert db.scalars(select(MeetingAnswer)).all() == []


def test_the_client_deletes_the_preparation_in_one_call(
    client: TestClient, meeting: dict[str, str], db: Session, clock: Clock
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "goals", "Tavoite")
    answer(client, KEY, "questions", "Kysymys")
    clock.advance(timedelta(minutes=3))
    reply = client.delete(f"{conversation(KEY)}/meeting/preparation", headers=SERVICE_HEADERS)
    assert reply.status_code == 200
    body = reply.json()
    assert (body["consent"], body["answers"]) == (False, {section: [] for section in SECTIONS})
    assert db.scalars(select(MeetingAnswer)).all() == []
    row = db.get(Meeting, meeting["id"])
    assert row is not None
    db.refresh(row)
    assert row.consent is False and row.last_client_change_at == clock.now()
    assert answer(client, KEY, "goals", "Uusi") == (409, {"detail": {"reason": "no_consent"}})


def test_deleting_the_preparation_is_allowed_after_the_meeting_too(
    client: TestClient, meeting: dict[str, str], clock: Clock
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "goals", "Tavoite")
    clock.advance(timedelta(days=2, hours=1))  # the meeting has started; the invite is valid
    reply = client.delete(f"{conversation(KEY)}/meeting/preparation", headers=SERVICE_HEADERS)
    assert reply.status_code == 200
    assert reply.json()["answers"]["goals"] == []


def test_the_old_two_call_delete_is_gone(client: TestClient, meeting: dict[str, str]) -> None:
    redeem(client, KEY, meeting["invite_code"])
    reply = client.delete(f"{conversation(KEY)}/meeting/answers", headers=SERVICE_HEADERS)
    assert reply.status_code == 405


def test_the_meeting_tells_the_retention_the_settings_enforce(
    client: TestClient, meeting: dict[str, str], settings: ApiSettings
) -> None:
    settings.answer_retention = timedelta(days=45)
    assert redeem(client, KEY, meeting["invite_code"])[1]["answer_retention_days"] == 45


def test_confirming_leaves_the_meeting_editable_until_it_starts(
    client: TestClient, meeting: dict[str, str], clock: Clock
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    reply = client.post(f"{conversation(KEY)}/meeting/confirm", headers=SERVICE_HEADERS)
    assert reply.status_code == 200
    assert (reply.json()["confirmed"], reply.json()["editable"]) == (True, True)
    assert answer(client, KEY, "goals", "Vielä yksi asia")[0] == 201

    clock.advance(timedelta(days=2))  # the meeting starts
    view = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS).json()
    assert view["editable"] is False
    assert answer(client, KEY, "goals", "Liian myöhään") == (409, {"detail": {"reason": "closed"}})


def test_confirming_with_consent_passes_the_proposals_on_anonymously(
    client: TestClient, meeting: dict[str, str], clock: Clock, db: Session
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "proposals", "Iltakursseja 3 kertaa viikossa")
    answer(client, KEY, "concerns", "Pelkään haastattelua")  # not a proposal
    confirm = f"{conversation(KEY)}/meeting/confirm"
    assert client.post(confirm, headers=SERVICE_HEADERS).status_code == 200
    clock.advance(timedelta(minutes=5))
    answer(client, KEY, "proposals", "Verkkopalvelu ruotsiksi")
    clock.advance(timedelta(minutes=5))
    assert client.post(confirm, headers=SERVICE_HEADERS).status_code == 200
    assert client.post(confirm, headers=SERVICE_HEADERS).status_code == 200

    rows = db.scalars(select(Proposal).order_by(Proposal.id)).all()
    assert [(p.text, p.theme, p.source, p.channel, p.language) for p in rows] == [
        ("Iltakursseja <NUMBER> kertaa viikossa", "training", "meeting_preparation", "web", "fi"),
        ("Verkkopalvelu ruotsiksi", "digital_services", "meeting_preparation", "web", "fi"),
    ]


def test_confirming_without_consent_passes_nothing_on(
    client: TestClient, meeting: dict[str, str], db: Session
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, False)
    assert client.post(f"{conversation(KEY)}/meeting/confirm", headers=SERVICE_HEADERS).is_success
    assert db.scalars(select(Proposal)).all() == []


def test_a_meeting_marked_held_is_closed(
    client: TestClient, meeting: dict[str, str], make_user: MakeUser
) -> None:
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    csrf = login(client, "advisor@example.org")
    client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf)
    assert answer(client, KEY, "goals", "x") == (409, {"detail": {"reason": "closed"}})


def test_the_latest_redeemed_valid_meeting_is_the_conversations(
    client: TestClient, meeting: dict[str, str], clock: Clock
) -> None:
    csrf = login(client, "advisor@example.org")
    second = create_meeting(client, csrf, ref="toinen")
    redeem(client, KEY, meeting["invite_code"])
    clock.advance(timedelta(minutes=1))
    redeem(client, KEY, second["invite_code"])
    view = client.get(f"{conversation(KEY)}/meeting", headers=SERVICE_HEADERS).json()
    assert view["meeting_id"] == second["id"]


def test_faq_topics_are_recorded(client: TestClient) -> None:
    reply = client.post(
        f"{conversation(KEY)}/faq-topics", json={"topic": "alpha"}, headers=SERVICE_HEADERS
    )
    assert reply.status_code == 204
    bad = client.post(
        f"{conversation(KEY)}/faq-topics", json={"topic": "DROP TABLE"}, headers=SERVICE_HEADERS
    )
    assert bad.status_code == 422


def test_every_client_endpoint_needs_the_service_token(
    client: TestClient, meeting: dict[str, str]
) -> None:
    login(client, "advisor@example.org")  # a staff cookie is no service token
    base = conversation(KEY)
    for method, path in [
        ("POST", "/meeting"),
        ("GET", "/meeting"),
        ("PUT", "/meeting/consent"),
        ("POST", "/meeting/answers"),
        ("DELETE", "/meeting/preparation"),
        ("POST", "/meeting/confirm"),
        ("POST", "/faq-topics"),
    ]:
        assert client.request(method, base + path).status_code == 401
        wrong = {"Authorization": "Bearer guessed"}
        assert client.request(method, base + path, headers=wrong).status_code == 401
