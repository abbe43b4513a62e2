"""Diacritics Tesseract loses are restored from names and place names where the dictionary decides."""

from __future__ import annotations

from knowledge.text import fold
from ocr.restore import restore_name, restore_place, syllables


def test_names_get_their_marks_back():
    assert restore_name("TRAN THI HUONG") == "TRẦN THỊ HƯƠNG"
    assert restore_name("NGUYỄN VĂN AN") == "NGUYỄN VĂN AN"  # already right: unchanged


def test_unknown_words_are_left_as_read():
    assert restore_name("XYZZY") == "XYZZY"


def test_place_units_are_decided_within_their_province():
    assert restore_place("Phuong Phuc Xa, Quan Ba Dinh, Ha Noi") == "Phường Phúc Xá, Quận Ba Đình, Hà Nội"
    assert (
        restore_place("Số 12 Phố Huế, Phúc Xá, Ba Đình, Hà Nội") == "Số 12 Phố Huế, Phúc Xá, Ba Đình, Hà Nội"
    )


def test_a_unit_whose_name_begins_like_a_prefix_is_that_unit_not_a_prefix():
    # Quan Hoa is a ward of Cầu Giấy, Hà Nội: not "Quận Hoa", for Hoa is no unit there.
    assert restore_place("Quan Hoa, Cau Giay, Ha Noi") == "Quan Hoa, Cầu Giấy, Hà Nội"
    assert restore_place("Quan Ba Dinh, Ha Noi") == "Quận Ba Đình, Hà Nội"


def test_stacked_marks_misread_as_an_extra_vowel_are_collapsed():
    assert restore_name("LÊ HOẠÀI ANH") == "LÊ HOÀI ANH"
    assert restore_name("VÕ HẢI PHƯƠNG MẠẬN") == "VÕ HẢI PHƯƠNG MẬN"


def test_a_letter_doubled_by_mrz_ocr_is_undone_when_only_the_single_letter_makes_a_name():
    assert restore_name("VOO QUOOC THU") == "VÕ QUỐC THU"


def test_a_capital_i_read_as_a_small_l_is_undone_where_one_unit_of_the_province_fits():
    restored = restore_place("Xã la Ka, Huyện Chư Păh, Tỉnh Gia Lai")
    assert restored == "Xã Ia Ka, Huyện Chư Păh, Tỉnh Gia Lai"


def test_street_words_read_with_marks_that_spell_a_syllable_are_kept():
    # "Phóng" and "Tháng" are words of their own, not misread "Phong" or "Thắng" of a place name.
    assert (
        restore_place("Số 209 ngõ 164 Giải Phóng, Diên Khánh, Diên Khánh, Khánh Hòa")
        == "Số 209 ngõ 164 Giải Phóng, Diên Khánh, Diên Khánh, Khánh Hòa"
    )


def test_a_known_street_name_is_spelled_as_known_whatever_marks_were_read():
    assert (
        restore_place("Số 185 ngõ 53 Trường Chỉnh, Tân Bình, Hải Dương, Hải Dương")
        == "Số 185 ngõ 53 Trường Chinh, Tân Bình, Hải Dương, Hải Dương"
    )
    assert restore_place("Số 94 ngõ 79 Cach Mang Thang Tam, Nga Sơn, Nga Sơn, Thanh Hóa").startswith(
        "Số 94 ngõ 79 Cách Mạng Tháng Tám,"
    )


def test_an_mrz_name_only_gains_marks_its_letters_stay():
    # No name is spelled KHAN: the letters are still the MRZ's (the printed name gives the marks).
    assert fold(restore_name("HUYNH THE KHAN", keep_letters=True)) == "huynh the khan"
    assert restore_name("HUYNH THE KHAN", keep_letters=True).startswith("HUỲNH THẾ ")


def test_any_syllable_may_spell_a_name_word_but_family_and_common_names_are_told_apart():
    first = dict(syllables().spellings("tran", first=True))
    assert first["trần"] == "name" and first["tràn"] == "syllable"
    other = dict(syllables().spellings("quan", first=False))
    assert other["quân"] == "common" and other["quan"] == "name" and other["quán"] == "syllable"


def test_a_province_cut_short_at_the_line_end_is_the_one_holding_the_district_before_it():
    assert restore_place("Số 93 ngõ 131 Giải Phóng, Hòa Cường Bắc, Hải Châu, Đà").endswith(
        ", Hải Châu, Đà Nẵng"
    )
    assert restore_place("Số 1, Thạch Thất, Hà") == "Số 1, Thạch Thất, Hà Nội"  # not Hà Nam, Hà Tĩnh...
    assert restore_place("Số 1, Ngõ Hẹp, Hà") == "Số 1, Ngõ Hẹp, Hà"  # no district decides: as read


def test_the_word_that_begins_a_hamlet_or_house_part_gets_its_marks_back():
    # Tesseract read the hamlet's Ấp as the common syllable Áp, which no name has.
    assert restore_place("Áp Hạ, Tham Đôn, Mỹ Xuyên, Sóc Trăng") == "Ấp Hạ, Tham Đôn, Mỹ Xuyên, Sóc Trăng"
    # A number after it makes it a leading word even where a family name has its letters.
    assert restore_place("To 5, Phúc Xá, Ba Đình, Hà Nội") == "Tổ 5, Phúc Xá, Ba Đình, Hà Nội"


def test_a_street_named_after_a_person_keeps_the_family_name():
    assert restore_place("Tô Hiến Thành, Phúc Xá, Ba Đình, Hà Nội").startswith("Tô Hiến Thành,")
