"""Value rules shared by both importers: fees, form codes, lists, steps."""

from __future__ import annotations

import pytest

from knowledge.schema import FeeKind
from knowledge.values import fee, form_code, split_list, split_steps


def test_a_positive_amount_is_a_fee_in_vnd():
    assert fee(160000, "+ 160.000/hộ chiếu").amount_vnd == 160000


@pytest.mark.parametrize("description", ["", "Miễn phí", "(Không có)", " Miễn phí Đồng - Trường hợp ..."])
def test_zero_is_free_when_the_wording_says_so_or_says_nothing(description):
    assert fee(0, description).kind == FeeKind.FREE
    assert fee(0, description).amount_vnd == 0


def test_zero_with_an_amount_left_to_the_province_is_unknown():
    charged = fee(0, "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.")
    assert (charged.kind, charged.amount_vnd) == (FeeKind.FEE, None)


def test_an_amount_below_any_real_fee_is_a_unit_slip_and_unknown():
    slip = fee(20, "20.000 vnđ /tờ khai")
    assert (slip.kind, slip.amount_vnd, slip.description) == (FeeKind.FEE, None, "20.000 vnđ /tờ khai")
    assert fee(1000, "").amount_vnd == 1000


def test_a_foreign_currency_amount_stays_in_the_description():
    usd = fee(10, "/bản", "USD")
    assert usd.amount_vnd is None
    assert usd.description == "10 USD /bản"


@pytest.mark.parametrize(
    ("file_name", "code"),
    [
        ("Mau TK01 to khai cap HCPT ở trong nước TK01 MỚI a.doc", "TK01"),
        ("Mau TK01a to khai trẻ em cap HCPT ở trong nước TK01a MỚI a.doc", "TK01a"),
        ("1.MuCT01banhnhkmtheoThngts53 (3).doc", "CT01"),
        ("Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc", "DC02"),
        ("Mẫu M01a-ND67-2024.docx", "M01a"),
        ("Mẫu TP-TSCC-01b.docx", "TP-TSCC-01b"),
        ("14-HSB.docx", "14-HSB"),
        ("Đơn G17.000170. 175.181.doc", None),  # a procedure code, not a form
        ("phuluc TT05 BXD 31 7 2024 Mauso06.docx", None),  # a circular number, not a form
        ("Mẫu số 12.docx", None),
    ],
)
def test_form_code_from_the_template_file_name(file_name, code):
    assert form_code(file_name) == code


def test_form_code_from_the_document_name_only_when_it_names_one_form():
    assert form_code("Tokhai.doc", "Giấy khai đăng ký xe (theo mẫu ĐKX10 ban hành kèm theo ...)") == "ĐKX10"
    assert form_code("Tokhai.doc", "Tờ khai (mẫu TK01 dành cho người lớn; mẫu TK01a cho trẻ em)") is None


def test_lists_split_on_commas_outside_parentheses_once_each():
    assert split_list("Cấp bộ, Cấp tỉnh, Cấp bộ") == ("Cấp bộ", "Cấp tỉnh")
    assert split_list("Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp") == (
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Doanh nghiệp",
    )
    assert split_list("Không có thông tin") == ()


def test_steps_without_numbers_are_one_a_line():
    assert split_steps("- Nộp hồ sơ;\n\n- Nhận kết quả.") == ("- Nộp hồ sơ;", "- Nhận kết quả.")
