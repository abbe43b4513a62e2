"""The MRZ within the page reader: where the page is looked for, and what an unchecked MRZ value is worth."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ocr.crosscheck import Reading
from ocr.pipeline import (
    MRZ_CONFIDENCE,
    MRZ_UNCHECKED,
    _misspelled_mrz_name_yields_to_print,
    _unchecked_mrz_yields_to_print,
    read_page,
)

IMAGES = Path(__file__).resolve().parents[1] / "data" / "mrz"
MRZ = "P<VNMLAM<<HONG<GAM<<<<<<<<<<<<<<<<<<<<<<<<<<\nP5507718<4VNM4403182F3001156031144814302<<90"
PHOTO_MRZ = "P<VNMNGUYEN<<NHAT<MINH<THAM<<<<<<<<<<<<<<<<<\nC1068598<5VNM9009246M2602121040090714459<<76"


def test_a_passport_scan_with_its_mrz_strip_as_pale_as_the_bed_is_read_whole():
    photo = Image.open(IMAGES / "passport_strip_cut.jpg").convert("RGB")
    document = read_page(photo, "passport.jpg")
    assert document.fields["mrz"].value == MRZ and document.fields["mrz"].confidence >= MRZ_CONFIDENCE
    assert document.fields["passport_number"].value == "P5507718"


def test_a_passport_photo_with_its_mrz_close_to_the_page_edge_is_read_whole():
    photo = Image.open(IMAGES / "passport_strip_cut_photo.jpg").convert("RGB")
    document = read_page(photo, "passport.jpg")
    assert document.fields["mrz"].value == PHOTO_MRZ and document.fields["mrz"].confidence >= MRZ_CONFIDENCE


def test_an_mrz_value_failing_its_check_gives_way_to_a_printed_one_that_disagrees():
    readings = {
        "passport_number": [Reading("6<261543", MRZ_UNCHECKED, "mrz"), Reading("C6261543", 0.9, "ocr")],
        "date_of_birth": [Reading("2003-04-06", MRZ_UNCHECKED, "mrz"), Reading("2003-04-06", 0.9, "ocr")],
        "date_of_expiry": [Reading("2028-12-06", MRZ_CONFIDENCE, "mrz"), Reading("2028-12-08", 0.9, "ocr")],
        "id_number": [Reading("066203929201", MRZ_UNCHECKED, "mrz")],
    }
    warnings: list[str] = []
    _unchecked_mrz_yields_to_print(readings, warnings)
    assert [r.source for r in readings["passport_number"]] == ["ocr"]
    assert len(warnings) == 1 and "'6<261543' fails its check digits" in warnings[0]
    # An agreeing print, a checked MRZ value, or no print at all: the MRZ reading stays.
    assert [len(readings[name]) for name in ("date_of_birth", "date_of_expiry", "id_number")] == [2, 2, 1]


def test_an_mrz_name_that_lost_its_last_words_to_fillers_gives_way_to_the_printed_name():
    # A hard dev passport: "P<VNMTRAN<<<<..." (MAI HIEN blurred into fillers) passed every check
    # digit, for the name line has none.
    readings = [Reading("TRẦN", MRZ_CONFIDENCE, "mrz"), Reading("TRẦN MAI HIỀN", 0.7, "ocr")]
    warnings: list[str] = []
    _misspelled_mrz_name_yields_to_print(readings, warnings)
    assert [r.value for r in readings] == ["TRẦN MAI HIỀN"] and "lost words" in warnings[0]
    # A printed name with a word the MRZ lacks in the middle, or that spells no name, is no proof.
    for printed in ("TRẦN THỊ MAI", "TRẦN MAI XQZ"):
        readings = [Reading("TRẦN MAI", MRZ_CONFIDENCE, "mrz"), Reading(printed, 0.7, "ocr")]
        _misspelled_mrz_name_yields_to_print(readings, [])
        assert len(readings) == 2, printed


def test_a_page_whose_mrz_no_longer_reads_once_levelled_is_read_as_it_was():
    # (tests/data/mrz/README.md) Levelled by its MRZ, the page's last MRZ row meets the page's edge.
    photo = Image.open(IMAGES / "passport_levelled_to_edge.jpg")
    document = read_page(photo, "passport.jpg")
    assert document.fields["mrz"].value == (
        "P<VNMBUI<<MANH<KHANH<<<<<<<<<<<<<<<<<<<<<<<<\nC2751720<6VNM1610316M2312215001216382087<<26"
    )
    assert document.fields["passport_number"].value == "C2751720"
