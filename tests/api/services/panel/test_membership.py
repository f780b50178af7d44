"""Joining and leaving the panel: the consent version shown, the contact the channel allows,
the e-mail typed in a sentence, and leaving that deletes everything but the day."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import OutboxMessage, PanelMember, PanelWithdrawal, PilotInvitation, User
from api.schemas.panel import PanelJoin, PilotCreate
from api.services.errors import Refusal
from api.services.panel import membership, pilots
from tests.api.conftest import START, MakeUser
from tests.api.services.panel.conftest import Join

TG = "tg-0123456789abcdef"
WEB = "9f1c0c7e-web-client"


def body(settings: ApiSettings, **changes: object) -> PanelJoin:
    fields: dict[str, object] = {
        "consent_version": settings.panel_consent_version,
        "interests": ["training", "job_search"],
        "languages": ["fi", "en"],
        "contact_channel": "telegram",
        "email": None,
        "language": "fi",
        **changes,
    }
    return PanelJoin.model_validate(fields)


def test_a_telegram_client_may_be_contacted_in_the_chat_a_web_client_by_email_only() -> None:
    assert membership.contact_channels(TG) == ["telegram", "email"]
    assert membership.contact_channels(WEB) == ["email"]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("matti.meikalainen@example.fi", "matti.meikalainen@example.fi"),
        ("  se on Matti+paneeli@Example.FI.  ", "Matti+paneeli@Example.FI"),
        ("min adress är åsa@exempel.se, tack", "åsa@exempel.se"),
        ("en halua antaa", None),
        ("a@b.fi ja c@d.fi", None),
        ("matti@localhost", None),
    ],
)
def test_the_one_address_in_what_the_client_typed(typed: str, found: str | None) -> None:
    assert membership.find_email(typed) == found


def test_joining_stores_the_version_shown_and_the_choices(
    db: Session, settings: ApiSettings
) -> None:
    status = membership.join(db, TG, body(settings), settings, now=START)
    assert status.member and status.contact_channel == "telegram"
    assert status.interests == ["training", "job_search"]  # the vocabulary's order
    assert status.languages == ["fi", "en"]
    assert status.joined_on == START.date()
    [member] = db.scalars(select(PanelMember)).all()
    assert member.consent_version == settings.panel_consent_version
    assert member.conversation_key == TG and member.email is None


def test_joining_again_changes_the_choices_but_not_the_day_joined(
    db: Session, settings: ApiSettings
) -> None:
    membership.join(db, TG, body(settings), settings, now=START)
    later = START + timedelta(days=3)
    email = body(settings, contact_channel="email", email="minä@example.fi", interests=["other"])
    status = membership.join(db, TG, email, settings, now=later)
    assert status.interests == ["other"] and status.contact_channel == "email"
    assert status.joined_on == START.date()
    assert db.scalars(select(PanelMember.email)).all() == ["minä@example.fi"]
    # Back to this chat: the address is forgotten.
    membership.join(db, TG, body(settings), settings, now=later)
    assert db.scalars(select(PanelMember.email)).all() == [None]


@pytest.mark.parametrize(
    ("key", "changes", "reason"),
    [
        (TG, {"consent_version": "0"}, "consent_outdated"),
        (WEB, {"contact_channel": "telegram"}, "contact_unavailable"),
        (WEB, {"contact_channel": "email", "email": "ei osoitetta"}, "invalid_email"),
        (WEB, {"contact_channel": "email", "email": None}, "invalid_email"),
    ],
)
def test_refusals(
    db: Session, settings: ApiSettings, key: str, changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(Refusal) as refused:
        membership.join(db, key, body(settings, **changes), settings, now=START)
    assert refused.value.reason == reason
    assert db.scalars(select(PanelMember)).all() == []


def test_the_status_of_a_stranger(db: Session, settings: ApiSettings) -> None:
    status = membership.status(db, WEB, settings)
    assert not status.member and status.contact_channels == ["email"]
    assert status.consent_version == settings.panel_consent_version
    assert status.interests == [] and status.contact_channel is None


def test_leaving_deletes_the_member_contact_invitations_and_queued_messages(
    db: Session, settings: ApiSettings, join: Join, make_user: MakeUser
) -> None:
    join(WEB, ["training"], email="matti@example.fi")
    join(TG, ["training"])
    admin: User = make_user("admin")
    pilot = PilotCreate.model_validate(
        {
            "title": {"fi": "Kokeilu", "sv": "Försök", "en": "Pilot"},
            "text": {"fi": "Teksti", "sv": "Text", "en": "Text"},
            "answer_by": "2026-12-20",
            "interests": ["training"],
        }
    )
    pilots.create(db, pilot, admin, now=START)
    assert len(db.scalars(select(OutboxMessage)).all()) == 2

    membership.leave(db, WEB, now=START + timedelta(days=1))

    [left] = db.scalars(select(PanelMember)).all()
    assert left.conversation_key == TG
    assert [o.conversation_key for o in db.scalars(select(OutboxMessage))] == [TG]
    assert len(db.scalars(select(PilotInvitation)).all()) == 1
    left_over = db.execute(select(OutboxMessage.text, OutboxMessage.conversation_key)).all()
    assert "matti@example.fi" not in str(left_over)
    [withdrawal] = db.scalars(select(PanelWithdrawal)).all()
    assert withdrawal.withdrawn_on == (START + timedelta(days=1)).date()


def test_leaving_when_not_a_member_is_refused(db: Session) -> None:
    with pytest.raises(Refusal) as refused:
        membership.leave(db, WEB, now=START)
    assert refused.value.reason == "not_member"
    assert db.scalars(select(PanelWithdrawal)).all() == []
