"""Finding and reading the MRZ band with real Tesseract: a leaning zone is levelled first."""

from __future__ import annotations

import pytest
from cards import MRZ_2021, back_2021

from ocr.mrz_reader import LEVEL_ENOUGH, mrz_skew, read_mrz


@pytest.mark.parametrize("angle", [-2.5, 2.5])
def test_a_leaning_mrz_is_levelled_and_read_without_repairs(angle):
    # At 2.5 degrees a 30-character line climbs more than its own height end to end.
    tilted = back_2021().rotate(angle, resample=3, fillcolor=(236, 242, 236))
    assert mrz_skew(tilted) == pytest.approx(angle, abs=0.6)
    found, _ = read_mrz(tilted)
    assert found.valid and found.lines == MRZ_2021 and not found.repaired


def test_a_level_mrz_measures_too_little_lean_to_be_turned():
    assert abs(mrz_skew(back_2021())) < LEVEL_ENOUGH
