"""A printed name read again on its own: each syllable's marks chosen among the spellings the name
dictionaries allow, by Tesseract's own alternatives for every character."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import mrz
from ocr.names import choose_syllable, is_syllable, mrz_name_spelled, read_name, spells_a_name
from ocr.tesseract import Glyph, _add_choices, crop_line, read_words_with_choices

_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def glyphs(*chars: dict[str, float]) -> list[Glyph]:
    """Glyphs from each character's alternatives (the first one is what was read)."""
    return [Glyph(next(iter(choices)), choices) for choices in chars]


def sure(text: str) -> list[dict[str, float]]:
    return [{char: 0.95} for char in text]


@pytest.fixture(scope="module")
def printed_name() -> tuple[Image.Image, list[int]]:
    image = Image.new("L", (700, 90), 235)
    draw = ImageDraw.Draw(image)
    draw.text((30, 25), "NGUYỄN ĐÌNH ẨN", font=ImageFont.truetype(_BOLD, 34), fill=20)
    return image, list(draw.textbbox((30, 25), "NGUYỄN ĐÌNH ẨN", font=ImageFont.truetype(_BOLD, 34)))


def test_a_name_crop_is_read_with_the_alternatives_of_every_character(printed_name):
    image, _ = printed_name
    words = read_words_with_choices(image)
    assert [len(w.glyphs) for w in words] == [6, 4, 2] and [w.text for w in words][1:] == ["ĐÌNH", "ẨN"]
    assert all(g.choices.get(g.text, 0) > 0.5 for w in words for g in w.glyphs)
    assert all(0 < w.confidence <= 1 and w.box[2] > 0 for w in words)
    # Each glyph's box lies within its word's.
    assert all(
        w.box[0] <= g.box[0] and g.box[0] + g.box[2] <= w.box[0] + w.box[2] for w in words for g in w.glyphs
    )


def test_alternatives_of_a_stacked_vowel_listed_for_the_next_letter_are_the_vowels():
    # hOCR listed Ẩ (0.99) under the N of ẤN: the LSTM's later steps over the stacked vowel.
    read = [Glyph("Ấ", {"Ẩ": 0.95, "Ấ": 0.79}), Glyph("N", {})]
    _add_choices(read, {"Ẩ": 0.99, "Ấ": 0.0, "Â": 0.0, "M": 0.0})
    assert read[0].choices["Ẩ"] == 0.99 and read[1].choices == {"M": 0.0}
    # The next letter's own alternatives stay its own.
    _add_choices(read, {"N": 0.9, "Â": 0.2})
    assert read[1].choices == {"M": 0.0, "N": 0.9, "Â": 0.2}


def test_a_stacked_vowel_listed_for_the_next_letter_above_its_own_letter_is_the_vowels():
    # HIỀN on a dev passport: the vowel's own list ties Ể and Ề; the N's lists Ề above N itself.
    read = glyphs(*sure("HI"), {"Ể": 0.89, "Ề": 0.89, "Ế": 0.69}) + [Glyph("N", {})]
    _add_choices(read, {"N": 0.95, "Ề": 0.99, "M": 0.0})
    assert read[2].choices["Ề"] == 0.99 and read[3].choices == {"N": 0.95, "M": 0.0}
    assert choose_syllable(read)[0] == "HIỀN"


def test_the_name_is_read_again_where_the_page_reading_lost_marks(printed_name):
    image, (x0, y0, x1, y1) = printed_name
    reading = read_name(image, [x0, y0, x1 - x0, y1 - y0], ["NGUYÊN", "ĐÌNH", "ÂN"])
    assert reading.value == "NGUYỄN ĐÌNH ẨN" and reading.confidence > 0.5
    # The rare ẨN is read for what the print shows: the common AN lacks the circumflex Tesseract
    # saw, so it is no close runner-up.
    assert reading.uncertain == []


def test_marks_the_page_box_left_out_are_read_from_a_taller_crop():
    # The page reading's box holds the capitals but not the graves stacked over them: a crop of it
    # cuts them, and Tesseract takes Ề for Ế.
    font = ImageFont.truetype(_BOLD, 26)
    image = Image.new("L", (600, 90), 225)
    draw = ImageDraw.Draw(image)
    draw.text((30, 30), "TRẦN MAI HIỀN", font=font, fill=30)
    x0, _, x1, y1 = draw.textbbox((30, 30), "TRẦN MAI HIỀN", font=font)
    top = draw.textbbox((30, 30), "TRAN", font=font)[1]
    box = [x0, top, x1 - x0, y1 - top]
    cut = read_words_with_choices(crop_line(image, box))[-1]
    assert cut.glyphs[2].box[1] <= 0  # the glyph of Ề starts at the crop's top edge
    assert read_name(image, box, ["TRẤN", "MAI", "HIẾN"]).value == "TRẦN MAI HIỀN"


def test_glyphs_all_given_the_lines_box_are_no_cut_marks():
    # A clean 2024 front (dev seed 7302): Tesseract gives every glyph of the crop the line's box, top 0.
    # That is no letter cut at the top; the taller crop, taking in the label above, read KHANH.
    image = Image.open(Path(__file__).parents[1] / "data" / "names" / "front-2024-line-boxes.png")
    box = [46, 64, 317, 32]
    words = read_words_with_choices(crop_line(image, box))
    assert all(glyph.box[1] == 0 for word in words for glyph in word.glyphs)
    assert read_name(image, box, ["HOÀNG", "KHÁNH", "MẬN"]).value == "HOÀNG KHÁNH MẬN"


def test_the_words_the_page_reading_lost_before_the_rest_are_read_where_the_mrz_has_them():
    # The page reading kept only "N VĂN TRUNG" (a rule beside the family name hid the rest): the
    # box is widened over the letters the MRZ has before them, and the marks come from the print.
    font = ImageFont.truetype(_BOLD, 26)
    image = Image.new("L", (600, 90), 225)
    draw = ImageDraw.Draw(image)
    draw.text((30, 30), "TRẦN VĂN TRUNG", font=font, fill=30)
    start = draw.textbbox((30, 30), "TRẦ", font=font)[2]
    x0, y0, x1, y1 = draw.textbbox((30, 30), "TRẦN VĂN TRUNG", font=font)
    box = [start, y0, x1 - start, y1 - y0]
    assert read_name(image, box, ["N", "VĂN", "TRUNG"], "TRAN VAN TRUNG").value == "TRẦN VĂN TRUNG"


def test_a_line_tesseract_finds_nothing_in_is_read_as_a_block_across_its_middle():
    # A passport's name crop (generated) with bits of the label above and the next label below:
    # read as one line, Tesseract returns no word at all.
    image = Image.open(Path(__file__).parents[1] / "data" / "names" / "passport-name-between-label-bits.png")
    assert read_words_with_choices(image, psm=7) == []
    reading = read_name(
        image, [10, 10, image.width - 20, image.height - 20], ["NGUYỄN", "VĂN", "THẨM"], "NGUYEN VAN THAM"
    )
    assert reading.value == "NGUYỄN VĂN THẨM"


def test_a_second_reading_that_does_not_line_up_gives_way_to_the_page_reading(printed_name):
    image, (x0, y0, x1, y1) = printed_name
    assert read_name(image, [x0, y0, x1 - x0, y1 - y0], ["NGUYỄN", "ĐÌNH"]) is None


def test_two_words_the_page_reading_ran_together_are_read_apart(printed_name):
    image, (x0, y0, x1, y1) = printed_name
    reading = read_name(image, [x0, y0, x1 - x0, y1 - y0], ["NGUYÊNĐÌNH", "ẨN"])
    assert reading.value == "NGUYỄN ĐÌNH ẨN"


@pytest.mark.parametrize(
    ("crop", "page_words"),
    [("split-hong.png", ["LÊ", "HỒNG", "NGA"]), ("split-thuong.png", ["NGUYỄN", "CÔNG", "NHẬT", "THƯỞNG"])],
)
def test_a_word_the_second_reading_split_is_read_whole(crop, page_words):
    # Generated cards (dev seed 5151): read alone, the crop splits a syllable ("HỒ NG", "TH ƯỞNG");
    # the page reading's syllables are kept and each is spelled from the crop's glyphs.
    image = Image.open(Path(__file__).parents[1] / "data" / "names" / crop)
    box = [image.height // 3, image.height // 3, image.width - 2 * (image.height // 3), image.height // 3]
    assert len(read_words_with_choices(crop_line(image, box))) > len(page_words)
    assert read_name(image, box, page_words).value == " ".join(page_words)


def test_a_name_the_page_reading_lost_is_read_alone_from_the_band_under_its_label(printed_name):
    image, (x0, y0, x1, y1) = printed_name
    reading = read_name(image, [x0, y0, x1 - x0, y1 - y0], None)
    assert reading.value == "NGUYỄN ĐÌNH ẨN"


def test_without_a_page_reading_a_band_that_holds_no_name_gives_none():
    image = Image.new("L", (700, 90), 235)
    ImageDraw.Draw(image).text((30, 25), "Date of birth", font=ImageFont.truetype(_BOLD, 34), fill=20)
    assert read_name(image, [20, 20, 660, 50], None) is None


def test_a_family_name_read_without_its_tilde_is_the_family_name():
    read = glyphs(*sure("NGUY"), {"Ê": 0.95, "Ế": 0.1}, {"N": 0.95})
    assert choose_syllable(read, first=True) == ("NGUYỄN", ())


def test_two_names_about_as_likely_are_reported_not_guessed():
    read = glyphs(*sure("NG"), {"Â": 0.91, "Ầ": 0.74, "Ấ": 0.49}, {"N": 0.95})
    assert choose_syllable(read) == ("NGÂN", ("NGẦN",))


def test_a_mark_read_with_confidence_is_kept_even_where_a_commoner_name_shares_the_letters():
    read = glyphs(*sure("NH"), {"Ẫ": 0.92, "Ã": 0.65, "Ẵ": 0.4}, {"N": 0.95})
    assert choose_syllable(read)[0] == "NHẪN"


def test_a_stacked_vowel_read_twice_is_one_letter():
    read = glyphs(*sure("NG"), {"Â": 0.91, "Ầ": 0.74}, {"Ầ": 0.9, "Â": 0.77}, {"N": 0.92})
    chosen, runners_up = choose_syllable(read)
    assert {chosen, *runners_up} == {"NGÂN", "NGẦN"}


def test_a_letter_read_with_confidence_is_not_dropped_to_make_a_commoner_name():
    # THẨM is no listed name, TÂM is a common one; but the H was read at 0.95: no TÂM.
    read = glyphs(*sure("TH"), {"Ấ": 0.9, "Ẩ": 0.73, "Â": 0.61, "Ầ": 0.41}, {"M": 0.92})
    chosen, runners_up = choose_syllable(read)
    assert chosen == "THẤM" and runners_up[0] == "THẨM" and "TÂM" not in runners_up


def test_a_circumflex_read_with_confidence_is_not_taken_for_a_breve():
    # Tesseract hesitates between the tones over Â; the name THẮM (with Ă) it never saw.
    read = glyphs(*sure("TH"), {"Ẩ": 0.84, "Ấ": 0.71}, {"M": 0.92})
    assert choose_syllable(read) == ("THẨM", ("THẤM",))


def test_the_mrz_letters_decide_between_spellings_the_print_confuses():
    read = glyphs(*sure("TH"), {"A": 0.9, "À": 0.3}, *sure("NH"))
    assert choose_syllable(read, letters="thanh")[0] == "THANH"
    # The MRZ's letters win over a letter misread in print ("TLÊN"); the print's marks stay.
    assert (
        choose_syllable(glyphs({"T": 0.95}, {"L": 0.9, "I": 0.2}, {"Ê": 0.9}, {"N": 0.95}), letters="tien")[0]
        == "TIÊN"
    )


def test_a_stacked_mark_no_name_has_gives_way_to_the_name_with_the_same_letters_but_is_flagged():
    read = glyphs({"G": 0.94}, {"Ầ": 0.92, "Â": 0.05, "Ấ": 0.0}, {"M": 0.92})
    assert choose_syllable(read) == ("GẤM", ("GẦM",))


def test_an_mrz_name_word_that_is_no_syllable_takes_the_one_name_a_letter_away():
    lines = ["IDVNM0673506232034067350623<<5", "6709073M2709075VNM<<<<<<<<<<<8"]
    misread = mrz.parse([*lines, "NGUYEN<<TLEN<TRI"])
    assert mrz_name_spelled(misread).lines[2] == "NGUYEN<<TIEN<TRI<<<<<<<<<<<<<<"
    # "HOAT" is a Vietnamese syllable (hoạt): nothing tells it is misread, so it stays.
    kept = mrz.parse([*lines, "NGUYEN<<HOAT<TRI"])
    assert mrz_name_spelled(kept).lines[2] == "NGUYEN<<HOAT<TRI<<<<<<<<<<<<<<"


def test_an_mrz_name_word_with_a_letter_too_many_loses_it():
    lines = ["IDVNM0673506232034067350623<<5", "6709073M2709075VNM<<<<<<<<<<<8"]
    assert mrz_name_spelled(mrz.parse([*lines, "VOO<<LAN<LY"])).lines[2] == "VO<<LAN<LY".ljust(30, "<")


def test_abbreviations_and_lone_consonants_of_the_word_list_are_no_syllables():
    # An MRZ name "TRAN<XUAN<TL<N" (a filler read as L) spells no name: its print decides.
    assert is_syllable("XUAN") and is_syllable("QUYNH")
    assert not is_syllable("TL") and not is_syllable("N") and not is_syllable("ADN")


def test_a_word_spells_a_name_by_its_letters_whatever_its_marks():
    # The MRZ's name line has no check digit: "VU<<OC<MINH" lost the QU of QUOC, and OC is no name.
    assert spells_a_name("QUOC") and spells_a_name("Quốc") and spells_a_name("VU", first=True)
    assert not spells_a_name("OC")


def test_a_tone_mark_the_crop_cut_is_flagged_with_every_name_it_may_be():
    # A dev passport's CẨN: its hook rises into the label line above, out of the name's crop.
    # Tesseract then hesitates between three tones; the print's CẨN must be among those shown.
    image = Image.open(Path(__file__).parents[1] / "data" / "names" / "passport-hook-cut.png")
    reading = read_name(image, [20, 38, 187, 17], ["LÂM", "ĐÌNH", "CÂN"], "LAM DINH CAN")
    assert reading.value.startswith("LÂM ĐÌNH C") and reading.confidence < 0.8
    ((chosen, others),) = reading.uncertain
    assert "CẨN" in {chosen, *others}
