"""The consent register corpus in ../shared: policy-check must report exactly its labelled findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_acceptance import labelled, mismatches, run_json

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py

REGISTER_RULES = {
    "image-consent-unknown",
    "image-consent-withdrawn",
    "image-consent-withdrawn-after-publishing",
    "image-consent-expired",
    "image-consent-scope",
}


@pytest.fixture(scope="module")
def corpus(shared: Path) -> tuple[int, dict, Path]:
    folder = shared / "consent-acceptance"
    if not folder.is_dir():
        pytest.skip("../shared/consent-acceptance is not beside the project")
    status, report = run_json(folder, ".")
    return status, report, folder


def test_every_post_is_checked_and_the_run_fails(corpus) -> None:
    status, report, folder = corpus
    errors, _ = labelled(folder)
    assert status == 1
    assert report["files_checked"] == len(errors) == 17


def test_errors_and_warnings_are_exactly_the_labelled_ones(corpus) -> None:
    _, report, folder = corpus
    assert mismatches(report, folder) == {}


def test_each_rule_of_the_register_fires_and_each_finding_stands_at_the_items_consent_key(corpus) -> None:
    _, report, folder = corpus
    assert {finding["rule"] for finding in report["findings"]} == REGISTER_RULES
    for finding in report["findings"]:
        line = (folder / finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        assert line[finding["column"] - 1 :].startswith("consent:"), finding


def test_an_item_gets_one_finding_even_when_every_rule_would_apply(corpus) -> None:
    _, report, _ = corpus
    fun_run = [f["rule"] for f in report["findings"] if f["path"] == "posts/2027-03-11-blackwater-valley-fun-run.md"]
    assert fun_run == ["image-consent-withdrawn"]


def test_the_warning_names_the_withdrawal_date_the_publish_date_and_the_posts_channels(corpus) -> None:
    _, report, _ = corpus
    (warning,) = [f for f in report["findings"] if f["severity"] == "warning"]
    assert warning["message"] == (
        "Consent CR-2027-034 for images/yateley-lake-clean-up.jpg was withdrawn on 18 June 2027, after this post"
        " went out on 17 June 2027 on facebook, instagram: take it down where the channel allows and do not use it"
        " again"
    )
    assert warning["clause"] == "service-standards.personal-images.withdraw"


def test_the_settings_file_can_be_given_from_the_parent_folder(shared: Path, corpus) -> None:
    """The register's path is relative to the settings file, wherever policy-check runs."""
    _, from_inside, _ = corpus
    arguments = ("--config", "consent-acceptance/.policy-check.yaml", "consent-acceptance")
    status, report = run_json(shared, *arguments)
    assert (status, report["files_checked"]) == (1, 17)
    inside = sorted((f["path"], f["rule"], f["line"], f["column"]) for f in from_inside["findings"])
    outside = sorted(
        (f["path"].removeprefix("consent-acceptance/"), f["rule"], f["line"], f["column"]) for f in report["findings"]
    )
    assert inside == outside
