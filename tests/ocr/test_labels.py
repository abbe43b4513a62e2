"""Printed fields are found by their labels, on the same line, below, or under their column."""

from __future__ import annotations

from ocr.labels import band_below, find_values
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


def word(text: str, x: int, y: int, h: int = 20, confidence: float = 0.9) -> Word:
    return Word(text, confidence, (x, y, 12 * len(text), h))


def test_a_family_name_that_is_also_a_label_word_is_kept():
    # "Họ" starts the label "Họ và tên"; "HỒ" in capitals is the family name Hồ.
    found = texts([line(10, (0, "Họ và tên:")), line(40, (20, "HỒ HẢI PHƯƠNG"))])
    assert found["full_name"] == "HỒ HẢI PHƯƠNG"


def test_a_tall_slash_in_the_label_does_not_make_the_value_below_look_like_specks():
    label = Line([word("Họ", 0, 200, 11), word("và", 30, 200, 11), word("tên", 60, 200, 11),
                  word("/", 100, 190, 36), word("Full", 110, 200, 22), word("name", 160, 203, 8)])  # fmt: skip
    value = Line([word("NGUYÊN", 0, 223, 17), word("QUANG", 110, 223, 20), word("LỮ", 200, 219, 21)])
    assert texts([label, value])["full_name"] == "NGUYÊN QUANG LỮ"


def test_a_speck_inside_a_label_does_not_break_it():
    found = texts(
        [line(10, (0, "Họ, chữ đệm v và tên khai sinh / Full name:")), line(40, (0, "NGUYỄN THẾ VŨ"))]
    )
    assert found == {"full_name": "NGUYỄN THẾ VŨ"}


def test_a_doubtful_speck_after_the_label_gives_way_to_the_value_below():
    speck = Line([*line(10, (0, "Họ và tên:")).words, word("5i", 200, 5, 36, confidence=0.21)])
    assert texts([speck, line(40, (0, "NGUYỄN ANH HOÀNG"))])["full_name"] == "NGUYỄN ANH HOÀNG"


def test_a_name_word_tesseract_doubts_is_kept_when_in_capitals():
    value = Line([word("NGUYÊN", 0, 40, confidence=0.04), word("HỒNG", 100, 40), word("NGẦN", 180, 40)])
    assert texts([line(10, (0, "Họ và tên:")), value])["full_name"] == "NGUYÊN HỒNG NGẦN"


def test_label_words_run_together_still_make_the_label():
    assert texts([line(10, (0, "Giớitính: Nữ"))]) == {"sex": "Nữ"}


def test_a_speck_between_label_and_value_is_passed_over():
    speck = Line([word("2", 60, 32, 12, confidence=0.48)])
    # Tesseract joined a speck to "TRẦN": its box starts left of the label's column.
    joined = Word("TRẦN", 0.43, (-40, 40, 100, 23))
    value = Line([joined, word("KIM", 100, 40), word("VY", 160, 40)])
    assert texts([line(10, (0, "Họ và tên:")), speck, value])["full_name"] == "TRẦN KIM VY"


def test_a_value_smaller_than_noisy_label_boxes_is_still_a_value():
    label = Line(
        [
            word("Giới", 0, 10, 32),
            word("tính", 60, 10, 32),
            word("/Sex:", 120, 10, 32),
            word("Nữ", 190, 14, 19),
        ]
    )
    assert texts([label]) == {"sex": "Nữ"}


def test_a_value_starting_a_little_left_of_its_label_is_whole():
    label = line(10, (30, "Nơi đăng ký khai sinh / Place of birth:"))
    value = Line([Word("Xã", 0.96, (27, 40, 28, 17)), word("Hoằng", 66, 40), word("Quỳ", 148, 40)])
    assert texts([label, value])["place_of_birth"] == "Xã Hoằng Quỳ"


def test_a_long_label_with_one_word_misread_is_still_the_label():
    found = texts(
        [line(10, (0, "Họ, chữ đệm Su, tên khai sinh / Full name:")), line(40, (0, "TRẦN BẢO LOAN"))]
    )
    assert found == {"full_name": "TRẦN BẢO LOAN"}


def test_a_long_label_with_one_word_lost_to_a_speck_is_still_the_label():
    # "và" read as a dot: the whole name under the Vietnamese label, not the words under "Full name"
    found = texts(
        [line(10, (0, "Họ, chữ đệm . tên khai sinh / Full name:")), line(40, (0, "NGUYỄN DIỆU YẾN"))]
    )
    assert found == {"full_name": "NGUYỄN DIỆU YẾN"}


def test_a_misread_word_does_not_turn_one_short_label_into_another():
    # "Ngày, tháng, năm cấp" is the issue date, not a birth date with its last word misread.
    assert texts([line(10, (0, "Ngày, tháng, năm cấp: 10/10/2016"))]) == {"date_of_issue": "10/10/2016"}


def test_a_speck_read_just_above_the_value_is_no_line_of_it():
    # The speck "2" is small beside the name's capitals, and its top is a little higher.
    speck = Line([word("2", 70, 32, 9, confidence=0.77)])
    value = Line([word("TRẦN", 20, 41, 23), word("ANH", 100, 41, 23), word("HIẾU", 180, 41, 23)])
    assert texts([line(10, (0, "Họ và tên:")), speck, value])["full_name"] == "TRẦN ANH HIẾU"


def test_a_lone_small_character_after_the_label_is_a_speck_and_the_value_is_below():
    # A dot on the label's baseline read as "Š": as confident as a word, but half the label's height.
    label = Line([*line(10, (0, "Họ và tên:")).words, Word("Š", 0.54, (200, 22, 10, 11), [])])
    value = line(40, (0, "NGUYỄN NGỌC ẨN"))
    assert texts([label, value])["full_name"] == "NGUYỄN NGỌC ẨN"


def test_the_band_under_a_label_lies_between_it_and_the_next_labelled_line():
    lines = [
        line(10, (100, "Họ và tên / Full name:")),
        line(40, (500, "3")),  # a speck: no label, the band goes on below it
        line(110, (100, "Ngày sinh / Date of birth: 01/01/1990")),
    ]
    x, y, w, h = band_below(lines, "full_name")
    assert (y, y + h) == (30 + 80 // 5, 30 + 80 // 5 + 3 * 80 // 5)  # the middle of 30..110
    assert x < 100 and x + w >= 100 + 60 * 6 + 50  # from the label's left across the page's text
    assert band_below(lines, "place_of_origin") is None


def test_a_label_beside_taller_letters_below_still_ends_the_value_above():
    # "Nơi thường trú:" is shorter than the residence's tallest word just below it: still a label.
    lines = [
        line(400, (230, "Quê quán:")),
        line(422, (230, "Tân Thịnh, Thái Nguyên, Thái Nguyên")),
        Line([word("Nơi", 234, 466, 14), word("thường", 270, 465, 18), word("trú:", 340, 464, 15)]),
        Line([word("Số", 235, 487, 21), word("38", 280, 490, 18), word("Thái", 330, 475, 31)]),
    ]
    found = texts(lines)
    assert found["place_of_origin"] == "Tân Thịnh, Thái Nguyên, Thái Nguyên"
    assert found["place_of_residence"] == "Số 38 Thái"


def test_the_end_of_a_misread_english_label_is_no_value():
    # "Họ và tên / Full name" read "Họ và tên KN name.": the name is on the line below.
    label = Line(
        [*line(10, (0, "Họ và tên")).words, word("KN", 200, 10, 35, 0.51), word("name.", 240, 10, 12)]
    )
    assert texts([label, line(40, (0, "NGUYỄN MẠNH THÀNH"))])["full_name"] == "NGUYỄN MẠNH THÀNH"


def test_a_vietnamese_value_holding_a_label_word_is_kept_whole():
    found = texts([line(10, (0, "Nơi thường trú: Chung cư Hoàng Anh, Phúc Xá, Ba Đình, Hà Nội"))])
    assert found["place_of_residence"] == "Chung cư Hoàng Anh, Phúc Xá, Ba Đình, Hà Nội"


def test_a_place_beginning_with_a_later_word_of_its_label_is_kept_whole():
    # The ward Quan Hoa spells the "quán" of "Quê quán"; a label's later words are not capitalized.
    found = texts([line(10, (0, "Quê quán / Place of origin:")), line(40, (0, "Quan Hoa, Cầu Giấy, Hà Nội"))])
    assert found["place_of_origin"] == "Quan Hoa, Cầu Giấy, Hà Nội"
    found = texts(
        [line(10, (0, "Nơi cư trú / Place of residence:")), line(40, (0, "Cư xá Thanh Đa, Bình Thạnh"))]
    )
    assert found["place_of_residence"] == "Cư xá Thanh Đa, Bình Thạnh"
    # The leftover of a label on the value's line still goes ("origin" of a label cut in two).
    found = texts([line(10, (0, "Quê quán / Place of")), line(40, (0, "origin: Phúc Xá, Ba Đình, Hà Nội"))])
    assert found["place_of_origin"] == "Phúc Xá, Ba Đình, Hà Nội"


def test_a_label_whose_vietnamese_half_starts_misread_spans_the_line_for_its_value_below():
    # "Nơi đăng ký khai sinh / Place of birth:" read with its first two words lost to a speck: only
    # the English half matches, but the label (and the value's column) starts at the line's start.
    found = texts(
        [
            line(10, (0, "ha am ký khai sinh / Place of birth:")),
            line(40, (0, "Xã Hạ Mỗ, Huyện Đan Phượng, Thành phố Hà Nội")),
        ]
    )
    assert found["place_of_birth"] == "Xã Hạ Mỗ, Huyện Đan Phượng, Thành phố Hà Nội"


def test_a_value_line_ordered_before_its_label_by_a_tall_speck_is_still_below_it():
    # A tall stroke at the card's edge lifts the name line's box above the label's: Tesseract
    # orders it first, yet its words under the label start below the label's middle.
    name = Line([Word("|", 0.85, (23, 5, 2, 96), []), word("NGUYÊN", 240, 47, 33), word("HẢI", 340, 47, 31)])
    label = line(10, (200, "Họ, chữ đệm và tên khai sinh / Full name:"))
    found = texts([name, label, line(120, (200, "Giới tính: Nữ"))])
    assert found["full_name"] == "NGUYÊN HẢI"


def test_a_line_above_the_label_ordered_after_it_by_a_tall_speck_is_no_value():
    # A passport's photo border beside the name's label lifts that line's box over the line above
    # (type "P", code "VNM"): Tesseract orders the label first, but the line above is not its value.
    label = Line([Word("|", 0.76, (85, 185, 2, 107), []), *line(240, (317, "Họ và tên / Full name")).words])
    above = line(206, (317, "P"), (530, "VNM"))
    found = texts([label, above, line(262, (318, "LÝ HỒNG MỸ THƯ"))])
    assert found["full_name"] == "LÝ HỒNG MỸ THƯ"
    # The name's own line may start above the label's middle (its first word's box runs up into
    # the label's line) but reaches well below it: it is the value.
    name = Line(
        [Word("NGUYÊN", 0.93, (311, 233, 97, 34)), word("ẢNH", 417, 250, 17), word("BẢO", 477, 244, 23)]
    )
    assert texts([label, above, name])["full_name"] == "NGUYÊN ẢNH BẢO"


def test_marks_read_as_a_line_of_their_own_over_the_name_are_no_value():
    # Tesseract read "Lì" (unsure) and ">" from the marks over the name, as a line whose top is
    # above the name's: every word of it lies over a word of the name line (or just above, where
    # its marks are), which is surer.
    label = line(10, (200, "Họ, chữ đệm và tên khai sinh / Full name:"))
    ghost = Line([word("Lì", 289, 31, 22, 0.25), word(">", 345, 33, 10, 0.91)])  # ">" just above THU
    name = Line(
        [
            word("NGUYỄN", 200, 46, 23),
            word("LAN", 290, 45, 22),
            word("THU", 340, 44, 22),
            word("HẰNG", 390, 43, 22),
        ]
    )
    assert texts([label, ghost, name])["full_name"] == "NGUYỄN LAN THU HẰNG"


def test_two_words_of_a_long_label_run_together_and_misread_still_make_it():
    # "đệm và" read as one word "Zemvà": the name under the Vietnamese label, not only the part
    # of it under "Full name".
    found = texts(
        [line(10, (0, "Họ, chữ Zemvà tên khai sinh / Full name:")), line(40, (0, "NGUYỄN NHẬT KIM GIANG"))]
    )
    assert found == {"full_name": "NGUYỄN NHẬT KIM GIANG"}


def test_a_three_word_label_with_its_first_word_misread_ends_the_value_above():
    # "Nơi thường trú:" read "ho thường trú:": the origin stops above it and the residence is found.
    lines = [
        line(10, (0, "Quê quán:")),
        line(40, (0, "Hựu Thạnh, Đức Hòa, Long An")),
        line(70, (0, "ho thường trú:")),
        line(100, (0, "Ấp Hạ, Đức Hòa Thượng, Đức Hòa, Long An")),
    ]
    assert texts(lines) == {
        "place_of_origin": "Hựu Thạnh, Đức Hòa, Long An",
        "place_of_residence": "Ấp Hạ, Đức Hòa Thượng, Đức Hòa, Long An",
    }


def test_an_english_label_needs_its_first_word():
    # "Plxce of birth" is no "Date of birth" with its first word misread.
    assert "date_of_birth" not in texts([line(10, (0, "Plxce of birth: Hà Nội"))])


def test_the_english_half_of_a_label_on_a_line_of_its_own_is_no_value_even_misread():
    lines = [
        line(10, (0, "Có giá trị đến:")),
        line(40, (0, "Date øf expiry")),
        line(70, (0, "11/05/2030")),
    ]
    assert texts(lines) == {"date_of_expiry": "11/05/2030"}
