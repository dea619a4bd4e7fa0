"""Full UK postcodes in any case are personal data; a district alone, and lookalikes no postcode can be, are not.

The pattern is shared (``checks.repo.patterns.POSTCODE``); the inbox is where
it decides a label, here and in ``test_inbox_foi.py`` (an address for
correspondence).
"""

from __future__ import annotations

import re

import pytest

from checks.repo.patterns import POSTCODE, POSTCODE_AREAS

ROW = "p-1,facebook,{kind},2027-03-16T10:00:00+00:00,@someone,,{text},news,"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("GU51 4AE", "GU51 4AE"),
        ("gu51 4ae", "gu51 4ae"),
        ("Gu51 4Ae", "Gu51 4Ae"),
        ("at gu514ae, by the pond", "gu514ae"),
        ("ec1a 1bb", "ec1a 1bb"),  # the outward code may end in a letter
        ("W1A 0AX.", "W1A 0AX"),
        # A lookalike of a real shape counts: "b4 1st" is B4 1ST, and a postcode missed would be published.
        ("can u fix it b4 1st april", "b4 1st"),
    ],
)
def test_a_full_postcode_is_found_in_any_case(text: str, found: str) -> None:
    match = POSTCODE.search(text)
    assert match is not None and match[0] == found


@pytest.mark.parametrize(
    "text",
    [
        "gu51",  # a district alone
        "GU51 4",  # no unit
        "the ps5 2tb is back in stock",  # PS is no postcode area
        "take the a30 2nd exit",  # nor is A (a road)
        "queues on the m3 5km back",  # M is one, but K and M are never a unit's letters
        "meet at rg27 at 3pm",  # nor is P and M
        "covid19 2nd jab",  # a postcode starts a word
        "be there b4 2moro",  # and ends one
        "GU51 4AEX",
        "\u017f1 1ae",  # a long s is not s: case folds in ASCII only
    ],
)
def test_lookalikes_that_no_postcode_can_be_are_not_found(text: str) -> None:
    assert POSTCODE.search(text) is None


def test_the_areas_are_one_or_two_capitals_each_once() -> None:
    areas = POSTCODE_AREAS.split("|")
    assert all(re.fullmatch(r"[A-Z]{1,2}", area) for area in areas)
    assert areas == sorted(set(areas))
    assert len(areas) == 125  # the UK's 121, with GY, JE, IM and BF
    assert {"GU", "RG", "B", "W"} <= set(areas)


@pytest.mark.parametrize("postcode", ["GU51 4AE", "gu51 4ae", "Gu51 4Ae"])
def test_a_public_comment_with_a_full_postcode_in_any_case_is_personal_data(
    write_export, triage_file, postcode: str
) -> None:
    path = write_export(ROW.format(kind="comment", text=f"Street light out at 3 Elm Close {postcode}"))
    (result,) = triage_file(path).results
    assert "personal-data" in result.labels


@pytest.mark.parametrize("text", ["Street light out somewhere in gu51", "Queues on the m3 5km back to junction 4a"])
def test_a_district_or_a_lookalike_is_not_personal_data(write_export, triage_file, text: str) -> None:
    (result,) = triage_file(write_export(ROW.format(kind="comment", text=text))).results
    assert "personal-data" not in result.labels


def test_a_lower_case_postcode_in_a_private_message_is_not_personal_data(write_export, triage_file) -> None:
    (result,) = triage_file(write_export(ROW.format(kind="message", text="I live at gu51 4ae"))).results
    assert "personal-data" not in result.labels
