"""Shared fixtures: where the project's data and the third-party evaluation data are."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SHARED_DIR = ROOT.parent / "shared"
SEED_ID = "000_bdff5c4f04d4cc62"
SEED_PATH = DATA_DIR / "raw" / f"{SEED_ID}.txt"


def pytest_configure(config: pytest.Config) -> None:
    """Tests parse into a cache of their own run, never the user's cache (notebooks under nbval too)."""
    os.environ["TOOLKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="toolkit-test-cache-")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"third-party evaluation data not found at {SHARED_DIR}")
    return SHARED_DIR
