"""Small Markdown and HTML helpers: escaping text from the data, blocks, tables, code, relative links and dates."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from datetime import date

from checks.policy import london

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]>#!])")
# Text inside inline HTML, escaped in one pass: HTML's own characters, and the characters
# Markdown reads as syntax as numeric character references.
INLINE_CODE_REFERENCES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~:"}
)
# C0 controls other than tab and line feed, and DEL: shown as Unicode control pictures in examples.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SiteError(Exception):
    """A page asked for something the policy does not hold; the build must stop."""


def long_date(value: str | date) -> str:
    """A date as GOV.UK writes it: 31 March 2027."""
    return london.long_date(value if isinstance(value, date) else date.fromisoformat(value))


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """Plain text made safe to stand in Markdown: a heading, a link's text or a table cell."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def markdown_blocks(*parts: str) -> str:
    """Markdown blocks separated by blank lines, with blank lines around the whole."""
    return "\n\n" + "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n\n"


def heading(level: int, text: str, anchor: str | None = None) -> str:
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {markdown_text(text)}{suffix}"


def relative(page: str, target: str) -> str:
    """A link from one docs page to another (both as paths in docs/), keeping any #anchor."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return f"{link}#{anchor}" if anchor else link


def site_root(page: str) -> str:
    """The relative URL from a page to the site's root, with directory URLs (``about/index.md`` → ``../``)."""
    folder = posixpath.dirname(page)
    stem = posixpath.splitext(posixpath.basename(page))[0]
    depth = (len(folder.split("/")) if folder else 0) + (0 if stem in ("index", "README") else 1)
    return "../" * depth if depth else "./"


def mailto(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"

    lines = [row(header), "| " + " | ".join("---" for _ in header) + " |", *(row(cells) for cells in rows)]
    return markdown_blocks("\n".join(lines))


def one_line(text: str) -> str:
    return " ".join(text.split())


def inline_code(text: str) -> str:
    """Text from the data as inline code, written as HTML: a Markdown code span holding ``<![`` breaks MkDocs.

    Markdown still reads the text inside an inline HTML tag, so its special characters
    are written as character references: a regular expression such as ``[a-z](?:x)``
    must not become a link.
    """
    return f"<code>{text.translate(INLINE_CODE_REFERENCES)}</code>"


def code_block(text: str, language: str) -> str:
    """Text from the data as a code block, written as HTML so that no character of it is read as Markdown."""
    return f'<pre><code class="language-{language}">{escape(text.rstrip(chr(10)))}</code></pre>'


def show_controls(text: str) -> str:
    """Control characters as their Unicode control pictures (NUL as ␀), so they show in a code block."""
    return CONTROL.sub(lambda m: chr(0x2421) if m[0] == "\x7f" else chr(0x2400 + ord(m[0])), text)
