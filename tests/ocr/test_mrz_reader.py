"""Finding and reading the MRZ band with real Tesseract: a leaning zone is levelled first."""

from __future__ import annotations

from pathlib import Path

import pytest
from cards import MRZ_2021, back_2021, front_2021
from PIL import Image, ImageDraw

from ocr import straighten
from ocr.mrz_reader import LEVEL_ENOUGH, levelled_page, mrz_rows, mrz_skew, read_mrz
from ocr.pipeline import read_page

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("angle", [-2.5, 2.5])
def test_a_leaning_mrz_is_levelled_and_read_without_repairs(angle):
    # At 2.5 degrees a 30-character line climbs more than its own height end to end.
    tilted = back_2021().rotate(angle, resample=3, fillcolor=(236, 242, 236))
    assert mrz_skew(tilted) == pytest.approx(angle, abs=0.6)
    found, _ = read_mrz(tilted)
    assert found.valid and found.lines == MRZ_2021 and not found.repaired


def test_a_level_mrz_measures_too_little_lean_to_be_turned():
    assert abs(mrz_skew(back_2021())) < LEVEL_ENOUGH


def test_the_desk_at_a_cards_rounded_corners_is_no_mrz_row():
    # A page cut at the card's true edge shows dark desk in its rounded corners and along the bottom;
    # taken for a fourth row under the last line, it pushed the first line out of the three-row block.
    card = back_2021()
    width, height = card.size
    radius = int(0.03 * width)
    photo = card.copy()
    draw = ImageDraw.Draw(photo)
    for left in (0, width - radius):
        draw.rectangle((left, height - radius, left + radius, height), fill=(40, 40, 40))
    draw.ellipse((0, height - 2 * radius, 2 * radius, height), fill=card.getpixel((radius, height - radius)))
    draw.ellipse(
        (width - 2 * radius, height - 2 * radius, width, height),
        fill=card.getpixel((width - radius, height - radius)),
    )
    draw.rectangle((0, height - 4, width, height), fill=(40, 40, 40))
    assert mrz_rows(photo) == mrz_rows(card)
    found, _ = read_mrz(photo)
    assert found.valid and found.lines == MRZ_2021


def test_rows_read_without_a_single_filler_are_no_mrz():
    # A 2024 front upside down: its heading rows span the bottom band like MRZ lines
    # (tests/data/heading-no-mrz/README.md); no MRZ is read, so the page is not turned by one.
    photo = Image.open(DATA / "heading-no-mrz" / "cancuoc_2024_front_heading.jpg")
    page = straighten.landscape(straighten.straighten(photo))
    assert mrz_rows(straighten.rotate(page, 180))
    assert read_mrz(straighten.rotate(page, 180)) == (None, None)
    document = read_page(photo, "front.jpg")
    assert document.document_type == "cancuoc_2024_front"
    assert document.fields["id_number"].value == "080185426818"
    assert document.fields["date_of_birth"].value == "1985-01-01"


@pytest.mark.parametrize("angle", [-2.5, 2.5])
def test_a_page_left_leaning_is_levelled_by_its_mrz_either_way_up(angle):
    # A photo whose outline was not found keeps its lean; the MRZ's rows give it.
    tilted = back_2021().rotate(angle, resample=3, expand=True, fillcolor=(200, 200, 200))
    assert abs(mrz_skew(tilted)) > 2
    for turn in (0, 180):
        levelled = levelled_page(tilted.rotate(turn)).rotate(-turn)
        assert abs(mrz_skew(levelled)) < LEVEL_ENOUGH
        assert levelled.width > tilted.width and levelled.getpixel((1, 1)) == (200, 200, 200)


def test_a_level_page_or_one_without_mrz_is_left_as_it_is():
    card, front = back_2021(), front_2021()
    assert levelled_page(card) is card and levelled_page(front) is front
