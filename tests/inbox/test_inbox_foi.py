"""Freedom of Information requests: valid with a name and an address; due dates; identified consultation comments."""

from __future__ import annotations

from datetime import date

import pytest

HEADER_ROW = "in-1,facebook,message,{at},{author},{name},{text},,"


def foi_row(write_export, triage_file, *, name: str, text: str, at: str = "2027-03-16T10:00:00+00:00") -> dict:
    path = write_export(HEADER_ROW.format(at=at, author="@someone", name=name, text=text))
    (result,) = triage_file(path).results
    assert "foi-request" in result.labels
    return {"valid": result.foi.valid, "missing": result.foi.missing, "due": result.foi.due}


def test_a_profile_name_and_an_email_make_a_valid_request(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="Zoë Clarke", text="FOI request. Reply to zoe@example.org")
    assert got == {"valid": True, "missing": (), "due": date(2027, 4, 16)}


def test_my_name_is_and_a_postcode_make_a_valid_request(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="OG", text='"My name is Oliver Grant, FOI request. RG27 9HS"')
    assert got["valid"] is True


def test_a_name_needs_two_capitalised_words_after_my_name_is(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="og", text='"my name is oliver and this is an FOI request, RG27 9HS"')
    assert got == {"valid": False, "missing": ("name",), "due": None}


def test_names_may_hold_inner_apostrophes_and_hyphens(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="Siobhán O’Neill-Hart", text="FOI: a@example.org")
    assert got["valid"] is True


def test_a_handle_is_neither_a_name_nor_an_address(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="binwatcher99", text="FOI request about bins please")
    assert got == {"valid": False, "missing": ("name", "address"), "due": None}


def test_a_postcode_district_alone_is_not_an_address(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="Jane Smith", text="FOI request from GU51")
    assert got["missing"] == ("address",)


def test_the_saturday_request_is_due_on_the_15th_of_april(write_export, triage_file) -> None:
    got = foi_row(
        write_export,
        triage_file,
        name="Rachel Hughes",
        text="Freedom of Information: r@example.org",
        at="2027-03-13T11:20:00+00:00",
    )
    assert got["due"] == date(2027, 4, 15)


def test_a_request_too_late_for_the_holiday_data_is_a_problem_not_a_crash(write_export, triage_file) -> None:
    path = write_export(
        HEADER_ROW.format(at="2028-12-20T10:00:00+00:00", author="@a", name="Jo Bloggs", text="FOI j@x.org")
    )
    triaged = triage_file(path)
    (result,) = triaged.results
    assert result.foi.due is None
    assert [problem.line for problem in triaged.problems] == [2]
    assert "2028-12-26" in triaged.problems[0].message


def test_identified_needs_the_same_name_as_foi(write_export, triage_file) -> None:
    path = write_export(
        "c-1,facebook,comment,2027-03-15T12:00:00+00:00,zoe.c,Zoë Clarke,I support the cycle route,consultation,",
        "c-2,facebook,comment,2027-03-15T12:00:00+00:00,@hookdad,hookdad,No more houses,consultation,",
    )
    first, second = triage_file(path).results
    assert (first.identified, second.identified) == (True, False)
    assert first.actions == ("record it as a response to the consultation",)
    assert second.actions == ("reply with the formal way to respond to the consultation",)


@pytest.mark.parametrize("postcode", ["gu51 4ae", "Rg27 9Hs"])
def test_a_postcode_in_lower_or_mixed_case_is_an_address(write_export, triage_file, postcode: str) -> None:
    got = foi_row(write_export, triage_file, name="Jane Smith", text=f"FOI request. Reply to 12 Fleet Road {postcode}")
    assert got == {"valid": True, "missing": (), "due": date(2027, 4, 16)}


def test_a_lookalike_no_postcode_can_be_is_not_an_address(write_export, triage_file) -> None:
    got = foi_row(write_export, triage_file, name="Jane Smith", text="FOI request about the m3 5km tailback")
    assert got["missing"] == ("address",)
