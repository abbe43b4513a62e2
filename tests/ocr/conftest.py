"""Fixtures for the scan reader: the committed generated sample and small images drawn here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # cards.py: card images drawn by the tests

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "docs"


def sample_truths() -> list[dict]:
    """Ground truth of the committed sample (tests/data/docs), each with its image path."""
    truths = []
    for path in sorted(SAMPLE.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if "document_type" in truth:
            truth["path"] = path.parent / truth["file"]
            truths.append(truth)
    return truths


@pytest.fixture(scope="session")
def sample() -> list[dict]:
    truths = sample_truths()
    if not truths:
        pytest.skip("no committed sample in tests/data/docs")
    return truths
