"""`motcua eval bare` asks each marked Vietnamese row and its bare twin (real model, real index)."""

import json

from api.cli import main

QUESTIONS = [
    {"id": "t-1", "question": "làm lại căn cước bị mất ở đâu", "lang": "vi", "diacritics": True,
     "intent": "where", "expect": "answer", "codes": ["1.014064", "2.001194", "1.000757"]},
    {"id": "t-2", "question": "làm hộ chiếu lần đầu cần chuẩn bị gì", "lang": "vi", "diacritics": True,
     "intent": "documents", "expect": "answer", "codes": ["1.001456", "1.001471"]},
    {"id": "t-3", "question": "lam lai ho chieu", "lang": "vi", "diacritics": False,
     "intent": "general", "expect": "answer", "codes": ["1.012040"]},
    {"id": "t-4", "question": "how do I register my baby's birth", "lang": "en", "diacritics": None,
     "intent": "steps", "expect": "answer", "codes": ["1.001193", "2.000986", "2.001023"]},
    {"id": "t-5", "question": "quán cà phê nào ngon gần trung tâm", "lang": "vi", "diacritics": True,
     "intent": "general", "expect": "handoff", "codes": []},
]  # fmt: skip


def _write(path, rows):
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in rows), "utf-8")
    return path


def test_pairs_only_in_scope_marked_vietnamese_rows_with_their_bare_twins(tmp_path, capsys):
    path = _write(tmp_path / "small.jsonl", QUESTIONS)
    assert main(["eval", "bare", "--questions", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    row = result["files"]["small"]
    assert list(result["files"]) == ["small"]  # one file: no "all" row repeating it
    assert row["pairs"] == 2  # the bare row, the English row and the out-of-scope row are not paired
    assert row["marked"]["r@5"] == 1.0 and row["bare"]["r@5"] == 1.0  # two plain needs
    assert row["gap_r@1_points"] == round(100 * (row["marked"]["r@1"] - row["bare"]["r@1"]), 1)
    assert row["bare_wins_at_1"] + row["bare_losses_at_1"] <= row["pairs"]
    assert set(row["replayed_bare"]) == {"restored", "understood"}
    restoration = result["restoration"]
    assert restoration["syllables"] == 8 + 9  # every syllable of both marked rows, restored from bare
    assert 0.5 < restoration["accuracy"] <= 1.0


def test_a_file_without_marked_vietnamese_rows_is_a_usage_error(tmp_path, capsys):
    path = _write(tmp_path / "bare.jsonl", QUESTIONS[2:4])
    assert main(["eval", "bare", "--questions", str(path)]) == 2
    assert "no in-scope Vietnamese question with marks" in capsys.readouterr().err
