"""`motcua eval retrieval` measures the helpdesk and its two baselines in one run (real model, real index)."""

import json

import pytest

from api.cli import main

QUESTIONS = [
    {"id": "t-1", "question": "làm lại căn cước bị mất ở đâu", "lang": "vi", "diacritics": True,
     "intent": "where", "expect": "answer", "codes": ["1.014064", "2.001194", "1.000757"]},
    {"id": "t-2", "question": "how do I register my baby's birth", "lang": "en", "diacritics": None,
     "intent": "steps", "expect": "answer", "codes": ["1.001193", "2.000986", "2.001023"]},
    {"id": "t-3", "question": "quán cà phê nào ngon gần trung tâm", "lang": "vi", "diacritics": True,
     "intent": "general", "expect": "handoff", "codes": []},
]  # fmt: skip


@pytest.fixture(scope="module")
def questions_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("questions") / "small.jsonl"
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), "utf-8")
    return path


def test_one_run_reports_the_hybrid_beside_both_baselines_with_latency_ratios(questions_file, capsys):
    assert main(["eval", "retrieval", "--questions", str(questions_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["modes"]) == {"hybrid", "bm25", "dense"}
    for mode in report["modes"].values():
        assert mode["all"]["questions"] == 3 and mode["all"]["in_scope"] == 2
        assert 0 < mode["all"]["latency_ms_p50"] <= mode["all"]["latency_ms_p95"]
    ratio = report["latency_ratio_to_dense_only"]
    hybrid, dense = report["modes"]["hybrid"]["all"], report["modes"]["dense"]["all"]
    assert ratio["p95"] == round(hybrid["latency_ms_p95"] / dense["latency_ms_p95"], 2)
    assert hybrid["r@5"] == 1.0 and hybrid["handoff_recall"] == 1.0  # two plain needs, one coffee shop
    assert report["faithfulness"]["violations"] == 0
