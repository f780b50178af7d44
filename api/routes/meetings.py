"""/api/v1/meetings: an advisor invites clients to prepare meetings and reads their summaries."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import AdvisorMeeting, AdvisorUser, FaqDep, NowDep, SessionDep, SettingsDep
from api.repositories import meetings
from api.schemas.meetings import MeetingCreate, MeetingCreated, MeetingOut
from api.schemas.outbox import ReminderOut
from api.schemas.summaries import SummaryOut
from api.services.meeting_prep import summary
from api.services.meeting_prep.advisor_view import invite_links, mark_held, meeting_out, schedule
from api.services.meeting_prep.reminders import queue_reminder
from vocabulary.languages import Language

router = APIRouter(prefix="/meetings", tags=["meetings"])


@router.post("", response_model=MeetingCreated, status_code=status.HTTP_201_CREATED)
def create_meeting(
    body: MeetingCreate,
    advisor: AdvisorUser,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> MeetingCreated:
    if body.starts_at <= now:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail="the meeting must start in the future"
        )
    meeting = schedule(session, advisor.id, body, settings, now=now)
    links = invite_links(meeting, settings)
    return MeetingCreated(
        id=meeting.id,
        invite_code=links.code,
        web_link=links.web_link,
        telegram_link=links.telegram_link,
    )


@router.get("", response_model=list[MeetingOut])
def list_meetings(
    advisor: AdvisorUser,
    session: SessionDep,
    now: NowDep,
    include_past: Annotated[bool, Query(description="also held and expired meetings")] = False,
) -> list[MeetingOut]:
    """Open meetings soonest first; with `include_past`, then the others, latest first."""
    rows = meetings.list_for_advisor(session, advisor.id, now=now, include_past=include_past)
    return [meeting_out(meeting, has_answers) for meeting, has_answers in rows]


@router.get("/{meeting_id}", response_model=MeetingOut)
def get_meeting(meeting: AdvisorMeeting, session: SessionDep) -> MeetingOut:
    return meeting_out(meeting, meetings.has_answers(session, meeting.id))


@router.post("/{meeting_id}/complete", response_model=MeetingOut)
def complete_meeting(meeting: AdvisorMeeting, session: SessionDep, now: NowDep) -> MeetingOut:
    """Marks the meeting held: the client can no longer change what they prepared, and the
    pulse survey about the meeting waits in their chat (pushed at once on Telegram)."""
    mark_held(session, meeting, now=now)
    return meeting_out(meeting, meetings.has_answers(session, meeting.id))


@router.get("/{meeting_id}/summary", response_model=SummaryOut)
def get_summary(
    meeting: AdvisorMeeting,
    advisor: AdvisorUser,
    session: SessionDep,
    faq: FaqDep,
    now: NowDep,
    response: Response,
    lang: Annotated[Language, Query(description="language of the FAQ topic titles")] = "fi",
) -> SummaryOut:
    """The client's words (redacted) with consent; every read is written to the audit log."""
    response.headers["Cache-Control"] = "no-store"  # clients' words stay out of caches
    return summary.read(session, meeting, advisor, faq, lang, now=now)


@router.post(
    "/{meeting_id}/reminder", response_model=ReminderOut, status_code=status.HTTP_202_ACCEPTED
)
def send_reminder(meeting: AdvisorMeeting, session: SessionDep, now: NowDep) -> ReminderOut:
    """Queues a reminder for the client's chat, in the meeting's language; their channel pushes
    it. 409 `not_opened` before the client has opened the invitation, `closed` once the meeting
    has started or been held."""
    return ReminderOut.model_validate(queue_reminder(session, meeting, now=now))
