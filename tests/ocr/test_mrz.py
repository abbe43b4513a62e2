"""MRZ parsing: the ICAO specimens, the Vietnamese card layout, and OCR confusions repaired by position."""

from __future__ import annotations

from ocr import mrz

VN_TD1 = [
    "IDVNM0901234562001090123456<<3",
    "9001011M3001019VNM<<<<<<<<<<<4",
    "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
]
NO_EXPIRY = [
    "IDVNM1650012348036165001234<<3",
    "6505013F9912315VNM<<<<<<<<<<<8",
    "LE<<THI<C<<<<<<<<<<<<<<<<<<<<<",
]


def test_check_digit_known_values():
    assert [mrz.check_digit(f) for f in ("520727", "L898902C3", "740812", "120415", "D23145890")] == [
        3,
        6,
        2,
        9,
        7,
    ]


def test_icao_td1_specimen():
    parsed = mrz.parse(
        ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    )
    assert parsed.kind == "TD1" and parsed.valid
    assert (parsed.document_number, parsed.birth_date, parsed.expiry_date) == (
        "D23145890",
        "1974-08-12",
        "2012-04-15",
    )
    assert parsed.full_name == "ERIKSSON ANNA MARIA" and parsed.sex == "F"


def test_icao_td3_specimen():
    parsed = mrz.parse(
        ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    )
    assert parsed.kind == "TD3" and parsed.valid
    assert parsed.document_number == "L898902C3" and parsed.nationality == "UTO"


def test_vietnamese_card_id_is_the_12_digits_after_the_document_number():
    parsed = mrz.parse(VN_TD1)
    assert parsed.valid and parsed.document_number == "090123456"
    assert parsed.id_number == "001090123456"
    assert (parsed.birth_date, parsed.sex, parsed.expiry_date) == ("1990-01-01", "M", "2030-01-01")


def test_991231_means_no_expiry():
    parsed = mrz.parse(NO_EXPIRY)
    assert parsed.valid and parsed.no_expiry and parsed.expiry_date is None
    assert parsed.birth_date == "1965-05-01" and parsed.sex == "F"


def test_ocr_confusions_are_repaired_by_position():
    confused = [
        "1DVNM165OO1234803616SOO1234<<3",  # 1 for I in the code, O for 0 and S for 5 in digits
        "65O5O13F99I23I5VNM<<<<<<<<<<<B",  # O, I in dates; B for the composite 8
        "LE<<TH1<C<<<<<<<<<<<<<<<<<<<<<",  # 1 for I in the name
    ]
    parsed = mrz.parse(confused)
    assert parsed.valid, parsed.checks
    assert parsed.lines == [NO_EXPIRY[0], NO_EXPIRY[1], NO_EXPIRY[2]]
    assert parsed.id_number == "036165001234" and parsed.full_name == "LE THI C"


def test_alphanumeric_document_number_is_repaired_against_its_check_digit():
    # Passport number L898902C3 read as L8989O2C3: only the repair to 0 satisfies the check digit 6.
    parsed = mrz.parse(["P<UTOERIKSSON<<ANNA<MARIA", "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10"])
    assert parsed.document_number == "L898902C3" and parsed.valid


def test_a_wrong_digit_fails_its_check():
    lines = [VN_TD1[0], "9001021M3001019VNM<<<<<<<<<<<4", VN_TD1[2]]  # birth day changed
    parsed = mrz.parse(lines)
    assert not parsed.checks["birth_date"] and not parsed.checks["composite"] and not parsed.valid


def test_short_name_line_and_spaces_are_tolerated():
    parsed = mrz.parse([" ".join(VN_TD1[0]), VN_TD1[1], "NGUYEN<<VAN<A"])
    assert parsed.valid and parsed.full_name == "NGUYEN VAN A"


def test_text_without_mrz_gives_none():
    assert mrz.parse(["CONG HOA XA HOI CHU NGHIA VIET NAM", "CAN CUOC"]) is None


def _td1(id_number: str, birth: str, sex: str, expiry: str, name: str) -> list[str]:
    """A valid Vietnamese TD1 zone built with the check digit function."""
    document = id_number[3:]
    line1 = f"IDVNM{document}{mrz.check_digit(document)}{id_number}<<{mrz.check_digit(id_number)}"
    line2 = f"{birth}{mrz.check_digit(birth)}{sex}{expiry}{mrz.check_digit(expiry)}VNM" + "<" * 11
    line2 += str(mrz.check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]))
    return [line1, line2, name.ljust(30, "<")]


def test_birth_century_comes_from_the_id_numbers_fourth_digit():
    born_1925 = mrz.parse(_td1("001025123456", "250101", "M", "991231", "LE<<VAN<B"))
    born_2025 = mrz.parse(_td1("001225123456", "250101", "M", "400101", "LE<<VAN<C"))
    assert born_1925.valid and born_1925.birth_date == "1925-01-01"
    assert born_2025.valid and born_2025.birth_date == "2025-01-01"


def test_a_character_added_or_dropped_anywhere_is_undone_by_the_check_digits():
    # An extra "0" after the header, and "<<" read as "<": the line is one character long.
    parsed = mrz.parse([VN_TD1[0][:5] + "0" + VN_TD1[0][5:], VN_TD1[1], VN_TD1[2]])
    assert parsed.valid and parsed.lines[0] == VN_TD1[0]
    # A speck read as a letter before the issuer of a passport.
    passport = mrz.parse(
        ["P<BUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    )
    assert passport.valid and passport.issuer == "UTO" and passport.surname == "ERIKSSON"


def test_a_birth_date_failing_its_check_takes_the_year_the_checked_id_carries():
    # "03" read as "93": the ID (its own check digit passes) says born in 2003, and so does the check digit.
    lines = _td1("068203601714", "031113", "M", "281113", "NGUYEN<<QUOC<THANH<TUONG")
    misread = [lines[0], "9" + lines[1][1:], lines[2]]
    parsed = mrz.parse(misread)
    assert parsed.valid and parsed.birth_date == "2003-11-13" and parsed.lines == lines


def test_the_printed_passport_number_restores_a_first_character_ocr_dropped():
    line1 = "P<VNMKIEU<<NHAT<VIET<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "C0407340<0VNM7804078M3209309083078438358<<50"
    dropped = line2[1:]  # "C0" read as "0"
    assert mrz.parse([line1, dropped]).document_number != "C0407340"
    parsed = mrz.parse([line1, dropped], printed_number="C0407340")
    assert parsed.valid and parsed.lines[1] == line2 and parsed.repaired


def test_a_printed_number_the_check_digits_refuse_is_not_taken():
    line1 = "P<VNMKIEU<<NHAT<VIET<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "C0407340<0VNM7804078M3209309083078438358<<50"
    parsed = mrz.parse([line1, line2], printed_number="C0407341")
    assert parsed.document_number == "C0407340" and parsed.valid and not parsed.repaired


def test_the_qr_name_corrects_a_letter_of_the_unprotected_name_line():
    lines = _td1("046310959347", "100328", "F", "350328", "NGUYEN<<HOAT<NGOC<HANG")
    fixed = mrz.with_name(mrz.parse(lines), "Nguyễn Hoài Ngọc Hằng")
    assert fixed.lines[2] == "NGUYEN<<HOAI<NGOC<HANG<<<<<<<<" and fixed.full_name == "NGUYEN HOAI NGOC HANG"
    # Another person's name is not a misreading: the line stays as read.
    other = mrz.with_name(mrz.parse(lines), "Trần Văn Bình")
    assert other.lines[2] == lines[2]


def test_a_misread_check_digit_is_recomputed_when_the_print_and_the_composite_agree():
    line1 = "P<VNMNGUYEN<<THUY<LUA<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "C2456402<7VNM2011297F3010172040320746718<<66"
    misread = line2[:9] + "2" + line2[10:]
    assert not mrz.parse([line1, misread]).valid
    parsed = mrz.parse([line1, misread], printed_number="C2456402")
    assert parsed.valid and parsed.lines[1] == line2


def test_the_printed_personal_number_repairs_a_digit_the_composite_refuses():
    line1 = "P<VNMNGO<<ANH<NGUYEN<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "C8780213<9VNM5011106M3112146092050571909<<32"
    misread = line2[:38] + "9" + line2[39:]  # ...571909 read ...571999
    assert not mrz.parse([line1, misread]).valid
    parsed = mrz.parse([line1, misread], printed_number="C8780213", printed_personal="092050571909")
    assert parsed.valid and parsed.lines[1] == line2


PASSPORT = ["P<VNMKIEU<<NHAT<VIET<<<<<<<<<<<<<<<<<<<<<<<<", "C0407340<0VNM7804078M3209309083078438358<<50"]


def test_a_vietnamese_passport_header_is_p_filler_vnm_whatever_ocr_made_of_it():
    for header in ("PVVNM", "PSUNM", "PKVNN", "P<VIM"):  # filler as a letter, VNM one letter off
        parsed = mrz.parse([header + PASSPORT[0][5:], PASSPORT[1]])
        assert parsed.lines == PASSPORT and parsed.valid, header
    extra = mrz.parse(["PCVINM" + PASSPORT[0][5:], PASSPORT[1]])  # a speck read inside the issuer
    assert extra.lines == PASSPORT and extra.surname == "KIEU"


def test_a_nationality_one_letter_off_vnm_is_vnm():
    passport = mrz.parse([PASSPORT[0], PASSPORT[1].replace("VNM", "VNN")])
    card = mrz.parse([VN_TD1[0].replace("VNM", "VMM"), VN_TD1[1].replace("VNM", "UNM"), VN_TD1[2]])
    assert passport.lines == PASSPORT and passport.nationality == "VNM"
    assert card.lines == VN_TD1 and card.issuer == card.nationality == "VNM"


def test_a_misread_sex_is_its_look_alike_or_else_the_checked_ids_sex_digit():
    assert mrz.parse([VN_TD1[0], VN_TD1[1].replace("M", "H", 1), VN_TD1[2]]).sex == "M"
    assert mrz.parse([VN_TD1[0], VN_TD1[1].replace("M", "4", 1), VN_TD1[2]]).sex == "M"  # 0: male
    female = mrz.parse([NO_EXPIRY[0], NO_EXPIRY[1].replace("F", "7", 1), NO_EXPIRY[2]])
    assert female.sex == "F" and female.lines == NO_EXPIRY  # 036165...: 1 = female, 1900s
    unchecked = mrz.parse([VN_TD1[0][:-1] + "9", VN_TD1[1].replace("M", "4", 1), VN_TD1[2]])
    assert unchecked.sex is None  # the ID's own check digit fails: its sex digit decides nothing


def test_a_for_4_in_a_digit_position():
    parsed = mrz.parse([VN_TD1[0], VN_TD1[1][:-1] + "A", VN_TD1[2]])  # the composite 4
    assert parsed.valid and parsed.lines == VN_TD1


def test_an_o_read_twice_in_a_name_is_one_o():
    card = mrz.parse([VN_TD1[0], VN_TD1[1], "VO0<<VAN<A<<<<<<<<<<<<<<<<<<<<"])
    passport = mrz.parse(["P<VNMVU<<THU<O0ANH<<<<<<<<<<<<<<<<<<<<<<<<<<", PASSPORT[1]])
    assert card.full_name == "VO VAN A" and card.lines[2] == "VO<<VAN<A".ljust(30, "<")
    assert passport.full_name == "VU THU OANH" and passport.lines[0] == "P<VNMVU<<THU<OANH".ljust(44, "<")


def test_a_document_number_with_a_filler_inside_fails_though_its_check_digit_passes():
    # "0" read as "<": the check digit (and the composite, whose weights line up with it) still pass.
    misread = "C<407340<" + PASSPORT[1][9:]
    parsed = mrz.parse([PASSPORT[0], misread])
    assert not parsed.checks["document_number"] and not parsed.valid
    assert mrz.parse([PASSPORT[0], misread], printed_number="C0407340").lines == PASSPORT


def test_two_readings_each_failing_a_check_are_merged_where_they_differ():
    line1 = "P<VNMNGUYEN<<ANH<MAN<<<<<<<<<<<<<<<<<<<<<<<<"
    line2 = "P4389129<5VNM1301139F2110248031313482551<<28"
    block = mrz.parse([line1, line2.replace("482551", "487551")])  # a digit of the ID misread
    alone = mrz.parse(["P<VNMNGUYEN<<ANHKMAN", line2[:-1] + "2"])  # the composite misread
    assert not block.valid and not alone.valid
    merged = mrz.merge(block, alone)
    assert merged.valid and merged.lines == [line1, line2] and merged.repaired
    assert mrz.merge(block, block) is None  # nothing to take from a reading that agrees


def _is_word(word: str, first: bool = False) -> bool:
    return word in {"NGUYEN", "XUAN", "LAM", "LY", "TUAN", "KY", "LE", "VAN", "A", "K"}


def test_a_filler_read_as_a_letter_inside_a_name_is_a_filler_again():
    passport = mrz.parse(["P<VNMNGUYEN<<XUANKLAM<<<<<<<<<<<<<<<<<<<<<<<", PASSPORT[1]])
    fixed = mrz.with_fillers(passport, _is_word)
    assert fixed.full_name == "NGUYEN XUAN LAM" and fixed.lines[0] == "P<VNMNGUYEN<<XUAN<LAM".ljust(44, "<")
    stray = mrz.with_fillers(mrz.parse([VN_TD1[0], VN_TD1[1], "LY<<TUANK<KY"]), _is_word)
    assert stray.full_name == "LY TUAN KY" and stray.lines[2] == "LY<<TUAN<KY".ljust(30, "<")
    # A word that is a word stays whole, as does one no look-alike letter splits.
    assert mrz.with_fillers(mrz.parse(VN_TD1), _is_word).lines == VN_TD1
    kept = mrz.parse([VN_TD1[0], VN_TD1[1], "NGUYEN<<XUANTLAM"])
    assert mrz.with_fillers(kept, _is_word) is kept


def test_a_card_line_that_lost_digits_of_its_repeated_number_is_rebuilt_from_either_copy():
    # The 9-digit number appears twice (alone, then ending the ID); OCR dropped part of a copy.
    from_start = mrz.parse(
        ["IDVNM306862842308262842<<<<<<9", "0606295F3106291VNM<<<<<<<<<<<8", "TRAN<<MINH<AN"]
    )
    assert from_start.valid and from_start.lines[0] == "IDVNM3068628423082306862842<<9"
    from_end = mrz.parse(
        ["IDVNMO4A1608056044283960<<<<<9", "4410171M9912315VNM<<<<<<<<<<<6", "HUYNH<<TRONG<HUNG"]
    )
    assert from_end.valid and from_end.id_number == "056044283960"


def test_the_qr_id_rebuilds_a_card_line_neither_copy_of_the_number_survived_in():
    lines = ["IDVNM1997917199796038<<<<<<<<3", "9906013F3906011VNM<<<<<<<<<<<6", "LE<<QUYNH<PHUONG<XUAN"]
    assert not mrz.parse(lines).valid
    parsed = mrz.parse(lines, printed_personal="087199796038")
    assert parsed.valid and parsed.lines[0] == "IDVNM1997960382087199796038<<3"
    assert not mrz.parse(lines, printed_personal="087199796039").valid  # another ID: the composite refuses


def test_a_card_id_that_does_not_end_with_the_document_number_fails():
    id_number = "001090123457"  # its own check digit computed: only the shape is wrong
    line1 = f"IDVNM0901234562{id_number}<<{mrz.check_digit(id_number)}"
    line2 = VN_TD1[1][:29] + str(mrz.check_digit(line1[5:30] + VN_TD1[1][0:7] + VN_TD1[1][8:15] + "<" * 11))
    parsed = mrz.parse([line1, line2, VN_TD1[2]])
    assert parsed.checks["composite"] and not parsed.checks["id_number"] and not parsed.valid
