"""Printed fields are found by their labels, on the same line, below, or under their column."""

from __future__ import annotations

from ocr.labels import find_values
from ocr.tesseract import Line, Word


def line(y: int, *cells: tuple[int, str]) -> Line:
    """A text line at height ``y``: cells of (x, "words...") laid out left to right."""
    words = []
    for x, text in cells:
        for i, word in enumerate(text.split()):
            words.append(Word(word, 0.9, (x + 60 * i, y, 50, 20)))
    return Line(words)


def texts(lines: list[Line]) -> dict[str, str]:
    return {name: value.text for name, value in find_values(lines).items()}


def test_value_after_a_bilingual_label_on_the_same_line():
    found = texts([line(10, (0, "Ngày sinh / Date of birth: 01/01/1990"))])
    assert found == {"date_of_birth": "01/01/1990"}


def test_two_labels_on_one_line_split_the_line():
    found = texts([line(10, (0, "Giới tính / Sex: Nam Quốc tịch / Nationality: Việt Nam"))])
    assert found == {"sex": "Nam", "nationality": "Việt Nam"}


def test_value_below_its_label_and_address_on_two_lines():
    found = texts(
        [
            line(10, (0, "Họ và tên / Full name:")),
            line(40, (20, "NGUYỄN VĂN AN")),
            line(70, (0, "Nơi thường trú / Place of residence: Số 12 Phố Huế,")),
            line(100, (0, "Phường Phúc Xá, Quận Ba Đình, Hà Nội")),
        ]
    )
    assert found["full_name"] == "NGUYỄN VĂN AN"
    assert found["place_of_residence"] == "Số 12 Phố Huế, Phường Phúc Xá, Quận Ba Đình, Hà Nội"


def test_values_below_labels_in_two_columns():
    found = texts(
        [
            line(10, (0, "Ngày cấp / Date of issue"), (600, "Có giá trị đến / Date of expiry")),
            line(40, (0, "10/10/2016"), (600, "09/10/2026")),
        ]
    )
    assert found == {"date_of_issue": "10/10/2016", "date_of_expiry": "09/10/2026"}


def test_label_printed_on_two_lines_then_value():
    found = texts(
        [line(10, (0, "Có giá trị đến:")), line(40, (0, "Date of expiry")), line(70, (0, "04/02/2033"))]
    )
    assert found == {"date_of_expiry": "04/02/2033"}


def test_one_ocr_slip_in_a_long_label_word_is_tolerated_but_not_in_short_ones():
    assert texts([line(10, (0, "Quê quán / Place of orlgin: Hà Nội"))]) == {"place_of_origin": "Hà Nội"}
    # "Lợi" in an address must not be taken for the passport's "Loại" (type) label.
    found = texts([line(10, (0, "Nơi thường trú: Số 26 Lê Duẩn, Tân Lợi, Đắk Lắk"))])
    assert found == {"place_of_residence": "Số 26 Lê Duẩn, Tân Lợi, Đắk Lắk"}
