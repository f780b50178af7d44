"""/api/v1/pulse: the action server asks whether to offer the pulse survey, and stores an
answer. Service token only. An answer carries no conversation key: it is anonymous."""

from fastapi import APIRouter, status

from api.deps import (
    NowDep,
    RedactorDep,
    ServiceAuth,
    SessionDep,
    SettingsDep,
    ThemeClassifierDep,
)
from api.schemas.pulse import PulseAnswerIn, PulseAnswerStored, PulseOfferIn, PulseOfferOut
from api.services.pulse import answers, offers

router = APIRouter(prefix="/pulse", tags=["pulse survey"], dependencies=[ServiceAuth])


@router.post("/offers", response_model=PulseOfferOut)
def offer(
    body: PulseOfferIn, session: SessionDep, settings: SettingsDep, now: NowDep
) -> PulseOfferOut:
    """`on_request`: always offered. `after_meeting` and `end_of_conversation`: at most once per
    PULSE_MIN_INTERVAL per client; `after_meeting` only after the advisor marked a meeting of
    the conversation held (once; `step` is the meeting's kind). Each offer made is counted."""
    made = offers.offer(
        session,
        body.conversation_key,
        body.offer_kind,
        body.channel,
        body.language,
        settings,
        now=now,
    )
    return PulseOfferOut(offered=made.offered, step=made.step)


@router.post("/answers", response_model=PulseAnswerStored, status_code=status.HTTP_201_CREATED)
def answer(
    body: PulseAnswerIn,
    session: SessionDep,
    redactor: RedactorDep,
    classifier: ThemeClassifierDep,
    now: NowDep,
) -> PulseAnswerStored:
    """One call at the end of the survey. The free texts are redacted before they are stored,
    with their themes; the time is kept as the week's Monday. An answer with every question
    skipped is not stored (it is no answer)."""
    answers.record(session, body, redactor, classifier, now=now)
    return PulseAnswerStored()
