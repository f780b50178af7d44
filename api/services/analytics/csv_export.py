"""The aggregates as CSV, one figure a row, safe to open in a spreadsheet.

A cell that starts with =, +, - or @ (or a tab or carriage return) would run as a formula in
Excel or LibreOffice ("CSV injection"): such a cell is written with a leading apostrophe,
which the spreadsheet shows as text. Clients' words reach the file through the themes'
keywords and quotes and the proposals, so this is not theoretical. A hidden count is an
empty value with "yes" in the column "suppressed" (an empty mean or rate may also mean that
there was nothing to compute it from).
"""

import csv
import io
from collections.abc import Iterator

from api.schemas.analytics import Completion, ProposalAnalytics, PulseAnalytics

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("section", "group", "measure", "value", "suppressed")
Row = tuple[str, str, str, object]


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _completion(section: str, group: str, completion: Completion) -> Iterator[Row]:
    for outcome, count in completion.model_dump().items():
        yield section, group, f"completion_{outcome}", count


def pulse_rows(report: PulseAnalytics) -> Iterator[Row]:
    yield "summary", "", "from", report.from_
    yield "summary", "", "to", report.to
    yield "summary", "", "min_group", report.min_group
    yield "summary", "", "offered", report.offered
    yield "summary", "", "answered", report.answered
    yield "summary", "", "response_rate", report.response_rate
    yield "summary", "", "mean", report.mean
    yield from _completion("summary", "", report.completion)
    for week in report.by_week:
        group = week.week.isoformat()
        yield "by_week", group, "offered", week.offered
        yield "by_week", group, "answered", week.answered
        yield "by_week", group, "mean", week.mean
        yield from _completion("by_week", group, week.completion)
    for step in report.by_step:
        yield "by_step", step.step, "answered", step.answered
        yield "by_step", step.step, "mean", step.mean
    for channel in report.by_channel:
        yield "by_channel", channel.channel, "answered", channel.answered
        yield "by_channel", channel.channel, "mean", channel.mean
    for language in report.by_language:
        yield "by_language", language.language, "answered", language.answered
        yield "by_language", language.language, "mean", language.mean
    for kind in report.by_offer_kind:
        yield "by_offer_kind", kind.offer_kind, "offered", kind.offered
        yield "by_offer_kind", kind.offer_kind, "answered", kind.answered
        yield "by_offer_kind", kind.offer_kind, "response_rate", kind.response_rate
    for side, counts in (("went_well", report.went_well), ("to_improve", report.to_improve)):
        for driver in counts:
            yield side, driver.driver, "answers", driver.count
    for themes in report.themes:
        group = f"{themes.side}/{themes.language}"
        yield "themes", group, "texts", themes.texts
        yield "themes", group, "analysed", themes.analysed
        yield "themes", group, "unclassified", themes.unclassified
        for number, theme in enumerate(themes.themes, start=1):
            theme_group = f"{group}/{number}"
            yield "themes", theme_group, "theme", theme.theme
            yield "themes", theme_group, "keywords", "; ".join(theme.keywords)
            yield "themes", theme_group, "texts", theme.count
            for text in theme.quotes:
                yield "themes", theme_group, "quote", text


def proposal_rows(report: ProposalAnalytics) -> Iterator[Row]:
    yield "proposals", "", "total", report.total
    for theme in report.by_theme:
        yield "proposals", theme.theme, "count", theme.count
        for text in theme.quotes:
            yield "proposals", theme.theme, "quote", text
        for action in theme.actions:
            yield "proposals", theme.theme, "we_did_on", action.done_on
            yield "proposals", theme.theme, "we_did_fi", action.text_fi
            yield "proposals", theme.theme, "we_did_sv", action.text_sv
            yield "proposals", theme.theme, "we_did_en", action.text_en


# The measures that are counts: empty only when hidden.
COUNTS = {"offered", "answered", "answers", "texts", "analysed", "unclassified", "count", "total"}


def to_csv(pulse: PulseAnalytics, proposals: ProposalAnalytics) -> str:
    """With a byte order mark, so that Excel reads the UTF-8 (ä, ö, å) right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for section, group, measure, value in (*pulse_rows(pulse), *proposal_rows(proposals)):
        hidden = value is None and (measure in COUNTS or measure.startswith("completion_"))
        writer.writerow(
            [safe(section), safe(group), safe(measure), safe(value), "yes" if hidden else ""]
        )
    return out.getvalue()
