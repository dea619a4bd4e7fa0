"""The policy data holds the council's published policy word for word.

The seed is the text of the published document
(``../shared/seed/social-media-policy-2024-27.txt``). Every sentence of it must
appear in ``policy/*.yaml`` exactly, and the policy text must add no sentence of
its own. Links are compared by their text: the seed writes ``[text](#)``, the
policy writes ``[text][link-id]`` with the link held in ``policy.yaml`` ``links``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policy"
SHARED = ROOT / ".." / "shared"
SEED = SHARED / "seed" / "social-media-policy-2024-27.txt"

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$")
SEED_LINK = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")
POLICY_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]+)\]")
SECTION_HEADING = re.compile(r"^(\d+)\. (.+)$")
APPENDIX_HEADING = re.compile(r"^Appendix [A-Z]$")
LIST_MARKER = re.compile(r"^\s*- ")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Keys whose string values are policy text (summary and note are our own words).
TEXT_KEYS = ("text", "title", "heading", "label")
# Which kind of file a policy YAML is, from its first line.
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=schemas/([a-z-]+)\.schema\.json$")
TEXT_SCHEMAS = ("document", "channels")


# -- helpers -----------------------------------------------------------------


def collapse(text: str) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    return " ".join(text.split())


def normalise_seed(text: str) -> str:
    """``[text](#)`` → ``text``, list marker removed, white space collapsed."""
    return collapse(SEED_LINK.sub(r"\1", LIST_MARKER.sub("", text)))


def normalise_policy(text: str) -> str:
    """``[text][link-id]`` → ``text``, white space collapsed."""
    return collapse(POLICY_LINK.sub(r"\1", text))


def seed_paragraphs(seed: str) -> list[str]:
    """The seed's paragraphs and list items, one string each, in order.

    Leaves out the table of contents (its entries carry a tab and a page number)
    and joins a paragraph that a page break cut in the middle of a sentence: a
    line that is not a list item, ends without a full stop, colon, question or
    exclamation mark, and is followed by a line starting in lower case.
    """
    lines = [line for line in seed.splitlines() if line.strip()]
    lines = [line for line in lines if "\t" not in line and line.strip() != "Contents"]
    paragraphs: list[str] = []
    for line in lines:
        previous = paragraphs[-1] if paragraphs else ""
        cut_by_page_break = (
            previous
            and not LIST_MARKER.match(previous)
            and not LIST_MARKER.match(line)
            and not previous.rstrip().endswith((".", ":", "?", "!"))
            and line.lstrip()[:1].islower()
        )
        if cut_by_page_break:
            paragraphs[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            paragraphs.append(line)
    return paragraphs


def split_sentences(paragraph: str) -> list[str]:
    """Split one normalised paragraph into sentences."""
    return [s for s in SENTENCE_END.split(paragraph) if s]


def load_policy_files() -> dict[str, tuple[str, object]]:
    """Every policy YAML file by name: (its schema name, its data)."""
    files = {}
    for path in sorted(POLICY.glob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        match = SCHEMA_LINE.match(source.splitlines()[0]) if source else None
        assert match, f"{path.name}: first line must name its schema"
        files[path.name] = (match.group(1), yaml.safe_load(source))
    return files


def walk_strings(data: object, keys: tuple[str, ...] = TEXT_KEYS) -> list[str]:
    """Every string under one of ``keys``, at any depth, in document order.

    The ``links`` registry of policy.yaml is left out: link texts are compared
    where they stand in the policy text.
    """
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "links":
                continue
            if key in keys and isinstance(value, str):
                found.append(value)
            else:
                found.extend(walk_strings(value, keys))
    elif isinstance(data, list):
        for value in data:
            found.extend(walk_strings(value, keys))
    return found


def walk_ids(data: object) -> list[str]:
    """Every ``id`` value at any depth: sections, subsections, clauses, channels."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(walk_ids(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(walk_ids(value))
    return found


def walk_sections(data: object) -> list[dict]:
    """The sections of a document file."""
    return list(data.get("sections", [])) if isinstance(data, dict) else []


def missing_sentences(sentences: list[str], corpus: str) -> list[str]:
    """The sentences that do not appear word for word in ``corpus``."""
    return [sentence for sentence in sentences if sentence not in corpus]


# -- fixtures ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    if not SHARED.is_dir():
        pytest.skip("../shared (the published policy text) is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def policy_files() -> dict[str, tuple[str, object]]:
    return load_policy_files()


@pytest.fixture(scope="module")
def text_files(policy_files) -> dict[str, object]:
    """The files that hold policy text: documents and channels."""
    return {name: data for name, (schema, data) in policy_files.items() if schema in TEXT_SCHEMAS}


@pytest.fixture(scope="module")
def policy_meta(policy_files) -> dict:
    return policy_files["policy.yaml"][1]


@pytest.fixture(scope="module")
def seed_parts(seed) -> dict[str, list[str]]:
    """The seed, sorted into section headings, appendix labels and sentences."""
    parts: dict[str, list[str]] = {"headings": [], "labels": [], "sentences": []}
    for paragraph in seed_paragraphs(seed):
        text = normalise_seed(paragraph)
        heading = SECTION_HEADING.match(text)
        if heading and not LIST_MARKER.match(paragraph):
            parts["headings"].append(heading.group(2))
        elif APPENDIX_HEADING.match(text):
            parts["labels"].append(text)
        else:
            parts["sentences"].extend(split_sentences(text))
    return parts


@pytest.fixture(scope="module")
def corpus(policy_files) -> str:
    """All policy strings, normalised, one per line (so no match spans two)."""
    strings = []
    for _schema, data in policy_files.values():
        strings.extend(normalise_policy(s) for s in walk_strings(data))
    return "\n".join(strings)


# -- the seed is all there ---------------------------------------------------


def test_every_seed_sentence_is_in_the_policy(seed_parts, corpus):
    missing = missing_sentences(seed_parts["sentences"], corpus)
    assert not missing, f"{len(missing)} seed sentence(s) not in policy/*.yaml:\n" + "\n".join(
        f"  - {sentence}" for sentence in missing
    )


def test_every_seed_heading_is_a_title_and_appendix_a_label(seed_parts, policy_files):
    titles, labels = set(), set()
    for _schema, data in policy_files.values():
        titles.update(normalise_policy(s) for s in walk_strings(data, ("title", "heading")))
        labels.update(walk_strings(data, ("label",)))
    missing = [h for h in seed_parts["headings"] if h not in titles]
    missing += [label for label in seed_parts["labels"] if label not in labels]
    assert not missing, "seed headings missing from policy/*.yaml:\n" + "\n".join(
        f"  - {heading}" for heading in missing
    )


def test_page_break_sentence_is_joined(seed_parts):
    assert "The request should provide a clear description of the information requested." in seed_parts["sentences"]


def test_missing_sentences_reports_a_changed_word(seed_parts, corpus):
    """The check can fail: one word changed and the sentence is reported."""
    original = next(s for s in seed_parts["sentences"] if "regularly throughout" in s)
    altered = original.replace("regularly", "rarely")
    assert altered != original
    assert missing_sentences([original, altered], corpus) == [altered]
    with_apostrophe = next(s for s in seed_parts["sentences"] if "we'll contact" in s)
    expanded = with_apostrophe.replace("we'll", "we will")
    assert missing_sentences([with_apostrophe, expanded], corpus) == [expanded]
    extended = original.removesuffix(".") + " today."
    assert missing_sentences([extended], corpus) == [extended]


# -- and nothing is added to it ----------------------------------------------


def test_policy_text_adds_nothing_to_the_seed(seed, text_files, policy_meta):
    seed_text = "\n".join(normalise_seed(p) for p in seed_paragraphs(seed))
    sentences = [normalise_policy(policy_meta["title"])]
    for data in text_files.values():
        for string in walk_strings(data, ("text", "title", "heading")):
            sentences.extend(split_sentences(normalise_policy(string)))
    added = missing_sentences(sentences, seed_text)
    assert not added, "policy text not in the seed:\n" + "\n".join(f"  - {s}" for s in added)


def test_sections_follow_the_seed_contents(seed, text_files, policy_meta):
    sections = {s["id"]: s for data in text_files.values() for s in walk_sections(data)}
    assert sorted(policy_meta["contents"]) == sorted(sections), "contents must list every section"
    ordered = [sections[section_id] for section_id in policy_meta["contents"]]
    entries = [line.split("\t")[0] for line in seed.splitlines() if "\t" in line]
    assert entries[0] == policy_meta["title"]
    expected = []
    for entry in entries[1:]:
        heading = SECTION_HEADING.match(entry)
        expected.append((heading.group(1), heading.group(2)) if heading else (entry, None))
    actual = [(s["label"], s["title"]) for s in ordered]
    # The contents list names Appendix A without its title.
    actual = [(label, None if label.startswith("Appendix") else t) for label, t in actual]
    assert actual == expected


# -- ids and links -----------------------------------------------------------


def test_ids_are_unique_and_well_formed(text_files):
    seen: dict[str, str] = {}
    problems = []
    for name, data in text_files.items():
        for identifier in walk_ids(data):
            if not ID_PATTERN.match(identifier):
                problems.append(f"{name}: id {identifier!r} is not kebab-case with dots")
            if identifier in seen:
                problems.append(f"{name}: id {identifier!r} already used in {seen[identifier]}")
            seen.setdefault(identifier, name)
    assert not problems, "\n".join(problems)


def test_clause_ids_start_with_their_parent_id(text_files):
    problems = []

    def check(items: list, parent: str) -> None:
        for item in items:
            if "id" not in item:
                continue
            if not item["id"].startswith(parent + "."):
                problems.append(f"{item['id']} is not under {parent}")
            check(item.get("content", []) + item.get("items", []), item["id"])

    for data in text_files.values():
        for section in walk_sections(data):
            check(section["content"], section["id"])
        for channel in data.get("channels", []):
            check(channel["content"], f"introduction.{channel['id']}")
    assert not problems, "\n".join(problems)


def test_every_link_reference_is_registered_and_every_link_used(seed, text_files, policy_meta):
    registry = {link["id"]: link["text"] for link in policy_meta["links"]}
    assert all(ID_PATTERN.match(link_id) for link_id in registry)
    assert len(registry) == len(policy_meta["links"]), "link ids must be unique"
    used, problems = set(), []
    for name, data in text_files.items():
        for string in walk_strings(data):
            for text, link_id in POLICY_LINK.findall(string):
                used.add(link_id)
                if link_id not in registry:
                    problems.append(f"{name}: [{text}][{link_id}] names no link in policy.yaml")
                elif registry[link_id] != text:
                    problems.append(f"{name}: [{text}][{link_id}] text differs from the registry")
            if re.search(r"[\[\]]", POLICY_LINK.sub("", string)):
                problems.append(f"{name}: square brackets outside a link: {string!r}")
    problems += [f"link {link_id} is never used" for link_id in registry if link_id not in used]
    assert not problems, "\n".join(problems)
    seed_link_texts = [text for text, _target in SEED_LINK.findall(seed)]
    assert [link["text"] for link in policy_meta["links"]] == seed_link_texts
    assert all(link["url"] is None for link in policy_meta["links"]), "the seed gives no URLs"
