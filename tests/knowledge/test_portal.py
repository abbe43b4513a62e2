"""The importer of the portal's structured records."""

from __future__ import annotations

import json

import pytest

from knowledge.portal import load_portal_file, procedure_from_portal
from knowledge.schema import Channel, FeeKind, Source, TimeUnit
from knowledge.values import MalformedRecord


def record(**overrides) -> dict:
    base = {
        "id": "019d2bf7-5fda-7370-bc07-6f1fd02ffcc4",
        "code": "1.000001",
        "name": "Thủ tục thử",
        "isProvince": True,
        "isWard": True,
        "isMinistry": False,
        "executionMethods": [
            {
                "submissionMethod": "ONLINE",
                "processingTime": 3,
                "processingTimeUnit": "OTHER",
                "fees": [{"type": "SERVICE_FEE", "value": 0, "description": "Miễn phí"}],
            },
            {"submissionMethod": "DIRECT", "processingTime": 0, "processingTimeUnit": "OTHER", "fees": []},
            {
                "submissionMethod": "POSTAL",
                "processingTime": "Trong thời hạn 03 ngày làm việc",
                "processingTimeUnit": "OTHER",
                "fees": [{"type": "FEE", "value": 10, "currencyName": "USD", "description": "/bản"}],
            },
        ],
        "executionCases": [
            {
                "name": "Trường hợp 1",
                "profileComponents": [
                    {
                        "name": "Tờ khai (mẫu CT01)",
                        "originalQty": 1,
                        "copyQty": 0,
                        "attachments": [{"fileName": "1.MuCT01banhnhkmtheoThngts53.doc"}],
                    }
                ],
            }
        ],
    }
    return base | overrides


def test_levels_channels_and_documents_are_mapped():
    procedure = procedure_from_portal(record())
    assert procedure.levels == ("Cấp tỉnh", "Cấp xã")
    online, direct, postal = procedure.channels
    assert online.channel == Channel.ONLINE
    assert (online.time.value, online.time.unit) == (3, None)  # OTHER: the unit is unknown
    assert online.fees[0].kind == FeeKind.FREE
    assert direct.time.value is None  # 0 days is shown as "Không có thông tin" on the page
    assert postal.time.value is None and postal.time.text == "Trong thời hạn 03 ngày làm việc"
    assert postal.fees[0].amount_vnd is None  # 10 USD is no VND amount
    (document,) = procedure.documents
    assert (document.originals, document.copies, document.case) == (1, 0, "Trường hợp 1")
    assert procedure.form_codes == ("CT01",)
    assert procedure.url.endswith("/019d2bf7-5fda-7370-bc07-6f1fd02ffcc4")
    assert procedure.provenance.source == Source.PORTAL_JSON
    assert {"channels", "documents", "levels"} <= set(procedure.provenance.given_fields)


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ([], "not a JSON object"),
        (record(code=""), "missing code or name"),
        (record(code=1001456), "missing code or name"),
        (record(categoriesDetails=[{"name": 42}]), "unexpected structure"),
        (record(code="1001456"), "invalid value at code"),
        (record(executionMethods=[{"submissionMethod": "FAX"}]), "unknown submissionMethod"),
        (record(executionCases="none"), "executionCases is not a list"),
    ],
)
def test_a_malformed_record_is_refused_with_a_reason(bad, reason):
    with pytest.raises(MalformedRecord, match=reason):
        procedure_from_portal(bad)


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "1.000001.json"
    path.write_text('{"code": "1.000001", ', encoding="utf-8")
    with pytest.raises(MalformedRecord, match="unreadable JSON"):
        load_portal_file(path)


def test_the_real_record_of_1_001456(sources):
    _, portal_dir = sources
    procedure = load_portal_file(portal_dir / "1.001456.json")
    times = {c.channel: (c.time.value, c.time.unit) for c in procedure.channels}
    assert times == {channel: (8, TimeUnit.WORKING_DAY) for channel in Channel}
    fees = {c.channel: [f.amount_vnd for f in c.fees] for c in procedure.channels}
    assert fees == {Channel.ONLINE: [160000], Channel.POSTAL: [160000], Channel.DIRECT: [200000]}
    assert procedure.form_codes == ("TK01", "TK01a")
    assert procedure.topic == "Hộ chiếu"
    assert json.loads(procedure.model_dump_json())["code"] == "1.001456"
