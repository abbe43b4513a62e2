"""Sources that agree raise confidence; disagreement lowers it and warns; the ID number's own logic."""

from __future__ import annotations

from ocr.crosscheck import Reading, combine, expiry_consistency, id_consistency


def test_agreeing_sources_raise_confidence():
    combined = combine(
        "id_number", [Reading("001090123456", 0.9, "ocr"), Reading("001090123456", 0.9, "mrz")]
    )
    assert combined.agreed and combined.confidence > 0.9 and combined.warning is None
    assert combined.reading.source == "mrz"  # check-digit protected beats OCR


def test_disagreement_lowers_confidence_and_warns():
    combined = combine(
        "date_of_birth", [Reading("1990-01-01", 0.98, "qr"), Reading("1990-07-01", 0.9, "ocr")]
    )
    assert combined.reading.value == "1990-01-01" and not combined.agreed
    assert combined.confidence < 0.7 and "date_of_birth" in combined.warning


def test_name_from_mrz_agrees_with_printed_name_and_keeps_its_diacritics():
    combined = combine(
        "full_name", [Reading("NGUYEN VAN AN", 0.97, "mrz"), Reading("NGUYỄN VĂN AN", 0.9, "ocr")]
    )
    assert combined.agreed and combined.reading.value == "NGUYỄN VĂN AN"


def test_id_sex_and_century_digit_must_match_printed_sex_and_birth_year():
    assert id_consistency("001090123456", "M", "1990-01-01") == []
    assert id_consistency("001390123456", "F", "2090-01-01") == []
    warnings = id_consistency("001090123456", "F", "1991-01-01")
    assert len(warnings) == 2 and "sex" in warnings[0] and "1991" in warnings[1]


def test_expiry_must_be_a_renewal_birthday_or_none():
    assert expiry_consistency("1990-01-01", "2030-01-01", no_expiry=False) == []  # 40th birthday
    assert expiry_consistency("1960-05-01", None, no_expiry=True) == []
    assert expiry_consistency("1990-01-01", "2031-03-01", no_expiry=False)


def test_a_name_whose_marks_the_print_was_unsure_of_is_no_surer_for_the_mrz_letters():
    mrz = Reading("LAM DINH CAN", 0.97, "mrz")
    printed = Reading("LÂM ĐÌNH CẦN", 0.55, "ocr", doubts=(("CẦN", ("CẤN", "CẨN")),))
    combined = combine("full_name", [mrz, printed])
    assert combined.reading.value == "LÂM ĐÌNH CẦN"
    assert combined.confidence == 0.55
    sure = combine("full_name", [mrz, Reading("LÂM ĐÌNH CẦN", 0.55, "ocr")])
    assert sure.confidence > 0.97
    # A QR spells the marks itself: the print's doubt about them takes nothing from it.
    qr = combine("full_name", [Reading("LÂM ĐÌNH CẦN", 0.98, "qr"), printed])
    assert qr.confidence > 0.98
