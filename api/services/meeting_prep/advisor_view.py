"""How the advisor sees a meeting: its state and the invite links to hand to the client."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlalchemy.orm import Session

from api.core.clock import in_finland
from api.core.settings import ApiSettings
from api.orm import Meeting
from api.repositories import meetings
from api.schemas.meetings import MeetingCreate, MeetingOut
from api.services.meeting_prep import invite_codes
from api.services.pulse import invitations
from vocabulary.service_steps import DEFAULT_MEETING_KIND, MEETING_KINDS, MeetingKind

CODE_TRIES = 3  # 65 random bits: a clash is next to impossible, but the unique index decides


@dataclass(frozen=True)
class InviteLinks:
    code: str  # grouped for reading aloud
    web_link: str
    telegram_link: str


def invite_links(meeting: Meeting, settings: ApiSettings) -> InviteLinks:
    code = meeting.invite_code
    return InviteLinks(
        code=invite_codes.display(code),
        web_link=f"{settings.public_base_url.rstrip('/')}/?code={quote(code)}",
        telegram_link=f"https://t.me/{settings.telegram_bot_username}?start={quote(code)}",
    )


def is_prepared(meeting: Meeting, has_answers: bool) -> bool:
    return (meeting.consent is True and has_answers) or meeting.confirmed_at is not None


def kind_of(meeting: Meeting) -> MeetingKind:
    for kind in MEETING_KINDS:
        if meeting.kind == kind:
            return kind
    return DEFAULT_MEETING_KIND


def meeting_out(meeting: Meeting, has_answers: bool) -> MeetingOut:
    return MeetingOut(
        id=meeting.id,
        client_ref=meeting.client_ref,
        starts_at=in_finland(meeting.starts_at),
        language=meeting.language,
        kind=kind_of(meeting),
        invite_code=invite_codes.display(meeting.invite_code),
        invite_expires_at=meeting.invite_expires_at,
        prepared=is_prepared(meeting, has_answers),
        confirmed=meeting.confirmed_at is not None,
        completed=meeting.completed_at is not None,
    )


def schedule(
    session: Session, advisor_id: int, body: MeetingCreate, settings: ApiSettings, *, now: datetime
) -> Meeting:
    """A new meeting and its invite code, valid until a while after the meeting's start."""
    for attempt in range(CODE_TRIES):
        try:
            return meetings.create(
                session,
                advisor_id=advisor_id,
                client_ref=body.client_ref,
                starts_at=body.starts_at,
                language=body.language,
                invite_code=invite_codes.new_code(),
                invite_expires_at=body.starts_at + settings.invite_valid_after_meeting,
                kind=body.kind,
                now=now,
            )
        except meetings.DuplicateInviteCodeError:
            if attempt == CODE_TRIES - 1:
                raise
    raise AssertionError("unreachable")


def mark_held(session: Session, meeting: Meeting, *, now: datetime) -> Meeting:
    """The advisor marks the meeting held: the client can no longer change what they prepared,
    and, if they opened the invitation in a chat, the pulse survey about the meeting waits for
    them (pushed at once on Telegram). Once: marking it again changes nothing."""
    if meeting.completed_at is not None:
        return meeting
    if meeting.conversation_key is not None:
        invitations.stage_after_meeting(session, meeting.conversation_key, meeting.kind, now=now)
    return meetings.complete(session, meeting, now=now)  # commits the invitation with it
