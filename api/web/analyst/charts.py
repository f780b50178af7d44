"""The dashboard's charts: Vega-Lite specifications built with Altair, rendered to SVG on the
server by vl-convert (its own bundled Vega; no network: external data is not allowed), so the
page needs no script.

Each SVG is an image with its title and description (role="img", <title>, <desc>); the
figures themselves are in the HTML table beside it, which is what a screen reader reads.
Hidden figures are left out of a chart (and the table says why).
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import altair as alt
import vl_convert
from markupsafe import Markup, escape

from vocabulary.languages import StaffLanguage

# d3's number and time locales of the staff languages (decimal comma in Finnish).
D3Locale = Literal["fi-FI", "en-GB"]
D3_LOCALES: dict[StaffLanguage, D3Locale] = {"fi": "fi-FI", "en": "en-GB"}
# Text #1a1a1a; series in colours at least 4.5:1 against white, told apart by the legend
# and the table too, never by colour alone.
COLOURS = ("#0a4d8c", "#b34700", "#4a4a4a", "#6b2c91")
CONFIG: dict[str, Any] = {
    "aria": False,  # the SVG as a whole is the image; its parts are not announced one by one
    "font": "system-ui, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#1a1a1a"},
    "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom"},
    "title": {"fontSize": 15, "anchor": "start", "color": "#1a1a1a"},
    "view": {"stroke": None},
    "range": {"category": list(COLOURS)},
}
SVG_START = re.compile(r"<svg\b([^>]*)>")
# Vega's own roles and labels of the marks, in English: the image is named as a whole.
MARK_ARIA = re.compile(r'\s(?:aria-[a-z]+|role)="[^"]*"')


@dataclass(frozen=True)
class Chart:
    """One chart of the dashboard: the Vega-Lite spec and its accessible name."""

    key: str  # unique on the page: the ids of its title and description
    title: str
    description: str
    spec: dict[str, Any]

    def svg(self, language: StaffLanguage) -> Markup:
        svg = _render(
            json.dumps(self.spec, sort_keys=True),
            D3_LOCALES[language],
            self.key,
            str(escape(self.title)),
            str(escape(self.description)),
        )
        return Markup(svg)  # noqa: S704 - vl-convert's own SVG, our texts escaped


@lru_cache(maxsize=128)
def _render(spec: str, locale: D3Locale, key: str, title: str, description: str) -> str:
    """The SVG of a spec (cached: the same figures draw the same chart)."""
    svg = vl_convert.vegalite_to_svg(
        json.loads(spec),
        allowed_base_urls=[],
        format_locale=locale,
        time_format_locale=locale,
    )
    svg = MARK_ARIA.sub("", svg)

    def labelled(start: re.Match[str]) -> str:
        return (
            f'<svg{start.group(1)} role="img" aria-labelledby="{key}-title {key}-desc">'
            f'<title id="{key}-title">{title}</title><desc id="{key}-desc">{description}</desc>'
        )

    return SVG_START.sub(labelled, svg, count=1)


def _chart(title: str, description: str, height: int | alt.Step = 240) -> alt.Chart:
    # The data goes into the spec after Altair has built it (see _spec): Altair would walk
    # every row of it.
    return alt.Chart(title=alt.Title(title), description=description).properties(
        width=560, height=height
    )


def line(
    key: str,
    title: str,
    description: str,
    points: list[tuple[str, float]],
    *,
    x_title: str,
    y_title: str,
    domain: tuple[float, float],
) -> Chart:
    data = [{"x": label, "y": value} for label, value in points]
    order = [label for label, _ in points]
    chart = (
        _chart(title, description)
        .mark_line(point=True, color=COLOURS[0], strokeWidth=3)
        .encode(
            x=alt.X("x:N", title=x_title, sort=order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=list(domain))),
        )
    )
    return Chart(key, title, description, _spec(chart, data))


def stacked(
    key: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, str, int]],
    *,
    x_title: str,
    y_title: str,
    x_order: list[str],
    series_order: list[str],
) -> Chart:
    """Bars of (x, series, value), stacked."""
    data = [
        {"x": x, "series": series, "order": series_order.index(series), "y": value}
        for x, series, value in rows
    ]
    chart = (
        _chart(title, description)
        .mark_bar()
        .encode(
            x=alt.X("x:N", title=x_title, sort=x_order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("y:Q", title=y_title, stack="zero"),
            color=alt.Color("series:N", title=None, sort=series_order),
            order=alt.Order("order:Q"),
        )
    )
    return Chart(key, title, description, _spec(chart, data))


def grouped(
    key: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, str, float]],
    *,
    category_title: str,
    value_title: str,
    category_order: list[str],
    series_order: list[str],
) -> Chart:
    """Horizontal bars of (category, series, value), the series side by side."""
    data = [{"category": c, "series": s, "value": v} for c, s, v in rows]
    chart = (
        _chart(title, description, height=alt.Step(14))
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title=category_title, sort=category_order),
            yOffset=alt.YOffset("series:N", sort=series_order),
            x=alt.X("value:Q", title=value_title),
            color=alt.Color("series:N", title=None, sort=series_order),
        )
    )
    return Chart(key, title, description, _spec(chart, data))


def bars(
    key: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, float]],
    *,
    category_title: str,
    value_title: str,
    category_order: list[str],
    domain: tuple[float, float],
) -> Chart:
    """Horizontal bars of (category, value), one series."""
    data = [{"category": c, "value": v} for c, v in rows]
    chart = (
        _chart(title, description, height=alt.Step(26))
        .mark_bar(color=COLOURS[0])
        .encode(
            y=alt.Y("category:N", title=category_title, sort=category_order),
            x=alt.X("value:Q", title=value_title, scale=alt.Scale(domain=list(domain))),
        )
    )
    return Chart(key, title, description, _spec(chart, data))


def _spec(chart: alt.Chart, data: list[dict[str, Any]]) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()  # validated against Vega-Lite's schema
    spec["data"] = {"values": data}
    spec["config"] = CONFIG
    return spec
