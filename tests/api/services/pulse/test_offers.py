"""When the pulse survey is offered: on request always; unasked at most once per
PULSE_MIN_INTERVAL per client (the time moved by hand, never slept); after a meeting only with
an invitation, which one offer uses up. Each offer made is counted."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import PulseAsk, PulseInvitation, PulseOffer
from api.repositories import pulse_invitations
from api.services.pulse.offers import Offer, client_hash, offer
from tests.api.conftest import START
from vocabulary.service_steps import OfferKind

KEY = "tg-0123456789abcdef"
WEEK = timedelta(days=7)


def ask(
    db: Session,
    settings: ApiSettings,
    kind: OfferKind,
    after: timedelta = timedelta(0),
    key: str = KEY,
) -> Offer:
    return offer(db, key, kind, "telegram", "fi", settings, now=START + after)


def invite(db: Session, step: str = "initial_interview", key: str = KEY) -> None:
    pulse_invitations.stage(db, key, step, now=START)
    db.commit()


def offers_counted(db: Session) -> list[tuple[date, str, str, str]]:
    rows = db.scalars(select(PulseOffer).order_by(PulseOffer.id))
    return [(r.week_start, r.offer_kind, r.channel, r.language) for r in rows]


def test_on_request_is_always_offered_and_counted(db: Session, settings: ApiSettings) -> None:
    assert ask(db, settings, "on_request") == Offer(offered=True, step=None)
    assert ask(db, settings, "on_request") == Offer(offered=True, step=None)
    monday = date(2026, 11, 30)  # START is Tuesday 1 December 2026
    assert offers_counted(db) == [(monday, "on_request", "telegram", "fi")] * 2
    # Asking does not count against the unasked offers.
    assert ask(db, settings, "end_of_conversation") == Offer(offered=True, step="assistant")


def test_the_end_of_a_conversation_is_offered_once_a_week(
    db: Session, settings: ApiSettings
) -> None:
    assert ask(db, settings, "end_of_conversation").offered
    assert not ask(db, settings, "end_of_conversation", timedelta(minutes=5)).offered
    assert not ask(db, settings, "end_of_conversation", WEEK - timedelta(seconds=1)).offered
    assert ask(db, settings, "end_of_conversation", WEEK).offered
    assert not ask(db, settings, "end_of_conversation", WEEK + timedelta(days=1)).offered
    assert [kind for _, kind, _, _ in offers_counted(db)] == ["end_of_conversation"] * 2


def test_the_week_is_per_client(db: Session, settings: ApiSettings) -> None:
    assert ask(db, settings, "end_of_conversation", key="tg-a").offered
    assert ask(db, settings, "end_of_conversation", key="web-b").offered


def test_the_interval_is_the_setting(db: Session, settings: ApiSettings) -> None:
    daily = settings.model_copy(update={"pulse_min_interval": timedelta(days=1)})
    assert ask(db, daily, "end_of_conversation").offered
    assert ask(db, daily, "end_of_conversation", timedelta(days=1)).offered


def test_after_a_meeting_only_with_an_invitation_which_one_offer_uses_up(
    db: Session, settings: ApiSettings
) -> None:
    assert ask(db, settings, "after_meeting") == Offer(offered=False)
    assert offers_counted(db) == []
    assert db.scalar(select(func.count()).select_from(PulseAsk)) == 0  # nothing was offered

    invite(db, "job_search_discussion")
    assert ask(db, settings, "after_meeting") == Offer(offered=True, step="job_search_discussion")
    assert db.get(PulseInvitation, KEY) is None
    # The bridge's push and the next conversation's start both ask: the second gets nothing.
    assert ask(db, settings, "after_meeting", WEEK * 2) == Offer(offered=False)
    assert [kind for _, kind, _, _ in offers_counted(db)] == ["after_meeting"]


def test_an_invitation_within_the_week_is_dropped_not_kept_for_later(
    db: Session, settings: ApiSettings
) -> None:
    assert ask(db, settings, "end_of_conversation").offered
    invite(db)
    assert ask(db, settings, "after_meeting", timedelta(days=1)) == Offer(offered=False)
    assert db.get(PulseInvitation, KEY) is None
    assert not ask(db, settings, "after_meeting", WEEK * 2).offered


def test_after_a_meeting_counts_for_the_week_too(db: Session, settings: ApiSettings) -> None:
    invite(db)
    assert ask(db, settings, "after_meeting").offered
    assert not ask(db, settings, "end_of_conversation", timedelta(hours=1)).offered
    assert ask(db, settings, "on_request", timedelta(hours=1)).offered


def test_the_client_is_kept_under_a_keyed_hash_only(db: Session, settings: ApiSettings) -> None:
    ask(db, settings, "end_of_conversation")
    rows = db.scalars(select(PulseAsk)).all()
    assert [r.client_hash for r in rows] == [client_hash(KEY, "local-pulse-ask-key")]
    assert KEY not in rows[0].client_hash
    assert client_hash(KEY, "another key") != rows[0].client_hash
    assert len(rows[0].client_hash) == 64


@pytest.mark.parametrize("kind", ["after_meeting", "end_of_conversation", "on_request"])
def test_an_offer_records_no_key_in_the_counts(
    db: Session, settings: ApiSettings, kind: OfferKind
) -> None:
    invite(db)
    ask(db, settings, kind)
    for row in db.scalars(select(PulseOffer)):
        assert KEY not in repr(vars(row))
