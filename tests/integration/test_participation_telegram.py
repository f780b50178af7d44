"""The participation loop through the Telegram bridge (`python -m bot` against the fake Bot
API) with the real Rasa server, action server and API: the pulse survey pushed after the
advisor marks a meeting held, answered in taps; the developer-client panel joined with this
chat as the contact, a pilot invitation pushed and answered, and the panel left."""

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from tests.bot.fake_telegram import FakeTelegram
from tests.support.stack import Stack
from tests.support.staff import create_user, login, new_meeting
from tests.support.telegram import press, running_bridge, wait_for_text

pytestmark = pytest.mark.integration

SURVEYED, MEMBER = 7101, 7102


@pytest.fixture(scope="module")
def telegram(stack: Stack) -> Iterator[FakeTelegram]:
    with running_bridge(stack) as fake:
        yield fake


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "tg-pulse-advisor@example.test", "advisor", "Taru Tapaaja")
    client = login(stack, "tg-pulse-advisor@example.test")
    yield client
    client.close()


@pytest.fixture(scope="module")
def admin(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "tg-panel-admin@example.test", "admin", "Paavo Paneeli")
    client = login(stack, "tg-panel-admin@example.test")
    yield client
    client.close()


def test_the_survey_is_pushed_after_the_meeting_is_held_and_answered_in_taps(
    stack: Stack, telegram: FakeTelegram, advisor: httpx.Client
) -> None:
    meeting = new_meeting(advisor, "fi", kind="initial_interview")
    telegram.send_text(SURVEYED, f"/start {meeting['invite_code'].replace('-', '')}")
    wait_for_text(telegram, SURVEYED, "Saanko tallentaa")
    press(telegram, SURVEYED, "Ei")  # no preparation this time
    wait_for_text(telegram, SURVEYED, "en tallenna mitään")
    before = len(stack.rows("SELECT id FROM pulse_answers"))

    held = advisor.post(f"/api/v1/meetings/{meeting['id']}/complete")
    assert held.status_code == 200, held.text
    # Pushed through the outbox by the bridge, without the client writing anything.
    wait_for_text(telegram, SURVEYED, "merkinnyt tapaamisenne pidetyksi", timeout=60)
    wait_for_text(telegram, SURVEYED, "Saitko hoidettua sen, mitä varten tulit?")
    press(telegram, SURVEYED, "Kyllä")
    wait_for_text(telegram, SURVEYED, "Kuinka hyvin asiointi toimi sinulle?")
    press(telegram, SURVEYED, "4 – hyvin")
    wait_for_text(telegram, SURVEYED, "Voit lopettaa tähän")
    press(telegram, SURVEYED, "Henkilöstö")
    wait_for_text(telegram, SURVEYED, "Valittu: Henkilöstö")
    press(telegram, SURVEYED, "Valmis")
    wait_for_text(telegram, SURVEYED, "Mitä pitäisi parantaa?")
    press(telegram, SURVEYED, "Ohita")
    wait_for_text(telegram, SURVEYED, "Kiitos vastauksestasi!")

    [row] = stack.rows("SELECT * FROM pulse_answers")[before:]
    assert (row["step"], row["channel"], row["language"], row["offer_kind"]) == (
        "initial_interview",
        "telegram",
        "fi",
        "after_meeting",
    )
    assert (row["outcome"], row["rating"], row["to_improve"]) == ("yes", 4, 0)
    assert row["went_well"] != 0


def test_join_the_panel_in_this_chat_answer_a_pilot_invitation_and_leave(
    stack: Stack, telegram: FakeTelegram, admin: httpx.Client
) -> None:
    telegram.send_text(MEMBER, "I want to take part in developing the services", "en")
    wait_for_text(telegram, MEMBER, "May I store your details")
    press(telegram, MEMBER, "Yes, I'll join")
    wait_for_text(telegram, MEMBER, "What are you interested in?")
    press(telegram, MEMBER, "Services for immigrants")
    wait_for_text(telegram, MEMBER, "Picked so far: Services for immigrants")
    press(telegram, MEMBER, "Done")
    wait_for_text(telegram, MEMBER, "In which languages can you take part?")
    press(telegram, MEMBER, "English")
    wait_for_text(telegram, MEMBER, "Picked so far: English")
    press(telegram, MEMBER, "Done")
    wait_for_text(telegram, MEMBER, "How would you like to get invitations to pilots?")
    press(telegram, MEMBER, "In this Telegram chat")
    wait_for_text(telegram, MEMBER, "You are now a developer client")
    members = admin.get("/api/v1/panel").json()["members"]
    mine = [m for m in members if m["interests"] == ["immigrant_services"]]
    assert [(m["contact_channel"], m["email"]) for m in mine] == [("telegram", None)]

    pilot = {
        "title": {"fi": "Uusi kotoutumispalvelu", "sv": "Ny integrationstjänst",
                  "en": "A new integration service"},
        "text": {"fi": "Kokeilemme uutta palvelua.", "sv": "Vi prövar en ny tjänst.",
                 "en": "We are trying out a new service: would you help plan it?"},
        "answer_by": date(2027, 1, 31).isoformat(),
        "interests": ["immigrant_services"],
    }  # fmt: skip
    created = admin.post("/api/v1/panel/pilots", json=pilot)
    assert created.status_code == 201, created.text
    assert created.json()["invited"] >= 1
    # The invitation, in the member's language, pushed through the outbox and the bridge.
    invitation = wait_for_text(telegram, MEMBER, "Invitation to a pilot: A new integration")
    assert "would you help plan it?" in invitation
    press(telegram, MEMBER, "Yes, I'll take part")
    wait_for_text(telegram, MEMBER, "I have noted that you would like to take part")
    detail = admin.get(f"/api/v1/panel/pilots/{created.json()['id']}").json()
    assert [i["answer"] for i in detail["invitations"]] == ["yes"]

    telegram.send_text(MEMBER, "leave the panel", "en")
    wait_for_text(telegram, MEMBER, "You have left the developer-client panel")
    members = admin.get("/api/v1/panel").json()["members"]
    assert not [m for m in members if m["interests"] == ["immigrant_services"]]
