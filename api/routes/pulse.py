"""/api/v1/pulse: the action server asks whether to offer the pulse survey, and stores an
answer. Service token only. An answer carries no conversation key: it is anonymous."""

from typing import Annotated

from fastapi import APIRouter, Path, status

from api.deps import (
    NowDep,
    RedactorDep,
    ServiceAuth,
    SessionDep,
    SettingsDep,
    ThemeClassifierDep,
)
from api.schemas.pulse import PulseAnswerIn, PulseAnswerStored, PulseOfferIn, PulseOfferOut
from api.services.pulse import answers, offers, pending

router = APIRouter(prefix="/pulse", tags=["pulse survey"], dependencies=[ServiceAuth])


@router.post("/offers", response_model=PulseOfferOut)
def offer(
    body: PulseOfferIn,
    session: SessionDep,
    settings: SettingsDep,
    classifier: ThemeClassifierDep,
    now: NowDep,
) -> PulseOfferOut:
    """`on_request`: always offered. `after_meeting` and `end_of_conversation`: at most once per
    PULSE_MIN_INTERVAL per client; `after_meeting` only after the advisor marked a meeting of
    the conversation held (once; `step` is the meeting's kind). Each offer made is counted."""
    pending.expire(session, settings, classifier, now=now)  # unfinished surveys: answers
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


@router.put("/pending/{conversation_key}", status_code=status.HTTP_204_NO_CONTENT)
def keep_pending(
    conversation_key: Annotated[str, Path(min_length=1, max_length=128)],
    body: PulseAnswerIn,
    session: SessionDep,
    redactor: RedactorDep,
    classifier: ThemeClassifierDep,
    settings: SettingsDep,
    now: NowDep,
) -> None:
    """The answers so far of a survey being answered (after each question): kept, redacted,
    under a keyed hash of the conversation, so that a survey the client leaves after two taps
    still counts. It becomes an anonymous answer at `…/submit` or PULSE_PENDING_TIMEOUT after
    this call, and the kept row is deleted then."""
    pending.keep(session, conversation_key, body, redactor, classifier, settings, now=now)


@router.post(
    "/pending/{conversation_key}/submit",
    response_model=PulseAnswerStored,
    status_code=status.HTTP_201_CREATED,
)
def submit_pending(
    conversation_key: Annotated[str, Path(min_length=1, max_length=128)],
    body: PulseAnswerIn,
    session: SessionDep,
    redactor: RedactorDep,
    classifier: ThemeClassifierDep,
    settings: SettingsDep,
    now: NowDep,
) -> PulseAnswerStored:
    """The end of a survey: its whole answer stored (as `/answers`) and what was kept of it
    deleted in one transaction. The stored answer holds no conversation key."""
    pending.submit(session, conversation_key, body, redactor, classifier, settings, now=now)
    return PulseAnswerStored()
