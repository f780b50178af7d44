"""/api/v1/meetings: an advisor invites clients to prepare meetings and reads their summaries."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import AdvisorUser, FaqDep, NowDep, SessionDep, SettingsDep
from api.faq.content import Language
from api.meeting_prep import summary
from api.meeting_prep.advisor_view import invite_links, meeting_out, schedule
from api.meeting_prep.reminders import queue_reminder
from api.orm import Meeting, User
from api.repositories import meetings
from api.schemas.meetings import MeetingCreate, MeetingCreated, MeetingOut
from api.schemas.outbox import ReminderOut
from api.schemas.summaries import SummaryOut

router = APIRouter(prefix="/api/v1/meetings", tags=["meetings"])


def own_meeting(session: SessionDep, meeting_id: str, advisor: User) -> Meeting:
    meeting = meetings.get_for_advisor(session, meeting_id, advisor.id)
    if meeting is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such meeting")
    return meeting


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
def get_meeting(meeting_id: str, advisor: AdvisorUser, session: SessionDep) -> MeetingOut:
    meeting = own_meeting(session, meeting_id, advisor)
    return meeting_out(meeting, meetings.has_answers(session, meeting.id))


@router.post("/{meeting_id}/complete", response_model=MeetingOut)
def complete_meeting(
    meeting_id: str, advisor: AdvisorUser, session: SessionDep, now: NowDep
) -> MeetingOut:
    """Marks the meeting held: the client can no longer change what they prepared."""
    meeting = meetings.complete(session, own_meeting(session, meeting_id, advisor), now=now)
    return meeting_out(meeting, meetings.has_answers(session, meeting.id))


@router.get("/{meeting_id}/summary", response_model=SummaryOut)
def get_summary(
    meeting_id: str,
    advisor: AdvisorUser,
    session: SessionDep,
    faq: FaqDep,
    now: NowDep,
    response: Response,
    lang: Annotated[Language, Query(description="language of the FAQ topic titles")] = "fi",
) -> SummaryOut:
    """The client's words (redacted) with consent; every read is written to the audit log."""
    response.headers["Cache-Control"] = "no-store"  # clients' words stay out of caches
    meeting = own_meeting(session, meeting_id, advisor)
    return summary.read(session, meeting, advisor, faq, lang, now=now)


@router.post(
    "/{meeting_id}/reminder", response_model=ReminderOut, status_code=status.HTTP_202_ACCEPTED
)
def send_reminder(
    meeting_id: str, advisor: AdvisorUser, session: SessionDep, now: NowDep
) -> ReminderOut:
    """Queues a reminder for the client's chat, in the meeting's language; their channel pushes
    it. 409 `not_opened` before the client has opened the invitation, `closed` once the meeting
    has started or been held."""
    message = queue_reminder(session, own_meeting(session, meeting_id, advisor), now=now)
    return ReminderOut.model_validate(message)
