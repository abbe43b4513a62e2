"""Fixtures for the catalogue tests. Tests that read ../shared skip when it is absent (a user's machine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.build import catalogue_sources
from knowledge.paths import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("needs the shared catalogue sources (../shared/data/catalogue); absent on this machine")
    return path


@pytest.fixture(scope="session")
def sources(shared: Path) -> tuple[Path, Path]:
    """(crawl JSON Lines, portal JSON folder)."""
    return catalogue_sources(shared)


@pytest.fixture(scope="session")
def crawl_records(sources) -> dict[str, dict]:
    crawl_file, _ = sources
    with crawl_file.open(encoding="utf-8") as lines:
        return {record["ma_thu_tuc"]: record for record in map(json.loads, lines)}
