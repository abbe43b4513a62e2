"""Answer, clarify or hand off, from the retrieval candidates.

- handoff: the question is about something the catalogue does not cover (``assistant.handoff``, a
  model over the retrieval evidence) or nothing was found at all.
- clarify: runners-up score within ``variant_ratio`` of the best one and are variants of it (their
  names share at least ``variant_similarity`` of their words: provincial vs central level, one- vs
  two-member company, with or without a foreign element...). The text then asks which of those 2-4
  procedures is meant.
- answer: otherwise, about the best candidate.

The clarify thresholds live in ``assistant.settings.DecisionSettings`` and are chosen by
``eval.calibrate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.handoff import HandoffModel
from assistant.query import Query
from assistant.rerank import name_words
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure

Status = Literal["answer", "clarify", "handoff"]


@dataclass(frozen=True)
class Decision:
    status: Status
    procedures: tuple[Procedure, ...]  # the one answered about, or the options of a clarification


def similarity(a: Procedure, b: Procedure) -> float:
    """Jaccard similarity of two procedure names' words."""
    x, y = name_words(a), name_words(b)
    return len(x & y) / max(len(x | y), 1)


def close_variants(candidates: list[Candidate], settings: DecisionSettings) -> list[Candidate]:
    """The best candidate and the variants of it that score within ``variant_ratio`` of it."""
    best = candidates[0]
    if best.score <= 0:
        return [best]
    close = [best] + [
        c
        for c in candidates[1:]
        if c.score >= settings.variant_ratio * best.score
        and c.coverage >= best.coverage  # a variant adding words the citizen did not say is not meant
        and similarity(best.procedure, c.procedure) >= settings.variant_similarity
    ]
    return close[: settings.max_variants]


def decide(
    query: Query, candidates: list[Candidate], settings: DecisionSettings, handoff: HandoffModel
) -> Decision:
    if handoff.out_of_scope(query, candidates):
        return Decision("handoff", ())
    close = close_variants(candidates, settings)
    if len(close) >= 2:
        return Decision("clarify", tuple(c.procedure for c in close))
    return Decision("answer", (candidates[0].procedure,))
