"""Fixtures several test modules share."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import vocab
from kg.loader import load_paths
from kg.store import open_store


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    """A store directory holding the five seeds, loaded once per test module."""
    path = tmp_path_factory.mktemp("seeds") / "store"
    with open_store(path, create=True) as store:
        report = load_paths(store, [vocab.PROJECT_ROOT / "seeds"], progress=False)
    assert report.ok and len(report.loaded) == 5
    return path
