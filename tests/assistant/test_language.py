"""Stage 2: Vietnamese (with or without marks), English or Thai."""

from __future__ import annotations

import pytest

from assistant.language import abbreviations, detect_language, is_vietnamese_syllable


@pytest.mark.parametrize(
    "question",
    [
        "Làm hộ chiếu ở đâu?",
        "em sắp cưới chồng ở tỉnh khác, xin giấy xác nhận độc thân ở đâu?",
        "lam lai can cuoc bi mat",
        "dang ky ket hon can giay to gi",
        "xin giay xac nhan doc than o dau",
        "so do bi mat",
        "ban do dat",
        "ko dc cap lai gplx a",
        "cccd",
        "dk tam tru ntn",
        "lam passport mat bao lau",
        "the can cuoc het han",
        "mẫu CT01",
        "lam ho chieu o ha noi",
        "lam visa",
    ],
)
def test_vietnamese_with_or_without_marks(question):
    assert detect_language(question) == "vi"


@pytest.mark.parametrize(
    "question",
    [
        "passport fee?",
        "How long does it take?",
        "what documents do i need for a driving licence",
        "i lost my id card",
        "Where is the office?",
        "can i do it online",
        "How do I register my marriage in Đà Nẵng?",
        "driver's license exchange Ho Chi Minh City",
        "passport office Ha Noi",
        "Sai Gon driving licence",
    ],
)
def test_english_even_when_short_or_naming_vietnamese_places(question):
    assert detect_language(question) == "en"


@pytest.mark.parametrize("question", ["ทำใบขับขี่ใช้เอกสารอะไรบ้าง", "ใบขับขี่ B2 หาย", "โฉนดที่ดิน ที่ Hà Nội"])
def test_thai_script_means_thai(question):
    assert detect_language(question) == "th"


def test_undecided_text_gets_the_same_answer_every_time():
    answers = {detect_language("ok") for _ in range(5)} | {detect_language("CT01") for _ in range(5)}
    assert answers <= {"vi", "en"}
    assert len({detect_language("CT01") for _ in range(5)}) == 1


@pytest.mark.parametrize(
    "word", ["nguoi", "nghieng", "khuyen", "quyet", "giay", "truong", "thuong", "oanh", "được"]
)
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word", ["passport", "fee", "how", "where", "license", "get", "ko", "ce", "ghu", "nge"]
)
def test_english_words_and_misspellings_are_not_syllables(word):
    # "ko", "ce", "ghu" and "nge" break Vietnamese spelling (k/c, g/gh, ng/ngh go by the next vowel).
    assert not is_vietnamese_syllable(word)


def test_phone_abbreviations_are_listed_lower_case():
    table = abbreviations()
    assert table["ko"] == "không"
    assert table["dc"] == "được"
    assert table["gplx"] == "giấy phép lái xe"
    assert all(short == short.lower() for short in table)
