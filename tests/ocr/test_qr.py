"""QR payloads are parsed by position, each position validated, extra fields tolerated."""

from __future__ import annotations

from cards import QR_2021, front_2021, on_background

from ocr import qr


def test_2021_payload_fields_in_contract_formats():
    payload = qr.parse_payload(QR_2021)
    assert payload.fields() == {
        "id_number": "001090123456",
        "old_id_number": "012345678",
        "full_name": "NGUYỄN VĂN AN",
        "date_of_birth": "1990-01-01",
        "sex": "M",
        "place_of_residence": "Số 12 Phố Huế, Phường Phúc Xá, Quận Ba Đình, Hà Nội",
        "date_of_issue": "2021-04-15",
        "nationality": "VNM",
    }
    assert payload.size == 7 and not payload.warnings


def test_extra_fields_are_kept_aside_not_misread():
    payload = qr.parse_payload(QR_2021 + "|01012030|something new|42")
    assert payload.date_of_expiry == "2030-01-01"
    assert payload.extra == ["something new", "42"] and payload.full_name == "NGUYỄN VĂN AN"


def test_invalid_positions_are_dropped_with_a_warning():
    payload = qr.parse_payload("001090123456|12AB|Nguyễn Văn An|31021990|Nữ||15042021")
    assert payload.old_id_number is None and payload.date_of_birth is None
    assert payload.sex == "F" and payload.place_of_residence is None
    assert len(payload.warnings) == 2


def test_a_qr_that_is_not_a_card_payload_is_ignored():
    assert qr.parse_payload("https://example.org/pay?amount=10000") is None
    assert qr.parse_payload("12345|Nguyễn Văn An") is None


def test_decode_finds_the_code_and_its_rotation_in_a_photo():
    codes = qr.decode(on_background(front_2021(), angle=90))
    assert len(codes) == 1 and codes[0].text == QR_2021
    assert abs(codes[0].orientation) == 90
