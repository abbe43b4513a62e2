"""``motcua eval bare``: the same Vietnamese questions asked with their marks and typed bare, paired.

Rows typed bare and rows typed with marks are different questions, so comparing the two slices of a
question set mixes the marks' effect with the questions'. Here every in-scope Vietnamese row written
with marks is asked twice: as written, and as its twin with every mark stripped (``knowledge.text.fold``,
the way a phone keyboard without Telex types it). The report gives R@1, R@5 and MRR of both, the paired
gap (marked R@1 less bare R@1, in points), the pairs where one of the two does better, per question file
and overall, and the restorer's syllable accuracy on the twins (restored against the row as written).

Where a twin loses, the report says what its understanding did differently from the marked row's
(language, lexicon terms, intent, restored text) and replays the twin's ranking with the marked row's
restored text, then with all of the marked row's understanding but its typed text: what restoration,
and then language, lexicon and intent, cost the bare rows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from eval.measure import first_hit, ranking
from eval.retrieval import add_questions_argument

CAUSES = ("language", "lexicon", "intent", "restoration")  # what a twin's understanding may get wrong
REPLAYS = ("restored", "understood")  # the twin ranked with the marked row's restored text / understanding
TOP_ERRORS = 30
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Pair:
    """One marked row and its bare twin: where each ranks an acceptable code (None: not among them)."""

    file: str
    id: str
    marked: int | None
    bare: int | None
    replays: dict[str, int | None]  # REPLAYS -> the twin's rank when given the marked row's ...
    causes: tuple[str, ...]  # CAUSES where the twin's understanding differs from the marked row's


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_questions_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--limit", type=int, help="only the first N marked rows of each file (a quick look)")


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from assistant.helpdesk import Helpdesk
    from eval.retrieval import QUESTIONS

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    rows = marked_rows(args.questions or list(QUESTIONS), args.limit)
    if not rows:
        raise UsageError("no in-scope Vietnamese question with marks in the question files")
    helpdesk = Helpdesk.load()
    print(f"asking {len(rows)} marked rows and their bare twins", file=sys.stderr)
    pairs = [pair(helpdesk, file, item) for file, item in rows]
    restoration = restoration_report(helpdesk.restorer, [item["question"] for _, item in rows])
    result = {"files": _by_file(pairs), "restoration": restoration}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print(result)
    return 0


def marked_rows(paths: Iterable[Path], limit: int | None = None) -> list[tuple[str, dict]]:
    """(file name, row) of every in-scope Vietnamese row written with marks, file by file."""
    from eval.retrieval import load_questions
    from knowledge.text import has_vietnamese_marks

    rows = []
    for path in paths:
        chosen = [
            item
            for item in load_questions([Path(path)])
            if item.get("lang") == "vi"
            and item["expect"] != "handoff"
            and has_vietnamese_marks(item["question"])
        ]
        rows.extend((Path(path).stem, item) for item in chosen[:limit])
    return rows


def pair(helpdesk, file: str, item: dict) -> Pair:
    """Ask the row and its bare twin; replay the twin with the marked row's understanding."""
    from knowledge.text import fold

    codes = set(item["codes"])
    marked = helpdesk.trace(item["question"])
    bare = helpdesk.trace(fold(item["question"]))
    replayed = {
        "restored": replace(bare.query, restored=marked.query.restored),
        "understood": replace(marked.query, text=bare.query.text),
    }
    replays = {
        name: first_hit([c.procedure.code for c in helpdesk.rank(query)], codes)
        for name, query in replayed.items()
    }
    return Pair(
        file=file,
        id=item.get("id", "?"),
        marked=first_hit([c.code for c in marked.answer.candidates], codes),
        bare=first_hit([c.code for c in bare.answer.candidates], codes),
        replays=replays,
        causes=differences(marked.query, bare.query, helpdesk.restorer),
    )


def differences(marked, bare, restorer) -> tuple[str, ...]:
    """Which parts of the twin's understanding (``CAUSES``) differ from the marked row's."""
    found = []
    if bare.language != marked.language:
        found.append("language")
    if set(bare.terms) != set(marked.terms):
        found.append("lexicon")
    if bare.intent != marked.intent:
        found.append("intent")
    if restorer.restore(bare.text, expand_abbreviations=False).lower() != marked.text.lower():
        found.append("restoration")
    return tuple(found)


def paired(pairs: list[Pair]) -> dict:
    """Both sides' metrics, the gap, who wins, and what the twins that lose got wrong."""
    marked = ranking([p.marked for p in pairs])
    bare = ranking([p.bare for p in pairs])
    lost = [p for p in pairs if _reciprocal(p.bare) < _reciprocal(p.marked)]
    lost_at_1 = [p for p in pairs if p.marked == 1 and p.bare != 1]
    return {
        "pairs": len(pairs),
        "marked": marked,
        "bare": bare,
        "gap_r@1_points": round(100 * (marked["r@1"] - bare["r@1"]), 1),
        "bare_wins_at_1": sum(p.bare == 1 and p.marked != 1 for p in pairs),
        "bare_losses_at_1": len(lost_at_1),
        "bare_ranks_higher": sum(_reciprocal(p.bare) > _reciprocal(p.marked) for p in pairs),
        "bare_ranks_lower": len(lost),
        "replayed_bare": {name: ranking([p.replays[name] for p in pairs]) for name in REPLAYS},
        "causes_of_losses_at_1": _cause_counts(lost_at_1),
        "losses_at_1": [
            {"id": p.id, "marked": p.marked, "bare": p.bare, "causes": p.causes} for p in lost_at_1
        ],
    }


def _cause_counts(pairs: list[Pair]) -> dict:
    counts = Counter(cause for p in pairs for cause in p.causes)
    return {
        **{cause: counts[cause] for cause in CAUSES},
        "none": sum(not p.causes for p in pairs),
        "fixed_by_marked_restoration": sum(p.replays["restored"] == 1 for p in pairs),
        "fixed_by_marked_understanding": sum(p.replays["understood"] == 1 for p in pairs),
    }


def _reciprocal(rank: int | None) -> float:
    return 1 / rank if rank else 0.0


def _by_file(pairs: list[Pair]) -> dict:
    files: dict[str, list[Pair]] = {}
    for p in pairs:
        files.setdefault(p.file, []).append(p)
    report = {name: paired(rows) for name, rows in files.items()}
    if len(files) > 1:
        report["all"] = paired(pairs)
    return report


def restoration_report(restorer, questions: list[str]) -> dict:
    """Syllable accuracy of the restorer on the twins (as ``eval diacritics`` counts it) and its errors."""
    from eval.diacritics import Score
    from knowledge.text import fold

    score = Score()
    errors: Counter[tuple[str, str]] = Counter()
    for question in questions:
        restored = restorer.restore(fold(question), expand_abbreviations=False)
        score.add(question, restored, 0.0)
        said, got = _WORD.findall(question.lower()), _WORD.findall(restored.lower())
        if len(said) == len(got):
            errors.update((s, g) for s, g in zip(said, got, strict=True) if s != g)
    accuracy = score.report()
    return {
        "syllables": accuracy["syllables"],
        "accuracy": accuracy["accuracy"],
        "accuracy_either_tone_placement": accuracy["accuracy_either_tone_placement"],
        "commonest_errors": [
            {"said": s, "restored": g, "count": n} for (s, g), n in errors.most_common(TOP_ERRORS)
        ],
    }


def _print(result: dict) -> None:
    header = (
        f"{'file':<10} {'pairs':>5}  {'marked R@1/R@5/MRR':>20}  {'bare R@1/R@5/MRR':>20}  {'gap':>5}"
        f"  {'wins/losses@1':>13}  {'restored→':>9}  {'understood→':>11}"
    )
    print(header)
    for name, row in result["files"].items():
        m, b = row["marked"], row["bare"]
        replay = row["replayed_bare"]
        print(
            f"{name:<10} {row['pairs']:>5}  {_triple(m):>20}  {_triple(b):>20}  {row['gap_r@1_points']:>5}"
            f"  {row['bare_wins_at_1']:>6}/{row['bare_losses_at_1']:<6}  {replay['restored']['r@1']:>9.3f}"
            f"  {replay['understood']['r@1']:>11.3f}"
        )
    for name, row in result["files"].items():
        print(f"{name}: causes of the bare twins' losses at 1: {row['causes_of_losses_at_1']}")
    r = result["restoration"]
    print(
        f"restorer on the twins: {r['syllables']} syllables, accuracy {r['accuracy']}, "
        f"either tone placement {r['accuracy_either_tone_placement']}"
    )
    print(
        "commonest errors:",
        ", ".join(f"{e['said']}→{e['restored']} ×{e['count']}" for e in r["commonest_errors"]),
    )


def _triple(m: dict) -> str:
    return f"{m['r@1']:.3f}/{m['r@5']:.3f}/{m['mrr']:.3f}"
