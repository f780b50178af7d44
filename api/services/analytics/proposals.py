"""Proposals by theme in the chosen weeks, with what was done about each theme ("we did").

The counts are protected like the pulse survey's (a theme of fewer than `min_group`
proposals, and one more if needed, is hidden); quotes come only from themes whose count is
shown. A theme hidden to protect another has `min_group` or more, but its quotes would tell
it from the small one (hidden, and no quotes), and so who is the small group.
"""

from collections import defaultdict
from collections.abc import Hashable

from sqlalchemy.orm import Session

from api.repositories import analytics
from api.schemas.analytics import ProposalAnalytics, ProposalTheme, ThemeActionOut
from api.services.analytics.pulse import Weeks, quote
from api.services.analytics.suppression import Partition, protect
from vocabulary.participation import THEMES

QUOTES = 3
TOTAL = "total"


def report(session: Session, weeks: Weeks, *, min_group: int) -> ProposalAnalytics:
    counts = analytics.proposal_counts(session, weeks.first, weeks.last_day)
    values: dict[Hashable, int] = {theme: counts.get(theme, 0) for theme in THEMES}
    values[TOTAL] = sum(values.values())
    hidden = protect(values, [Partition(TOTAL, THEMES)], min_group)
    actions: dict[str, list[ThemeActionOut]] = defaultdict(list)
    for action in analytics.theme_actions(session):
        actions[action.theme].append(ThemeActionOut.model_validate(action, from_attributes=True))
    by_theme = []
    for theme in THEMES:
        quotes = []
        if theme not in hidden and values[theme] >= min_group:
            texts = analytics.newest_proposals(session, weeks.first, weeks.last_day, theme, QUOTES)
            quotes = [quote(text) for text in texts]
        by_theme.append(
            ProposalTheme(
                theme=theme,
                count=None if theme in hidden else values[theme],
                quotes=quotes,
                actions=actions[theme],
            )
        )
    return ProposalAnalytics(
        from_=weeks.first,
        to=weeks.last_day,
        min_group=min_group,
        total=None if TOTAL in hidden else values[TOTAL],
        by_theme=by_theme,
    )
