"""Storing a pulse answer: anonymous (no conversation key reaches here), the free texts
redacted before anything is stored, the time kept only as the week's Monday. Each text's theme
is found once, here, and stored with it: the analytics read it, never embed a text."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.core.clock import week_start_in_finland
from api.orm import PulseAnswer
from api.repositories import pulse_answers
from api.schemas.pulse import PulseAnswerIn
from api.services.pulse.drivers import to_mask
from api.services.redaction import Redactor
from api.services.themes.classifier import ThemeClassifier
from vocabulary.participation import Theme


def is_empty(body: PulseAnswerIn) -> bool:
    """Every question skipped: that is no answer."""
    return (
        body.outcome is None
        and body.rating is None
        and not body.went_well
        and not body.to_improve
        and body.went_well_text is None
        and body.to_improve_text is None
    )


def record(
    session: Session,
    body: PulseAnswerIn,
    redactor: Redactor | None,
    classifier: ThemeClassifier,
    *,
    now: datetime,
) -> PulseAnswer | None:
    """The stored answer; None when every question was skipped (nothing is stored).
    `redactor` None: the texts were redacted when they were kept (services.pulse.pending)."""
    if is_empty(body):
        return None

    def redacted(text: str | None) -> str | None:
        if text is None or redactor is None:
            return text
        return redactor.redact(text, body.language)

    went_well_text = redacted(body.went_well_text)
    to_improve_text = redacted(body.to_improve_text)
    # The redacted texts are classified: what is stored, and what a later run would see.
    texts = [text for text in (went_well_text, to_improve_text) if text]
    themes = iter(classifier.classify(texts, body.language))

    def theme(text: str | None) -> Theme | None:
        return next(themes) if text else None

    return pulse_answers.add(
        session,
        week_start=week_start_in_finland(now),
        step=body.step,
        channel=body.channel,
        language=body.language,
        offer_kind=body.offer_kind,
        outcome=body.outcome,
        rating=body.rating,
        went_well=to_mask(body.went_well),
        to_improve=to_mask(body.to_improve),
        went_well_text=went_well_text,
        to_improve_text=to_improve_text,
        went_well_theme=theme(went_well_text),
        to_improve_theme=theme(to_improve_text),
    )
