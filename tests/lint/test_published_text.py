"""published_text: what a channel publishes from a post's Markdown, line breaks as CommonMark means them.

policy-schedule writes this text in message_text and channel-too-long counts it,
so a post wrapped at 72 columns publishes, and counts, exactly as its unwrapped twin.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.lint.xcount import weighted_length
from checks.repo.post import Post, parse_post, published_text

PROJECT = Path(__file__).resolve().parents[2]
UNWRAPPED = (
    "Flood warning for Blackwater. The river is over its banks near the bridge and the road is closed. "
    "Sandbags are at the Hawley Lane depot until 8pm. If you are in danger, call 999. "
    "Updates: https://www.hart.gov.uk/flooding #BlackwaterFlood"
)
WRAPPED = textwrap.fill(UNWRAPPED, width=72)


def test_a_post_wrapped_at_72_columns_publishes_its_unwrapped_twin() -> None:
    assert WRAPPED.count("\n") == 3 and max(len(line) for line in WRAPPED.splitlines()) <= 72
    assert published_text(WRAPPED) == UNWRAPPED
    assert weighted_length(published_text(WRAPPED)) == weighted_length(published_text(UNWRAPPED))


# Words that cannot start a list item or a link, and hold no backslash: wrapping them changes nothing.
WORD = st.text(st.sampled_from("abcXYZ019.,!?'#@:/&-é🦆"), min_size=1, max_size=12).filter(
    lambda word: not re.fullmatch(r"[-*+]|\d+[.)]", word)
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(WORD, min_size=1, max_size=80), st.integers(min_value=20, max_value=90))
def test_wrapping_at_any_width_changes_neither_the_text_nor_its_length(words: list[str], width: int) -> None:
    unwrapped = " ".join(words)
    wrapped = textwrap.fill(unwrapped, width=width, break_long_words=False, break_on_hyphens=False)
    assert published_text(wrapped) == published_text(unwrapped) == unwrapped
    assert weighted_length(published_text(wrapped)) == weighted_length(unwrapped)


@pytest.mark.parametrize(
    ("markdown", "published"),
    [
        ("one\ntwo", "one two"),
        ("one   \t\n   two", "one two"),  # white space around a soft break is one space
        ("one\n\ntwo", "one\n\ntwo"),
        ("one\n\n\n\ntwo", "one\n\ntwo"),  # a run of blank lines is one paragraph break
        ("one\n  \t \ntwo", "one\n\ntwo"),  # a line of spaces and tabs alone is blank
        ("one\r\ntwo\r\n\r\nthree\rfour", "one two\n\nthree four"),  # CRLF and CR as LF
        ("\n\n  one  \n\n", "one"),
    ],
)
def test_soft_breaks_join_and_blank_lines_are_paragraph_breaks(markdown: str, published: str) -> None:
    assert published_text(markdown) == published


@pytest.mark.parametrize(
    ("markdown", "published"),
    [
        ("Hawley Lane depot  \nopen until 8pm", "Hawley Lane depot\nopen until 8pm"),
        ("Hawley Lane depot     \nopen", "Hawley Lane depot\nopen"),
        ("Hawley Lane depot\\\nopen", "Hawley Lane depot\nopen"),
        ("Hawley Lane depot \\\nopen", "Hawley Lane depot\nopen"),
        ("depot \t\nopen", "depot open"),  # one space, or a tab, is no hard break
        ("depot\\ \nopen", "depot\\ open"),  # the backslash must end the line
        ("C:\\\\\nopen", "C:\\\\ open"),  # an escaped backslash is no hard break
        ("Last line\\", "Last line\\"),  # at the end of a paragraph a backslash is a backslash
        ("Last line\\\n\nNext", "Last line\\\n\nNext"),
        ("Last line  \n\nNext", "Last line\n\nNext"),
        ("\\\nopen", "\\ open"),  # a backslash alone is text
    ],
)
def test_a_hard_break_keeps_its_line_break(markdown: str, published: str) -> None:
    assert published_text(markdown) == published


def test_a_backslash_after_a_url_is_a_hard_break_not_part_of_the_url() -> None:
    published = published_text("Updates: https://www.hart.gov.uk/flooding\\\n#BlackwaterFlood")
    assert published == "Updates: https://www.hart.gov.uk/flooding\n#BlackwaterFlood"
    assert weighted_length(published) == len("Updates: ") + 23 + len("\n#BlackwaterFlood")


@pytest.mark.parametrize(
    ("markdown", "published"),
    [
        ("Bring:\n- gloves\n- boots\n* a flask\n+ a hat", "Bring:\n- gloves\n- boots\n* a flask\n+ a hat"),
        ("Steps:\n1. Sign up\n2. Turn up\n3) Litter pick", "Steps:\n1. Sign up\n2. Turn up\n3) Litter pick"),
        ("- gloves that fit\n  well\n- boots", "- gloves that fit well\n- boots"),  # a continuation line
        ("- gloves that fit\nwell\n- boots", "- gloves that fit well\n- boots"),  # a lazy one too
        ("  - indented item\n    - nested item", "- indented item\n- nested item"),  # indentation is not published
        ("- gloves\n\n- boots", "- gloves\n\n- boots"),
        ("1. Sign up\n\n   More about signing up\n2. Turn up", "1. Sign up\n\nMore about signing up\n2. Turn up"),
        ("Bring:\n1. gloves", "Bring:\n1. gloves"),  # 1 may start a list inside a paragraph
        ("We planted 300 trees in\n2025. Thank you", "We planted 300 trees in 2025. Thank you"),  # other numbers not
        ("Intro\n\nsome text\n2. not an item", "Intro\n\nsome text 2. not an item"),  # nor after a list has ended
        ("Score:\n3 - 1 to Fleet", "Score: 3 - 1 to Fleet"),
        ("Bring\n-\nboots", "Bring - boots"),  # a marker with no text is no item
        ("Bring\n1234567890. boots", "Bring 1234567890. boots"),  # ten digits are too many for a marker
    ],
)
def test_each_list_item_keeps_its_own_line(markdown: str, published: str) -> None:
    assert published_text(markdown) == published


@pytest.mark.parametrize(
    ("markdown", "published"),
    [
        ("See [the page](https://a.uk/p) ![cat](c.jpg)now", "See the page https://a.uk/p now"),
        ("See [the garden\nwaste page](https://a.uk/g).", "See the garden waste page https://a.uk/g."),
        ("Ducks!\n![Ducks on Fleet Pond](pond.jpg)\nRead more.", "Ducks! Read more."),  # a line of images alone
        ("Ducks! ![Ducks](pond.jpg)\nRead more.", "Ducks! Read more."),
        ("![Ducks](pond.jpg)\n\nRead more.", "Read more."),
    ],
)
def test_links_count_as_text_and_url_and_images_are_left_out(markdown: str, published: str) -> None:
    assert published_text(markdown) == published


def test_other_markdown_is_published_as_written_without_indentation() -> None:
    markdown = "# Fleet Pond\n> Ducks\n\n    indented, not code\n    at all\n```\ncode\n```"
    assert published_text(markdown) == "# Fleet Pond > Ducks\n\nindented, not code at all ``` code ```"


def read(text: str) -> Post:
    post = parse_post(text.encode("utf-8"), "post.md")
    assert isinstance(post, Post), post
    return post


def test_each_channel_publishes_its_own_text_or_the_body() -> None:
    post = read(
        "---\nchannels: [facebook, x, instagram]\ntext:\n  x: |\n    Own words\n    for x\n---\n"
        f"{WRAPPED}\n\n![Sandbags](images/sandbags.jpg)\n"
    )
    assert post.published_texts == {"facebook": UNWRAPPED, "x": "Own words for x", "instagram": UNWRAPPED}


def test_front_matter_of_the_wrong_shape_publishes_nothing_rather_than_failing() -> None:
    assert read("---\nchannels: 5\n---\nHello\n").published_texts == {}
    assert read("---\nchannels: [x]\ntext: hello\n---\nHello\n").published_texts == {"x": "Hello"}


def test_the_staff_page_example_is_what_is_published() -> None:
    page = (PROJECT / "docs" / "staff" / "policy-check.md").read_text(encoding="utf-8")
    section = page.split("## Write the post's text\n", 1)[1].split("\n## ", 1)[0]
    markdown, published = re.findall(r"```(?:markdown|text)\n(.*?)\n```", section, re.DOTALL)
    assert "\\\n" in markdown and "wrapped\nin" in markdown
    assert published_text(markdown) == published
