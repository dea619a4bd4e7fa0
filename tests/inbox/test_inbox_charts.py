"""Charts of counts tick whole numbers only (no 0.5 of a message); charts of hours keep their fractions.

The tick labels are read from the SVG, where text stays text
(``svg.fonttype: none``): the labels of one axis share the coordinate across
it (every tick of a horizontal chart's value axis has the same ``y``), where
the labels on the bars do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest

from checks.charts import BarChart, Series, bar_chart_svg
from checks.inbox.report import Figures
from checks.inbox.report_html import report_page

TEXT = re.compile(r'<text\b[^>]*\bx="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>')
NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?")


def value_ticks(svg: str, *, horizontal: bool) -> list[str]:
    """The value axis's tick labels, in order: the largest group of numbers on one line across that axis."""
    lines: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for x, y, text in TEXT.findall(svg):
        if NUMBER.fullmatch(text):
            across, along = (y, x) if horizontal else (x, y)
            lines[across].append((float(along), text))
    ticks = max(lines.values(), key=len)
    return [text for _, text in sorted(ticks, reverse=not horizontal)]  # upwards: y falls as values rise


def chart(values: list[float], *, horizontal: bool = True, whole_numbers: bool = True) -> str:
    categories = [f"Category {number}" for number in range(len(values))]
    return bar_chart_svg(
        BarChart(
            chart_id="test",
            title="Test",
            description="A test chart.",
            categories=categories,
            series=[Series("Messages", values)],
            value_label="Messages",
            horizontal=horizontal,
            whole_numbers=whole_numbers,
        )
    )


@pytest.mark.parametrize(
    ("values", "ticks"),
    [
        ([1, 0, 2], ["0", "1", "2"]),  # matplotlib's own ticks are 0, 0.25, 0.5 ... 2
        ([0, 0, 0], ["0", "1"]),  # not -0.06 to 0.06
        ([3, 1], ["0", "1", "2", "3"]),
    ],
)
@pytest.mark.parametrize("horizontal", [True, False], ids=["horizontal", "vertical"])
def test_a_chart_of_counts_ticks_whole_numbers_from_0(values: list[float], ticks: list[str], horizontal: bool) -> None:
    assert value_ticks(chart(values, horizontal=horizontal), horizontal=horizontal) == ticks


def test_a_large_count_keeps_few_ticks() -> None:
    ticks = [int(tick) for tick in value_ticks(chart([40, 3, 7]), horizontal=True)]
    assert ticks[0] == 0 and ticks[-1] >= 40 and len(ticks) <= 10


def test_a_chart_of_hours_keeps_its_fractions() -> None:
    ticks = value_ticks(chart([0.5, 1.25], whole_numbers=False), horizontal=True)
    assert any("." in tick for tick in ticks)


@pytest.mark.parametrize(("n", "ticks"), [(0, ["0", "1"]), (1, ["0", "1"]), (2, ["0", "1", "2"])])
def test_the_reports_charts_tick_whole_numbers(n: int, ticks: list[str]) -> None:
    figures = Figures(
        "2024.1",
        date(2027, 6, 7),
        date(2027, 6, 7),
        rows_triaged=n,
        needs_reply=n,
        reply_seconds=[(f"r-{number}", 1800.0) for number in range(n)],
        labels={"emergency": n, "none": 0},
    )
    charts = re.findall(r"<svg\b.*?</svg>", report_page(figures), re.DOTALL)
    assert len(charts) == 2
    for svg in charts:
        assert value_ticks(svg, horizontal=True) == ticks
