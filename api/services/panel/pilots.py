"""Pilots and the members' invitations: an admin creates a pilot (three languages, the day to
answer by, the interests it is for); every member with one of those interests gets an
invitation, queued in the outbox with purpose "pilot_invitation". A member who chose "this
chat" gets it pushed (the Telegram bridge opens the invitation in the chat); one who chose
e-mail has it queued with `deliver_by="email"`, which nothing delivers yet. The member reads
and answers it in their own conversation only.
"""

import uuid
from datetime import datetime

from babel.dates import format_date
from sqlalchemy.orm import Session

from api.core.clock import today_in_finland
from api.orm import Pilot, PilotInvitation, User
from api.repositories import audit_log, outbox, panel_members, pilot_invitations, pilots
from api.schemas.panel import (
    AnswerCounts,
    PilotCreate,
    PilotDetail,
    PilotInvitationOut,
    PilotInvitee,
    PilotOut,
    Texts,
    Titles,
)
from api.services.errors import Refusal
from api.services.panel.masks import from_mask, to_mask
from vocabulary.languages import LOCALES, Language, as_language
from vocabulary.participation import THEMES, ContactChannel, PilotAnswer

# The last line of an invitation's text in the outbox (what e-mail would send); {day} by Babel.
ANSWER_BY: dict[Language, str] = {
    "fi": "Vastaathan viimeistään {day}.",
    "sv": "Svara senast {day}.",
    "en": "Please answer by {day}.",
}
DAY: dict[Language, str] = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMMM yyyy"}


def title_of(pilot: Pilot, language: Language) -> str:
    return {"fi": pilot.title_fi, "sv": pilot.title_sv, "en": pilot.title_en}[language]


def text_of(pilot: Pilot, language: Language) -> str:
    return {"fi": pilot.text_fi, "sv": pilot.text_sv, "en": pilot.text_en}[language]


def invitation_text(pilot: Pilot, language: str) -> str:
    """The invitation as one text in the member's language: title, text, answer-by day."""
    chosen = as_language(language)
    day = format_date(pilot.answer_by, DAY[chosen], locale=LOCALES[chosen])
    answer_by = ANSWER_BY[chosen].format(day=day)
    return f"{title_of(pilot, chosen)}\n\n{text_of(pilot, chosen)}\n\n{answer_by}"


def create(session: Session, body: PilotCreate, admin: User, *, now: datetime) -> PilotOut:
    """The pilot and, in the same transaction, the invitations and their outbox messages."""
    pilot = Pilot(
        title_fi=body.title.fi,
        title_sv=body.title.sv,
        title_en=body.title.en,
        text_fi=body.text.fi,
        text_sv=body.text.sv,
        text_en=body.text.en,
        interests=to_mask(body.interests, THEMES),
        answer_by=body.answer_by,
        created_by=admin.id,
        created_at=now,
    )
    pilots.add(session, pilot)
    for member in panel_members.with_any_interest(session, pilot.interests):
        invitation = PilotInvitation(
            id=str(uuid.uuid4()), pilot_id=pilot.id, member_id=member.id, created_at=now
        )
        pilot_invitations.add(session, invitation)
        outbox.add_pilot_invitation(
            session,
            member.conversation_key,
            invitation_text(pilot, member.language),
            pilot_invitation_id=invitation.id,
            by_email=member.contact_channel == "email",
            now=now,
        )
    session.commit()
    [out] = listing(session, [pilot])
    return out


def listing(session: Session, chosen: list[Pilot] | None = None) -> list[PilotOut]:
    """The pilots (all, the newest first, unless chosen) with their invitations' answers."""
    rows = pilots.every(session) if chosen is None else chosen
    ids = [pilot.id for pilot in rows]
    counts = pilot_invitations.answer_counts(session, ids)
    queued = pilot_invitations.waiting_for_email(session, ids)
    return [_out(pilot, counts.get(pilot.id, {}), queued.get(pilot.id, 0)) for pilot in rows]


def _out(pilot: Pilot, counts: dict[str | None, int], queued_for_email: int) -> PilotOut:
    return PilotOut(
        id=pilot.id,
        title=Titles(fi=pilot.title_fi, sv=pilot.title_sv, en=pilot.title_en),
        text=Texts(fi=pilot.text_fi, sv=pilot.text_sv, en=pilot.text_en),
        answer_by=pilot.answer_by,
        interests=from_mask(pilot.interests, THEMES),
        created_at=pilot.created_at,
        invited=sum(counts.values()),
        queued_for_email=queued_for_email,
        answers=AnswerCounts(
            yes=counts.get("yes", 0), no=counts.get("no", 0), unanswered=counts.get(None, 0)
        ),
    )


def detail(session: Session, pilot_id: int, admin: User, *, now: datetime) -> PilotDetail | None:
    """One pilot with each invited member's answer (by member id); the read is audited."""
    pilot = pilots.get(session, pilot_id)
    if pilot is None:
        return None
    audit_log.record(session, user_id=admin.id, action="pilot_read", meeting_id=None, now=now)
    [out] = listing(session, [pilot])
    contacts = {member.id: member.contact_channel for member in panel_members.every(session)}
    invitees = [
        PilotInvitee(
            member_id=invitation.member_id,
            contact_channel=_contact(contacts.get(invitation.member_id)),
            answer=_answer(invitation.answer),
            answered_at=invitation.answered_at,
        )
        for invitation in pilot_invitations.for_pilot(session, pilot.id)
    ]
    return PilotDetail(**out.model_dump(), invitations=invitees)


def _contact(value: str | None) -> ContactChannel:
    return "email" if value == "email" else "telegram"


def _answer(value: str | None) -> PilotAnswer | None:
    return "yes" if value == "yes" else "no" if value == "no" else None


def _members_invitation(
    session: Session, conversation_key: str, invitation_id: str
) -> PilotInvitation:
    """The invitation, if it is for the member of this conversation (else `no_invitation`:
    whether it exists for someone else is not told)."""
    member = panel_members.by_conversation(session, conversation_key)
    invitation = pilot_invitations.get(session, invitation_id)
    if member is None or invitation is None or invitation.member_id != member.id:
        raise Refusal("no_invitation")
    return invitation


def _invitation_out(
    invitation: PilotInvitation, pilot: Pilot, language: Language, *, now: datetime
) -> PilotInvitationOut:
    return PilotInvitationOut(
        invitation_id=invitation.id,
        title=title_of(pilot, language),
        text=text_of(pilot, language),
        answer_by=pilot.answer_by,
        answer=_answer(invitation.answer),
        open=today_in_finland(now) <= pilot.answer_by,
    )


def invitation_for(
    session: Session,
    conversation_key: str,
    invitation_id: str,
    language: Language,
    *,
    now: datetime,
) -> PilotInvitationOut:
    invitation = _members_invitation(session, conversation_key, invitation_id)
    pilot = pilots.get(session, invitation.pilot_id)
    assert pilot is not None  # noqa: S101 - the foreign key holds it
    return _invitation_out(invitation, pilot, language, now=now)


def answer(
    session: Session,
    conversation_key: str,
    invitation_id: str,
    given: PilotAnswer,
    language: Language,
    *,
    now: datetime,
) -> PilotInvitationOut:
    """Records (or changes) the member's yes or no until the answer-by day is over; then
    refused `answer_by_passed`."""
    invitation = _members_invitation(session, conversation_key, invitation_id)
    pilot = pilots.get(session, invitation.pilot_id)
    assert pilot is not None  # noqa: S101 - the foreign key holds it
    if today_in_finland(now) > pilot.answer_by:
        raise Refusal("answer_by_passed")
    invitation.answer = given
    invitation.answered_at = now
    session.commit()
    return _invitation_out(invitation, pilot, language, now=now)
