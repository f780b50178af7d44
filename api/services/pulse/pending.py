"""A survey being answered counts even when the client stops early.

After each answer the action server sends the answers so far; they are kept (free texts
redacted) under a keyed hash of the conversation, derived apart from the one of pulse_asks so
that the two tables cannot be joined. When the survey ends they become one anonymous answer;
if it never ends (the client stopped after two taps and left), they become one
PULSE_PENDING_TIMEOUT after the last answer. Either way the pending row is deleted in the
same transaction that stores the answer, so nothing ties the answer to anyone afterwards.
"""

import hashlib
import hmac
from datetime import datetime

from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.repositories import pulse_pending
from api.schemas.pulse import PulseAnswerIn
from api.services.pulse import answers
from api.services.redaction import Redactor
from api.services.themes.classifier import ThemeClassifier

PURPOSE = b"pulse-pending:"


def pending_hash(conversation_key: str, settings: ApiSettings) -> str:
    key = settings.pulse_ask_key.get_secret_value().encode()
    return hmac.new(key, PURPOSE + conversation_key.encode(), hashlib.sha256).hexdigest()


def redacted(body: PulseAnswerIn, redactor: Redactor) -> PulseAnswerIn:
    def text(value: str | None) -> str | None:
        return None if value is None else redactor.redact(value, body.language)

    return body.model_copy(
        update={
            "went_well_text": text(body.went_well_text),
            "to_improve_text": text(body.to_improve_text),
        }
    )


def keep(
    session: Session,
    conversation_key: str,
    body: PulseAnswerIn,
    redactor: Redactor,
    classifier: ThemeClassifier,
    settings: ApiSettings,
    *,
    now: datetime,
) -> None:
    """The answers so far replace those kept before; every question skipped keeps nothing."""
    expire(session, settings, classifier, now=now)
    hashed = pending_hash(conversation_key, settings)
    if answers.is_empty(body):
        pulse_pending.take(session, hashed)
    else:
        pulse_pending.stage(
            session, hashed, redacted(body, redactor).model_dump(mode="json"), now=now
        )
    session.commit()


def submit(
    session: Session,
    conversation_key: str,
    body: PulseAnswerIn,
    redactor: Redactor,
    classifier: ThemeClassifier,
    settings: ApiSettings,
    *,
    now: datetime,
) -> None:
    """The survey's end: its answer is stored and what was kept of it deleted, at once."""
    expire(session, settings, classifier, now=now)
    pulse_pending.take(session, pending_hash(conversation_key, settings))
    answers.record(session, body, redactor, classifier, now=now)


def expire(
    session: Session, settings: ApiSettings, classifier: ThemeClassifier, *, now: datetime
) -> int:
    """Surveys left unfinished for PULSE_PENDING_TIMEOUT become answers (the caller commits,
    or `answers.record` does); how many."""
    stale = pulse_pending.take_stale(session, now - settings.pulse_pending_timeout)
    for row in stale:
        # Already redacted; redacting the redactor's output again changes nothing.
        body = PulseAnswerIn(**row.answer)
        answers.record(session, body, None, classifier, now=row.updated_at)
    return len(stale)
