"""The pulse survey's aggregates for the service developers, protected below `min_group`.

Every number is computed from the stored answers (through the cells the database keeps,
migration 0007): counts per week, step, channel, language, kind of offer and outcome, the
mean rating, the drivers of what went well against what should be better, the themes of the
free texts (each text's theme was stored with it: nothing is embedded here). Then
suppression.protect decides what is hidden (null).
"""

from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from api.repositories import analytics
from api.schemas.analytics import (
    SIDES,
    ChannelFigures,
    Completion,
    DriverCount,
    LanguageFigures,
    OfferKindFigures,
    PulseAnalytics,
    Side,
    StepFigures,
    TextTheme,
    ThemeSet,
    WeekFigures,
)
from api.services.analytics import themes
from api.services.analytics.suppression import Partition, protect
from vocabulary.channels import CHANNELS
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import THEMES, Theme
from vocabulary.service_steps import DRIVERS, OFFER_KINDS, OUTCOMES, SERVICE_STEPS

# The outcome of an answer that skipped the question.
SKIPPED = "skipped"
COMPLETION_KEYS = (*OUTCOMES, SKIPPED)
QUOTE_LENGTH = 300
TOTAL = ("total",)
# The weeks shown when none are chosen, and the most that can be.
DEFAULT_WEEKS = 12
MAX_WEEKS = 5 * 53


class BadRange(ValueError):
    """The chosen weeks are the wrong way round or too many."""


@dataclass(frozen=True)
class Weeks:
    """The whole weeks of a range: answers are stored by their week's Monday only."""

    first: date  # a Monday
    last_day: date

    @classmethod
    def of(cls, start: date, end: date) -> "Weeks":
        return cls(first=start - timedelta(days=start.weekday()), last_day=end)

    @classmethod
    def chosen(cls, start: date | None, end: date | None, today: date) -> "Weeks":
        """The weeks of `start` to `end`; by default the last DEFAULT_WEEKS up to today."""
        end = end or today
        start = start or end - timedelta(days=end.weekday(), weeks=DEFAULT_WEEKS - 1)
        if start > end:
            raise BadRange("from is after to")
        weeks = cls.of(start, end)
        if len(weeks.mondays) > MAX_WEEKS:
            raise BadRange(f"at most {MAX_WEEKS} weeks")
        return weeks

    @property
    def mondays(self) -> list[date]:
        count = (self.last_day - self.first).days // 7 + 1
        return [self.first + timedelta(weeks=n) for n in range(count)]


def dimensions(weeks: Weeks) -> dict[str, tuple[Hashable, ...]]:
    """Every group of answers the report shows, by dimension (zero groups too)."""
    return {
        "week": tuple(weeks.mondays),
        "step": SERVICE_STEPS,
        "channel": CHANNELS,
        "language": LANGUAGES,
        "offer_kind": OFFER_KINDS,
        "outcome": COMPLETION_KEYS,
    }


@dataclass(frozen=True)
class Figures:
    """Answers, ratings and the sum of ratings of each group (a key such as ("step", s)),
    and how many free texts of each side each language has."""

    answers: Mapping[Hashable, int]
    rated: Mapping[Hashable, int]
    rating_sum: Mapping[Hashable, int]
    texts: Mapping[tuple[Side, str], int]


def count_groups(session: Session, weeks: Weeks) -> Figures:
    """From each week's margins: by outcome (which also give the week's and the total's
    figures), step, channel, language and kind of offer."""
    answers: Counter[Hashable] = Counter()
    rated: Counter[Hashable] = Counter()
    rating_sum: Counter[Hashable] = Counter()
    texts: Counter[tuple[Side, str]] = Counter()

    for margin in analytics.answer_margins(session, weeks.first, weeks.last_day):
        week, value = margin.week_start, margin.value
        if margin.dimension == "outcome":
            value = value or SKIPPED
            keys: tuple[Hashable, ...] = (
                TOTAL,
                ("week", week),
                ("outcome", value),
                ("week_outcome", week, value),
            )
        else:
            keys = ((margin.dimension, value),)
        if margin.dimension == "language":
            texts["went_well", value] += margin.went_well_texts
            texts["to_improve", value] += margin.to_improve_texts
        for key in keys:
            answers[key] += margin.answers
            rated[key] += margin.rated
            rating_sum[key] += margin.rating_sum
    # Every group shown is in the figures, the empty ones with zero.
    every: list[tuple[Hashable, ...]] = [TOTAL]
    for name, values in dimensions(weeks).items():
        every += [(name, value) for value in values]
    every += [("week_outcome", w, o) for w in weeks.mondays for o in COMPLETION_KEYS]
    for key in every:
        answers[key] += 0
        rated[key] += 0
    return Figures(answers=answers, rated=rated, rating_sum=rating_sum, texts=texts)


def partitions(weeks: Weeks) -> tuple[list[Partition], list[Partition]]:
    """How the shown counts add up: (every partition, those that also have means)."""
    by_dimension = {
        name: Partition(TOTAL, tuple((name, value) for value in values))
        for name, values in dimensions(weeks).items()
    }
    rows = [
        Partition(("week", w), tuple(("week_outcome", w, o) for o in COMPLETION_KEYS))
        for w in weeks.mondays
    ]
    columns = [
        Partition(("outcome", o), tuple(("week_outcome", w, o) for w in weeks.mondays))
        for o in COMPLETION_KEYS
    ]
    with_means = [partition for name, partition in by_dimension.items() if name != "outcome"]
    return [*by_dimension.values(), *rows, *columns], with_means


def week_table_atoms(weeks: Weeks) -> dict[Hashable, frozenset[Hashable]]:
    """The weeks' outcomes overlap by rows and columns: audited exactly (see suppression)."""
    cell = {(w, o): ("week_outcome", w, o) for w in weeks.mondays for o in COMPLETION_KEYS}
    atoms: dict[Hashable, frozenset[Hashable]] = {key: frozenset({key}) for key in cell.values()}
    atoms[TOTAL] = frozenset(cell.values())
    for w in weeks.mondays:
        atoms[("week", w)] = frozenset(cell[w, o] for o in COMPLETION_KEYS)
    for o in COMPLETION_KEYS:
        atoms[("outcome", o)] = frozenset(cell[w, o] for w in weeks.mondays)
    return atoms


def share(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return round(part / whole, 4)


def report(
    session: Session,
    weeks: Weeks,
    *,
    min_group: int,
    theme_texts: int,
    theme_method: str,
) -> PulseAnalytics:
    figures = count_groups(session, weeks)
    every_partition, mean_partitions = partitions(weeks)
    hidden = protect(figures.answers, every_partition, min_group, atoms=week_table_atoms(weeks))
    # A mean is hidden with its group, or when fewer than min_group answers rated; and the
    # same rule as the counts' keeps one hidden mean from following from the others.
    hidden_means = protect(
        figures.rated,
        mean_partitions,
        min_group,
        hidden={key for key in figures.rated if key in hidden},
    )

    def count(key: Hashable) -> int | None:
        return None if key in hidden else figures.answers[key]

    def mean(key: Hashable) -> float | None:
        if key in hidden_means or not figures.rated[key]:
            return None
        return round(figures.rating_sum[key] / figures.rated[key], 2)

    def completion(week: date | None = None) -> Completion:
        def key(outcome: str) -> Hashable:
            return ("outcome", outcome) if week is None else ("week_outcome", week, outcome)

        return Completion(**{outcome: count(key(outcome)) for outcome in COMPLETION_KEYS})

    offered = count_offers(session, weeks, min_group)

    return PulseAnalytics(
        from_=weeks.first,
        to=weeks.last_day,
        min_group=min_group,
        offered=offered(TOTAL),
        answered=count(TOTAL),
        response_rate=share(count(TOTAL), offered(TOTAL)),
        mean=mean(TOTAL),
        completion=completion(),
        by_step=[
            StepFigures(step=step, answered=count(("step", step)), mean=mean(("step", step)))
            for step in SERVICE_STEPS
        ],
        by_week=[
            WeekFigures(
                week=week,
                offered=offered(("week", week)),
                answered=count(("week", week)),
                mean=mean(("week", week)),
                completion=completion(week),
            )
            for week in weeks.mondays
        ],
        by_channel=[
            ChannelFigures(
                channel=channel,
                answered=count(("channel", channel)),
                mean=mean(("channel", channel)),
            )
            for channel in CHANNELS
        ],
        by_language=[
            LanguageFigures(
                language=language,
                answered=count(("language", language)),
                mean=mean(("language", language)),
            )
            for language in LANGUAGES
        ],
        by_offer_kind=[
            OfferKindFigures(
                offer_kind=kind,
                offered=offered(("offer_kind", kind)),
                answered=count(("offer_kind", kind)),
                response_rate=share(count(("offer_kind", kind)), offered(("offer_kind", kind))),
            )
            for kind in OFFER_KINDS
        ],
        went_well=drivers(session, weeks, "went_well", min_group),
        to_improve=drivers(session, weeks, "to_improve", min_group),
        theme_method=theme_method,
        themes=[
            theme_set(
                session,
                weeks,
                side,
                language,
                figures.texts[side, language],
                min_group,
                theme_texts,
            )
            for side in SIDES
            for language in LANGUAGES
        ],
    )


def count_offers(
    session: Session, weeks: Weeks, min_group: int
) -> Callable[[Hashable], int | None]:
    """How many were offered the survey: in all, by week and by kind of offer (None: hidden).

    Offers are groups of clients too: the same protection as the answers'. The weeks and the
    kinds each add up to the total; only those margins are shown, never a week's kinds, so
    the two partitions' rules are enough (no margin cell follows from the other margin).
    """
    offers: Counter[Hashable] = Counter()
    for offer in analytics.offer_cells(session, weeks.first, weeks.last_day):
        offers[("week", offer.week_start)] += offer.offers
        offers[("offer_kind", offer.offer_kind)] += offer.offers
        offers[TOTAL] += offer.offers
    by_week = Partition(TOTAL, tuple(("week", week) for week in weeks.mondays))
    by_kind = Partition(TOTAL, tuple(("offer_kind", kind) for kind in OFFER_KINDS))
    for key in (TOTAL, *by_week.parts, *by_kind.parts):
        offers[key] += 0
    hidden = protect(offers, [by_week, by_kind], min_group)

    def offered(key: Hashable) -> int | None:
        return None if key in hidden else offers[key]

    return offered


def drivers(session: Session, weeks: Weeks, side: Side, min_group: int) -> list[DriverCount]:
    """Each driver's count; a driver may be picked with others, so the counts add up to no
    shown total and nothing but the small ones need hiding."""
    counts = analytics.driver_counts(session, weeks.first, weeks.last_day, side=side)
    result = []
    for bit, driver in enumerate(DRIVERS):
        value = counts.get(bit, 0)
        result.append(DriverCount(driver=driver, count=None if 0 < value < min_group else value))
    return result


def theme_set(
    session: Session,
    weeks: Weeks,
    side: Side,
    language: Language,
    texts: int,
    min_group: int,
    limit: int,
) -> ThemeSet:
    """`texts`: how many answers in the weeks have a text of this side and language (the
    newest `limit` of them with a theme are analysed)."""
    if texts < min_group:
        small = None if texts else 0  # too few texts to show even how many
        return ThemeSet(
            side=side,
            language=language,
            texts=small,
            analysed=small,
            unclassified=small,
            unclassified_share=None,
            themes=[],
        )
    analysed = analytics.free_texts(
        session, weeks.first, weeks.last_day, side=side, language=language, limit=limit
    )
    found = themes.group(
        [row.text for row in analysed],
        [as_theme(row.theme) for row in analysed],
        language,
        min_group,
    )
    # The texts analysed split into the themes and the unclassified: the same protection.
    values: dict[Hashable, int] = {"analysed": len(analysed), "unclassified": found.unclassified}
    for number, theme in enumerate(found.themes):
        values[("theme", number)] = len(theme.members)
    split = Partition("analysed", tuple(key for key in values if key != "analysed"))
    hidden = protect(values, [split], min_group)

    def shown(key: Hashable) -> int | None:
        return None if key in hidden else values[key]

    return ThemeSet(
        side=side,
        language=language,
        texts=texts,
        analysed=shown("analysed"),
        unclassified=shown("unclassified"),
        unclassified_share=share(shown("unclassified"), shown("analysed")),
        themes=[
            TextTheme(
                theme=theme.theme,
                keywords=list(theme.keywords),
                count=shown(("theme", number)),
                share=share(shown(("theme", number)), shown("analysed")),
                quotes=[quote(analysed[index].text) for index in theme.quotes],
            )
            for number, theme in enumerate(found.themes)
        ],
    )


def as_theme(value: str) -> Theme:
    """A stored theme; one no longer in THEMES counts as unclassified."""
    return next((theme for theme in THEMES if theme == value), themes.UNCLASSIFIED)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"
