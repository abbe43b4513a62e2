"""Stage 1: what a citizen typed becomes one clean NFC line, or a clear refusal."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.normalize import MAX_QUESTION_CHARS, EmptyQuestion, QuestionTooLong, normalize


def test_decomposed_tone_marks_are_composed():
    typed = unicodedata.normalize("NFD", "Làm hộ chiếu ở đâu")
    assert normalize(typed) == "Làm hộ chiếu ở đâu"
    assert unicodedata.is_normalized("NFC", normalize(typed))


def test_white_space_runs_and_line_breaks_fold_to_one_space():
    assert normalize("  lệ phí\n\n làm\thộ   chiếu  ") == "lệ phí làm hộ chiếu"


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("xem https://dichvucong.gov.vn/p/home/dvc-tthc.html giúp em", "xem giúp em"),
        ("link www.example.vn/abc?x=1 lệ phí?", "link lệ phí?"),
        ("gửi email cho tôi ở an.nguyen+hs@gmail.com nhé", "gửi email cho tôi ở nhé"),
        ("<b>cần</b> giấy tờ gì<br/>", "cần giấy tờ gì"),
        ("làm sổ đỏ 😭😭 mất bao lâu", "làm sổ đỏ mất bao lâu"),
        ("ok 👍🏽 cảm ơn 👨‍👩‍👧 🇻🇳", "ok cảm ơn"),
        ("sao lâu vậy???!!!", "sao lâu vậy?!"),
        ("ho\u200bchieu", "hochieu"),
    ],
)
def test_links_markup_emoji_and_repeated_punctuation_are_removed(typed, clean):
    assert normalize(typed) == clean


def test_letters_digits_case_and_thai_marks_are_kept():
    assert normalize("CCCD 001090123456 hết hạn 31/12/2025") == "CCCD 001090123456 hết hạn 31/12/2025"
    assert normalize("ทำใบขับขี่ใช้เอกสารอะไรบ้าง") == "ทำใบขับขี่ใช้เอกสารอะไรบ้าง"
    assert normalize("Phí: 200.000₫ (VND)") == "Phí: 200.000₫ (VND)"


def test_a_question_at_the_cap_passes_and_one_past_it_is_refused():
    assert len(normalize("a" * MAX_QUESTION_CHARS)) == MAX_QUESTION_CHARS
    with pytest.raises(QuestionTooLong):
        normalize("a" * (MAX_QUESTION_CHARS + 1))


def test_a_50000_character_paste_gets_a_clear_message():
    with pytest.raises(QuestionTooLong, match="at most 2,000") as raised:
        normalize(("thủ tục cấp hộ chiếu " * 2500)[:50_000])
    assert isinstance(raised.value, ValueError)
    assert "50,000 characters" in str(raised.value)


def test_a_short_question_inside_a_long_link_is_accepted():
    question = "lệ phí bao nhiêu https://example.vn/" + "x" * 3000
    assert normalize(question) == "lệ phí bao nhiêu"


@pytest.mark.parametrize("typed", ["", "   \n\t ", "😀😀😀", "https://example.vn", "???!!!"])
def test_nothing_left_is_an_empty_question(typed):
    with pytest.raises(EmptyQuestion):
        normalize(typed)
    assert issubclass(EmptyQuestion, ValueError)


def test_non_text_is_a_type_error():
    with pytest.raises(TypeError, match="text"):
        normalize(None)  # type: ignore[arg-type]


def test_a_huge_paste_is_refused_before_it_is_cleaned():
    with pytest.raises(QuestionTooLong, match="1,000,000 characters"):
        normalize("😀" * 1_000_000)  # would clean down to nothing, but is refused for its size first
