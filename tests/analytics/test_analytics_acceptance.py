"""The acceptance corpus (../shared/analytics-acceptance): the JSON report equals expected.yaml exactly, both periods.

Run as its README says, from the corpus's folder: the settings are found beside
the post export, and ``--posts .`` is the content repo. ``policy_version`` is the
policy's own and is not asserted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from analytics_helpers import report

PERIODS = {
    "expected.yaml": [],
    "expected-january-8-to-15.yaml": ["--from", "2027-01-08", "--to", "2027-01-15"],
}


@pytest.fixture(scope="module", params=sorted(PERIODS))
def case(
    request: pytest.FixtureRequest, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    expected = yaml.safe_load((corpus / request.param).read_text(encoding="utf-8"))
    arguments = [
        "--posts",
        ".",
        "--profiles",
        "profile-performance.csv",
        *PERIODS[request.param],
        "post-performance.csv",
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(corpus)
        status, data = report(arguments, tmp_path_factory.mktemp("acceptance"))
    return status, data, expected


def test_the_report_equals_the_expected_object_exactly(case) -> None:
    status, data, expected = case
    assert status == 0
    data = {key: value for key, value in data.items() if key != "policy_version"}
    assert data == expected


def test_the_numbers_have_the_types_the_yaml_gives(case) -> None:
    """Equal objects could hide 0.0 for 0 or "2027" for 2027: counts are whole numbers, rates numbers or null."""
    _, data, _ = case
    for group in [data["totals"], *data["by_channel"].values(), *data["by_type"].values(), *data["by_media"].values()]:
        assert all(value is None or type(value) is int for key, value in group.items() if key != "engagement_rate")
        assert group["engagement_rate"] is None or isinstance(group["engagement_rate"], float)
    assert isinstance(data["policy_version"], str) and data["policy_version"]
