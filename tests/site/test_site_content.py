"""What the built pages say: the whole published policy word for word, each reader's pages, and every rule.

The policy's own sentences come only from ``policy/*.yaml``: the pages in docs/
hold connecting prose and macro calls, never a sentence of the policy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import PROJECT, html_text, page_file, seed_text_module

from checks.policy.model import ChannelRef, Clause, Policy, Subsection, walk_content
from checks.site import markup, rules
from checks.site import text as site_text

SEED = PROJECT.parent / "shared" / "seed" / "social-media-policy-2024-27.txt"
DOCS = PROJECT / "docs"
SEED_RULES = seed_text_module()


@pytest.fixture(scope="module")
def texts(built_site: Any) -> dict[str, str]:
    """Every built page's text, one block a line, by URL path."""
    return {path: html_text(page_file(built_site.root, path).read_text(encoding="utf-8")) for path in built_site.pages}


def _plain(text: str) -> str:
    """Policy text as a reader sees it: link references reduced to their text, white space collapsed."""
    return SEED_RULES.normalise_policy(text)


def part_texts(policy: Policy, part_id: str) -> Iterator[str]:
    """The text of every clause (and channel heading) in a section, subsection or clause, as shown."""
    yield from _content_texts(policy, (policy.clauses[part_id],))


def _content_texts(policy: Policy, content: tuple[Any, ...]) -> Iterator[str]:
    for item in content:
        if isinstance(item, Clause):
            yield _plain(item.text)
            yield from _content_texts(policy, item.items)
        elif isinstance(item, ChannelRef):
            channel = policy.channels[item.channel]
            yield channel.heading
            yield from _content_texts(policy, channel.content)
        else:
            if isinstance(item, Subsection):
                yield item.title
            yield from _content_texts(policy, item.content)


# -- the published policy, word for word ------------------------------------------------


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    if not SEED.is_file():
        pytest.skip("../shared (the published policy text) is not available")
    paragraphs = SEED_RULES.seed_paragraphs(SEED.read_text(encoding="utf-8"))
    sentences = [s for p in paragraphs for s in SEED_RULES.split_sentences(SEED_RULES.normalise_seed(p))]
    assert len(sentences) > 100, "the seed was not read"
    return sentences


def _missing(sentences: list[str], texts: dict[str, str]) -> list[str]:
    corpus = "\n".join(texts.values())
    return [sentence for sentence in sentences if sentence not in corpus]


def test_every_sentence_of_the_published_policy_is_on_the_site(
    seed_sentences: list[str], texts: dict[str, str]
) -> None:
    missing = _missing(seed_sentences, texts)
    assert not missing, f"{len(missing)} sentence(s) of the seed are not on the site:\n" + "\n".join(
        f"  - {sentence}" for sentence in missing
    )


def test_a_changed_word_is_not_found(seed_sentences: list[str], texts: dict[str, str]) -> None:
    """The check above can fail: one word changed, or a sentence cut across two paragraphs, is reported."""
    sentence = next(s for s in seed_sentences if "regularly throughout" in s)
    changed = sentence.replace("regularly", "rarely")
    assert _missing([sentence, changed], texts) == [changed]
    across = "The Communications team manages the corporate social media accounts: Facebook"
    assert _missing([across], texts) == [across]


# -- no policy sentence is typed into docs/ -------------------------------------------------

SHINGLE = 8  # words: a run this long shared with the policy is a copied sentence, not connecting prose
MACRO_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def shingles(text: str) -> dict[tuple[str, ...], str]:
    """Every run of ``SHINGLE`` words in a text, lower-cased, with the words as they were written."""
    words = re.findall(r"[\w']+", text)
    return {
        tuple(word.lower() for word in words[i : i + SHINGLE]): " ".join(words[i : i + SHINGLE])
        for i in range(len(words) - SHINGLE + 1)
    }


def _policy_shingles(policy: Policy) -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for section in policy.sections:
        for text in part_texts(policy, section.id):
            runs.update(shingles(text))
    return runs


def _copied(text: str, policy_runs: set[tuple[str, ...]]) -> list[str]:
    return [written for run, written in shingles(MACRO_CALL.sub(" ", text)).items() if run in policy_runs]


def test_no_policy_sentence_is_typed_into_the_pages(policy: Policy) -> None:
    policy_runs = _policy_shingles(policy)
    sources = [path for path in DOCS.rglob("*") if path.suffix in (".md", ".html")]
    assert len(sources) > 20
    copied = {
        path.relative_to(PROJECT).as_posix(): found
        for path in sources
        if (found := _copied(path.read_text(encoding="utf-8"), policy_runs))
    }
    assert not copied, f"policy text typed into docs/ (use the macros instead): {copied}"


def test_a_typed_policy_sentence_would_be_found(policy: Policy) -> None:
    policy_runs = _policy_shingles(policy)
    typed = "Our house rules.\n\nWe monitor social media regularly throughout the working day, as you know."
    assert "We monitor social media regularly throughout the working" in _copied(typed, policy_runs)
    assert _copied('{{ policy_text("service-standards.monitoring") }}', policy_runs) == []


# -- each reader's pages -------------------------------------------------------------------

READER_PAGES = {
    "": ["purpose.scope"],
    "residents/what-to-expect/": [
        "introduction",
        "service-standards.regular-updates",
        "service-standards.monitoring",
        "service-standards.direct-message",
        "service-standards.commitment",
    ],
    "residents/house-rules/": ["house-rules"],
    "residents/privacy-and-images/": ["service-standards.personal-images"],
    "residents/freedom-of-information/": ["service-standards.foi"],
    "residents/consultations/": ["service-standards.consultations"],
    "residents/complaints/": ["service-standards.complaints"],
    "residents/elections/": ["service-standards.pre-election"],
    "staff/": ["action-over-misuse.responsibilities"],
    "staff/officer-conduct/": ["officer-conduct"],
    "staff/personal-use/": ["personal-use"],
    "staff/breaches/": ["action-over-misuse.disciplinary", "action-over-misuse.serious-breaches"],
    "staff/security/": ["governance"],
    "about/": ["aims.social-media"],
    "policy/": ["introduction", "purpose", "aims", "service-standards", "house-rules"],
}


@pytest.mark.parametrize("path", list(READER_PAGES))
def test_each_readers_page_holds_its_part_of_the_policy(texts: dict[str, str], policy: Policy, path: str) -> None:
    missing = [text for part in READER_PAGES[path] for text in part_texts(policy, part) if text not in texts[path]]
    assert not missing, f"{path or '/'} lacks:\n" + "\n".join(f"  - {text}" for text in missing)


def test_the_full_policy_page_holds_every_section_in_order(texts: dict[str, str], policy: Policy) -> None:
    text = texts["policy/"]
    positions = [text.find("\n" + site_text.section_heading(section) + "\n") for section in policy.sections]
    assert -1 not in positions, "a section heading is missing from the full policy"
    assert positions == sorted(positions)
    for section in policy.sections:
        for part in part_texts(policy, section.id):
            assert part in text, f"the full policy lacks: {part}"


def test_the_privacy_page_says_how_to_withdraw_an_image(built_site: Any, policy: Policy) -> None:
    html = page_file(built_site.root, "residents/privacy-and-images/").read_text(encoding="utf-8")
    withdraw = policy.clauses["service-standards.personal-images.withdraw"]
    assert f'<a href="mailto:{policy.meta.contact}">{policy.meta.contact}</a>' in html
    assert _plain(withdraw.text) in html_text(html)


PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.DOTALL)


def _paragraphs(html: str) -> set[str]:
    """The text of each paragraph of a page, white space collapsed."""
    return {" ".join(html_unescape(re.sub(r"<[^>]+>", "", inner)).split()) for inner in PARAGRAPH.findall(html)}


def test_no_list_item_of_the_policy_stands_alone_as_a_paragraph(built_site: Any, policy: Policy) -> None:
    """A list item shown on its own ("we will try to answer queries as soon as we can") reads as a stray
    fragment: each page shows it as the full policy does, in its list under the words that introduce it."""
    clauses = [item for section in policy.sections for item, _ in walk_content(section.content, policy.channels)]
    items = {_plain(child.text) for clause in clauses if isinstance(clause, Clause) for child in clause.items}
    assert "we will try to answer queries as soon as we can" in items
    stray = {}
    for path in built_site.pages:
        html = page_file(built_site.root, path).read_text(encoding="utf-8")
        if found := sorted(_paragraphs(html) & items):
            stray[path or "/"] = found
    assert not stray, f"list items of the policy standing alone as paragraphs: {stray}"


def test_each_page_has_one_main_heading_and_a_title(texts: dict[str, str], built_site: Any) -> None:
    for path in built_site.pages:
        html = page_file(built_site.root, path).read_text(encoding="utf-8")
        assert len(re.findall(r"<h1[ >]", html)) == 1, f"{path or '/'}: one h1 expected"
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
        assert title and "Hart District Council social media policy" in title.group(1), path


# -- the rules catalogue and one page per rule -------------------------------------------------


def _markdown_plain(text: str) -> str:
    """A rule's Markdown field as the page shows it: code marks gone, white space collapsed."""
    return " ".join(text.replace("`", "").split())


def test_the_catalogue_links_every_rule_by_category(built_site: Any, policy: Policy) -> None:
    html = page_file(built_site.root, "rules/").read_text(encoding="utf-8")
    linked = re.findall(r'<a href="([a-z0-9-]+)/">\1</a>', html)
    assert sorted(linked) == sorted(policy.rules)
    text = html_text(html)
    for category in rules.categories(policy):
        assert f"\n{rules.category_title(category)}\n" in text


RULE_SECTIONS = ["What it flags", "Why it matters", "The policy clause it enforces", "How to fix it", "Examples"]


@pytest.mark.parametrize("section", RULE_SECTIONS)
def test_every_rule_page_has_its_sections(texts: dict[str, str], policy: Policy, section: str) -> None:
    for rule_id in policy.rules:
        assert f"\n{section}\n" in texts[f"rules/{rule_id}/"], f"rules/{rule_id}/ has no '{section}'"


def test_every_rule_page_gives_the_clause_why_the_fix_and_its_examples(texts: dict[str, str], policy: Policy) -> None:
    for rule in policy.rules.values():
        text = texts[f"rules/{rule.id}/"]
        wanted = {
            "summary": _markdown_plain(rule.summary),
            "why": _markdown_plain(rule.why),
            "how to fix": _markdown_plain(rule.how_to_fix),
            "clause": next(part_texts(policy, rule.clause)),
        }
        for number, example in enumerate(rule.passing, start=1):
            wanted[f"passing example {number}"] = " ".join(markup.show_controls(example.post).split())
        for number, example in enumerate(rule.failing, start=1):
            wanted[f"failing example {number}"] = " ".join(markup.show_controls(example.post).split())
        missing = [name for name, part in wanted.items() if part not in text]
        assert not missing, f"rules/{rule.id}/ lacks its {', '.join(missing)}"
        assert rule.passing and rule.failing, f"{rule.id} needs pass and fail examples"
        assert text.count("policy-check reports:") == len(rule.failing)


def test_every_rule_page_shows_its_parameters_exactly(texts: dict[str, str], policy: Policy) -> None:
    """Values such as regular expressions are shown as they are, not read as Markdown (``[a](?:b)`` is no link)."""
    for rule in policy.rules.values():
        text = texts[f"rules/{rule.id}/"]
        for name, value in rule.parameters.items():
            shown = json.dumps(value, ensure_ascii=False)
            assert shown in text, f"rules/{rule.id}/: parameter {name} is not shown as {shown}"


def test_every_link_is_a_page_an_anchor_an_address_or_a_website(built_site: Any) -> None:
    odd = {}
    for path in built_site.pages:
        html = page_file(built_site.root, path).read_text(encoding="utf-8")
        hrefs = re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)
        bad = [href for href in hrefs if not re.match(r"(#|mailto:|https://|\.{0,2}/?[\w./-]*(#[\w.-]+)?$)", href)]
        if bad:
            odd[path or "/"] = bad
    assert not odd, f"links that are not what a page would write: {odd}"


# -- about this policy ------------------------------------------------------------------------


def test_about_gives_the_version_dates_history_and_missing_links(texts: dict[str, str], policy: Policy) -> None:
    text = texts["about/"]
    meta = policy.meta
    lines = text.splitlines()
    for label, value in [
        ("Version", meta.version),
        ("In effect from", markup.long_date(meta.effective)),
        ("Next review due by", markup.long_date(meta.review_due)),
    ]:
        assert lines[lines.index(label) + 1] == value, label
    for revision in meta.revisions:
        assert f"\n{revision.version}\n{markup.long_date(revision.date)}\n{revision.summary}\n" in text
    for link in policy.links.values():
        if link.url is None:
            assert f"\n{link.text}\n{link.note}\n" in text, link.id


GOV_UK_STATEMENT = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_the_accessibility_statement_follows_the_gov_uk_model(texts: dict[str, str], policy: Policy) -> None:
    text = texts["about/accessibility/"]
    positions = [text.find(f"\n{heading}\n") for heading in GOV_UK_STATEMENT]
    assert -1 not in positions, [h for h, p in zip(GOV_UK_STATEMENT, positions, strict=True) if p == -1]
    assert positions == sorted(positions), "the statement's sections are out of the model's order"
    assert f"This accessibility statement applies to {policy.meta.site_url}" in text
    assert "Equality Advisory and Support Service (EASS)" in text


# -- plain English: the connecting prose -------------------------------------------------------

LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
MARKUP = re.compile(r"\{\{.*?\}\}|\{#.*?#\}|`[^`]*`|<[^>]+>|^\s*(?:#+|[-*]|\d+\.)\s", re.DOTALL | re.MULTILINE)
BLOCK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |#))")
LONGEST_SENTENCE = 25  # words, as GOV.UK's style guide advises


def _prose_sentences(markdown: str) -> Iterator[str]:
    """The sentences of a page's own prose: paragraphs, list items and headings, without code or macro calls."""
    for block in BLOCK.split(CODE_BLOCK.sub("\n\n", markdown)):
        plain = " ".join(MARKUP.sub(" ", LINK.sub(r"\1", block)).split())
        yield from (sentence for sentence in re.split(r"(?<=[.!?:])\s+", plain) if sentence)


def test_the_connecting_prose_uses_short_sentences() -> None:
    long = {
        f"{path.relative_to(DOCS)}: {sentence}"
        for path in sorted(DOCS.rglob("*.md"))
        for sentence in _prose_sentences(path.read_text(encoding="utf-8"))
        if len(re.findall(r"[\w']+", sentence)) > LONGEST_SENTENCE
    }
    assert not long, f"sentences over {LONGEST_SENTENCE} words:\n" + "\n".join(f"  {s}" for s in sorted(long))


def test_sentence_splitting_of_prose() -> None:
    assert list(_prose_sentences("# Title\n\nOne two. Three {{ macro() }} four!\n\n- item [link](x.md)\n")) == [
        "Title",
        "One two.",
        "Three four!",
        "item link",
    ]


def test_docs_holds_only_site_pages_and_assets() -> None:
    """Everything in docs/ is a page, an asset or a theme override; nothing is left lying about."""
    allowed = {".md", ".css", ".js", ".html"}
    stray = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file() and p.suffix not in allowed]
    assert not stray, stray
    assert Path(DOCS / "overrides" / "main.html").is_file()


def test_the_content_repo_page_shows_the_tested_set_up_and_every_action_input(built_site: Any) -> None:
    html = page_file(built_site.root, "staff/check-posts-in-your-content-repo/").read_text(encoding="utf-8")
    text = html_text(html)
    blocks = [html_unescape(block) for block in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.S)]
    example = PROJECT / "examples" / "content-repo"
    for name in (
        ".github/workflows/policy-check.yml",
        ".github/workflows/schedule.yml",
        ".pre-commit-config.yaml",
        ".policy-check.yaml",
        ".vscode/settings.json",
    ):
        shown = (example / name).read_text(encoding="utf-8").rstrip("\n")
        assert shown in blocks, f"{name} is not shown whole"
    assert "https://policy.hart.gov.uk/schemas/settings.schema.json" in text  # the schema the editor set-up saves
    action = yaml.safe_load((PROJECT / "action.yml").read_text(encoding="utf-8"))
    for name, spec in action["inputs"].items():
        lines = text.splitlines()
        assert name in lines and " ".join(spec["description"].split()) in lines, f"input {name} is not described"
