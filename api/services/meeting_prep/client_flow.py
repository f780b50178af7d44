"""The client's side of a meeting, as the action server drives it from the chat.

Every refusal is a `Refusal` with the reason the contract names (see `api.services.errors`).
"""

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.core.clock import in_finland
from api.core.settings import ApiSettings
from api.orm import Meeting, MeetingAnswer, User
from api.repositories import idempotency_keys, invite_attempts, meeting_answers, meetings
from api.schemas.client_meetings import AnswerIn, ClientMeeting, Sections, TextAt
from api.services.errors import Refusal
from api.services.meeting_prep import invite_codes
from api.services.proposals import intake
from api.services.redaction import Redactor
from api.services.themes.classifier import ThemeClassifier

MAX_WRONG_CODES = 5
# Over all conversations of a channel: well above what clients mistype in 15 minutes.
MAX_WRONG_CODES_PER_CHANNEL = 100
WRONG_CODE_WINDOW = timedelta(minutes=15)


def redeem(
    session: Session,
    conversation_key: str,
    typed_code: str,
    *,
    now: datetime,
    max_per_channel: int = MAX_WRONG_CODES_PER_CHANNEL,
) -> Meeting:
    """Bind the meeting of an invite code to this conversation (again: the client is back)."""
    since = now - WRONG_CODE_WINDOW
    # Checked before the code, so that guessing learns nothing more once the limit is hit.
    # Per channel too: a guesser who makes a new sender id for every few codes is stopped.
    if (
        invite_attempts.failures_since(session, conversation_key, since) >= MAX_WRONG_CODES
        or invite_attempts.channel_failures_since(session, conversation_key, since)
        >= max_per_channel
    ):
        raise Refusal("rate_limited")
    code = invite_codes.normalize(typed_code)
    meeting = None if code is None else meetings.by_invite_code(session, code)
    if meeting is None:
        invite_attempts.record_failure(session, conversation_key, now=now, forget_before=since)
        raise Refusal("invalid")
    if now > meeting.invite_expires_at:
        raise Refusal("expired")
    if meeting.conversation_key not in (None, conversation_key):
        raise Refusal("used")
    meetings.bind(session, meeting, conversation_key, now=now)
    return meeting


def current(session: Session, conversation_key: str, *, now: datetime) -> Meeting:
    meeting = meetings.bound_to(session, conversation_key, now=now)
    if meeting is None:
        raise Refusal("none")
    return meeting


def is_editable(meeting: Meeting, now: datetime) -> bool:
    """The client may add and change until the meeting starts or the advisor marks it held."""
    return now < meeting.starts_at and meeting.completed_at is None


def add_answer(
    session: Session, meeting: Meeting, body: AnswerIn, redactor: Redactor, *, now: datetime
) -> MeetingAnswer:
    if not is_editable(meeting, now):
        raise Refusal("closed")
    if meeting.consent is not True:
        raise Refusal("no_consent")
    # Redacted before anything is stored; the raw text lives only in this request.
    redacted = redactor.redact(body.text, body.language)
    return meeting_answers.add(
        session,
        meeting,
        section=body.section,
        redacted_text=redacted,
        language=body.language,
        replace=body.replace,
        now=now,
    )


def set_consent(session: Session, meeting: Meeting, consent: bool, *, now: datetime) -> None:
    """Withdrawn consent takes what was told with it, in one transaction: the answers and
    the stored replies to the conversation's writes (idempotency keys), which quote them."""
    if not consent and meeting.conversation_key is not None:
        idempotency_keys.forget_conversation(session, meeting.conversation_key)
    meetings.set_consent(session, meeting, consent, now=now)


def delete_preparation(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """The client deletes what they told and withdraws consent, in one transaction.

    Allowed at any time, also after the meeting: the client's data is theirs to delete.
    """
    set_consent(session, meeting, False, now=now)


def confirm(
    session: Session, meeting: Meeting, classifier: ThemeClassifier, *, now: datetime
) -> None:
    """With consent, the proposals the client told are passed on to the service developers,
    anonymously (the consent question promises it), in the confirmation's transaction."""
    if not is_editable(meeting, now):
        raise Refusal("closed")
    intake.stage_from_preparation(session, meeting, classifier, now=now)
    meetings.confirm(session, meeting, now=now)


def sections_of(answers: list[MeetingAnswer]) -> Sections:
    grouped: dict[str, list[TextAt]] = {}
    for answer in answers:
        grouped.setdefault(answer.section, []).append(TextAt(text=answer.text, at=answer.at))
    return Sections.model_validate(grouped)


def view(
    session: Session, meeting: Meeting, settings: ApiSettings, *, now: datetime
) -> ClientMeeting:
    advisor = session.get(User, meeting.advisor_id)
    return ClientMeeting(
        meeting_id=meeting.id,
        advisor_name=advisor.display_name if advisor is not None else "",
        starts_at=in_finland(meeting.starts_at),
        language=meeting.language,
        consent=meeting.consent,
        confirmed=meeting.confirmed_at is not None,
        editable=is_editable(meeting, now),
        answer_retention_days=settings.answer_retention_days,
        answers=sections_of(meeting_answers.for_meeting(session, meeting.id)),
    )
