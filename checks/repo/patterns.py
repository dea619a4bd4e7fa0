"""Personal data in text, as the post checks and the inbox both look for it.

An e-mail address, a UK phone number and a full postcode in any case:
``policy-check``'s kinds ``email`` and ``phone`` and ``policy-inbox``'s
``personal-data`` label use the same patterns, so a post and a message from the
public are read alike.
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

# The postcode areas, as alternatives of a pattern: the UK's 121, and the Crown Dependencies' and BFPO's,
# which are addressed alike. A postcode starts with one, so "ps5 2tb" (a games console) and "a30 2nd" (a road)
# are not postcodes.
POSTCODE_AREAS = (
    "AB|AL|B|BA|BB|BD|BF|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN|EX|"
    "FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|"
    "NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|"
    "TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE"
)

# A full postcode in any case ("GU51 4AE", "gu51 4ae"): the outward code (area, district), then the inward code
# (sector, unit). The unit's letters are never C, I, K, M, O or V, so "5km" and "3pm" are not inward codes.
# Lookalikes of a real shape still count: "b4 1st" is B4 1ST, and a missed postcode would be published.
# Case is folded in ASCII only ("ſ" is not "s"). The look-behind keeps each attempt to the start of a word,
# and the look-ahead turns away a word with no digit after its first two letters before the areas are tried.
POSTCODE = re.compile(
    rf"(?<![^\W_])(?ai:(?=[A-Z]{{1,2}}[0-9])(?:{POSTCODE_AREAS})[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{{2}})"
    r"(?![^\W_])"
)
