"""Generate policy/english-words.txt, the word list that splits hashtags into words.

The hashtag-not-camel-case rule splits a hashtag such as #fleetsummerfair into
the fewest words from this list (fleet summer fair) to tell whether it reads as
two or more words. The list therefore has to hold ordinary English words, but
not the short fragments, names and abbreviations that fill the long tail of a
frequency list: with "odi" in it, #odiham would split into "odi ham".

Source and licence
------------------
The words come from wordfreq by Robyn Speer (https://github.com/rspeer/wordfreq),
version 3.1.1: `wordfreq.top_n_list("en", 40000)`, the 40,000 most frequent
English words, most frequent first. wordfreq's code is under the Apache License
2.0; its word frequency data is under the Creative Commons Attribution-ShareAlike
4.0 licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/), and
so is policy/english-words.txt, which is derived from it. Attribution: wordfreq,
by Robyn Speer, https://github.com/rspeer/wordfreq.

How the words are kept
----------------------
- only lower case letters a to z (no digits, apostrophes or accents);
- one-letter words only "a" and "i";
- two-letter words only from TWO_LETTER_WORDS, a list of real words;
- three-letter words only when among the 10,000 most frequent words and not in
  THREE_LETTER_FRAGMENTS, or when in THREE_LETTER_WORDS: below that rank the
  three-letter entries are mostly abbreviations, names and word fragments;
- longer words as wordfreq gives them.

The names of the district's towns and villages that wordfreq does not hold are
then added at the end (PLACE_NAMES), so that a hashtag such as #yateley counts as
one word and #odihamcastle as two.

The output depends on the wordfreq version: install the version above before
running this script, so that the file only changes when this script does.

Usage (from the repository root):

    pip install wordfreq==3.1.1
    python scripts/make_english_words.py            # writes policy/english-words.txt
    python scripts/make_english_words.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

SOURCE_SIZE = 40_000
THREE_LETTER_MAX_RANK = 10_000
OUTPUT = Path(__file__).resolve().parent.parent / "policy" / "english-words.txt"

WORD = re.compile(r"[a-z]+")


def words(text: str) -> frozenset[str]:
    """The words of a space-separated string."""
    return frozenset(text.split())


TWO_LETTER_WORDS = words("am an as at be by do go he if in is it me my no of on or so to up us we")

# Three-letter entries among the 10,000 most frequent that are not English words:
# pieces of contractions with their apostrophe lost, and words of other languages.
THREE_LETTER_FRAGMENTS = words("ing ive hes les des der und von las los del est que ins")

# Real English three-letter words less frequent than rank 10,000 (kept if wordfreq
# holds them at all).
THREE_LETTER_WORDS = words(
    """
    ale ape apt ark bbq bib bog bun cob cot coy cue dab dew dim ebb eel elf elk elm
    emu ewe fab fad fax fir foe gab gag gin gnu hag hen hob hog hue hum icy ilk imp
    jab jig jog jot jug keg kin lag lob loo lug mop mow mug nag nay nib nil nod oar
    oat ode orb paw pea peg ply pod pry pug pun pup rag rib rot rug rum rut rye sax
    sew sip sly sob sow soy tar tit tot tow tug urn vex vow wag wig woe wok wry yak
    yam yew yum zap zen
    """
)

# Towns, villages and places of Hart district that wordfreq does not hold.
PLACE_NAMES = (
    "yateley",
    "odiham",
    "crookham",
    "elvetham",
    "wintney",
    "crondall",
    "eversley",
    "winchfield",
    "dogmersfield",
    "greywell",
    "frogmore",
    "ewshot",
    "warnborough",
    "mattingley",
    "heckfield",
    "hazeley",
    "bramshill",
    "rotherwick",
    "minley",
    "hartfordbridge",
    "tylney",
    "zebon",
    "edenbrook",
)


def keep(word: str, rank: int) -> bool:
    """Whether the word of this frequency rank (0 is the most frequent) is kept."""
    if not WORD.fullmatch(word):
        return False
    if len(word) == 1:
        return word in {"a", "i"}
    if len(word) == 2:
        return word in TWO_LETTER_WORDS
    if len(word) == 3:
        if word in THREE_LETTER_WORDS:
            return True
        return rank < THREE_LETTER_MAX_RANK and word not in THREE_LETTER_FRAGMENTS
    return True


def build(source: Iterable[str]) -> list[str]:
    """The word list: kept words of the source in its order, then the place names."""
    words: list[str] = []
    seen: set[str] = set()
    for rank, word in enumerate(source):
        if word not in seen and keep(word, rank):
            words.append(word)
            seen.add(word)
    for name in PLACE_NAMES:
        if name not in seen:
            words.append(name)
            seen.add(name)
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the file differs")
    args = parser.parse_args(argv)

    try:
        import wordfreq  # only needed when generating
    except ImportError:
        print("wordfreq is not installed: pip install wordfreq==3.1.1", file=sys.stderr)
        return 2

    text = "\n".join(build(wordfreq.top_n_list("en", SOURCE_SIZE))) + "\n"
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {text.count(chr(10))} words to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
