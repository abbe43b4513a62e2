"""``motcua catalogue ...`` as scripts call it (contracts.md): JSON on stdout, exit 2 with a reason."""

from __future__ import annotations

import gzip
import json

import pytest

from api.cli import main
from knowledge.paths import BUNDLED_CATALOGUE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_stats_counts_every_procedure(capsys):
    status, out, _ = run(capsys, "catalogue", "stats", "--json")
    stats = json.loads(out)
    assert status == 0
    assert stats["procedures"] == 2642
    assert stats["sources"] == {"portal-json": 303, "crawl-2026": 2339}
    assert stats["fields"]["channels"] <= 2642 and stats["fields"]["documents"] > 2500


def test_show_the_passport_procedure(capsys):
    status, out, _ = run(capsys, "catalogue", "show", "1.001456", "--json")
    record = json.loads(out)
    assert status == 0
    channels = {c["channel"]: c for c in record["channels"]}
    assert set(channels) == {"direct", "online", "postal"}
    assert all(c["time"] == {"value": 8, "unit": "working_day", "text": ""} for c in channels.values())
    assert [f["amount_vnd"] for f in channels["online"]["fees"]] == [160000]
    assert [f["amount_vnd"] for f in channels["postal"]["fees"]] == [160000]
    assert [f["amount_vnd"] for f in channels["direct"]["fees"]] == [200000]
    forms = {form["code"] for document in record["documents"] for form in document["forms"]}
    assert {"TK01", "TK01a"} <= forms


def test_show_an_unknown_code_exits_2(capsys):
    status, out, err = run(capsys, "catalogue", "show", "9.999999", "--json")
    assert status == 2
    assert out == ""
    assert "unknown procedure code" in err


def test_validate_the_bundle_and_a_broken_copy(capsys, tmp_path):
    status, out, _ = run(capsys, "catalogue", "validate", "--json")
    assert status == 0 and json.loads(out)["procedures"] == 2642
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(gzip.decompress(BUNDLED_CATALOGUE.read_bytes())[:-500]))
    status, out, err = run(capsys, "catalogue", "validate", str(broken), "--json")
    assert status == 2
    assert json.loads(out)["valid"] is False
    assert "problem" in err


def test_build_without_sources_is_a_usage_error(capsys, tmp_path):
    status, _, err = run(
        capsys, "catalogue", "build", "--shared", str(tmp_path), "--out", str(tmp_path / "c.gz")
    )
    assert status == 2
    assert "has no data/catalogue" in err


@pytest.mark.slow
def test_build_reproduces_the_bundle_from_the_shared_sources(capsys, tmp_path, shared):
    out_file = tmp_path / "catalogue.jsonl.gz"
    status, out, _ = run(
        capsys, "catalogue", "build", "--shared", str(shared), "--out", str(out_file), "--json"
    )
    report = json.loads(out)
    assert status == 0
    assert (report["procedures"], report["rejected"]) == (2642, 0)
    assert out_file.read_bytes() == BUNDLED_CATALOGUE.read_bytes(), "rebuild and commit the bundle"
