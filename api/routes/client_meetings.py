"""/api/v1/conversations/{key}/meeting and /faq-topics: the action server, for the client.

The conversation key (Rasa's sender id) is the client's only identity here. Refusals answer
`{"detail": {"reason": ...}}` (see api.services.errors.Refusal and api.main).
"""

from fastapi import APIRouter, Response, status

from api.deps import (
    NowDep,
    RedactorDep,
    ServiceAuth,
    SessionDep,
    SettingsDep,
    ThemeClassifierDep,
)
from api.repositories import faq_topic_asks
from api.schemas.client_meetings import (
    AnswerIn,
    AnswerOut,
    ClientMeeting,
    ConsentIn,
    FaqTopicIn,
    RedeemIn,
)
from api.services.meeting_prep import client_flow

router = APIRouter(
    prefix="/conversations/{conversation_key}",
    tags=["meeting preparation (client)"],
    dependencies=[ServiceAuth],
)


@router.post("/meeting", response_model=ClientMeeting)
def redeem_invite(
    conversation_key: str,
    body: RedeemIn,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> ClientMeeting:
    """404 reasons: invalid, expired, used; 429 rate_limited after 5 wrong codes in 15 min
    from the conversation, or INVITE_MAX_FAILURES_PER_CHANNEL from all of its channel's."""
    meeting = client_flow.redeem(
        session,
        conversation_key,
        body.invite_code,
        now=now,
        max_per_channel=settings.invite_max_failures_per_channel,
    )
    return client_flow.view(session, meeting, settings, now=now)


@router.get("/meeting", response_model=ClientMeeting)
def get_meeting(
    conversation_key: str, session: SessionDep, settings: SettingsDep, now: NowDep
) -> ClientMeeting:
    """The meeting this conversation redeemed last while its invite is valid; 404 `none`."""
    meeting = client_flow.current(session, conversation_key, now=now)
    return client_flow.view(session, meeting, settings, now=now)


@router.put("/meeting/consent", response_model=ClientMeeting)
def set_consent(
    conversation_key: str,
    body: ConsentIn,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> ClientMeeting:
    """`false` withdraws consent and deletes what the client told for the meeting."""
    meeting = client_flow.current(session, conversation_key, now=now)
    client_flow.set_consent(session, meeting, body.consent, now=now)
    return client_flow.view(session, meeting, settings, now=now)


@router.post("/meeting/answers", response_model=AnswerOut, status_code=status.HTTP_201_CREATED)
def add_answer(
    conversation_key: str,
    body: AnswerIn,
    session: SessionDep,
    redactor: RedactorDep,
    now: NowDep,
) -> AnswerOut:
    """Stores the text redacted; 409 `no_consent`, or `closed` once the meeting has started."""
    meeting = client_flow.current(session, conversation_key, now=now)
    answer = client_flow.add_answer(session, meeting, body, redactor, now=now)
    return AnswerOut(section=body.section, text=answer.text, at=answer.at)


@router.delete("/meeting/preparation", response_model=ClientMeeting)
def delete_preparation(
    conversation_key: str, session: SessionDep, settings: SettingsDep, now: NowDep
) -> ClientMeeting:
    """Deletes every answer and withdraws consent, in one transaction ("delete my answers");
    the meeting as it is then: consent false, no answers."""
    meeting = client_flow.current(session, conversation_key, now=now)
    client_flow.delete_preparation(session, meeting, now=now)
    return client_flow.view(session, meeting, settings, now=now)


@router.post("/meeting/confirm", response_model=ClientMeeting)
def confirm(
    conversation_key: str,
    session: SessionDep,
    settings: SettingsDep,
    classifier: ThemeClassifierDep,
    now: NowDep,
) -> ClientMeeting:
    """The client says they are ready; they may still add or change until the meeting starts.
    With consent, the proposals they told are passed on, each with a theme."""
    meeting = client_flow.current(session, conversation_key, now=now)
    client_flow.confirm(session, meeting, classifier, now=now)
    return client_flow.view(session, meeting, settings, now=now)


@router.post("/faq-topics", status_code=status.HTTP_204_NO_CONTENT)
def record_faq_topic(
    conversation_key: str, body: FaqTopicIn, session: SessionDep, now: NowDep
) -> Response:
    faq_topic_asks.record(session, conversation_key, body.topic, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
