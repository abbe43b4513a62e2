"""``motcua eval rerank``: fit the reranker's weights and report what they gain, cross-validated.

Every in-scope question runs through understanding and fusion once; the reranker's features of its
fused candidates are kept. The weights are fitted by L-BFGS on the listwise softmax loss (the
probability of the acceptable codes among a question's candidates) with an L2 penalty. The report
compares fusion alone with the reranker on held-out questions, overall, per question file and per
language, under three estimates (``eval.fitting``): k-fold over rows, k-fold over needs (paraphrase
twins kept together) and leave one file out, the honest figure for a new hand's writing. ``--write``
then fits on every question and writes ``assistant/data/rerank.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

import numpy as np

from eval import fitting
from eval.fitting import standardization
from eval.measure import ranking

L2 = 1.0  # on standardized features, per question
ESTIMATES = ("rows", "needs", "files")  # eval.fitting.splits


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
        model = fit_settled(groups)
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


def fit(groups: list[Group], l2: float = L2, penalties: np.ndarray | None = None, weights=None):
    """The model minimizing the (row-weighted) listwise loss over the groups that have an acceptable
    candidate, with an L2 penalty ``l2 * penalties`` per standardized feature."""
    from scipy.optimize import minimize

    from assistant.rerank import RerankModel

    keep = [i for i, g in enumerate(groups) if g.gold.any()]
    row_weights = np.ones(len(groups)) if weights is None else np.asarray(weights, dtype=np.float64)
    row_weights = row_weights[keep] / row_weights[keep].mean()
    usable = [groups[i] for i in keep]
    sizes = np.asarray([len(g.gold) for g in usable])
    stacked = np.vstack([g.matrix for g in usable])
    mean, scale = standardization(stacked, np.repeat(row_weights, sizes))
    lists = _Lists((stacked - mean) / scale, np.concatenate([g.gold for g in usable]), sizes, row_weights)
    # per question, as the loss is a mean: the same prior strength whatever the training set's size
    penalty = l2 * (np.ones(stacked.shape[1]) if penalties is None else penalties) / len(usable)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = lists.loss(w)
        return value + penalty @ (w * w), gradient + 2 * penalty * w

    start = np.zeros(stacked.shape[1])
    start[0] = 1.0  # the fused score
    found = minimize(loss, start, jac=True, method="L-BFGS-B")
    return RerankModel(found.x, mean, scale)


def fit_settled(groups: list[Group]):
    """The fit ``--write`` makes (and every estimate tests)."""
    return fit(groups)


class _Lists:
    """The listwise softmax loss of many questions' candidate lists at once (one matrix, segments)."""

    def __init__(self, matrix: np.ndarray, gold: np.ndarray, sizes: np.ndarray, weights: np.ndarray):
        self.matrix, self.gold_matrix = matrix, matrix[gold]
        self.segment = np.repeat(np.arange(len(sizes)), sizes)
        self.gold_segment = self.segment[gold]
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        self.gold_starts = np.searchsorted(self.gold_segment, np.arange(len(sizes)))
        self.weights = weights / weights.sum()

    def loss(self, w: np.ndarray) -> tuple[float, np.ndarray]:
        lse_all, p_all = _segment_softmax(self.matrix @ w, self.segment, self.starts)
        lse_gold, p_gold = _segment_softmax(self.gold_matrix @ w, self.gold_segment, self.gold_starts)
        value = float(self.weights @ (lse_all - lse_gold))
        gradient = self.matrix.T @ (self.weights[self.segment] * p_all)
        gradient -= self.gold_matrix.T @ (self.weights[self.gold_segment] * p_gold)
        return value, gradient


def _segment_softmax(logits: np.ndarray, segment: np.ndarray, starts: np.ndarray):
    """Per segment: log-sum-exp of its logits, and each logit's softmax probability within it."""
    top = np.maximum.reduceat(logits, starts)
    exp = np.exp(logits - top[segment])
    total = np.add.reduceat(exp, starts)
    return top + np.log(total), exp / total[segment]


def cross_validate(groups: list[Group], folds: int, fit_model=None) -> dict:
    """Fusion alone and the reranker on held-out questions under each estimate (``eval.fitting``: k-fold
    over rows, k-fold over needs, leave one file out), overall, per source file and per language."""
    fit_model = fit_model or fit_settled
    items = [g.item for g in groups]

    def fit_and_score(train: np.ndarray, test: np.ndarray) -> list[int | None]:
        model = fit_model([g for g, keep in zip(groups, train, strict=True) if keep])
        return [
            _rank(g.gold[np.argsort(-model.scores(g.matrix), kind="stable")]) for g in _rows(groups, test)
        ]

    return {
        "questions": len(groups),
        "folds": folds,
        "fused": breakdown(items, [_rank(g.gold) for g in groups]),
        "reranked": {
            scheme: breakdown(items, fitting.out_of_fold(items, scheme, folds, fit_and_score))
            for scheme in ESTIMATES
        },
    }


def breakdown(items: list[dict], ranks: list[int | None]) -> dict:
    """Metrics of the ranks overall, per source file and per language slice (rows not held out skipped)."""
    return fitting.breakdown(items, ranks, lambda rows: _metrics([ranks[i] for i in rows]))


def _rows(groups: list[Group], mask: np.ndarray) -> list[Group]:
    return [g for g, keep in zip(groups, mask, strict=True) if keep]


def _rank(gold_in_order: np.ndarray) -> int | None:
    hits = np.flatnonzero(gold_in_order)
    return int(hits[0]) + 1 if hits.size else None


def _metrics(ranks: list[int | None]) -> dict:
    return {"n": len(ranks), **ranking(ranks)}


def _print(result: dict) -> None:
    print(f"{result['questions']} in-scope questions; R@1/R@5/MRR of fusion alone and of the reranker")
    print(f"on held-out questions: {result['folds']}-fold over rows, over needs, and leave one file out")
    print(f"{'':<22}{'n':>5}  " + "".join(f"{name:>19}" for name in ("fused", *ESTIMATES)))
    labels = {"files": "file", "languages": "lang"}
    tables = [result["fused"], *(result["reranked"][scheme] for scheme in ESTIMATES)]
    names = [("all", "all")]
    names += [("files", name) for name in result["fused"]["files"]]
    names += [("languages", name) for name in result["fused"]["languages"]]
    for part, name in names:
        cells = [table["all"] if part == "all" else table[part].get(name) for table in tables]
        text = "".join(f"{_cell(cell):>19}" for cell in cells)
        print(f"{labels.get(part, '')} {name}".strip().ljust(22) + f"{cells[0]['n']:>5}  {text}")
    if "written" in result:
        print("written:", result["written"])


def _cell(metrics: dict | None) -> str:
    return (
        "-"
        if not metrics or not metrics["n"]
        else f"{metrics['r@1']:.3f}/{metrics['r@5']:.3f}/{metrics['mrr']:.3f}"
    )
