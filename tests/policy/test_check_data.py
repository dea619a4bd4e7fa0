"""Checks of the data that policy-check's rules read: policy/lists.yaml,
policy/english-words.txt and policy/pre-election.yaml.

These tests look at the data alone, with small matchers of their own written to
the content contract's matching conventions (whole words; words without case,
party names with their capitals). Where the acceptance corpus in
../shared/acceptance is present, its posts are used as well; the traps it holds
are also written out here, so that the tests run without it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policy"
SCHEMAS = POLICY / "schemas"
ACCEPTANCE = ROOT.parent / "shared" / "acceptance"
WASTE_CREW_POST = ACCEPTANCE / "posts" / "2026-04-28-waste-crew-jobs.md"

# The body of posts/2026-04-28-waste-crew-jobs.md: no party is named in it.
WASTE_CREW_BODY = """\
We are hiring bin lorry drivers in Hook and Fleet. We know the labour market is
tight, so we have raised the pay to £28,500 a year. On a conservative estimate,
our drivers cover 60 miles a day and see every part of the district. We will
pay for your training. Apply on [our jobs page](https://www.hart.gov.uk/jobs)
by 17 May. #HartJobs
"""

# Innocent words that hold an offensive word inside them, and innocent uses of
# words that are left out of the list on purpose.
INNOCENT_TEXT = """\
Judges at the awards night in Scunthorpe said our crews are first class. Teams
from Essex, Sussex and Middlesex came second. The prize follows a full
assessment of our work. Visitors came from Penistone and Cockermouth. Blue tits
and great tits are nesting at Fleet Pond; the cock pheasant is back too. Pass
the grass cuttings to the compost bay. Pancake tossers, bring a frying pan. A
honky-tonk piano at the summer fair. Bin your fag ends. Hell Corner Farm, a damn
good show, a bloody long queue. Dickens night at the library, Shitake mushroom
stall, a cocktail bar, the Arsenal score, a passage of the Basshunter song,
sextant and analysis class, therapist, Shoreditch, Cockburn, Titchfield,
classic, massive, embassy, harassment, cumulative, document, scrapbook,
skyscraper, circumstance, Matsushita, shiitake, pissaladière, Dyke Road.
"""

CONTRACT_PARTIES = {
    "Conservative and Unionist Party": ["Conservative", "Conservatives", "Tory", "Tories"],
    "Labour Party": ["Labour"],
    "Liberal Democrats": ["Liberal Democrats", "Lib Dems"],
    "Green Party": ["Green Party", "the Greens"],
    "Reform UK": ["Reform UK"],
    "Community Campaign (Hart)": ["Community Campaign (Hart)", "CCH"],
}


# ---------------------------------------------------------------- loading


def load_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@functools.cache
def lists() -> dict:
    return load_yaml(POLICY / "lists.yaml")["lists"]


@functools.cache
def pre_election() -> dict:
    return load_yaml(POLICY / "pre-election.yaml")


def entries(list_id: str) -> list:
    return lists()[list_id]["entries"]


@functools.cache
def english_words() -> tuple[str, ...]:
    path = POLICY / lists()["english-words"]["file"]
    return tuple(path.read_text(encoding="utf-8").splitlines())


@functools.cache
def english_word_set() -> frozenset[str]:
    return frozenset(english_words())


# ---------------------------------------------------------------- matchers


def word_pattern(phrase: str, *, ignore_case: bool) -> re.Pattern[str]:
    """A phrase as a whole word: no letter, digit or underscore either side.

    Lookarounds rather than \\b, so that a name ending in a bracket, such as
    Community Campaign (Hart), still matches at the end of a sentence.
    """
    flags = re.IGNORECASE if ignore_case else 0
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


@functools.cache
def offensive_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((w, word_pattern(w, ignore_case=True)) for w in entries("offensive-words"))


def offensive_hits(text: str) -> list[str]:
    return [word for word, pattern in offensive_patterns() if pattern.search(text)]


@functools.cache
def party_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, word_pattern(name, ignore_case=False)) for party in pre_election()["parties"] for name in party["names"]
    )


def party_hits(text: str) -> list[str]:
    return [name for name, pattern in party_patterns() if pattern.search(text)]


@functools.cache
def marking_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for entry in entries("protective-markings"):
        if isinstance(entry, str):
            entry = {"pattern": entry, "ignore_case": True, "label": entry}
        flags = re.IGNORECASE if entry["ignore_case"] else 0
        compiled.append((entry["label"], re.compile(entry["pattern"], flags)))
    return tuple(compiled)


def marking_hits(text: str) -> list[str]:
    return [label for label, pattern in marking_patterns() if pattern.search(text)]


def segment(text: str, *, allow_whole: bool = True) -> list[str] | None:
    """Split text into the fewest words of english-words.txt, or None if it cannot be.

    With allow_whole=False the text itself does not count as one word, so the
    answer says whether it can be covered by two or more words.
    """
    words = english_word_set()
    n = len(text)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 30), end):
            if not allow_whole and start == 0 and end == n:
                continue
            before = best[start]
            if before is None or text[start:end] not in words:
                continue
            if best[end] is None or len(before) + 1 < len(best[end]):
                best[end] = [*before, text[start:end]]
    return best[n]


# ---------------------------------------------------------------- schemas


@pytest.mark.parametrize(
    ("data_file", "schema_file"),
    [("lists.yaml", "lists.schema.json"), ("pre-election.yaml", "pre-election.schema.json")],
)
def test_schema_is_valid_and_file_validates(data_file, schema_file):
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert "$id" not in schema  # the site publishes it with its absolute $id
    errors = sorted(
        Draft202012Validator(schema).iter_errors(load_yaml(POLICY / data_file)),
        key=lambda error: list(error.absolute_path),
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("data_file", ["lists.yaml", "pre-election.yaml"])
def test_file_names_its_schema(data_file):
    first_line = (POLICY / data_file).read_text(encoding="utf-8").splitlines()[0]
    schema_file = data_file.replace(".yaml", ".schema.json")
    assert first_line == f"# yaml-language-server: $schema=schemas/{schema_file}"


def _objects(schema: object) -> list[dict]:
    """Every sub-schema of a schema, depth first."""
    found = []
    if isinstance(schema, dict):
        found.append(schema)
        for value in schema.values():
            found.extend(_objects(value))
    elif isinstance(schema, list):
        for value in schema:
            found.extend(_objects(value))
    return found


@pytest.mark.parametrize("schema_file", ["lists.schema.json", "pre-election.schema.json"])
def test_schema_describes_every_property_and_closes_every_object(schema_file):
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    for sub in _objects(schema):
        if sub.get("type") == "object":
            assert "additionalProperties" in sub, sub.get("title", sub)
        for name, prop in sub.get("properties", {}).items():
            assert prop.get("description"), f"{schema_file}: property {name} has no description"


def test_every_named_clause_exists():
    known: set[str] = set()
    for path in POLICY.glob("*.yaml"):
        if path.name in {"lists.yaml", "pre-election.yaml"}:
            continue
        for node in _objects(load_yaml(path)):
            if isinstance(node.get("id"), str):
                known.add(node["id"])
    if not known:
        pytest.skip("no policy text in policy/ yet")
    clauses = {spec["clause"] for spec in lists().values() if "clause" in spec}
    clauses.add(pre_election()["clause"])
    assert clauses <= known, sorted(clauses - known)


# ---------------------------------------------------------------- lists in general


def test_every_list_has_exactly_one_of_entries_or_file():
    for list_id, spec in lists().items():
        assert ("entries" in spec) != ("file" in spec), list_id
        assert spec["source"].strip(), list_id


def test_no_duplicate_entries():
    for list_id, spec in lists().items():
        if "file" in spec:
            keys = list(english_words())
        else:
            keys = [e.casefold() if isinstance(e, str) else json.dumps(e, sort_keys=True) for e in spec["entries"]]
        assert len(set(keys)) == len(keys), f"{list_id}: {sorted({k for k in keys if keys.count(k) > 1})}"


def test_contract_lists_are_exact():
    generic = {"image", "photo", "picture", "pic", "img", "graphic", "screenshot", "untitled"}
    generic |= {"alt", "alt text", "placeholder", "todo", "tbc", "tbd"}
    plurals = {"images", "photos", "pictures", "pics", "graphics", "screenshots"}
    assert set(entries("generic-alt-text")) == generic | plurals
    assert set(entries("image-file-extensions")) == {
        *("jpg", "jpeg", "png", "gif", "webp", "heic", "svg", "bmp", "tif", "tiff")
    }
    assert set(entries("video-file-extensions")) == {"mp4", "mov", "m4v", "webm", "avi", "mkv"}
    assert set(entries("generic-link-text")) == {
        "click here",
        "here",
        "read more",
        "more",
        "link",
        "this link",
        "this page",
        "learn more",
    }
    assert entries("organisation-names") == ["Hart District Council"]
    assert entries("allowed-email-domains") == ["hart.gov.uk"]


def test_electioneering_words_hold_the_contract_words_only_as_phrases():
    words = entries("electioneering-words")
    assert {"vote for", "re-elect", "manifesto"} <= set(words)
    for neutral in ("vote", "election", "candidate", "poll", "campaign", "elect"):
        assert neutral not in words
    pattern = [word_pattern(w, ignore_case=True) for w in words]
    assert any(p.search("Re-elect Sam Patel on 7 May") for p in pattern)
    assert not any(p.search("The election count is at the Harlington on 8 May") for p in pattern)


# ---------------------------------------------------------------- acronyms


def test_acronyms_are_upper_case_letters():
    acronyms = entries("acronyms")
    assert 100 <= len(acronyms) <= 250
    for acronym in acronyms:
        assert re.fullmatch(r"[A-Z]{2,}", acronym), acronym


def test_acronyms_hold_the_common_ones_and_no_shouted_words():
    acronyms = set(entries("acronyms"))
    assert {"NHS", "HMRC", "DVLA", "CCTV", "SEND", "RSPCA", "GDPR", "WCAG", "COVID"} <= acronyms
    shouted = {"FREE", "URGENT", "IMPORTANT", "NEW", "NOW", "NOTICE", "WARNING", "SALE", "HELP"}
    assert not acronyms & shouted


# ---------------------------------------------------------------- protective markings


def test_protective_marking_patterns_compile_and_are_linear():
    nested_quantifier = re.compile(r"\([^()]*[+*}][^()]*\)[+*{?]")
    for entry in entries("protective-markings"):
        pattern = entry if isinstance(entry, str) else entry["pattern"]
        re.compile(pattern)
        assert not nested_quantifier.search(pattern), pattern


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("OFFICIAL-SENSITIVE: draft for the leader", "OFFICIAL-SENSITIVE"),
        ("Official-Sensitive", "OFFICIAL-SENSITIVE"),
        ("marked official sensitive by the team", "OFFICIAL-SENSITIVE"),
        ("OFFICIAL\nSENSITIVE", "OFFICIAL-SENSITIVE"),
        ("Note for the press team, not for publication: his NI number", "not for publication"),
        ("NOT FOR PUBLICATION", "not for publication"),
        ("For internal use only.", "internal use only"),
        ("Embargoed until 00:01 on Tuesday", "embargoed until"),
        ("EMBARGOED UNTIL 10am", "embargoed until"),
        ("CONFIDENTIAL - do not share", "CONFIDENTIAL"),
        ("This note is CONFIDENTIAL.", "CONFIDENTIAL"),
    ],
)
def test_protective_markings_match(text, label):
    assert marking_hits(text) == [label]


@pytest.mark.parametrize(
    "text",
    [
        "Call our Confidential advice line on 0300 123 4567",
        "All calls are confidential.",
        "The official opening of the sensitive habitat trail",
        "It is not for us to say which publication you read",
        "Internal walls only; use the side door",
        "The garden waste page is published until 30 June",
        "UNCONFIDENTIALLY yours",
        "Officially sensitive",
    ],
)
def test_protective_markings_leave_innocent_text(text):
    assert marking_hits(text) == []


# ---------------------------------------------------------------- offensive words


def test_offensive_words_hold_the_common_profanities_and_slurs():
    words = set(entries("offensive-words"))
    expected = "shit shits shitty bullshit fuck fucking fucked fucker cunt wanker twat crap"
    assert set(expected.split()) <= words
    assert {"bastard", "bollocks", "arsehole", "asshole", "bitch", "slut", "whore"} <= words
    assert {"nigger", "paki", "faggot", "tranny", "retard", "spastic"} <= words
    assert len(words) >= 150
    for innocent in ("hell", "damn", "bloody", "gay", "queer", "cock", "tit", "fag", "dyke"):
        assert innocent not in words, innocent


def test_offensive_words_are_plain_words():
    for word in entries("offensive-words"):
        assert re.fullmatch(r"[a-z]+(?:[ -][a-z]+)*", word), word


def test_offensive_word_matches_a_whole_word_without_case():
    assert offensive_hits("Someone has dumped this shit in a lane near Hook again.") == ["shit"]
    assert "shit" in offensive_hits("SHIT!")
    assert "shit" in offensive_hits("(shit)")
    assert offensive_hits("What a load of Bullshit") == ["bullshit"]


def test_offensive_words_leave_innocent_words_alone():
    assert offensive_hits(INNOCENT_TEXT) == []
    for word in ("Scunthorpe", "Essex", "class", "assessment", "Penistone", "Cockermouth"):
        assert offensive_hits(word) == [], word


# ---------------------------------------------------------------- parties


def test_contract_parties_are_listed():
    parties = {party["name"]: party["names"] for party in pre_election()["parties"]}
    for name, names in CONTRACT_PARTIES.items():
        assert name in parties
        assert set(names) <= set(parties[name]), name
    all_names = [name for party in pre_election()["parties"] for name in party["names"]]
    assert len(all_names) == len(set(all_names))
    for unsafe in ("Green", "Greens", "Reform", "Independent", "Independents", "Liberal"):
        assert unsafe not in all_names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The plan was first put forward by Labour and was backed", "Labour"),
        ("A motion from the Conservatives on parking", "Conservatives"),
        ("The Lib Dems have a motion on car park fees.", "Lib Dems"),
        ("The Liberal Democrats have a motion", "Liberal Democrats"),
        ("Tory councillors", "Tory"),
        ("a leaflet from the Greens.", "the Greens"),
        ("Reform UK has candidates", "Reform UK"),
        ("a question from Community Campaign (Hart).", "Community Campaign (Hart)"),
        ("CCH councillors", "CCH"),
    ],
)
def test_party_names_match_with_their_capitals(text, name):
    assert name in party_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        WASTE_CREW_BODY,
        "We know the labour market is tight. On a conservative estimate, 60 miles.",
        "Green bins, green spaces and village greens. The green party wall.",
        "Planning reform and the UK economy. An independent review.",
        "Conservation areas, a liberal amount of grit, democratic services.",
        "CCHS is not a party. Lib Demsville is no place.",
    ],
)
def test_party_names_leave_ordinary_words_alone(text):
    assert party_hits(text) == []


def test_waste_crew_post_names_no_party():
    if not WASTE_CREW_POST.exists():
        pytest.skip("shared/acceptance is not beside the repository")
    text = WASTE_CREW_POST.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert party_hits(body) == []


def test_pre_election_types():
    data = pre_election()
    assert data["councillor_titles"] == ["Cllr", "Councillor"]
    assert set(data["exempt_types"]) == {"emergency", "election-information"}
    assert set(data["new_initiative_types"]) == {"consultation", "event"}
    assert data["political_reference_exempt_types"] == ["election-information"]


# ---------------------------------------------------------------- english words


def test_english_words_file_is_clean():
    path = POLICY / lists()["english-words"]["file"]
    assert path.stat().st_size < 400_000
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    assert b"\r" not in raw
    words = english_words()
    assert len(words) > 20_000
    assert len(set(words)) == len(words)
    for word in words:
        assert re.fullmatch(r"[a-z]+", word), word
    assert {w for w in words if len(w) == 1} == {"a", "i"}
    assert words[:3] == ("the", "to", "and")


def test_english_words_hold_ordinary_words():
    ordinary = """fleet summer fair bus shelter hook litter pick smoke alarm test pancake day
    recycling black water clean streets have your say storm garden waste council tax news
    jobs pond castle carnival flood road works bin collection"""
    missing = [w for w in ordinary.split() if w not in english_word_set()]
    assert not missing


@pytest.mark.parametrize(
    ("hashtag", "words"),
    [
        ("fleetsummerfair", ["fleet", "summer", "fair"]),
        ("hookbusshelter", ["hook", "bus", "shelter"]),
        ("pancakeday", ["pancake", "day"]),
        ("litterpick", ["litter", "pick"]),
        ("smokealarm", ["smoke", "alarm"]),
        ("testittuesday", ["test", "it", "tuesday"]),
        ("odihamcastle", ["odiham", "castle"]),
        ("recycling", ["recycling"]),
        ("fleet", ["fleet"]),
    ],
)
def test_hashtags_split_into_words(hashtag, words):
    assert segment(hashtag) == words


@pytest.mark.parametrize("word", ["yateley", "odiham", "recycling", "eversley", "hampshire"])
def test_single_words_are_not_split_into_fragments(word):
    assert segment(word) == [word]
    assert segment(word, allow_whole=False) is None


# ---------------------------------------------------------------- acceptance corpus


def _corpus() -> dict[str, str]:
    """Public text of each readable acceptance post: front matter less the title, and body."""
    posts = ACCEPTANCE / "posts"
    if not posts.is_dir():
        pytest.skip("shared/acceptance is not beside the repository")
    texts = {}
    for path in sorted(posts.glob("*.md")):
        raw = path.read_bytes()
        if b"\x00" in raw:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        lines = [line for line in text.splitlines() if not line.startswith("title:")]
        texts[path.name] = "\n".join(lines)
    return texts


def test_corpus_offensive_words_only_where_expected():
    hits = {name: offensive_hits(text) for name, text in _corpus().items()}
    assert {name for name, found in hits.items() if found} == {"2026-06-08-fly-tipping-hook.md"}
    assert hits["2026-06-08-fly-tipping-hook.md"] == ["shit"]


def test_corpus_party_names_only_where_expected():
    named = {name for name, text in _corpus().items() if party_hits(text)}
    assert named == {
        "2026-04-13-fleet-high-street.md",
        "2026-05-06-polling-day-reminder.md",
        "2026-05-08-full-council-motion.md",
    }


def test_corpus_markings_only_where_expected():
    marked = {name for name, text in _corpus().items() if marking_hits(text)}
    assert marked == {"2026-06-05-council-tax-support-case.md"}


def test_corpus_capitals_only_where_expected():
    acronyms = set(entries("acronyms"))
    shouting = {}
    for name, text in _corpus().items():
        body = text.split("\n---\n", 1)[-1]
        words = set(re.findall(r"(?<![\w#@])[A-Z]{4,}(?![\w])", body)) - acronyms
        if words:
            shouting[name] = words
    assert shouting == {
        "2026-06-18-hook-bus-shelter.md": {"IMPORTANT"},
        "2026-07-10-fleet-summer-fair.md": {"FREE"},
    }


def test_corpus_lower_case_hashtags_only_where_expected():
    acronyms = set(entries("acronyms"))
    flagged = {}
    for name, text in _corpus().items():
        for tag in re.findall(r"(?<![\w&])#(\w+)", text):
            if tag.upper() in acronyms or not (tag.islower() or tag.isupper()):
                continue
            words = segment(tag.lower())
            if words is not None and len(words) >= 2:
                flagged[name] = tag
    assert flagged == {
        "2026-06-18-hook-bus-shelter.md": "hookbusshelter",
        "2026-07-10-fleet-summer-fair.md": "fleetsummerfair",
    }
