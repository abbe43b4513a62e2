"""A place's first word the page reading could not read (no confidence) is read again alone."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ocr.labels import find_values
from ocr.pipeline import _with_doubted_word
from ocr.tesseract import Line, Word

DATA = Path(__file__).parents[1] / "data" / "doubted-word"


def origin_lines(first: Word) -> list[Line]:
    """'Quê quán:' over a line whose first word is ``first`` (as on the mild dev card's crop)."""
    label = Line([Word("Quê", 0.96, (31, -4, 35, 16)), Word("quán:", 0.96, (75, -4, 50, 19))])
    rest = [("Hòa,", 70, 55), ("Ninh", 136, 56), ("Kiều,", 203, 61), ("Cần", 275, 46), ("Thơ", 331, 47)]
    return [label, Line([first] + [Word(text, 0.96, (x, 25, w, 20)) for text, x, w in rest])]


def test_a_word_read_at_no_confidence_just_before_the_value_is_kept_aside_as_doubted():
    value = find_values(origin_lines(Word("#n", 0.0, (27, 26, 32, 18))))["place_of_origin"]
    assert value.text == "Hòa, Ninh Kiều, Cần Thơ"
    assert value.doubted is not None and value.doubted.text == "#n"


def test_a_speck_or_a_word_read_with_confidence_is_not_doubted():
    speck = find_values(origin_lines(Word("'", 0.0, (50, 30, 5, 5))))["place_of_origin"]
    assert speck.doubted is None
    read = find_values(origin_lines(Word("An", 0.96, (27, 26, 32, 18))))["place_of_origin"]
    assert read.text.startswith("An Hòa") and read.doubted is None


def test_the_doubted_word_read_alone_restores_the_first_word_of_the_place():
    image = Image.open(DATA / "origin-first-word.png")
    value = find_values(origin_lines(Word("#n", 0.0, (27, 26, 32, 18))))["place_of_origin"]
    assert _with_doubted_word(image, value) == "An Hòa, Ninh Kiều, Cần Thơ"


def test_a_doubted_word_that_reads_as_no_syllable_is_left_out():
    image = Image.open(DATA / "origin-first-word.png")
    # The box over the comma and the gap after "Hòa": no syllable there.
    value = find_values(origin_lines(Word("#n", 0.0, (27, 26, 32, 18))))["place_of_origin"]
    value.doubted = Word(",", 0.0, (118, 30, 14, 18))
    assert _with_doubted_word(image, value) == "Hòa, Ninh Kiều, Cần Thơ"
