"""Choose the clarify thresholds of ``assistant.decide`` on a question set.

The retrieval of every question is run once; the decision is then replayed for each point of a grid:
the (``variant_ratio``, ``variant_similarity``) pair with the best F1 of "clarify" against the questions
that expect a clarification. The chosen values are committed by hand to ``assistant/settings.py``.
(Handoff is a fitted model of its own: ``motcua eval handoff``.)
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.decide import decide
from assistant.handoff import HandoffModel
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings

RATIO_GRID = tuple(np.round(np.arange(0.20, 1.001, 0.02), 2))  # of reranker probabilities
SIMILARITY_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

Traced = tuple[dict, Query, list[Candidate]]  # (question item, query, ranked candidates)


def calibrate(traced: list[Traced], start: DecisionSettings, handoff: HandoffModel) -> DecisionSettings:
    wants = [item["expect"] == "clarify" for item, _q, _r in traced]
    best_f1, chosen = -1.0, start
    for ratio in RATIO_GRID:
        for similar in SIMILARITY_GRID:
            trial = replace(start, variant_ratio=float(ratio), variant_similarity=float(similar))
            asked = [decide(q, ranked, trial, handoff).status == "clarify" for _i, q, ranked in traced]
            hits = sum(a and w for a, w in zip(asked, wants, strict=True))
            precision = hits / max(sum(asked), 1)
            recall = hits / max(sum(wants), 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            if f1 > best_f1:
                best_f1, chosen = f1, trial
    return chosen
