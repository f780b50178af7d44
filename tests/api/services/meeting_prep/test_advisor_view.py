"""Scheduling a meeting: a new invite code until one is free, and the links to hand out."""

import pytest
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.repositories import meetings
from api.schemas.meetings import MeetingCreate
from api.services.meeting_prep import advisor_view, invite_codes
from tests.api.conftest import START, MakeUser

BODY = MeetingCreate(client_ref="asiakas-1", starts_at=START, language="fi")


def codes(monkeypatch: pytest.MonkeyPatch, *drawn: str) -> None:
    queue = list(drawn)
    monkeypatch.setattr(invite_codes, "new_code", lambda: queue.pop(0))


def test_a_taken_code_is_drawn_again(
    db: Session, make_user: MakeUser, settings: ApiSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = make_user("advisor")
    codes(monkeypatch, "AAAAAAAAAAAAA", "AAAAAAAAAAAAA", "BBBBBBBBBBBBB")
    first = advisor_view.schedule(db, advisor.id, BODY, settings, now=START)
    second = advisor_view.schedule(db, advisor.id, BODY, settings, now=START)
    assert (first.invite_code, second.invite_code) == ("AAAAAAAAAAAAA", "BBBBBBBBBBBBB")
    assert second.invite_expires_at == START + settings.invite_valid_after_meeting


def test_after_three_clashes_it_gives_up(
    db: Session, make_user: MakeUser, settings: ApiSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = make_user("advisor")
    codes(monkeypatch, *["AAAAAAAAAAAAA"] * 4)
    advisor_view.schedule(db, advisor.id, BODY, settings, now=START)
    with pytest.raises(meetings.DuplicateInviteCodeError):
        advisor_view.schedule(db, advisor.id, BODY, settings, now=START)


def test_the_links_carry_the_code_without_dashes(
    db: Session, make_user: MakeUser, settings: ApiSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes(monkeypatch, "K7QM4TXD9RWBE")
    meeting = advisor_view.schedule(db, make_user("advisor").id, BODY, settings, now=START)
    links = advisor_view.invite_links(meeting, settings)
    assert links.code == "K7QM-4TXD-9RWB-E"
    assert links.web_link == "http://127.0.0.1:8000/?code=K7QM4TXD9RWBE"
    assert links.telegram_link == "https://t.me/kohtaamo_bot?start=K7QM4TXD9RWBE"
