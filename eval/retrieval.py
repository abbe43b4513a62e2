"""``motcua eval retrieval``: helpdesk accuracy, handoff, clarify, latency and faithfulness.

Every question runs through the full helpdesk (hybrid) and, in the same run, through the BM25-only and
dense-only baselines. In-scope questions (expect "answer" or "clarify") are scored on the ranking:
R@1, R@5 and MRR against every acceptable code; out-of-scope ones (expect "handoff") on the decision.
Slices: vi with marks, vi without marks, en, th, and the shared portal FAQ. Latency is per question,
in-process, after a warm-up, every question embedded afresh (no query cache). The index build
benchmark times BM25 here and reports the dense index's build time as recorded when it was built
(``--rebuild-index`` builds it again, into a temporary directory, and times it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from eval.measure import first_hit, percentile, ranking, rounded

# The tuning sets: what the models are fitted on and evaluated against by default (the held-out set is
# never among them). fresh.jsonl, fresh2.jsonl and fresh3.jsonl were measured blind first, then joined
# them (eval/questions/README.md).
QUESTIONS = tuple(
    Path(__file__).resolve().parent / "questions" / name
    for name in ("helpdesk.jsonl", "fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl")
)
MODES = ("hybrid", "bm25", "dense")
WARM_UP = 5


def add_questions_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        help="JSON Lines question set (repeatable; default: the committed tuning sets and the shared portal FAQ)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_questions_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--calibrate", action="store_true", help="also print the thresholds eval.calibrate picks"
    )
    parser.add_argument(
        "--rebuild-index", action="store_true", help="build the dense index again and time it"
    )
    parser.add_argument("--limit", type=int, help="only the first N questions (a quick look)")


def load_questions(paths: list[Path] | None) -> list[dict]:
    from api.cli import read_json_lines

    if not paths:
        paths = list(QUESTIONS)
        faq = _portal_faq()
        if faq is not None:
            paths.append(faq)
    items: list[dict] = []
    for path in paths:
        for number, raw in read_json_lines(path):
            item = _portal_item(raw, number) if "expected_codes" in raw else raw
            if item is not None:
                items.append(item)
    return items


def _portal_faq() -> Path | None:
    from knowledge.paths import shared_dir

    shared = shared_dir()
    path = shared / "data" / "questions" / "portal-faq.jsonl" if shared else None
    return path if path and path.is_file() else None


def _portal_item(raw: dict, number: int) -> dict | None:
    """A portal FAQ line as an in-scope question; lines without a catalogue code are skipped."""
    if not raw.get("expected_codes"):
        return None
    return {
        "id": f"faq-{number:03d}",
        "question": raw["question"],
        "lang": "vi",
        "diacritics": True,
        "expect": "answer",
        "codes": raw["expected_codes"],
        "slice": "portal-faq",
    }


def slice_of(item: dict) -> str:
    if "slice" in item:
        return item["slice"]
    if item.get("lang") == "vi":
        return "vi" if item.get("diacritics") else "vi-unaccented"
    return item.get("lang", "?")


def metrics(records: list[dict]) -> dict:
    """Ranking and decision metrics of (item, status, ranked codes) records."""
    in_scope = [r for r in records if r["item"]["expect"] != "handoff"]
    out_scope = [r for r in records if r["item"]["expect"] == "handoff"]
    ranks = [first_hit(r["ranked"], set(r["item"]["codes"])) for r in in_scope]
    handed = [r for r in records if r["status"] == "handoff"]
    clarify_expected = [r for r in records if r["item"]["expect"] == "clarify"]
    answer_expected = [r for r in records if r["item"]["expect"] == "answer"]
    return {
        "questions": len(records),
        "in_scope": len(in_scope),
        **ranking(ranks),
        "out_of_scope": len(out_scope),
        "handoff_recall": _ratio(sum(r["status"] == "handoff" for r in out_scope), len(out_scope)),
        "handoff_precision": _ratio(sum(r["item"]["expect"] == "handoff" for r in handed), len(handed)),
        "in_scope_handed_off": _ratio(sum(r["status"] == "handoff" for r in in_scope), len(in_scope)),
        "clarify_rate": _ratio(sum(r["status"] == "clarify" for r in records), len(records)),
        "clarify_recall": _ratio(
            sum(r["status"] == "clarify" for r in clarify_expected), len(clarify_expected)
        ),
        "clarify_on_answerable": _ratio(
            sum(r["status"] == "clarify" for r in answer_expected), len(answer_expected)
        ),
        "latency_ms_p50": rounded(percentile([r["ms"] for r in records], 50)),
        "latency_ms_p95": rounded(percentile([r["ms"] for r in records], 95)),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _ratio_of(value: float | None, baseline: float | None) -> float | None:
    return round(value / baseline, 2) if value and baseline else None


def report(records: list[dict]) -> dict:
    slices: dict[str, list[dict]] = {}
    for r in records:
        slices.setdefault(slice_of(r["item"]), []).append(r)
    core = [r for r in records if slice_of(r["item"]) != "portal-faq"]
    return {
        "all": metrics(records),
        "question_set": metrics(core),
        "slices": {name: metrics(rs) for name, rs in sorted(slices.items())},
    }


def index_benchmark(helpdesk, rebuild: bool) -> dict:
    from assistant.bm25 import BM25Index
    from assistant.dense import DenseIndex, build_record

    procedures = helpdesk.retriever.procedures
    started = time.monotonic()
    BM25Index.build(procedures)
    bm25_seconds = time.monotonic() - started
    embedder = helpdesk.retriever.encoder.embedder
    if rebuild:
        with tempfile.TemporaryDirectory() as directory:
            started = time.monotonic()
            DenseIndex.load_or_build(procedures, helpdesk.catalogue.fingerprint, embedder, Path(directory))
            dense = {"seconds": round(time.monotonic() - started, 1), "measured": "this run"}
    else:
        recorded = build_record(helpdesk.catalogue.fingerprint, embedder)
        dense = {**recorded, "measured": "when the cached index was built"} if recorded else {"seconds": None}
    return {
        "procedures": len(procedures),
        "embedder": embedder.name,
        "bm25_seconds": round(bm25_seconds, 2),
        "dense": dense,
    }


def run(args: argparse.Namespace) -> int:
    from assistant.embeddings import load_embedder
    from assistant.helpdesk import Helpdesk
    from eval.faithfulness import check

    items = load_questions(args.questions)
    if args.limit:
        items = items[: args.limit]
    started = time.monotonic()
    helpdesk = Helpdesk.load(embedder=load_embedder(query_cache=0))  # latency of cold embeddings
    load_seconds = time.monotonic() - started
    for item in items[:WARM_UP]:
        helpdesk.ask(item["question"])

    traces: dict[str, list] = {mode: [] for mode in MODES}
    records: dict[str, list[dict]] = {mode: [] for mode in MODES}
    violations: list[dict] = []
    answers_checked = 0
    # The modes take turns question by question, so the baselines' latency is measured under the same
    # load as the hybrid's (the ratio below is then fair on a shared box).
    print(f"evaluating {', '.join(MODES)} on {len(items)} questions", file=sys.stderr)
    for item in items:
        for mode in MODES:
            started = time.perf_counter()
            trace = helpdesk.trace(item["question"], mode=mode)
            ms = (time.perf_counter() - started) * 1000
            answer = trace.answer
            ranked = [c.code for c in answer.candidates]
            records[mode].append({"item": item, "status": answer.status, "ranked": ranked, "ms": ms})
            traces[mode].append((item, trace.query, trace.ranked))
            if mode == "hybrid" and answer.status == "answer":
                answers_checked += 1
                procedure = helpdesk.catalogue.get(answer.citations[0].code)
                for problem in check(answer.text, procedure, answer.language):
                    violations.append({"id": item.get("id"), "problem": problem})

    modes = {mode: report(records[mode]) for mode in MODES}
    result = {
        "load_seconds": round(load_seconds, 1),
        "index_build": index_benchmark(helpdesk, args.rebuild_index),
        "settings": {
            "retrieval": vars(helpdesk.settings.retrieval),
            "decision": vars(helpdesk.settings.decision),
        },
        "modes": modes,
        "latency_ratio_to_dense_only": {
            q: _ratio_of(modes["hybrid"]["all"][f"latency_ms_{q}"], modes["dense"]["all"][f"latency_ms_{q}"])
            for q in ("p50", "p95")
        },
        "faithfulness": {
            "answers_checked": answers_checked,
            "violations": len(violations),
            "faithful": _ratio(answers_checked - len({v["id"] for v in violations}), answers_checked),
            "examples": violations[:10],
        },
        "misses": [
            {
                "id": r["item"].get("id"),
                "question": r["item"]["question"],
                "expected": r["item"]["codes"],
                "got": r["ranked"][:3],
                "status": r["status"],
            }
            for r in records["hybrid"]
            if r["item"]["expect"] != "handoff"
            and (not r["ranked"] or r["ranked"][0] not in r["item"]["codes"])
        ],  # fmt: skip
    }
    if args.calibrate:
        from eval.calibrate import calibrate

        result["calibrated"] = vars(calibrate(traces["hybrid"], helpdesk.settings.decision, helpdesk.handoff))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print_table(result)
    return 0


def _print_table(result: dict) -> None:
    keys = ("in_scope", "r@1", "r@5", "mrr", "handoff_recall", "handoff_precision", "in_scope_handed_off",
            "clarify_rate", "latency_ms_p50", "latency_ms_p95")  # fmt: skip
    print("mode    slice           " + " ".join(f"{k:>12}" for k in keys))
    for mode, rep in result["modes"].items():
        rows = {"question_set": rep["question_set"], "all": rep["all"], **rep["slices"]}
        for name, m in rows.items():
            print(f"{mode:7} {name:15} " + " ".join(f"{'-' if m[k] is None else m[k]:>12}" for k in keys))
    print(
        json.dumps(
            {
                k: result[k]
                for k in ("load_seconds", "index_build", "faithfulness", "latency_ratio_to_dense_only")
            },
            ensure_ascii=False,
        )
    )
    if "calibrated" in result:
        print("calibrated:", result["calibrated"])
