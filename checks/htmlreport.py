"""A report as one self-contained HTML page: inline CSS, charts as inline SVG, a table beside each chart.

A shared leaf for the commands' HTML reports (``policy-inbox report`` and
``policy-analytics report``); it imports only the charts leaf. Nothing is
fetched from anywhere: no script, font, stylesheet or image outside the file.
The page follows the reader's light or dark scheme (``prefers-color-scheme``);
each chart is an ``<svg role="img">`` labelled by its title and a sentence
saying what it shows, and the same numbers stand in a table with a caption
beside it, for those who cannot see the chart. Every value is escaped here, so
text from an export (a post's words) stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from checks.charts import BarChart, bar_chart_svg

STYLE = """
:root { color-scheme: light dark; --ink: #0b0c0c; --paper: #ffffff; --muted: #484949; --rule: #b1b4b6;
  --chart-1: #1d70b8; --chart-2: #6f4a9c; --chart-grid: #b1b4b6; --panel: #f3f2f1; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #f3f2f1; --paper: #141414; --muted: #c8c8c8; --rule: #6f777b;
    --chart-1: #6aa9e0; --chart-2: #c29ee6; --chart-grid: #505a5f; --panel: #262626; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; border-top: 1px solid var(--rule); padding-top: 1.5rem; }
.lede { font-size: 1.1875rem; color: var(--muted); }
.note { background: var(--panel); border-left: 0.3rem solid var(--chart-1); padding: 0.75rem 1rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 1rem; padding: 0;
  list-style: none; }
.figures li { background: var(--panel); padding: 1rem; }
.figures strong { display: block; font-size: 1.75rem; line-height: 1.2; }
.pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
@media (max-width: 48rem) { .pair { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 1rem; margin-top: 0.5rem; }
.chart__svg { display: block; width: 100%; max-width: 34rem; height: auto; color: var(--ink); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
th, td { text-align: left; padding: 0.4rem 0.5rem 0.4rem 0; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
"""


def page(title: str, heading: str, lede: str, note: str, sections: Sequence[str], style: str = "") -> str:
    """The whole page: ``title``, ``heading``, ``lede`` and ``note`` are plain text; ``sections`` are HTML."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}{style}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(heading)}</h1>\n"
        f'<p class="lede">{escape(lede)}</p>\n'
        f'<p class="note">{escape(note)}</p>\n' + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )


def at_a_glance(items: Sequence[tuple[str, str]]) -> str:
    """The section of key figures: each a value in large type, then the words that say what it counts."""
    cells = "".join(f"<li><strong>{escape(value)}</strong> {escape(words)}</li>" for value, words in items)
    return f'<h2>At a glance</h2>\n<ul class="figures">{cells}</ul>'


def pair(chart: BarChart, table_html: str) -> str:
    """A chart, with a caption that points to its numbers, beside the table that holds them."""
    caption = f"<figcaption>{escape(chart.title)}: the numbers are in the table.</figcaption>"
    figure = f"<figure>{bar_chart_svg(chart)}{caption}</figure>"
    return f'<div class="pair">\n{figure}\n{table_html}\n</div>'


def table(caption: str, header: Sequence[str], rows: Sequence[Sequence[Any]], numbers: Sequence[bool]) -> str:
    """A captioned table: a heading cell for each row's first value, ``numbers`` says which columns align right."""
    classes = [' class="number"' if number else "" for number in numbers]
    head = "".join(f'<th scope="col"{classes[index]}>{escape(name)}</th>' for index, name in enumerate(header))
    body = "".join(
        f'<tr><th scope="row">{escape(str(row[0]))}</th>'
        + "".join(f"<td{classes[index]}>{escape(str(value))}</td>" for index, value in enumerate(row) if index)
        + "</tr>"
        for row in rows
    )
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
