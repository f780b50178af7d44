"""Whether to offer the pulse survey now: the API decides, the dialogue asks.

- `on_request` (the client asked): always.
- The unasked kinds (`after_meeting`, `end_of_conversation`): at most once per
  PULSE_MIN_INTERVAL per client. The time of the last such offer is kept under a keyed hash of
  the conversation key (PULSE_ASK_KEY), in a table with no link to any answer.
- `after_meeting` only when the advisor marked a meeting of the conversation held (a
  PulseInvitation): the offer uses it up and tells its step. An invitation the weekly rule
  refuses is dropped too: the client was just asked, and a survey about an old meeting later
  would be worse than none.
Every offer made is counted (PulseOffer: week, kind, channel, language) for the response rate.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.core.clock import week_start_in_finland
from api.core.settings import ApiSettings
from api.repositories import pulse_asks, pulse_invitations, pulse_offers
from vocabulary.channels import Channel
from vocabulary.languages import Language
from vocabulary.service_steps import SERVICE_STEPS, UNASKED_OFFER_KINDS, OfferKind, ServiceStep


@dataclass(frozen=True)
class Offer:
    offered: bool
    step: ServiceStep | None = None


NOT_NOW = Offer(offered=False)


def client_hash(conversation_key: str, key: str) -> str:
    """HMAC-SHA256 of the conversation key: the same client gives the same hash, and the
    table of hashes alone gives no conversation back."""
    return hmac.new(key.encode(), conversation_key.encode(), hashlib.sha256).hexdigest()


def _as_step(value: str) -> ServiceStep | None:
    for step in SERVICE_STEPS:
        if value == step:
            return step
    return None


def _asked_recently(session: Session, hashed: str, settings: ApiSettings, now: datetime) -> bool:
    last = pulse_asks.last_offered_at(session, hashed)
    return last is not None and now - last < settings.pulse_min_interval


def offer(
    session: Session,
    conversation_key: str,
    offer_kind: OfferKind,
    channel: Channel,
    language: Language,
    settings: ApiSettings,
    *,
    now: datetime,
) -> Offer:
    """Decides and records the offer, in one transaction."""
    step: ServiceStep | None = None
    if offer_kind == "after_meeting":
        waiting = pulse_invitations.step_of(session, conversation_key)
        if waiting is None:
            return NOT_NOW
        step = _as_step(waiting)
    elif offer_kind == "end_of_conversation":
        step = "assistant"

    if offer_kind in UNASKED_OFFER_KINDS:
        hashed = client_hash(conversation_key, settings.pulse_ask_key.get_secret_value())
        if _asked_recently(session, hashed, settings, now):
            if offer_kind == "after_meeting":
                pulse_invitations.take(session, conversation_key)
                session.commit()
            return NOT_NOW
        if offer_kind == "after_meeting" and not pulse_invitations.take(session, conversation_key):
            session.rollback()  # another offer took it at the same moment
            return NOT_NOW
        pulse_asks.stage_offered(session, hashed, now=now)

    pulse_offers.stage(
        session,
        week_start=week_start_in_finland(now),
        offer_kind=offer_kind,
        channel=channel,
        language=language,
    )
    try:
        session.commit()
    except IntegrityError:  # the same client's first offer, twice at once: one is made
        session.rollback()
        return NOT_NOW
    return Offer(offered=True, step=step)
