"""Choose the clarify thresholds of ``assistant.decide`` on a question set.

The retrieval of every question is run once, and the handoff verdict taken once (the clarify settings
do not change it); the clarify choice is then replayed for each point of a grid: the
(``variant_ratio``, ``variant_difference``, ``vague_words``, ``vague_chars``) combination with the best
F1 of "clarify" against the questions that expect a clarification, ties going to the one that asks
less. The chosen values are committed by hand to ``assistant/settings.py``. ``level_ratio`` is not
gridded: the question set labels no choice between levels of one procedure, so F1 would only switch off
the offer of levels to a "where" question. (Handoff is a fitted model of its own: ``motcua eval handoff``.)
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from assistant.decide import close_variants
from assistant.handoff import HandoffModel
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings

RATIO_GRID = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3)  # of reranker probabilities
DIFFERENCE_GRID = (2, 4, 6, 8, 10)
VAGUE_WORDS_GRID = (0, 1, 2, 3, 4)
VAGUE_CHARS_GRID = (30, 40, 50, 60, 80)

Traced = tuple[dict, Query, list[Candidate]]  # (question item, query, ranked candidates)


def calibrate(traced: list[Traced], start: DecisionSettings, handoff: HandoffModel) -> DecisionSettings:
    asking = [
        (item, query, ranked) for item, query, ranked in traced if not handoff.out_of_scope(query, ranked)
    ]
    wanted = sum(item["expect"] == "clarify" for item, _q, _r in traced)
    best_key, chosen = None, start
    grid = itertools.product(RATIO_GRID, DIFFERENCE_GRID, VAGUE_WORDS_GRID, VAGUE_CHARS_GRID)
    for ratio, difference, vague_words, vague_chars in grid:
        trial = replace(
            start,
            variant_ratio=ratio,
            variant_difference=difference,
            vague_words=vague_words,
            vague_chars=vague_chars,
        )
        asked = [item for item, q, ranked in asking if len(close_variants(q, ranked, trial)) >= 2]
        hits = sum(item["expect"] == "clarify" for item in asked)
        precision = hits / max(len(asked), 1)
        recall = hits / max(wanted, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        key = (round(f1, 6), -len(asked))
        if best_key is None or key > best_key:
            best_key, chosen = key, trial
    return chosen
