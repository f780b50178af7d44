"""Pilots: invitations to the members with a matching interest, through the outbox (pushed
for this chat, queued and marked for e-mail), read and answered in the member's own
conversation until the answer-by day is over."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, OutboxMessage, Pilot, PilotInvitation, User
from api.schemas.panel import PilotCreate
from api.services.errors import Refusal
from api.services.panel import pilots
from tests.api.conftest import START, MakeUser
from tests.api.services.panel.conftest import Join

TG = "tg-aaaa"
TG_EMAIL = "tg-bbbb"
WEB = "web-cccc"
TG_OTHER = "tg-dddd"


def pilot_body(interests: list[str], answer_by: str = "2026-12-20") -> PilotCreate:
    return PilotCreate.model_validate(
        {
            "title": {"fi": "Verkkoasioinnin kokeilu", "sv": "Försök", "en": "Online pilot"},
            "text": {"fi": "Testaa uutta palvelua.", "sv": "Testa.", "en": "Test a service."},
            "answer_by": answer_by,
            "interests": interests,
        }
    )


@pytest.fixture
def admin(make_user: MakeUser) -> User:
    return make_user("admin")


@pytest.fixture
def members(join: Join) -> None:
    join(TG, ["digital_services", "training"])
    join(TG_EMAIL, ["digital_services"], email="minna@example.fi", language="sv")
    join(WEB, ["digital_services"], language="en")
    join(TG_OTHER, ["wellbeing_work_ability"])


@pytest.mark.usefixtures("members")
def test_members_with_a_matching_interest_are_invited_through_the_outbox(
    db: Session, admin: User
) -> None:
    created = pilots.create(db, pilot_body(["digital_services", "job_search"]), admin, now=START)
    assert created.invited == 3 and created.queued_for_email == 2
    assert created.answers.unanswered == 3
    assert created.interests == ["digital_services", "job_search"]

    messages = {m.conversation_key: m for m in db.scalars(select(OutboxMessage))}
    assert set(messages) == {TG, TG_EMAIL, WEB}  # not the member interested in wellbeing only
    assert {m.purpose for m in messages.values()} == {"pilot_invitation"}
    assert messages[TG].deliver_by is None
    assert messages[TG_EMAIL].deliver_by == "email" and messages[WEB].deliver_by == "email"
    invitations = {i.id for i in db.scalars(select(PilotInvitation))}
    assert {m.pilot_invitation_id for m in messages.values()} == invitations
    # The text, in the member's language, is what e-mail would send.
    assert messages[TG_EMAIL].text == "Försök\n\nTesta.\n\nSvara senast 20.12.2026."
    assert messages[WEB].text.endswith("Please answer by 20 December 2026.")
    assert messages[TG].text.endswith("Vastaathan viimeistään 20.12.2026.")


def test_a_pilot_nobody_matches_invites_nobody(db: Session, admin: User) -> None:
    created = pilots.create(db, pilot_body(["other"]), admin, now=START)
    assert created.invited == 0
    assert db.scalars(select(OutboxMessage)).all() == []
    assert len(db.scalars(select(Pilot)).all()) == 1


def invitation_of(db: Session, key: str) -> str:
    query = select(OutboxMessage.pilot_invitation_id).where(OutboxMessage.conversation_key == key)
    found = db.scalar(query)
    assert found is not None
    return found


@pytest.mark.usefixtures("members")
def test_the_member_reads_and_answers_in_their_own_conversation(db: Session, admin: User) -> None:
    pilots.create(db, pilot_body(["digital_services"]), admin, now=START)
    invitation_id = invitation_of(db, TG)

    shown = pilots.invitation_for(db, TG, invitation_id, "sv", now=START)
    assert (shown.title, shown.text, shown.answer_by) == ("Försök", "Testa.", date(2026, 12, 20))
    assert shown.answer is None and shown.open

    answered = pilots.answer(db, TG, invitation_id, "yes", "fi", now=START)
    assert answered.answer == "yes"
    changed = pilots.answer(db, TG, invitation_id, "no", "fi", now=START + timedelta(days=1))
    assert changed.answer == "no"
    [out] = pilots.listing(db)
    assert (out.answers.yes, out.answers.no, out.answers.unanswered) == (0, 1, 2)


@pytest.mark.usefixtures("members")
def test_another_conversation_cannot_read_or_answer_it(db: Session, admin: User) -> None:
    pilots.create(db, pilot_body(["digital_services"]), admin, now=START)
    invitation_id = invitation_of(db, TG)
    for key in (TG_OTHER, "tg-not-a-member"):
        with pytest.raises(Refusal) as refused:
            pilots.invitation_for(db, key, invitation_id, "fi", now=START)
        assert refused.value.reason == "no_invitation"
        with pytest.raises(Refusal):
            pilots.answer(db, key, invitation_id, "yes", "fi", now=START)
    with pytest.raises(Refusal):
        pilots.invitation_for(db, TG, "no-such-invitation", "fi", now=START)


@pytest.mark.usefixtures("members")
def test_after_the_answer_by_day_it_is_closed(db: Session, admin: User) -> None:
    pilots.create(db, pilot_body(["digital_services"], answer_by="2026-12-02"), admin, now=START)
    invitation_id = invitation_of(db, TG)
    # 2.12. ends at midnight in Finland (22.00 UTC).
    last_moment = START.replace(day=2, hour=21, minute=59)
    assert pilots.answer(db, TG, invitation_id, "yes", "fi", now=last_moment).answer == "yes"
    too_late = START.replace(day=2, hour=22, minute=0)
    assert not pilots.invitation_for(db, TG, invitation_id, "fi", now=too_late).open
    with pytest.raises(Refusal) as refused:
        pilots.answer(db, TG, invitation_id, "no", "fi", now=too_late)
    assert refused.value.reason == "answer_by_passed"


@pytest.mark.usefixtures("members")
def test_the_detail_lists_each_invited_member_and_is_audited(db: Session, admin: User) -> None:
    created = pilots.create(db, pilot_body(["digital_services"]), admin, now=START)
    pilots.answer(db, TG, invitation_of(db, TG), "yes", "fi", now=START)
    detail = pilots.detail(db, created.id, admin, now=START)
    assert detail is not None
    assert sorted((i.contact_channel, i.answer) for i in detail.invitations) == [
        ("email", None),
        ("email", None),
        ("telegram", "yes"),
    ]
    assert [e.action for e in db.scalars(select(AuditEntry))] == ["pilot_read"]
    assert pilots.detail(db, 999, admin, now=START) is None
