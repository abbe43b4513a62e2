"""``motcua scan``: JSON on stdout per the contract; a refused file exits 2 with a one-line reason."""

from __future__ import annotations

import json

from cards import encode, front_2021

from api.cli import main


def test_extract_json_has_one_document_per_file(tmp_path, capsys):
    path = tmp_path / "front.jpg"
    path.write_bytes(encode(front_2021()))
    assert main(["scan", "extract", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (doc,) = out["documents"]
    assert doc["document_type"] == "cccd_2021_front" and doc["page"] == 1
    assert doc["fields"]["id_number"]["value"] == "001090123456"
    assert set(doc["fields"]["id_number"]) >= {"value", "confidence", "source", "bbox"}


def test_prefill_json_follows_the_contract(tmp_path, capsys):
    path = tmp_path / "front.jpg"
    path.write_bytes(encode(front_2021()))
    assert main(["scan", "prefill", "--form", "CT01", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["form"] == "CT01" and out["fields"]["4"]["value"] == "001090123456"
    assert set(out["fields"]["1"]) == {"value", "confidence", "source", "agreed"} and "5" in out["missing"]


def test_refused_file_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "photo.jpg"
    path.write_text("<html>not a photo</html>")
    assert main(["scan", "extract", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "not a JPEG" in captured.err


def test_unknown_form_exits_2(tmp_path, capsys):
    assert main(["scan", "prefill", "--form", "NOPE", str(tmp_path / "x.jpg")]) == 2
    assert "unknown form" in capsys.readouterr().err
