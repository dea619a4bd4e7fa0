"""Every colour chosen in docs/assets/site.css, with the colour it stands on, meets WCAG 2.2 AA contrast.

axe-core checks text as it renders; this also covers what it cannot see: focus
rings (3:1 for non-text, WCAG 1.4.11), hover colours, and the overdue banner
on the day it first shows.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

import pytest
from sitekit import PROJECT

SITE_CSS = PROJECT / "docs" / "assets" / "site.css"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|hsla?\((?:[^()]|\([^()]*\))*\)")
MATERIAL_HUE = "225"  # the theme's --md-hue, used by its slate scheme
WHITE = "#ffffff"
SLATE = "hsla(225, 15%, 14%, 1)"  # the theme's slate background: --md-default-bg-color
TEXT, NON_TEXT = 4.5, 3.0


@dataclass(frozen=True)
class Pair:
    foreground: str
    background: str
    minimum: float
    role: str
    page: str = WHITE  # what shows through a see-through background


PAIRS = [
    Pair("#ffffff", "#00594f", TEXT, "header text on the header"),
    Pair("#ffffffd9", "#00594f", TEXT, "the header's lighter text"),
    Pair("#ffffff", "#1d6f65", TEXT, "text on the lighter primary colour"),
    Pair("#ffffff", "#003f38", TEXT, "text on the darker primary colour"),
    Pair("#ffffffb3", "#003f38", TEXT, "lighter text on the accent colour"),
    Pair("#00594f", WHITE, TEXT, "links, light"),
    Pair("#003f38", WHITE, TEXT, "links on hover, light"),
    Pair("#003f38", "#00594f1a", TEXT, "a hovered link on its highlight, light"),
    Pair("#000000a6", WHITE, TEXT, "secondary text, light"),
    Pair("#4b4b4b", WHITE, TEXT, "notes under the policy text, light"),
    Pair("#7fdbcf", SLATE, TEXT, "links, dark"),
    Pair("#b9f1e9", SLATE, TEXT, "links on hover, dark"),
    Pair("#b9f1e9", "#7fdbcf1a", TEXT, "a hovered link on its highlight, dark", page=SLATE),
    Pair("hsla(var(--md-hue), 15%, 90%, 0.7)", SLATE, TEXT, "secondary text, dark"),
    Pair("#c9ccd6", SLATE, TEXT, "notes under the policy text, dark"),
    Pair("#0b0c0c", "#ffdd00", TEXT, "the overdue banner"),
    Pair("#ffdd00", "#0b0c0c", NON_TEXT, "the focus ring against its dark edge"),
    Pair("#0b0c0c", WHITE, NON_TEXT, "the focus ring's dark edge on the light page"),
    Pair("#ffdd00", SLATE, NON_TEXT, "the focus ring on the dark page"),
    Pair("#ffdd00", "#00594f", NON_TEXT, "the focus ring on the header"),
    Pair("#d4351c", WHITE, NON_TEXT, "the border of a draft's problems, light"),
    Pair("#f28b82", SLATE, NON_TEXT, "the border of a draft's problems, dark"),
]


def rgba(colour: str) -> tuple[float, float, float, float]:
    """A CSS hex or hsl(a) colour as red, green, blue and alpha, each from 0 to 1."""
    colour = colour.replace("var(--md-hue)", MATERIAL_HUE).strip().lower()
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        values = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (*values[:3], values[3] if len(values) == 4 else 1.0)  # type: ignore[return-value]
    parts = [p.strip() for p in colour[colour.index("(") + 1 : colour.index(")")].split(",")]
    hue = float(parts[0].removesuffix("deg")) / 360
    saturation, lightness = (float(p.removesuffix("%")) / 100 for p in parts[1:3])
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return red, green, blue, float(parts[3]) if len(parts) > 3 else 1.0


def over(colour: str, background: tuple[float, float, float]) -> tuple[float, float, float]:
    """A colour as it shows on an opaque background (alpha blending)."""
    red, green, blue, alpha = rgba(colour)
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip((red, green, blue), background, strict=True))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(pair: Pair) -> float:
    """The contrast ratio of a pair; a see-through background is laid on the page colour of its scheme."""
    background = over(pair.background, over(pair.page, (1.0, 1.0, 1.0)))
    lighter, darker = sorted((luminance(over(pair.foreground, background)), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.role for pair in PAIRS])
def test_each_colour_pair_has_enough_contrast(pair: Pair) -> None:
    ratio = contrast(pair)
    assert ratio >= pair.minimum, f"{pair.role}: {pair.foreground} on {pair.background} is {ratio:.2f}:1"


def _normal(colour: str) -> str:
    return re.sub(r"\s+", " ", colour.lower().replace(", ", ","))


def test_every_colour_in_site_css_is_checked() -> None:
    css = re.sub(r"/\*.*?\*/", "", SITE_CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    used = {_normal(colour) for colour in COLOUR.findall(css)}
    checked = {_normal(colour) for pair in PAIRS for colour in (pair.foreground, pair.background)}
    assert used, "no colours found in site.css"
    assert used <= checked, f"colours in site.css with no contrast check here: {sorted(used - checked)}"


def test_the_contrast_formula() -> None:
    assert contrast(Pair("#000000", WHITE, 0, "black on white")) == pytest.approx(21.0)
    assert contrast(Pair("#777777", WHITE, 0, "grey on white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(Pair("#00000080", WHITE, 0, "half black on white")) == pytest.approx(
        contrast(Pair("#7f7f7f", WHITE, 0, "grey")), abs=0.01
    )
