"""Values read by OCR normalized to the contract's formats."""

from __future__ import annotations

from ocr import normalize


def test_sex_from_vietnamese_english_and_a_doubled_reading():
    assert normalize.sex("Nữ") == "F" and normalize.sex("NữỮ") == "F" and normalize.sex("Nam/M") == "M"
    assert normalize.sex("???") is None


def test_a_vietnamese_passport_number_is_a_letter_and_seven_digits():
    assert normalize.passport_number("C04O734O") == "C0407340"
    assert normalize.passport_number("0407340") == "0407340"  # not the Vietnamese shape: as read
    assert normalize.passport_number("--") is None


def test_a_place_loses_an_id_number_run_into_its_line_but_keeps_house_numbers():
    assert normalize.place("Quảng Ninh 022175876461") == "Quảng Ninh"
    assert normalize.place("Số 12 ngõ 5, Phúc Xá, Hà Nội.") == "Số 12 ngõ 5, Phúc Xá, Hà Nội"
