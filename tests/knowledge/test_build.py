"""Building the catalogue: merge by code, bad records reported and kept out, the 2% limit."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from knowledge.build import TooManyRejections, build_catalogue, catalogue_sources, write_bundle
from knowledge.catalogue import load_catalogue
from knowledge.schema import Source

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def crawl_record(number: int) -> dict:
    return {
        "ma_thu_tuc": f"1.{number:06d}",
        "ten_thu_tuc": f"Thủ tục số {number}",
        "cap_thuc_hien": "Cấp tỉnh",
        "linh_vuc": "Hộ tịch",
        "_bo_nganh": "bo-tu-phap",
        "detail_url": f"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{number}",
        "cach_thuc_thuc_hien": HEADER + "Trực tiếp5 Ngày làm việcMiễn phí",
    }


def write_sources(
    root: Path, crawl_lines: list[str], portal: dict[str, str] | None = None
) -> tuple[Path, Path]:
    crawl_file, portal_dir = catalogue_sources(root)
    crawl_file.parent.mkdir(parents=True)
    portal_dir.mkdir(parents=True)
    crawl_file.write_bytes(("\n".join(crawl_lines) + "\n").encode("utf-8", errors="surrogateescape"))
    for name, text in (portal or {}).items():
        (portal_dir / name).write_text(text, encoding="utf-8")
    return crawl_file, portal_dir


def good_lines(count: int) -> list[str]:
    return [json.dumps(crawl_record(n), ensure_ascii=False) for n in range(1, count + 1)]


def test_a_malformed_record_is_reported_and_kept_out(tmp_path):
    lines = good_lines(200)  # 4 bad records of 204: under the 2% limit
    lines.insert(10, '{"ma_thu_tuc": "1.999999", "ten_thu_tuc": ')  # truncated JSON
    lines.insert(11, '{"ma_thu_tuc": "\udcff"}')  # written below as a byte that is not UTF-8
    lines.append(json.dumps({"ma_thu_tuc": "1.000003", "ten_thu_tuc": "again"}))  # duplicate code
    portal = {"1.000005.json": '{"code": "1.000005"}'}  # no name
    result = build_catalogue(*write_sources(tmp_path, lines, portal))
    assert len(result.procedures) == 200
    reasons = {(r.source, r.code): r.reason for r in result.rejections}
    assert reasons == {
        (Source.CRAWL, "line 11"): "invalid JSON: Expecting value at character 41",
        (Source.CRAWL, "line 12"): "not UTF-8: invalid start byte at byte 16",
        (Source.CRAWL, "1.000003"): "duplicate code 1.000003",
        (Source.PORTAL_JSON, "1.000005"): "missing code or name",
    }
    assert result.source_records == 204
    # the rejected structured record leaves the crawl record of the same code in place
    assert next(p for p in result.procedures if p.code == "1.000005").provenance.source == Source.CRAWL


def test_the_build_fails_past_two_percent_rejected(tmp_path):
    lines = good_lines(40) + ['{"ma_thu_tuc": "1.999999"}']  # 1 of 41 is fine (2.4% is not)
    with pytest.raises(TooManyRejections, match="1 of 41 source records rejected") as failure:
        build_catalogue(*write_sources(tmp_path, lines))
    assert failure.value.result.rejections[0].reason == "missing ma_thu_tuc or ten_thu_tuc"


def test_a_structured_record_wins_and_is_completed_from_the_crawl(tmp_path):
    portal = {"1.000002.json": json.dumps({"code": "1.000002", "name": "Tên từ cổng", "isWard": True})}
    result = build_catalogue(*write_sources(tmp_path, good_lines(3), portal))
    procedure = next(p for p in result.procedures if p.code == "1.000002")
    assert procedure.name == "Tên từ cổng"
    assert procedure.levels == ("Cấp xã",)  # given, not completed
    assert procedure.field == "Hộ tịch" and procedure.ministry == "Bộ Tư pháp"
    assert set(procedure.provenance.completed_fields) == {"field", "ministry", "url"}


def test_the_bundle_is_deterministic_gzip_json_lines_in_code_order(tmp_path):
    lines = list(reversed(good_lines(12)))
    result = build_catalogue(*write_sources(tmp_path, lines))
    first = write_bundle(result.procedures, tmp_path / "a.jsonl.gz").read_bytes()
    second = write_bundle(result.procedures, tmp_path / "b.jsonl.gz").read_bytes()
    assert first == second
    codes = [json.loads(line)["code"] for line in gzip.decompress(first).decode().splitlines()]
    assert codes == [f"1.{n:06d}" for n in range(1, 13)]
    assert [p.code for p in load_catalogue(tmp_path / "a.jsonl.gz")] == codes
