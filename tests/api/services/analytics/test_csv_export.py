"""The CSV export: one figure a row, hidden counts marked, spreadsheet formulas defused."""

import csv
import io

import pytest

from api.schemas.analytics import (
    Completion,
    ProposalAnalytics,
    ProposalTheme,
    PulseAnalytics,
    ThemeActionOut,
)
from api.services.analytics.csv_export import proposal_rows, safe, to_csv
from tests.api.services.analytics.test_pulse import WEEKS


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+358 40", "'+358 40"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Jono oli pitkä", "Jono oli pitkä"),
        (12, "12"),
        (None, ""),
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_is_escaped(cell: object, written: str) -> None:
    assert safe(cell) == written


def empty_pulse() -> PulseAnalytics:
    none = Completion(yes=None, partly=None, no=None, skipped=None)
    return PulseAnalytics(
        from_=WEEKS.first,
        to=WEEKS.last_day,
        min_group=5,
        offered=3,
        answered=None,
        response_rate=None,
        mean=None,
        completion=none,
        by_step=[],
        by_week=[],
        by_channel=[],
        by_language=[],
        by_offer_kind=[],
        went_well=[],
        to_improve=[],
        theme_method="keywords",
        themes=[],
    )


def proposals_with(text: str) -> ProposalAnalytics:
    action = ThemeActionOut(
        id=1, theme="training", text_fi="=1+1", text_sv="Mer", text_en="More", done_on=WEEKS.first
    )
    return ProposalAnalytics(
        from_=WEEKS.first,
        to=WEEKS.last_day,
        min_group=5,
        total=None,
        by_theme=[
            ProposalTheme(theme="training", count=6, quotes=[text], actions=[action]),
            ProposalTheme(theme="other", count=None, quotes=[], actions=[]),
        ],
    )


def test_clients_words_in_the_export_are_defused() -> None:
    body = to_csv(empty_pulse(), proposals_with("@cmd|' /C calc'!A0"))
    assert body.startswith("\ufeffsection,group,measure,value,suppressed\r\n")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    by_measure = {(row[1], row[2]): row for row in rows if row[0] == "proposals"}
    assert by_measure["training", "quote"][3] == "'@cmd|' /C calc'!A0"
    assert by_measure["training", "we_did_fi"][3] == "'=1+1"
    assert by_measure["training", "count"][3:] == ["6", ""]
    assert by_measure["other", "count"][3:] == ["", "yes"]  # hidden
    assert by_measure["", "total"][3:] == ["", "yes"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_proposal_rows_name_each_figure() -> None:
    rows = list(proposal_rows(proposals_with("Lisää kursseja")))
    assert ("proposals", "training", "we_did_on", WEEKS.first) in rows
