"""Bar charts as inline SVG, drawn by matplotlib, and the words for their numbers, for the inbox report and
the site's "How we're doing" page.

A shared leaf: it imports nothing of the project, so the inbox command and the
site can both use it without importing each other. The SVG is made to stand
inside an HTML page: no XML prolog, no width or height (it scales with its
box), ``role="img"`` with a ``<title>`` and ``<desc>`` it is labelled by, ids
prefixed so that two charts on one page never share one, text kept as text
(``svg.fonttype: none``), and colours that follow the page's light or dark
scheme through CSS custom properties. The same data gives the same bytes.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Drawn in stand-in colours, then written as CSS: matplotlib cannot write ``currentColor`` or ``var()``.
INK = "#010203"  # text, axes and ticks: the text colour of the page
GRID = "#040506"
SERIES = ("#070809", "#0a0b0c", "#0d0e0f")
CSS_COLOURS = {
    INK: "currentColor",
    GRID: "var(--chart-grid, #b1b4b6)",
    SERIES[0]: "var(--chart-1, #1d70b8)",
    SERIES[1]: "var(--chart-2, #6f4a9c)",
    SERIES[2]: "var(--chart-3, #b35900)",
}
ID = re.compile(r'\s\bid="([^"]+)"')
REFERENCE = re.compile(r'(?:url\(#|href="#)([^")]+)')
METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
STYLE_BLOCK = re.compile(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>", re.DOTALL)
FONT = re.compile(r"font-family:[^;\"]+")
BETWEEN_TAGS = re.compile(r">\s+<")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no value for that category (drawn as no bar)


@dataclass(frozen=True)
class BarChart:
    """What to draw: categories along one axis, a bar per series for each, and words for the reader."""

    chart_id: str  # unique on the page; prefixes every id inside the SVG
    title: str
    description: str  # the text alternative: what the chart shows, in a sentence or two
    categories: Sequence[str]
    series: Sequence[Series]
    value_label: str  # the axis of the values, such as "Working hours"
    horizontal: bool = False
    reference: float | None = None  # a line across the bars, such as a target
    reference_label: str = ""
    whole_numbers: bool = False  # the values are counts: the value axis starts at 0 and ticks only whole numbers


def bar_chart_svg(chart: BarChart) -> str:
    """The chart as one line of SVG markup, ready to stand inside HTML or Markdown."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    with matplotlib.rc_context(_STYLE):
        figure = _draw(pyplot, chart)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        pyplot.close(figure)
    return _for_html(buffer.getvalue(), chart)


_STYLE = {
    "svg.hashsalt": "hart-policy-charts",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": "sans-serif",
    "font.size": 11,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "path.simplify": False,
}


def _draw(pyplot: object, chart: BarChart) -> object:
    rows = len(chart.categories)
    size = (4.8, max(2.0, 0.32 * rows * max(1, len(chart.series)) + 0.9)) if chart.horizontal else (4.8, 3.2)
    figure, axes = pyplot.subplots(figsize=size)  # type: ignore[attr-defined]
    width = 0.8 / max(1, len(chart.series))
    positions = range(rows)
    for number, series in enumerate(chart.series):
        offsets = [p - 0.4 + width * (number + 0.5) for p in positions]
        values = [0.0 if value is None else value for value in series.values]
        colour = SERIES[number % len(SERIES)]
        bar = axes.barh if chart.horizontal else axes.bar
        bars = bar(offsets, values, width * 0.9, label=series.name, color=colour)
        labels = ["" if value is None else _number(value) for value in series.values]
        axes.bar_label(bars, labels=labels, padding=3, color=INK)
    _axes(axes, chart, positions)
    figure.tight_layout()
    return figure


def _axes(axes: object, chart: BarChart, positions: range) -> None:
    ticks, values = (axes.set_yticks, axes.set_xlabel) if chart.horizontal else (axes.set_xticks, axes.set_ylabel)  # type: ignore[attr-defined]
    ticks(list(positions), list(chart.categories))
    values(chart.value_label)
    if chart.horizontal:
        axes.invert_yaxis()  # type: ignore[attr-defined]
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
    axes.grid(axis="x" if chart.horizontal else "y", linewidth=0.6)  # type: ignore[attr-defined]
    axes.set_axisbelow(True)  # type: ignore[attr-defined]
    axes.margins(x=0.12) if chart.horizontal else axes.margins(y=0.15)  # type: ignore[attr-defined]
    if chart.reference is not None:
        line = axes.axvline if chart.horizontal else axes.axhline  # type: ignore[attr-defined]
        line(chart.reference, color=INK, linestyle="--", linewidth=1.2, label=chart.reference_label)
    if len(chart.series) > 1 or chart.reference is not None:
        axes.legend(frameon=False, loc="best")  # type: ignore[attr-defined]
    if chart.whole_numbers:
        _whole_number_axis(axes, chart.horizontal)


def _whole_number_axis(axes: object, horizontal: bool) -> None:
    """No tick at 0.5 of a message; the axis starts at 0, and reaches 1 when every count is 0 (not -0.06)."""
    from matplotlib.ticker import MaxNLocator

    whole = MaxNLocator(nbins="auto", integer=True)
    if horizontal:
        axes.xaxis.set_major_locator(whole)  # type: ignore[attr-defined]
        axes.set_xlim(0, max(axes.get_xlim()[1], 1))  # type: ignore[attr-defined]
    else:
        axes.yaxis.set_major_locator(whole)  # type: ignore[attr-defined]
        axes.set_ylim(0, max(axes.get_ylim()[1], 1))  # type: ignore[attr-defined]


def duration(value: float | None) -> str:
    """Decimal hours in words, to the minute: ``45 minutes``, ``5 hours``, ``2 hours 40 minutes``; ``none`` for None."""
    if value is None:
        return "none"
    total = int(Decimal(repr(value * 60)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    whole, minutes = divmod(total, 60)
    parts = [f"{whole} hour{'s' * (whole != 1)}"] if whole else []
    if minutes or not whole:
        parts.append(f"{minutes} minute{'s' * (minutes != 1)}")
    return " ".join(parts)


def percent(value: float | None) -> str:
    """A share from 0 to 1 as a percentage to one place: ``62.5%``; ``none`` for None."""
    return "none" if value is None else f"{value * 100:.1f}".removesuffix(".0") + "%"


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")


def _for_html(svg: str, chart: BarChart) -> str:
    """matplotlib's SVG file as an inline, labelled, scheme-following element on one line."""
    svg = svg[svg.index("<svg") :]
    svg = STYLE_BLOCK.sub("", svg)  # its `*` rule would reach the whole page
    svg = METADATA.sub("", svg).replace("xlink:href=", "href=")
    svg = _prefixed_ids(svg, chart.chart_id)
    for stand_in, colour in CSS_COLOURS.items():
        svg = svg.replace(stand_in, colour)
    svg = FONT.sub("font-family: inherit", svg)
    title, desc = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    opening = (
        f'<svg viewBox="{_view_box(svg)}" role="img" '
        f'aria-labelledby="{title} {desc}" class="chart__svg" '
        'style="stroke-linejoin: round; stroke-linecap: butt">'
        f'<title id="{title}">{html.escape(chart.title)}</title>'
        f'<desc id="{desc}">{html.escape(chart.description)}</desc>'
    )
    svg = SVG_OPEN.sub(lambda _: opening, svg, count=1)
    return BETWEEN_TAGS.sub("><", svg.replace("\n", " ")).strip()


def _prefixed_ids(svg: str, prefix: str) -> str:
    """Only the ids something refers to (clip paths, tick marks), each prefixed to be unique on the page."""
    referenced = set(REFERENCE.findall(svg))

    def rename(match: re.Match[str]) -> str:
        return f' id="{prefix}-{match[1]}"' if match[1] in referenced else ""

    svg = ID.sub(rename, svg)
    return REFERENCE.sub(lambda match: match[0].replace(f"#{match[1]}", f"#{prefix}-{match[1]}"), svg)


def _view_box(svg: str) -> str:
    found = re.search(r'viewBox="([^"]+)"', svg)
    if found is None:
        raise ValueError("matplotlib's SVG has no viewBox")
    return found[1]
