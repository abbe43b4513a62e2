"""``motcua eval catalogue``: the parser measured against the structured records, disagreements sorted."""

from __future__ import annotations

import pytest

from eval.catalogue import FIELDS, PARSER, SOURCE, compare, measure
from knowledge.crawl import procedure_from_crawl
from knowledge.portal import procedure_from_portal

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def crawl(channels: str, documents: str = "") -> dict:
    return {
        "ma_thu_tuc": "1.000001",
        "ten_thu_tuc": "Thủ tục",
        "cach_thuc_thuc_hien": HEADER + channels,
        "thanh_phan_ho_so": documents,
    }


def portal(time: int, fees: list[int], documents: list[tuple[str, int, int]] = ()) -> dict:
    return {
        "code": "1.000001",
        "name": "Thủ tục",
        "executionMethods": [
            {
                "submissionMethod": "DIRECT",
                "processingTime": time,
                "processingTimeUnit": "WORKING_DAY",
                "fees": [{"type": "FEE", "value": v, "description": ""} for v in fees],
            }
        ],
        "executionCases": [
            {
                "name": "",
                "profileComponents": [{"name": n, "originalQty": o, "copyQty": c} for n, o, c in documents],
            }
        ],
    }


def outcomes(record: dict, given: dict, parsed_record: dict | None = None) -> dict[str, list]:
    parsed = procedure_from_crawl(parsed_record or record)
    result: dict[str, list] = {}
    for name, outcome in compare(parsed, procedure_from_portal(given), record):
        result.setdefault(name, []).append(outcome)
    return result


def test_agreement_when_the_page_and_the_record_say_the_same():
    page = crawl("Trực tiếp8 Ngày làm việc200,000 Việt Nam Đồng(x)")
    result = outcomes(page, portal(8, [200000]))
    assert all(
        o.agreed for name in ("channels", "time_value", "time_unit", "fee_amounts") for o in result[name]
    )


def test_a_value_the_page_shows_but_the_parse_missed_is_a_parser_error():
    page = crawl("Trực tiếp8 Ngày làm việc200,000 Việt Nam Đồng(x)")
    misparsed = crawl("Trực tiếp3 NgàyMiễn phí")  # what a broken parser would have read
    result = outcomes(page, portal(8, [200000]), parsed_record=misparsed)
    assert [o.kind for o in result["time_value"]] == [PARSER]
    assert [o.kind for o in result["time_unit"]] == [PARSER]
    assert [o.kind for o in result["fee_amounts"]] == [PARSER]


def test_another_time_or_a_shorter_fee_list_on_the_page_is_a_source_difference():
    page = crawl("Trực tiếp1Miễn phí")
    result = outcomes(page, portal(3, [0, 5000]))
    assert [o.kind for o in result["time_value"]] == [SOURCE]
    assert [o.kind for o in result["time_unit"]] == [SOURCE]  # the page lost the unit
    assert [o.kind for o in result["fee_amounts"]] == [SOURCE]  # it shows the first fee only


def test_document_names_are_compared_as_both_sources_show_them():
    documents = (
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai  đăng ký.1 bản chínhẢnh 4x60 bản chính,1 bản sao"
    )
    page = crawl("Trực tiếp1Miễn phí", documents)
    result = outcomes(
        page, portal(1, [0], [("Tờ khai đăng ký", 1, 0), ("Ảnh 4x6", 1, 0), ("Sổ hộ khẩu", 1, 0)])
    )
    names = result["document_names"]
    assert [o.agreed for o in names] == [True, True, False]
    assert names[2].kind == SOURCE  # the page does not list it
    counts = result["document_counts"]
    assert [o.agreed for o in counts] == [True, False]
    assert counts[1].kind == SOURCE  # the page says 0 originals and 1 copy


@pytest.mark.slow
def test_the_parser_agrees_with_every_structured_record_that_says_the_same(sources):
    reports = measure(*sources)
    assert set(reports) == set(FIELDS)
    for name, report in reports.items():
        assert report.count(PARSER) == 0, (name, [o.detail for o in report.outcomes if o.kind == PARSER][:3])
        assert report.agreement_same_revision >= 0.95, name
