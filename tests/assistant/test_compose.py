from assistant.compose import MAX_ITEM_CHARS, compose_answer, compose_clarify, compose_handoff, format_vnd
from eval.faithfulness import check
from knowledge.schema import (
    Agencies,
    Channel,
    Fee,
    FeeKind,
    Procedure,
    ProcessingTime,
    Provenance,
    RequiredDocument,
    Source,
    SubmissionChannel,
    TimeUnit,
)

PASSPORT = Procedure(
    code="1.001456",
    name="Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)",
    agencies=Agencies(executing=("Công an cấp Tỉnh",)),
    channels=(
        SubmissionChannel(
            channel=Channel.DIRECT,
            time=ProcessingTime(value=8, unit=TimeUnit.WORKING_DAY),
            fees=(Fee(amount_vnd=200000),),
        ),
        SubmissionChannel(
            channel=Channel.ONLINE,
            time=ProcessingTime(value=8, unit=TimeUnit.WORKING_DAY),
            fees=(Fee(amount_vnd=160000),),
        ),
    ),
    documents=(
        RequiredDocument(name="Tờ khai đề nghị cấp hộ chiếu", originals=1, copies=0),
        RequiredDocument(name="Bản sao giấy khai sinh", originals=0, copies=1),
    ),
    url="https://dichvucong.gov.vn/p/1.001456",
    provenance=Provenance(source=Source.PORTAL_JSON),
)
BARE = Procedure(code="2.000001", name="Thủ tục không có dữ liệu", provenance=Provenance(source=Source.CRAWL))


def test_the_asked_intent_comes_first_with_fees_per_channel_in_vnd():
    text = compose_answer(PASSPORT, "fee", "vi")
    lines = text.splitlines()
    assert lines[0] == PASSPORT.name
    assert lines[2] == "Phí, lệ phí:"
    assert "- Trực tiếp: 200.000 đồng" in lines and "- Trực tuyến: 160.000 đồng" in lines
    assert "Nguồn: thủ tục 1.001456" in text and PASSPORT.url in text


def test_documents_are_listed_with_original_and_copy_counts():
    text = compose_answer(PASSPORT, "documents", "en")
    assert "- Tờ khai đề nghị cấp hộ chiếu (1 original)" in text
    assert "- Bản sao giấy khai sinh (1 copy)" in text
    assert "Processing time: In person: 8 working days; Online: 8 working days" in text


def test_thai_reply_has_thai_labels_and_vnd():
    text = compose_answer(PASSPORT, "fee", "th")
    assert "ค่าธรรมเนียม:" in text and "200,000 VND" in text and "ยื่นด้วยตนเอง" in text


def test_unknown_fields_are_said_to_be_not_stated_in_the_reply_language():
    assert "- not stated in the catalogue" in compose_answer(BARE, "fee", "en")
    assert "danh mục thủ tục không ghi thông tin này" in compose_answer(BARE, "time", "vi")
    assert "ไม่ได้ระบุไว้ในฐานข้อมูลขั้นตอน" in compose_answer(BARE, "documents", "th")


def test_composed_answers_pass_the_faithfulness_check_for_every_intent():
    for intent in ("documents", "fee", "time", "where", "online", "steps", "form", "eligibility", "general"):
        for language in ("vi", "en", "th"):
            assert check(compose_answer(PASSPORT, intent, language), PASSPORT, language) == []


def test_a_long_condition_is_shortened_between_words_never_inside_a_number():
    # a plain cut would fall inside "19/2021"; quoting "19/20" would be a number the record lacks
    lead = "Người nộp thuế gửi hồ sơ điện tử phải tuân thủ quy định tại Thông tư số "
    filler = "các điều kiện giao dịch điện tử " * 8
    condition = (lead + filler)[: MAX_ITEM_CHARS - 6] + " 19/2021/TT-BTC ngày 18/3/2021"
    record = PASSPORT.model_copy(update={"conditions": condition})
    text = compose_answer(record, "eligibility", "vi")
    clipped = next(line for line in text.splitlines() if "Thông tư" in line or "…" in line)
    assert clipped.endswith("…") and "19/20…" not in clipped
    assert check(text, record, "vi") == []


def test_a_record_without_documents_is_faithfully_said_to_state_none():
    for intent in ("documents", "fee", "time", "general"):
        for language in ("vi", "en", "th"):
            assert check(compose_answer(BARE, intent, language), BARE, language) == []
    # but a record that lists documents may not be said to list none
    text = compose_answer(PASSPORT, "documents", "en").replace(
        "Bản sao giấy khai sinh", "not stated in the catalogue"
    )
    assert any("document" in problem for problem in check(text, PASSPORT, "en"))


def test_the_faithfulness_check_catches_an_invented_fee_time_or_document():
    text = compose_answer(PASSPORT, "fee", "vi").replace("200.000 đồng", "250.000 đồng")
    assert any("fee" in problem for problem in check(text, PASSPORT, "vi"))
    text = compose_answer(PASSPORT, "time", "en").replace("8 working days", "5 working days")
    assert any("time" in problem for problem in check(text, PASSPORT, "en"))
    text = compose_answer(PASSPORT, "documents", "vi").replace("Bản sao giấy khai sinh", "Sổ hộ khẩu")
    assert any("document" in problem for problem in check(text, PASSPORT, "vi"))


def test_clarify_lists_the_options_and_handoff_points_to_staff():
    text = compose_clarify((PASSPORT, BARE), "en")
    assert "1. " + PASSPORT.name in text and "2. " + BARE.name in text
    assert "staff" in compose_handoff("en") and "cán bộ" in compose_handoff("vi")


def test_vnd_formatting_follows_the_language():
    assert format_vnd(1500000, "vi") == "1.500.000 đồng"
    assert format_vnd(1500000, "en") == "1,500,000 VND"


def test_a_free_procedure_says_so():
    free = BARE.model_copy(
        update={"channels": (SubmissionChannel(channel=Channel.DIRECT, fees=(Fee(kind=FeeKind.FREE),)),)}
    )
    assert "- In person: free of charge" in compose_answer(free, "fee", "en")


def test_a_fee_without_a_stated_amount_is_quoted_as_published():
    described = BARE.model_copy(
        update={
            "channels": (
                SubmissionChannel(
                    channel=Channel.ONLINE,
                    fees=(Fee(description="Theo biểu phí của Bộ Tài chính: 135.000 đồng/lần"),),
                ),
            )
        }
    )
    text = compose_answer(described, "fee", "vi")
    assert "- Trực tuyến: Theo biểu phí của Bộ Tài chính: 135.000 đồng/lần" in text
    assert "Phí, lệ phí: Trực tuyến: có thu phí, danh mục không ghi mức phí" not in text
    assert check(text, described, "vi") == []
