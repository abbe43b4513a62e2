"""The document type from label phrases, MRZ and QR together; ``unknown`` when nothing convinces."""

from __future__ import annotations

import pytest

from ocr import mrz, qr
from ocr.classify import classify, phrases_in
from ocr.pipeline import extract

TD1 = ["IDVNM0901234562001090123456<<3", "9001011M3001019VNM<<<<<<<<<<<4", "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<"]
TD1_COMPOSITE_WRONG = [TD1[0], TD1[1][:-1] + "7", TD1[2]]
TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
QR_2021 = "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Số 1 phố X, Hà Nội|15042021"
QR_2024 = QR_2021 + "|01012030"

FRONT_2016 = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CĂN CƯỚC CÔNG DÂN
Số 001090123456
Họ và tên:
NGUYỄN VĂN A
Ngày, tháng, năm sinh: 01/01/1990
Quê quán: Phúc Xá, Ba Đình, Hà Nội
Nơi thường trú: Số 1 phố X, Hà Nội
Có giá trị đến: 01/01/2030"""
FRONT_2021 = """CĂN CƯỚC CÔNG DÂN
Citizen Identity Card
Số / No.: 001090123456
Họ và tên / Full name:
Ngày sinh / Date of birth: 01/01/1990
Quê quán / Place of origin:
Nơi thường trú / Place of residence:"""
FRONT_2024 = """CĂN CƯỚC
IDENTITY CARD
Số định danh cá nhân / Personal identification number:
Họ, chữ đệm và tên khai sinh / Full name:
Ngày, tháng, năm sinh / Date of birth: 01/01/1990"""
BACK_2021 = """Đặc điểm nhân dạng / Personal identification:
Ngày, tháng, năm / Date, month, year: 15/04/2021
Ngón trỏ trái  Ngón trỏ phải"""
BACK_2024 = """Nơi cư trú / Place of residence: Số 1 phố X, Hà Nội
Nơi đăng ký khai sinh / Place of birth: Hà Nội
Ngày, tháng, năm cấp / Date of issue: 15/04/2024
BỘ CÔNG AN"""


def test_a_longer_phrase_uses_its_words_once():
    assert phrases_in("Personal identification number") == ["personal identification number"]
    assert phrases_in("Citizen Identity Card") == ["citizen identity card"]
    assert phrases_in("Ngày, tháng, năm sinh") == ["ngay thang nam sinh"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FRONT_2016, "cccd_2016_front"),
        (FRONT_2021, "cccd_2021_front"),
        (FRONT_2024, "cancuoc_2024_front"),
    ],
)
def test_fronts_without_a_readable_code_are_told_by_their_labels(text, expected):
    assert classify(text, None, None) == expected


def test_the_2016_front_is_the_2021_front_without_english_labels():
    """Both print "Căn cước công dân", "Quê quán" and "Nơi thường trú"; English labels and the
    2021 wording of the birth date are what tell the newer card."""
    assert classify(FRONT_2016, None, None) == "cccd_2016_front"
    assert (
        classify(FRONT_2016 + "\nPlace of origin  Date of birth  Full name", None, None) == "cccd_2021_front"
    )


def test_codes_decide_when_the_print_is_unreadable():
    assert classify("", mrz.parse(TD3), None) == "passport"
    assert classify("", None, qr.parse_payload(QR_2021)) == "cccd_2021_front"
    assert classify("", mrz.parse(TD1), qr.parse_payload(QR_2024)) == "cancuoc_2024_back"
    assert classify("", mrz.parse(TD1), None) == "cccd_2021_back"  # no QR: not the 2024 back


def test_the_backs_labels_tell_the_generation_when_the_qr_is_not_read():
    assert classify(BACK_2024, mrz.parse(TD1), None) == "cancuoc_2024_back"
    assert classify(BACK_2021, mrz.parse(TD1), None) == "cccd_2021_back"


def test_an_mrz_whose_check_digits_fail_does_not_outvote_a_fronts_labels():
    """Rows of a front's print can parse as an MRZ of sorts; its failing checks make it weak."""
    weak = mrz.parse(TD1_COMPOSITE_WRONG)
    assert weak is not None and not weak.valid
    assert classify(FRONT_2024, weak, None) == "cancuoc_2024_front"


@pytest.mark.parametrize(
    "text",
    ["", "RU5K5DE GN9X 2R7", "Ngày sinh / Date of birth: 01/01/1990"],
    ids=["nothing", "desk clutter", "two labels several types print"],
)
def test_nothing_convincing_is_unknown(text):
    assert classify(text, None, None) == "unknown"


def test_conflicting_codes_are_unknown():
    """A 2021 front's QR and a passport's MRZ on one page: neither is trusted over the other."""
    assert classify("", mrz.parse(TD3), qr.parse_payload(QR_2021)) == "unknown"


@pytest.mark.slow
def test_moderate_and_hard_sample_photos_are_classified(sample):
    photos = [t for t in sample if t["level"] in ("moderate", "hard")]
    documents = extract([t["path"] for t in photos])
    wrong = [(t["file"], d.document_type) for t, d in zip(photos, documents, strict=True)]
    assert [w for w, t in zip(wrong, photos, strict=True) if w[1] != t["document_type"]] == []
