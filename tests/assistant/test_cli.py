import json

import pytest

from api.cli import UsageError, main
from assistant.cli import read_batch


def test_a_batch_file_is_checked_line_by_line_before_anything_is_loaded(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"question": "đăng ký kết hôn"}\n\n{"question": "x", "session": "s1"}\n', "utf-8")
    assert read_batch(batch) == [
        {"question": "đăng ký kết hôn", "session": None},
        {"question": "x", "session": "s1"},
    ]
    batch.write_text('{"question": "ok"}\nnot json\n', "utf-8")
    with pytest.raises(UsageError, match=r"batch.jsonl:2: not JSON"):
        read_batch(batch)
    batch.write_text('{"q": "wrong key"}\n', "utf-8")
    with pytest.raises(UsageError, match=r":1: expected"):
        read_batch(batch)
    batch.write_text(json.dumps({"question": "a" * 5000}) + "\n", "utf-8")
    with pytest.raises(UsageError, match=r":1: the question has 5,000 characters"):
        read_batch(batch)


def test_bad_usage_exits_with_status_2(tmp_path, capsys):
    assert main(["ask"]) == 2
    assert main(["ask", "a" * 3000, "--json"]) == 2
    assert main(["ask", "--batch", str(tmp_path / "missing.jsonl"), "--json"]) == 2
    err = capsys.readouterr().err
    assert "give either a QUESTION or --batch FILE" in err and "at most" in err and "cannot read" in err


@pytest.mark.slow
def test_a_batch_prints_one_answer_per_line_in_order_and_keeps_sessions(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"question": "Đăng ký thường trú cần giấy tờ gì?", "session": "cli-1"},
        {"question": "còn lệ phí?", "session": "cli-1"},
        {"question": "How do I register a death?"},
    ]
    batch.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    assert main(["ask", "--batch", str(batch), "--json"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(answers) == 3
    assert [a["session"] for a in answers[:2]] == ["cli-1", "cli-1"]
    assert answers[1]["intent"] == "fee" and answers[1]["citations"] == answers[0]["citations"]
    assert answers[1]["status"] == answers[0]["status"]  # an answer again, or the same question back
    assert answers[2]["language"] == "en" and answers[2]["session"]
    assert all(
        set(a) == {"status", "language", "intent", "text", "citations", "candidates", "session"}
        for a in answers
    )
