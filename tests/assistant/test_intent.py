"""Stage 4: what the citizen asks about, in three languages, with and without marks."""

from __future__ import annotations

import pytest

from assistant.intent import detect_intent, intent_keywords, is_bare_followup
from knowledge.text import fold


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


CASES = [
    ("documents", "Đăng ký kết hôn cần giấy tờ gì?"),
    ("documents", "hồ sơ gồm những gì"),
    ("documents", "đi làm hộ chiếu cần mang theo gì"),
    ("documents", "xin phép xây nhà thì cần những bản vẽ gì"),
    ("documents", "What documents do I need for a birth certificate?"),
    ("documents", "ทำใบขับขี่ใช้เอกสารอะไรบ้าง"),
    ("fee", "lệ phí làm hộ chiếu"),
    ("fee", "làm giấy khai sinh hết bao nhiêu tiền"),
    ("fee", "có mất phí không ạ"),
    ("fee", "how much is a passport"),
    ("fee", "passport fee?"),
    ("fee", "ค่าธรรมเนียมเท่าไร"),
    ("time", "làm sổ đỏ mất bao lâu"),
    ("time", "mấy ngày thì có kết quả"),
    ("time", "How long does it take?"),
    ("time", "how much time does it take"),
    ("time", "ใช้เวลากี่วัน"),
    ("where", "nộp hồ sơ ở đâu"),
    ("where", "Where do I apply?"),
    ("where", "ยื่นที่ไหน"),
    ("online", "làm hộ chiếu online được không"),
    ("online", "có nộp trực tuyến được không"),
    ("online", "nộp qua mạng"),
    ("online", "can I apply online"),
    ("online", "สมัครออนไลน์ได้ไหม"),
    ("online", "có phải đến trực tiếp không"),
    ("online", "Do I have to go in person?"),
    ("steps", "thủ tục thế nào"),
    ("steps", "các bước đăng ký tạm trú"),
    ("steps", "what are the steps"),
    ("steps", "ขั้นตอนการจดทะเบียนสมรส"),
    ("eligibility", "điều kiện nhập quốc tịch"),
    ("eligibility", "ai được cấp thẻ"),
    ("eligibility", "xây nhà 3 tầng có phải xin giấy phép không"),
    ("eligibility", "Am I eligible for a temporary residence card?"),
    ("eligibility", "คุณสมบัติของผู้ขอ"),
    ("form", "mẫu đơn đăng ký thường trú"),
    ("form", "tờ khai CT01 tải ở đâu"),
    ("form", "where can I get the application form"),
    ("form", "แบบฟอร์มขอหนังสือเดินทาง"),
    ("general", "làm lại căn cước bị mất"),
    ("general", "gia hạn hộ chiếu"),
    ("general", "passport"),
]


@pytest.mark.parametrize(("intent", "question"), CASES)
def test_intent_of_questions_as_typed(intent, question):
    language = "th" if _thai(question) else "vi"
    assert detect_intent(question, language) == intent


WITH_MARKS = [(intent, q) for intent, q in CASES if fold(q) != q.lower() and not _thai(q)]


@pytest.mark.parametrize(("intent", "question"), WITH_MARKS)
def test_vietnamese_typed_without_marks_gets_the_same_intent(intent, question):
    assert detect_intent(fold(question), "vi") == intent


def test_a_longer_phrase_wins_over_the_shorter_one_inside_it():
    assert detect_intent("how much", "en") == "fee"
    assert detect_intent("how much time", "en") == "time"
    assert detect_intent("ใช้เวลานานเท่าไร", "th") == "time"  # "เท่าไร" alone leans to fee


def test_the_question_phrase_outweighs_a_topic_word():
    # "hồ sơ" only leans to documents; "ở đâu" asks where.
    assert detect_intent("nộp hồ sơ ở đâu", "vi") == "where"
    # "có phải ... không" asks whether one must, but a fee phrase inside says what about.
    assert detect_intent("có phải nộp lệ phí không", "vi") == "fee"


@pytest.mark.parametrize(
    "question",
    [
        "còn lệ phí?",
        "con le phi thi sao",
        "con ho so can gi nua",
        "mất bao lâu vậy",
        "How long does it take?",
        "and the fee?",
        "ค่าธรรมเนียมเท่าไร",
    ],
)
def test_a_bare_follow_up_names_an_intent_and_nothing_else(question):
    assert is_bare_followup(question, "vi")


@pytest.mark.parametrize(
    "question",
    ["lệ phí làm hộ chiếu?", "how long does a passport take", "làm lại căn cước bị mất", "ค่าธรรมเนียมใบขับขี่"],
)
def test_a_question_naming_a_procedure_is_not_a_follow_up(question):
    assert not is_bare_followup(question, "vi")


def test_every_intent_but_general_has_phrases_in_three_languages():
    keywords = intent_keywords()
    assert keywords["general"] == ()
    for intent, phrases in keywords.items():
        if intent == "general":
            continue
        assert any(fold(p) != p for p in phrases), intent  # Vietnamese, with marks
        assert any(p.isascii() for p in phrases), intent  # English
        assert any(_thai(p) for p in phrases), intent
