"""Personal data in text, as the post checks and the inbox both look for it.

An e-mail address, a UK phone number and a full postcode: ``policy-check``'s
kinds ``email`` and ``phone`` and ``policy-inbox``'s ``personal-data`` label
use the same patterns, so a post and a message from the public are read alike.
Every pattern runs in linear time: a look-behind keeps each attempt to the
start of a run, and every repeat is bounded.
"""

from __future__ import annotations

import re

# The look-behind makes a match start only where a run of address characters starts: linear time.
ADDRESS = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)")

# A look-behind keeps attempts to the start of a number; the repeat is bounded. Digits may be
# grouped with spaces or hyphens, and an area code may close with a bracket: "(01252) 622122".
# The look-behind ("nothing like a number just before") stands after the first character, so that
# the regex engine jumps from one "+", "(" or "0" to the next instead of trying every place.
PHONE_NUMBER = re.compile(
    r"(?:\+(?<![\w+(].)44[ \t]?(?:\(0\)[ \t]?)?|\((?<![\w+(].)0|0(?<![\w+(].))\d(?:\)?[ \t-]?\d){8,9}(?!\d)"
)
# Mobiles (07) and geographic numbers (01, 02) belong to a person unless published; 03, 08 and short
# numbers such as 999 and 101 are organisational.
PERSONAL_PHONE_PREFIXES = ("07", "01", "02")

# A full UK postcode: outward code (area, district) and inward code (sector, unit), in capitals.
POSTCODE = re.compile(r"(?<![^\W_])[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![^\W_])")
