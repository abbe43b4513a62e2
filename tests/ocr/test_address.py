"""Addresses keep their printed form and gain today's units (after the 1/7/2025 merger), offline."""

from __future__ import annotations

import subprocess
import sys

from ocr.address import current_units


def test_old_ward_district_province_map_to_the_new_ward_and_province():
    text, ward_resolved = current_units("Số 12 ngõ 5, Phường Phúc Xá, Quận Ba Đình, Hà Nội")
    assert ward_resolved and text.endswith("Phường Hồng Hà, Thành phố Hà Nội")


def test_a_merged_province_is_resolved_even_without_a_known_ward():
    text, ward_resolved = current_units("Xóm 3, Xã Nowhere, Tỉnh Bình Phước")
    assert not ward_resolved and "Đồng Nai" in text


def test_no_province_no_conversion():
    assert current_units("không rõ") is None


def test_the_short_form_of_older_cards_resolves_like_the_full_one():
    short = current_units("Cẩm Bình, Cẩm Xuyên, Hà Tĩnh")
    full = current_units("Xã Cẩm Bình, Huyện Cẩm Xuyên, Tỉnh Hà Tĩnh")
    assert short == full and short[1] and short[0].endswith("Tỉnh Hà Tĩnh")


def test_a_ward_divided_among_new_wards_gives_the_main_one_but_not_as_resolved():
    text, ward_resolved = current_units("Ấp 2, Xã Tân Thạnh, Huyện Thới Lai, Thành phố Cần Thơ")
    assert text == "Ấp 2, Xã Trường Thành, Thành phố Cần Thơ" and not ward_resolved


def test_converting_does_not_import_underthesea():
    # Importing the package pulls torch: seconds before a process's first scan.
    code = (
        "import sys; from ocr.address import current_units; "
        "current_units('Phường Phúc Xá, Quận Ba Đình, Hà Nội'); print('underthesea' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
