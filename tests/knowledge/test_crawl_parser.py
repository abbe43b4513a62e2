"""The crawl parser on real snippets of the flattened portal tables."""

from __future__ import annotations

import unicodedata

import pytest

from knowledge.crawl import (
    parse_channels,
    parse_documents,
    parse_legal_basis,
    parse_results,
    procedure_from_crawl,
    split_time_and_amount,
)
from knowledge.schema import Channel, FeeKind, TimeUnit
from knowledge.values import MalformedRecord

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def test_channel_rows_with_time_unit_fee_and_description():
    text = (
        HEADER + "Trực tuyến8 Ngày làm việc160,000 Việt Nam Đồng(+ 160.000/hộ chiếu)"
        "Dịch vụ bưu chính8 Ngày làm việc160,000 Việt Nam Đồng(+ 160.000/hộ chiếu)"
        "Trực tiếp8 Ngày làm việc200,000 Việt Nam Đồng(200.000đ/ hộ chiếu.)"
    )
    channels = parse_channels(text)
    assert [c.channel for c in channels] == [Channel.ONLINE, Channel.POSTAL, Channel.DIRECT]
    assert all((c.time.value, c.time.unit) == (8, TimeUnit.WORKING_DAY) for c in channels)
    assert [c.fees[0].amount_vnd for c in channels] == [160000, 160000, 200000]
    assert channels[2].fees[0].description == "200.000đ/ hộ chiếu."


def test_time_whose_unit_was_lost_keeps_its_number_with_unit_unknown():
    (channel,) = parse_channels(HEADER + "Trực tuyến1Miễn phí")
    assert channel.time.value == 1
    assert channel.time.unit is None


def test_free_fee_is_free_and_a_fee_left_to_the_province_is_unknown_not_zero():
    (free,) = parse_channels(HEADER + "Trực tiếp5 Ngày làm việcMiễn phí(Không có)")
    assert free.fees[0].kind == FeeKind.FREE and free.fees[0].amount_vnd == 0
    (provincial,) = parse_channels(
        HEADER + "Trực tuyến7Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc "
        "Trung ương quyết định.)"
    )
    assert provincial.fees[0].kind == FeeKind.FEE
    assert provincial.fees[0].amount_vnd is None


def test_no_information_means_unknown_time_and_no_fee():
    (channel,) = parse_channels(
        HEADER + "Trực tiếpKhông có thông tinKhông có thông tinnộp hồ sơ trực tiếp tại trụ sở Cục."
    )
    assert channel.time.value is None and channel.time.unit is None
    assert channel.fees == ()
    assert channel.description == "nộp hồ sơ trực tiếp tại trụ sở Cục."


def test_a_time_glued_to_an_amount_is_cut_only_when_one_reading_is_possible():
    # "140,000": 1 (unit lost) + 40,000, the only cut that leaves a well-formed amount.
    (channel,) = parse_channels(HEADER + "Trực tuyến140,000 Việt Nam Đồng (- Xe ô tô từ 10 chỗ trở lên)")
    assert (channel.time.value, channel.time.unit) == (1, None)
    assert channel.fees[0].amount_vnd == 40000
    # "125 VNĐ": 1 + 25 or 12 + 5, and the description names neither: both stay unknown.
    (ambiguous,) = parse_channels(HEADER + "Trực tiếp125 VNĐ(- Lệ phí đăng ký doanh nghiệp)")
    assert ambiguous.time.value is None
    assert [f.amount_vnd for f in ambiguous.fees] == [None]


def test_time_and_amount_cut_uses_the_fee_description_as_evidence():
    assert split_time_and_amount("120,000", "") == ("1", "20,000")
    assert split_time_and_amount("1100", "") == ("1", "100")
    assert split_time_and_amount("125", "lệ phí 25.000 đồng") == ("1", "25")
    assert split_time_and_amount("125", "") is None


def test_an_amount_in_usd_is_not_a_vnd_amount():
    (channel,) = parse_channels(HEADER + "Trực tiếpKhông có thông tin10 USD(/bản)")
    assert channel.fees[0].amount_vnd is None
    assert channel.fees[0].description == "10 USD /bản"


def test_a_time_in_words_is_kept_as_text():
    (channel,) = parse_channels(
        HEADER + "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíBằng phương thức điện tử."
    )
    assert channel.time.value is None
    assert channel.time.text == "Không phải trả kết quả cho người nộp thuế"
    assert channel.fees[0].kind == FeeKind.FREE
    assert channel.description == "Bằng phương thức điện tử."


DOCUMENTS_1_001456 = (
    "--Tên giấy tờMẫu đơn, tờ khaiSố lượngBản sao giấy tờ chứng minh người đại diện hợp pháp; trường hợp "
    "không có bản sao thì nộp bản chụp và xuất trình bản chính để kiểm tra, đối chiếu.1 bản chính,1 bản sao"
    "Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước (mẫu TK01 dành cho người từ 14 tuổi trở lên; mẫu "
    "TK01a dành cho người chưa đủ 14 tuổi) thì người đại diện hợp pháp khai và ký thay.Mau TK01a to khai trẻ "
    "em cap HCPT ở trong nước TK01a MỚI.doc1 bản chínhẢnh mới chụp không quá 06 tháng, cỡ 4cm x 6cm1 bản chính"
    "Trường hợp nộp hồ sơ trực tuyến thì thành phần hồ sơ phải được chứng thực điện tử.0 bản chính"
)


def test_document_rows_end_with_their_counts():
    documents = parse_documents(DOCUMENTS_1_001456)
    assert [(d.originals, d.copies) for d in documents] == [(1, 1), (1, 0), (1, 0), (0, 0)]
    assert documents[0].name.startswith("Bản sao giấy tờ chứng minh")
    assert documents[2].name == "Ảnh mới chụp không quá 06 tháng, cỡ 4cm x 6cm"


def test_an_inline_template_file_becomes_a_form_with_its_code():
    form_document = parse_documents(DOCUMENTS_1_001456)[1]
    assert form_document.name.endswith("khai và ký thay.")
    (form,) = form_document.forms
    assert form.file_name == "Mau TK01a to khai trẻ em cap HCPT ở trong nước TK01a MỚI.doc"
    assert form.code == "TK01a"


def test_two_files_in_a_row_are_two_forms():
    text = (
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy đăng ký tập sự hành nghề công chứng theo Thông tư số "
        "06/2025/TT-BTP.Mẫu TP-TSCC-01a.docxMẫu TP-TSCC-01b.docx1 bản chính"
    )
    (document,) = parse_documents(text)
    assert [f.code for f in document.forms] == ["TP-TSCC-01a", "TP-TSCC-01b"]
    assert document.name.endswith("06/2025/TT-BTP.")


def test_counts_are_single_digits_so_a_year_before_them_stays_in_the_name():
    text = "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đăng ký biến động đất đai theo Mẫu số 181 bản chính"
    (document,) = parse_documents(text)
    assert document.name == "Đơn đăng ký biến động đất đai theo Mẫu số 18"
    assert document.originals == 1


def test_counts_inside_a_sentence_do_not_end_a_row():
    text = (
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai hải quan: người khai nộp 02 bản chính tờ khai hàng hóa "
        "nhập khẩu;1 bản chínhHóa đơn thương mại: 01 bản chụp;0 bản chính,1 bản sao"
        "Giấy phép nhập khẩu: 01 bản chính;1 bản chính"
    )
    documents = parse_documents(text)
    assert len(documents) == 3
    assert documents[2].name == "Giấy phép nhập khẩu: 01 bản chính;"
    assert documents[0].name == "Tờ khai hải quan: người khai nộp 02 bản chính tờ khai hàng hóa nhập khẩu;"
    assert (documents[1].originals, documents[1].copies) == (0, 1)


def test_documents_of_several_cases_carry_their_case_name():
    text = (
        "Trường hợp (1): Đề nghị ký thoả thuận:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐề án cung cấp dịch vụ"
        "1 bản chính,1 bản saoTrường hợp (2): Thay đổi thông tin: Tên giấy tờMẫu đơn, tờ khaiSố lượng"
        "Văn bản đề nghị thay đổi1 bản chính"
    )
    documents = parse_documents(text)
    assert [(d.case, d.name) for d in documents] == [
        ("Trường hợp (1): Đề nghị ký thoả thuận", "Đề án cung cấp dịch vụ"),
        ("Trường hợp (2): Thay đổi thông tin", "Văn bản đề nghị thay đổi"),
    ]


def test_legal_basis_alternates_title_and_code_even_when_glued_to_digits():
    text = (
        "Tên văn bản pháp lýMã văn bảnLuật Xuất cảnh, nhập cảnh của công dân Việt Nam sửa đổi 2023"
        "23/2023/QH15QUY ĐỊNH MỨC THU PHÍ, LỆ PHÍ25/2021/TT-BTCThông tư số 44/2023/TT-BTC ngày 29 tháng 6 "
        "năm 202344/2023/TT-BTCLuật 49/2019/QH1449/2019/QH14"
    )
    assert [(b.code, b.title) for b in parse_legal_basis(text)] == [
        ("23/2023/QH15", "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam sửa đổi 2023"),
        ("25/2021/TT-BTC", "QUY ĐỊNH MỨC THU PHÍ, LỆ PHÍ"),
        ("44/2023/TT-BTC", "Thông tư số 44/2023/TT-BTC ngày 29 tháng 6 năm 2023"),
        ("49/2019/QH14", "Luật 49/2019/QH14"),
    ]


def test_legal_codes_keep_leading_zeros_and_a_code_inside_a_title_does_not_end_it():
    text = (
        "Tên văn bản pháp lýMã văn bảnThông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an"
        "53/2025/TT-BCAThông tư 08/2025/TT-BTP08/2025/TT-BTPNghị định 166/2016/NĐ-CP166/2016/NĐ-CP"
        "LUẬT Bảo hiểm xã hội58/2014/QH13"
    )
    assert [b.code for b in parse_legal_basis(text)] == [
        "53/2025/TT-BCA",
        "08/2025/TT-BTP",
        "166/2016/NĐ-CP",
        "58/2014/QH13",
    ]


def test_result_drops_the_page_boilerplate():
    text = (
        "Hộ chiếu phổ thông không gắn chíp điện tử.Mã: KQ.G01.000083Từ khóaKhông có thông tinMô tảKhông có "
        "thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Nộp hồ sơ"
    )
    assert parse_results(text) == ("Hộ chiếu phổ thông không gắn chíp điện tử.",)
    two = "Giấy chứng nhậnMã: KQ.G19.000301Văn bản từ chốiMã: KQ.G19.000401Từ khóaKhông có thông tinNộp hồ sơ"
    assert parse_results(two) == ("Giấy chứng nhận", "Văn bản từ chối")


def test_record_is_nfc_with_steps_in_order_and_no_information_empty():
    decomposed = unicodedata.normalize("NFD", "Cấp hộ chiếu phổ thông")
    record = {
        "ma_thu_tuc": "1.001456",
        "ten_thu_tuc": decomposed,
        "cap_thuc_hien": "Cấp tỉnh, Cấp xã",
        "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam",
        "trinh_tu_thuc_hien": "Bước 1: Chuẩn bị hồ sơ.\nBước 2: Nộp hồ sơ\n+ tại Công an tỉnh\nBước 3: Nhận kết quả",
        "yeu_cau_dieu_kien": "Không có thông tin",
        "_bo_nganh": "bo-cong-an",
        "cach_thuc_thuc_hien": HEADER + "Trực tiếp8 Ngày làm việc200,000 Việt Nam Đồng(200.000đ)",
    }
    procedure = procedure_from_crawl(record)
    assert procedure.name == "Cấp hộ chiếu phổ thông" == unicodedata.normalize("NFC", procedure.name)
    assert procedure.levels == ("Cấp tỉnh", "Cấp xã")
    assert procedure.applicants == ("Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam")
    assert procedure.steps == (
        "Bước 1: Chuẩn bị hồ sơ.",
        "Bước 2: Nộp hồ sơ\n+ tại Công an tỉnh",
        "Bước 3: Nhận kết quả",
    )
    assert procedure.conditions == ""
    assert procedure.ministry == "Bộ Công an"
    assert "channels" in procedure.provenance.parsed_fields


def test_a_record_of_the_wrong_shape_is_refused_with_a_reason():
    with pytest.raises(MalformedRecord, match="missing ma_thu_tuc"):
        procedure_from_crawl({"ma_thu_tuc": 1001456, "ten_thu_tuc": "x"})
    with pytest.raises(MalformedRecord, match="unexpected structure"):
        procedure_from_crawl({"ma_thu_tuc": "1.001456", "ten_thu_tuc": "x", "cap_thuc_hien": ["Cấp tỉnh"]})
    with pytest.raises(MalformedRecord, match="not a JSON object"):
        procedure_from_crawl(["1.001456"])


def test_invisible_characters_are_dropped():
    record = {"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Đăng k\u200eý khai sinh\u00ad"}
    assert procedure_from_crawl(record).name == "Đăng ký khai sinh"


def test_the_real_crawl_record_of_1_001456(crawl_records):
    procedure = procedure_from_crawl(crawl_records["1.001456"])
    assert {c.channel for c in procedure.channels} == set(Channel)
    assert "TK01a" in procedure.form_codes
    assert [b.code for b in procedure.legal_basis][:2] == ["23/2023/QH15", "25/2021/TT-BTC"]
