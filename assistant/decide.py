"""Answer, clarify or hand off, from the retrieval candidates.

- handoff: nothing in the catalogue looks like the question. No everyday phrase of the lexicon matched,
  the best dense similarity is below ``min_dense`` and the best BM25 score below ``min_bm25``.
- clarify: the runners-up score within ``variant_ratio`` of the best one (the rankers cannot tell
  them apart: provincial vs central level, with or without a foreign element, household business vs
  company...). The text then asks which of those 2-4 procedures is meant.
- answer: otherwise, about the best candidate.

The thresholds live in ``assistant.settings.DecisionSettings`` and are chosen by ``eval.calibrate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure

Status = Literal["answer", "clarify", "handoff"]


@dataclass(frozen=True)
class Decision:
    status: Status
    procedures: tuple[Procedure, ...]  # the one answered about, or the options of a clarification


def in_scope(query: Query, candidates: list[Candidate], settings: DecisionSettings) -> bool:
    if not candidates:
        return False
    if query.terms:
        return True
    best_dense = max(c.dense for c in candidates)
    best_bm25 = max(c.bm25 for c in candidates)
    return best_dense >= settings.min_dense or best_bm25 >= settings.min_bm25


def close_variants(candidates: list[Candidate], settings: DecisionSettings) -> list[Candidate]:
    """The candidates scoring within ``variant_ratio`` of the best one (the best included)."""
    best = candidates[0].score
    if best <= 0:
        return candidates[:1]
    close = [c for c in candidates if c.score >= settings.variant_ratio * best]
    return close[: settings.max_variants]


def decide(query: Query, candidates: list[Candidate], settings: DecisionSettings) -> Decision:
    if not in_scope(query, candidates, settings):
        return Decision("handoff", ())
    close = close_variants(candidates, settings)
    if len(close) >= 2:
        return Decision("clarify", tuple(c.procedure for c in close))
    return Decision("answer", (candidates[0].procedure,))
