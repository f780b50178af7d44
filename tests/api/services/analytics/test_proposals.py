"""Proposals by theme: counts protected like the pulse's, quotes only from large themes,
and each theme's "we did", newest first."""

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from api.orm import ThemeAction
from api.services.analytics import proposals
from tests.api.conftest import START, MakeUser
from tests.api.pulse_rows import MONDAY, store
from tests.api.pulse_rows import proposals as made
from tests.api.services.analytics.test_pulse import WEEKS


def we_did(theme: str, on: date, user_id: int) -> ThemeAction:
    return ThemeAction(
        theme=theme,
        text_fi=f"Teimme {on}",
        text_sv=f"Vi gjorde {on}",
        text_en=f"We did {on}",
        done_on=on,
        created_by=user_id,
        created_at=datetime(2026, 11, 1, tzinfo=START.tzinfo),
    )


def test_counts_quotes_and_we_did(db: Session, make_user: MakeUser) -> None:
    analyst = make_user("analyst")
    store(
        db,
        [
            *made(6, theme="training", text="Lisää kursseja <NUMBER>"),
            *made(2, theme="job_search", text="Harvinainen ehdotus"),
            *made(3, theme="digital_services"),
            *made(9, theme="other", week_start=MONDAY - timedelta(weeks=8)),  # outside
            we_did("training", date(2026, 10, 1), analyst.id),
            we_did("training", date(2026, 11, 20), analyst.id),
        ],
    )
    got = proposals.report(db, WEEKS, min_group=5)
    themes = {theme.theme: theme for theme in got.by_theme}
    assert got.total == 11
    assert themes["training"].count == 6
    assert themes["training"].quotes == ["Lisää kursseja <NUMBER>"] * 3
    assert themes["job_search"].count is None and themes["job_search"].quotes == []
    assert themes["digital_services"].count is None  # with job_search: 5, not 2
    assert themes["other"].count == 0
    assert [a.done_on for a in themes["training"].actions] == [
        date(2026, 11, 20),
        date(2026, 10, 1),
    ]
    assert themes["training"].actions[0].text_sv == "Vi gjorde 2026-11-20"
    assert themes["other"].actions == []


def test_a_theme_hidden_to_protect_another_is_not_quoted(db: Session) -> None:
    """8 proposals are enough to quote, but hidden with the 2 their quotes would tell which
    of the two hidden themes is the small one."""
    store(
        db,
        [
            *made(12, theme="digital_services", text="Chat myös iltaisin"),
            *made(8, theme="job_search", text="Palkka näkyviin"),
            *made(2, theme="training", text="Lisää verkkokursseja"),
        ],
    )
    themes = {theme.theme: theme for theme in proposals.report(db, WEEKS, min_group=6).by_theme}
    assert themes["digital_services"].count == 12 and themes["digital_services"].quotes
    assert (themes["job_search"].count, themes["job_search"].quotes) == (None, [])
    assert (themes["training"].count, themes["training"].quotes) == (None, [])
