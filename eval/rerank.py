"""``motcua eval rerank``: fit the reranker's weights and report what they gain, cross-validated.

Every in-scope question runs through understanding and fusion once; the reranker's features of its
fused candidates are kept. The weights are fitted by L-BFGS on the listwise softmax loss (the
probability of the acceptable codes among a question's candidates) with an L2 penalty. The report
compares fusion alone with the reranker on held-out folds (k-fold over questions), so the gain it shows
is on questions the weights were not fitted on. ``--write`` then fits on every question and writes
``assistant/data/rerank.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

import numpy as np

from eval import fitting
from eval.fitting import fold_numbers, standardization

L2 = 1.0  # on standardized features


@dataclass(frozen=True)
class Group:
    """One question's candidates: features, which are acceptable, and the fused order's ranks."""

    item: dict
    matrix: np.ndarray
    gold: np.ndarray  # bool per candidate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    fitting.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from assistant.helpdesk import Helpdesk
    from assistant.lexicon import default_lexicon
    from assistant.rerank import MODEL_FILE, Reranker, RerankModel
    from eval.retrieval import load_questions

    # fusion's own order: the file being fitted may be missing or stale
    helpdesk = Helpdesk.load(reranker=Reranker(default_lexicon(), RerankModel.fused_order()))
    items = [item for item in load_questions(args.questions) if item["expect"] != "handoff"]
    groups = collect(helpdesk, items)
    result = cross_validate(groups, args.folds)
    if args.write:
        model = fit(groups)
        MODEL_FILE.write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n", "utf-8")
        result["written"] = str(MODEL_FILE)
        result["weights"] = dict(zip(model.to_json()["features"], model.to_json()["weights"], strict=True))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(result)
    return 0


def collect(helpdesk, items: list[dict]) -> list[Group]:
    from assistant.rerank import features

    depth = helpdesk.settings.retrieval.rerank_depth
    groups = []
    for number, item in enumerate(items, start=1):
        query = helpdesk.understand(item["question"])
        fused = helpdesk.retriever.run(query, "hybrid", limit=depth)
        matrix = features(query, fused, helpdesk.lexicon)
        gold = np.asarray([c.procedure.code in set(item["codes"]) for c in fused], dtype=bool)
        groups.append(Group(item, matrix, gold))
        if number % 100 == 0:
            print(f"features: {number}/{len(items)}", file=sys.stderr)
    return groups


def fit(groups: list[Group], l2: float = L2):
    """The model minimizing the listwise loss over the groups that have an acceptable candidate."""
    from scipy.optimize import minimize

    from assistant.rerank import RerankModel

    usable = [g for g in groups if g.gold.any()]
    stacked = np.vstack([g.matrix for g in usable])
    mean, scale = standardization(stacked)
    standardized = [((g.matrix - mean) / scale, g.gold) for g in usable]

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        total, gradient = l2 * weights @ weights, 2 * l2 * weights
        for matrix, gold in standardized:
            logits = matrix @ weights
            p_all = _softmax(logits)
            p_gold = _softmax(np.where(gold, logits, -np.inf))
            total += _logsumexp(logits) - _logsumexp(logits[gold])
            gradient += matrix.T @ (p_all - p_gold)
        return total / len(standardized), gradient / len(standardized)

    start = np.zeros(stacked.shape[1])
    start[0] = 1.0  # the fused score
    found = minimize(loss, start, jac=True, method="L-BFGS-B")
    return RerankModel(found.x, mean, scale)


def cross_validate(groups: list[Group], folds: int) -> dict:
    from eval.retrieval import slice_of

    fold_of = fold_numbers(len(groups), folds)
    reranked: list[int | None] = [None] * len(groups)
    for fold in range(folds):
        model = fit([g for i, g in enumerate(groups) if fold_of[i] != fold])
        for i, group in enumerate(groups):
            if fold_of[i] == fold:
                reranked[i] = _rank(group.gold[np.argsort(-model.scores(group.matrix), kind="stable")])
    fused = [_rank(g.gold) for g in groups]
    slices: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        slices.setdefault(slice_of(group.item), []).append(i)
    return {
        "questions": len(groups),
        "folds": folds,
        "fused": _metrics(fused),
        "reranked_out_of_fold": _metrics(reranked),
        "slices": {
            name: {
                "fused": _metrics([fused[i] for i in rows]),
                "reranked_out_of_fold": _metrics([reranked[i] for i in rows]),
            }
            for name, rows in sorted(slices.items())
        },
    }


def _rank(gold_in_order: np.ndarray) -> int | None:
    hits = np.flatnonzero(gold_in_order)
    return int(hits[0]) + 1 if hits.size else None


def _metrics(ranks: list[int | None]) -> dict:
    n = max(len(ranks), 1)
    return {
        "n": len(ranks),
        "r@1": round(sum(r == 1 for r in ranks) / n, 3),
        "r@5": round(sum(r is not None and r <= 5 for r in ranks) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
    }


def _softmax(logits: np.ndarray) -> np.ndarray:
    finite = np.isfinite(logits)
    exp = np.zeros_like(logits)
    exp[finite] = np.exp(logits[finite] - logits[finite].max())
    return exp / exp.sum()


def _logsumexp(values: np.ndarray) -> float:
    top = values.max()
    return float(top + np.log(np.exp(values - top).sum()))


def _print(result: dict) -> None:
    print(f"{result['questions']} in-scope questions, {result['folds']}-fold cross-validation")
    print(f"{'slice':<16}{'n':>5}  {'fused R@1/R@5/MRR':>20}  {'reranked (held-out folds)':>26}")
    rows = [("all", result["fused"], result["reranked_out_of_fold"])]
    rows += [(name, s["fused"], s["reranked_out_of_fold"]) for name, s in result["slices"].items()]
    for name, before, after in rows:
        print(
            f"{name:<16}{before['n']:>5}  {before['r@1']:.3f}/{before['r@5']:.3f}/{before['mrr']:.3f}"
            f"{'':>6}{after['r@1']:.3f}/{after['r@5']:.3f}/{after['mrr']:.3f}"
        )
    if "written" in result:
        print("written:", result["written"])
