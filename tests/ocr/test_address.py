"""Addresses keep their printed form and gain today's units (after the 1/7/2025 merger), offline."""

from __future__ import annotations

from ocr.address import current_units


def test_old_ward_district_province_map_to_the_new_ward_and_province():
    text, ward_resolved = current_units("Số 12 ngõ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội")
    assert ward_resolved and text.endswith("Phường Hồng Hà, Thành phố Hà Nội")


def test_a_merged_province_is_resolved_even_without_a_known_ward():
    text, ward_resolved = current_units("Xóm 3, Xã Nowhere, Tỉnh Bình Phước")
    assert not ward_resolved and "Đồng Nai" in text


def test_no_province_no_conversion():
    assert current_units("không rõ") is None
