"""Shared fixtures: the policy as loaded once, and paths to the project and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.policy.loader import load_policy
from checks.policy.model import Policy

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "acceptance").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
