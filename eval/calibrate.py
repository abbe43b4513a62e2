"""Choose the decision thresholds of ``assistant.decide`` on a question set.

The retrieval of every question is run once; the decision is then replayed for each point of a grid.
Handoff: the (min_dense, min_bm25) pair with the best out-of-scope recall among those that hand off at
most ``MAX_IN_SCOPE_HANDOFF`` of in-scope questions (ties: the fewest in-scope handoffs). Clarify: the
(``variant_ratio``, ``variant_similarity``) pair with the best F1 of "clarify" against the questions that
expect a clarification.
The chosen values are committed by hand to ``assistant/settings.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.decide import decide
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings

MAX_IN_SCOPE_HANDOFF = 0.05
DENSE_GRID = tuple(np.round(np.arange(0.70, 0.901, 0.005), 3))
BM25_GRID = (4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 1e9)
RATIO_GRID = tuple(np.round(np.arange(0.20, 1.001, 0.02), 2))  # of reranker probabilities
SIMILARITY_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

Traced = tuple[dict, Query, list[Candidate]]  # (question item, query, ranked candidates)


def _statuses(traced: list[Traced], settings: DecisionSettings) -> list[str]:
    return [decide(query, ranked, settings).status for _item, query, ranked in traced]


def calibrate(traced: list[Traced], start: DecisionSettings | None = None) -> DecisionSettings:
    settings = start or DecisionSettings()
    expected = [item["expect"] for item, _q, _r in traced]
    out_of_scope = [e == "handoff" for e in expected]
    n_out = max(sum(out_of_scope), 1)
    n_in = max(len(expected) - sum(out_of_scope), 1)

    best_key, best = None, settings
    for min_dense in DENSE_GRID:
        for min_bm25 in BM25_GRID:
            trial = replace(
                settings, min_dense=float(min_dense), min_bm25=float(min_bm25), variant_ratio=1.01
            )
            handed = [s == "handoff" for s in _statuses(traced, trial)]
            in_rate = sum(h and not o for h, o in zip(handed, out_of_scope, strict=True)) / n_in
            recall = sum(h and o for h, o in zip(handed, out_of_scope, strict=True)) / n_out
            if in_rate > MAX_IN_SCOPE_HANDOFF:
                continue
            key = (recall, -in_rate)
            if best_key is None or key > best_key:
                best_key, best = key, trial

    best_f1, chosen = -1.0, best
    wants = [e == "clarify" for e in expected]
    for ratio in RATIO_GRID:
        for similar in SIMILARITY_GRID:
            trial = replace(best, variant_ratio=float(ratio), variant_similarity=float(similar))
            asked = [s == "clarify" for s in _statuses(traced, trial)]
            hits = sum(a and w for a, w in zip(asked, wants, strict=True))
            precision = hits / max(sum(asked), 1)
            recall = hits / max(sum(wants), 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            if f1 > best_f1:
                best_f1, chosen = f1, trial
    return chosen
