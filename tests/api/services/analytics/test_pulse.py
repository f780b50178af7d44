"""The pulse survey's aggregates: every figure equals what the stored answers say, and the
small-group protection hides what it must (primary and secondary)."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from api.orm import PulseAnswer
from api.schemas.analytics import PulseAnalytics
from api.services.analytics import pulse
from api.services.analytics.pulse import BadRange, Weeks
from tests.api.pulse_rows import MONDAY, answer, answers, mask, offers, plain_mean, store
from vocabulary.channels import CHANNELS
from vocabulary.languages import LANGUAGES
from vocabulary.service_steps import DRIVERS, OFFER_KINDS, OUTCOMES, SERVICE_STEPS

WEEKS = Weeks.of(MONDAY - timedelta(weeks=3), MONDAY + timedelta(days=6))


def report(db: Session, weeks: Weeks = WEEKS, min_group: int = 5) -> PulseAnalytics:
    return pulse.report(db, weeks, min_group=min_group, theme_texts=1000, theme_method="keywords")


def random_answers(rng: random.Random, count: int) -> list[PulseAnswer]:
    return [
        answer(
            week_start=MONDAY - timedelta(weeks=rng.randrange(4)),
            step=rng.choice(SERVICE_STEPS),
            channel=rng.choice(CHANNELS),
            language=rng.choice(LANGUAGES),
            offer_kind=rng.choice(OFFER_KINDS),
            outcome=rng.choice((*OUTCOMES, None)),
            rating=rng.choice((1, 2, 3, 4, 5, None)),
            went_well=rng.randrange(1 << len(DRIVERS)),
            to_improve=rng.randrange(1 << len(DRIVERS)),
        )
        for _ in range(count)
    ]


def test_with_large_groups_every_figure_equals_the_stored_answers(db: Session) -> None:
    rows = random_answers(random.Random(11), 3000)
    # Answers outside the weeks count nowhere.
    outside = answers(7, week_start=MONDAY + timedelta(weeks=1)) + answers(
        7, week_start=MONDAY - timedelta(weeks=4)
    )
    store(db, [*rows, *outside, *offers(4000), *offers(9, week_start=MONDAY - timedelta(weeks=9))])
    got = report(db, min_group=3)

    assert got.from_ == MONDAY - timedelta(weeks=3) and got.to == MONDAY + timedelta(days=6)
    assert got.answered == len(rows)
    assert got.offered == 4000
    assert got.response_rate == round(len(rows) / 4000, 4)
    assert got.mean == plain_mean(rows)
    outcomes = Counter(row.outcome or "skipped" for row in rows)
    assert got.completion.model_dump() == {key: outcomes[key] for key in (*OUTCOMES, "skipped")}
    for step in got.by_step:
        of_step = [row for row in rows if row.step == step.step]
        assert (step.answered, step.mean) == (len(of_step), plain_mean(of_step))
    for channel in got.by_channel:
        of_channel = [row for row in rows if row.channel == channel.channel]
        assert (channel.answered, channel.mean) == (len(of_channel), plain_mean(of_channel))
    for language in got.by_language:
        of_language = [row for row in rows if row.language == language.language]
        assert (language.answered, language.mean) == (len(of_language), plain_mean(of_language))
    assert [week.week for week in got.by_week] == [
        MONDAY - timedelta(weeks=n) for n in (3, 2, 1, 0)
    ]
    for week in got.by_week:
        of_week = [row for row in rows if row.week_start == week.week]
        assert (week.answered, week.mean) == (len(of_week), plain_mean(of_week))
        counted = Counter(row.outcome or "skipped" for row in of_week)
        assert week.completion.model_dump() == {k: counted[k] for k in (*OUTCOMES, "skipped")}
    assert [w.offered for w in got.by_week] == [0, 0, 0, 4000]
    for side, counts in (("went_well", got.went_well), ("to_improve", got.to_improve)):
        for bit, driver in enumerate(counts):
            assert driver.driver == DRIVERS[bit]
            expected = sum(1 for row in rows if getattr(row, side) >> bit & 1)
            assert driver.count == expected
    kinds = {kind.offer_kind: kind for kind in got.by_offer_kind}
    assert [kinds[k].answered for k in OFFER_KINDS] == [
        sum(1 for row in rows if row.offer_kind == k) for k in OFFER_KINDS
    ]
    assert kinds["after_meeting"].offered == 4000 and kinds["on_request"].offered == 0


def test_no_answers_gives_zeros_and_no_means(db: Session) -> None:
    got = report(db)
    assert got.answered == 0 and got.offered == 0 and got.mean is None
    assert got.response_rate is None
    assert got.completion.model_dump() == {"yes": 0, "partly": 0, "no": 0, "skipped": 0}
    assert all(step.answered == 0 for step in got.by_step)


def test_fewer_than_min_group_answers_hides_everything(db: Session) -> None:
    store(db, answers(4, went_well=mask("quick"), went_well_text="Nopea palvelu"))
    got = report(db)
    assert got.answered is None and got.mean is None and got.response_rate is None
    assert set(got.completion.model_dump().values()) <= {None, 0}
    assert {step.answered for step in got.by_step} <= {None, 0}
    assert all(week.answered in (None, 0) for week in got.by_week)
    assert [d.count for d in got.went_well if d.driver == "quick"] == [None]
    assert all(theme_set.themes == [] for theme_set in got.themes)


def test_one_small_step_hides_another_so_the_total_cannot_tell_it(db: Session) -> None:
    """Primary: 3 answers of one step. Secondary: the smallest other step goes too, or the
    total minus the shown steps would give the 3."""
    store(
        db,
        [
            *answers(3, step="initial_interview", rating=1),
            *answers(8, step="job_search_discussion", rating=5),
            *answers(20, step="assistant", rating=3),
        ],
    )
    got = report(db)
    steps = {step.step: step for step in got.by_step}
    assert got.answered == 31
    assert steps["initial_interview"].answered is None  # primary
    assert steps["initial_interview"].mean is None
    assert steps["job_search_discussion"].answered is None  # secondary
    assert steps["job_search_discussion"].mean is None
    assert steps["assistant"].answered == 20 and steps["assistant"].mean == 3.0
    assert steps["other_meeting"].answered == 0  # nobody: nothing to protect
    shown = sum(step.answered or 0 for step in got.by_step)
    assert got.answered - shown == 11  # what the hidden steps hold together: not one step
    assert got.mean == round((3 * 1 + 8 * 5 + 20 * 3) / 31, 2)


def test_a_small_week_and_its_outcomes_are_hidden_in_both_directions(db: Session) -> None:
    last = MONDAY
    store(
        db,
        [
            *answers(2, week_start=last - timedelta(weeks=1), outcome="no"),
            *answers(30, week_start=last, outcome="yes"),
            *answers(9, week_start=last, outcome="partly"),
            *answers(12, week_start=last - timedelta(weeks=2), outcome="yes"),
        ],
    )
    got = report(db)
    weeks = {week.week: week for week in got.by_week}
    small = weeks[last - timedelta(weeks=1)]
    assert small.answered is None  # primary: 2 answers
    assert set(small.completion.model_dump().values()) == {None}  # hidden with its week
    # Secondary: another week goes, so the total minus the shown weeks is not the 2.
    assert sum(week.answered is None for week in got.by_week) >= 2
    assert got.answered == 53
    # The outcome "no" (only the small week's 2) is hidden overall, and another outcome too.
    assert got.completion.no is None
    assert sum(value is None for value in got.completion.model_dump().values()) >= 2
    assert_nothing_hidden_is_recomputable(got)


def assert_nothing_hidden_is_recomputable(got: PulseAnalytics) -> None:
    """Every shown total minus its shown parts: never a single hidden part, nor a small group."""
    minimum = got.min_group
    partitions = [
        [week.answered for week in got.by_week],
        [step.answered for step in got.by_step],
        [channel.answered for channel in got.by_channel],
        [language.answered for language in got.by_language],
        [kind.answered for kind in got.by_offer_kind],
        list(got.completion.model_dump().values()),
    ]
    if got.answered is not None:
        for parts in partitions:
            hidden = [part for part in parts if part is None]
            assert len(hidden) != 1
            rest = got.answered - sum(part for part in parts if part is not None)
            assert rest == 0 or rest >= minimum
    if got.offered is not None:
        for parts in ([w.offered for w in got.by_week], [k.offered for k in got.by_offer_kind]):
            assert sum(part is None for part in parts) != 1
            rest = got.offered - sum(part for part in parts if part is not None)
            assert rest == 0 or rest >= minimum
    for week in got.by_week:
        cells = list(week.completion.model_dump().values())
        if week.answered is not None:
            assert sum(cell is None for cell in cells) != 1
    for outcome in ("yes", "partly", "no", "skipped"):
        column = [getattr(week.completion, outcome) for week in got.by_week]
        if getattr(got.completion, outcome) is not None:
            assert sum(cell is None for cell in column) != 1


@pytest.mark.parametrize("seed", range(6))
def test_random_small_data_never_tells_a_hidden_figure(db: Session, seed: int) -> None:
    rng = random.Random(seed)
    offered = [
        offer
        for _ in range(rng.randrange(10, 40))
        for offer in offers(
            rng.randrange(1, 6),
            week_start=MONDAY - timedelta(weeks=rng.randrange(4)),
            offer_kind=rng.choice(OFFER_KINDS),
        )
    ]
    store(db, [*random_answers(rng, rng.randrange(20, 120)), *offered])
    assert_nothing_hidden_is_recomputable(report(db))


def test_a_small_number_of_offers_is_hidden_with_another_so_the_total_cannot_tell_it(
    db: Session,
) -> None:
    """Offers are groups of clients too: 3 offers in a week and 3 of a kind are hidden
    (primary), and the next smallest week and kind with them (secondary)."""
    store(
        db,
        [
            *offers(20, week_start=MONDAY, offer_kind="after_meeting"),
            *offers(8, week_start=MONDAY, offer_kind="end_of_conversation"),
            *offers(3, week_start=MONDAY - timedelta(weeks=1), offer_kind="on_request"),
            *offers(12, week_start=MONDAY - timedelta(weeks=2), offer_kind="after_meeting"),
            *answers(10, offer_kind="after_meeting"),
        ],
    )
    got = report(db)
    assert got.offered == 43 and got.response_rate == round(10 / 43, 4)
    assert [week.offered for week in got.by_week] == [0, None, None, 28]
    kinds = {kind.offer_kind: kind for kind in got.by_offer_kind}
    assert kinds["after_meeting"].offered == 32
    assert kinds["after_meeting"].response_rate == round(10 / 32, 4)
    assert kinds["on_request"].offered is None  # primary
    assert kinds["end_of_conversation"].offered is None  # secondary
    assert kinds["end_of_conversation"].response_rate is None
    assert_nothing_hidden_is_recomputable(got)


def test_fewer_than_min_group_offers_in_all_are_all_hidden(db: Session) -> None:
    store(db, [*offers(4), *answers(6)])
    got = report(db)
    assert got.offered is None and got.response_rate is None
    # Hidden with their total, the zeros too (as the answers' are).
    assert {week.offered for week in got.by_week} == {None}
    assert {kind.offered for kind in got.by_offer_kind} == {None}
    assert got.answered == 6  # the answers are a group of their own


def test_the_mean_of_too_few_ratings_is_hidden_even_when_the_count_is_shown(
    db: Session,
) -> None:
    store(
        db,
        [
            *answers(3, step="assistant", rating=5),
            *answers(10, step="assistant", rating=None),
            *answers(20, step="initial_interview", rating=2),
            *answers(20, step="other_service", rating=4),
        ],
    )
    steps = {step.step: step for step in report(db).by_step}
    assert steps["assistant"].answered == 13
    assert steps["assistant"].mean is None  # 3 ratings
    # Secondary: another mean goes, or the overall mean would tell this one.
    assert steps["initial_interview"].mean is None
    assert steps["other_service"].mean == 4.0


def test_the_weeks_of_a_range() -> None:
    weeks = Weeks.of(date(2026, 11, 25), date(2026, 12, 9))
    assert weeks.first == date(2026, 11, 23)
    assert weeks.mondays == [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]
    default = Weeks.chosen(None, None, date(2026, 12, 1))
    assert default.last_day == date(2026, 12, 1)
    assert len(default.mondays) == pulse.DEFAULT_WEEKS
    assert default.first == date(2026, 9, 14)
    with pytest.raises(BadRange):
        Weeks.chosen(date(2026, 12, 2), date(2026, 12, 1), date(2026, 12, 1))
    with pytest.raises(BadRange):
        Weeks.chosen(date(2010, 1, 1), date(2026, 12, 1), date(2026, 12, 1))
