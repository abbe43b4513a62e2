"""Loading the bundled catalogue (no shared sources needed)."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from knowledge.catalogue import CatalogueError, check_bundle, default_catalogue, load_catalogue
from knowledge.paths import BUNDLED_CATALOGUE


def test_the_bundle_holds_every_procedure_once():
    catalogue = default_catalogue()
    assert len(catalogue) == 2642
    assert len({p.code for p in catalogue}) == 2642
    assert catalogue.get("1.001456").name == "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)"
    assert catalogue.get("9.999999") is None
    assert default_catalogue() is catalogue


def test_the_fingerprint_is_the_sha256_of_the_file():
    assert default_catalogue().fingerprint == hashlib.sha256(BUNDLED_CATALOGUE.read_bytes()).hexdigest()


def test_a_missing_or_corrupt_bundle_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="no catalogue at"):
        load_catalogue(tmp_path / "absent.jsonl.gz")
    (tmp_path / "plain.jsonl.gz").write_text("not gzip")
    with pytest.raises(CatalogueError, match="not a gzip UTF-8 catalogue"):
        load_catalogue(tmp_path / "plain.jsonl.gz")
    (tmp_path / "bad.jsonl.gz").write_bytes(gzip.compress(b'{"code": "1.000001"}\n'))
    with pytest.raises(CatalogueError, match="record 0: invalid name"):
        load_catalogue(tmp_path / "bad.jsonl.gz")


def test_check_bundle_reports_duplicates_and_order(tmp_path):
    record = '{"code": "%s", "name": "x", "provenance": {"source": "crawl-2026"}}\n'
    path = tmp_path / "dup.jsonl.gz"
    path.write_bytes(
        gzip.compress((record % "1.000002" + record % "1.000001" + record % "1.000002").encode())
    )
    report = check_bundle(path)
    assert report["valid"] is False
    assert report["problems"] == ["duplicate code 1.000002", "records are not in code order"]
    assert check_bundle(BUNDLED_CATALOGUE)["valid"] is True
