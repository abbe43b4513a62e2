import pytest

from assistant.diacritics import default_restorer
from assistant.lexicon import default_lexicon
from assistant.normalize import QuestionTooLong
from assistant.query import ASK_CHARS, ASK_FROM, DENSE_WORDS, STORY_HEAD, Query, understand


@pytest.fixture(scope="module")
def parts():
    return default_restorer(), default_lexicon()


def test_unaccented_vietnamese_is_restored_and_expanded(parts):
    query = understand("lam lai cccd bi mat o dau", *parts)
    assert query.language == "vi" and query.intent == "where"
    assert query.restored.startswith("làm lại")
    assert "cấp lại thẻ căn cước" in query.terms
    assert query.dense_question == query.restored and "cấp lại thẻ căn cước" in query.dense_terms


def test_question_words_are_left_out_of_the_lexical_query(parts):
    query = understand("Đăng ký khai sinh cần giấy tờ gì, nộp ở đâu?", *parts)
    assert query.lexical_words(parts[1].stopwords) == ["dang", "ky", "khai", "sinh"]


def test_english_and_thai_questions_are_kept_as_typed(parts):
    english = understand("How much is a passport?", *parts)
    assert english.language == "en" and english.restored == english.text and english.intent == "fee"
    assert english.lexical_words(parts[1].stopwords) == []  # BM25 reads only the lexicon's terms
    thai = understand("ทำหนังสือเดินทางที่ไหน", *parts)
    assert thai.language == "th" and "cấp hộ chiếu phổ thông ở trong nước" in thai.terms


def test_the_embedded_terms_leave_out_terms_another_term_already_holds():
    query = Query(
        "mất căn cước", "vi", "general", "mất căn cước", ("thẻ căn cước", "cấp lại thẻ căn cước", "cấp lại")
    )
    assert query.dense_terms == ["cấp lại thẻ căn cước"]
    twice = Query("x", "vi", "general", "x", ("đăng ký khai tử", "đăng ký khai tử"))
    assert twice.dense_terms == ["đăng ký khai tử"]


def test_a_long_question_is_embedded_by_its_head_with_all_its_terms():
    story = " ".join(f"chữ{i}" for i in range(DENSE_WORDS + 10))
    query = Query(story, "vi", "general", story, ("đăng ký khai sinh",))
    assert query.dense_question.split() == story.split()[:DENSE_WORDS]
    assert query.dense_terms == ["đăng ký khai sinh"]
    short = Query("xin  cấp hộ chiếu", "vi", "general", "xin  cấp hộ chiếu", ())
    assert short.dense_question == "xin  cấp hộ chiếu"  # a question within the cap is embedded as it is


def test_a_story_is_embedded_by_its_head_and_its_closing_clauses_without_its_middle():
    story = (
        "Hôm qua cả nhà đi đám giỗ ông ngoại ở quê về, trên đường tôi làm rớt cái bằng lái xe máy lúc nào "
        "không hay, giờ xin cấp lại thì làm ở đâu?"
    )
    query = Query(story, "vi", "where", story, ())
    # the last clause alone is too short to name the need: the one before it joins
    assert (
        query.dense_ask
        == "trên đường tôi làm rớt cái bằng lái xe máy lúc nào không hay, giờ xin cấp lại thì làm ở đâu?"
    )
    # the head keeps what the closing clauses leave of DENSE_WORDS, at least STORY_HEAD words
    assert len(query.dense_ask.split()) > DENSE_WORDS - STORY_HEAD
    assert query.dense_question == " ".join(story.split()[:STORY_HEAD]) + " … " + query.dense_ask
    english = (
        "My wife's grandmother passed away last month and we flew back for the funeral, and somewhere at "
        "the airport I lost my driving licence. How do I get a replacement?"
    )
    assert Query(english, "en", "general", english, ()).dense_ask == (  # a clause opens at its conjunction
        "and somewhere at the airport I lost my driving licence. How do I get a replacement?"
    )


def test_unaccented_story_is_split_on_its_restored_text(parts):
    query = understand(
        "hom qua di dam gio ve, tren duong lam rot cai bang lai xe may, gio xin cap lai bang lai thi lam o dau",
        *parts,
    )
    assert query.dense_ask is not None and query.dense_ask.startswith("trên đường")


def test_thai_story_is_split_at_its_spaces():
    story = "เมื่อวานไปงานศพของคุณยายที่ต่างจังหวัดมาแล้วทำใบขับขี่หายระหว่างทาง อยากทำใบขับขี่ใหม่ต้องไปที่ไหนและใช้เอกสารอะไรบ้าง"
    assert len(story) >= ASK_FROM
    assert Query(story, "th", "where", story, ()).dense_ask == "อยากทำใบขับขี่ใหม่ต้องไปที่ไหนและใช้เอกสารอะไรบ้าง"


def test_short_or_single_clause_questions_have_no_ask_clause():
    short = "Mất bằng lái xe thì làm lại ở đâu?"
    assert len(short) < ASK_FROM and Query(short, "vi", "where", short, ()).dense_ask is None
    one = "x" * (ASK_FROM + ASK_CHARS)  # long, but nothing to split it at
    assert Query(one, "vi", "general", one, ()).dense_ask is None


def test_an_overlong_question_is_refused(parts):
    with pytest.raises(QuestionTooLong):
        understand("x " * 2000, *parts)
