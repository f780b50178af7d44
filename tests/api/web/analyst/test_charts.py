"""The dashboard's charts: SVG drawn on the server, named for screen readers, no network."""

import pytest

from api.web.analyst import charts


def test_a_chart_is_an_svg_image_with_its_title_and_description() -> None:
    chart = charts.line(
        "chart-x",
        "Keskiarvo <viikoittain>",
        "Viivakaavio & taulukko",
        [("vk 47", 3.5), ("vk 48", 4.25)],
        x_title="Viikko",
        y_title="Keskiarvo",
        domain=(1, 5),
    )
    svg = str(chart.svg("fi"))
    assert svg.startswith("<svg ")
    assert 'role="img" aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">Keskiarvo &lt;viikoittain&gt;</title>' in svg
    assert '<desc id="chart-x-desc">Viivakaavio &amp; taulukko</desc>' in svg
    assert "<script" not in svg and "style=" not in svg
    assert svg.count("role=") == 1  # the image as a whole, not its marks one by one
    assert "aria-roledescription" not in svg


def test_a_chart_may_load_nothing_from_the_network() -> None:
    chart = charts.Chart(
        "chart-y",
        "t",
        "d",
        {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"url": "http://127.0.0.1:9/data.json"},
            "mark": "bar",
        },
    )
    with pytest.raises(ValueError, match=r"(?i)url|access|allowed"):
        chart.svg("en")
