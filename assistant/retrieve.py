"""Hybrid retrieval: BM25 and dense rankings fused by weighted reciprocal rank fusion.

``Retriever.run(query, mode, limit)`` returns the ranked candidates with the fused score and each
ranker's own score (the reranker and the decision stage read them). ``mode="bm25"`` and
``mode="dense"`` give the single-ranker baselines that ``motcua eval retrieval`` measures beside the
hybrid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.bm25 import BM25Index, terms
from assistant.dense import DenseIndex, QueryEncoder
from assistant.lexicon import Lexicon, words
from assistant.out_of_scope import OutOfScopeTopics
from assistant.query import Query
from assistant.settings import RetrievalSettings
from knowledge.schema import Procedure

Mode = Literal["hybrid", "bm25", "dense"]
EXPANSION_WEIGHT = 0.5  # a lexicon term counts half as much as a word the citizen typed


@dataclass(frozen=True)
class Candidate:
    procedure: Procedure
    score: float  # fused score (or the single ranker's score in a baseline mode)
    bm25: float  # BM25 score, 0 when BM25 did not rank it
    dense: float  # cosine similarity, 0 when the dense ranker did not rank it
    coverage: float = 0.0  # share of its name's words the question covers (set by the reranker)
    own: float = 0.0  # share of the citizen's own topic words found in its name (set by the reranker)
    # the question's cosine similarity to the nearest out-of-scope topic (assistant.out_of_scope), the
    # same for every candidate of a question; 0 when the dense ranker did not run
    outside: float = 0.0
    # cosine similarity to the question's own vector, before the lexicon's terms shift it (0 when not
    # among that search's nearest, or when the dense ranker did not run)
    dense_bare: float = 0.0


class Retriever:
    def __init__(
        self,
        procedures: list[Procedure],
        bm25: BM25Index,
        dense: DenseIndex,
        encoder: QueryEncoder,
        lexicon: Lexicon,
        settings: RetrievalSettings,
        topics: OutOfScopeTopics | None = None,
    ):
        self.procedures = procedures
        self.bm25 = bm25
        self.dense = dense
        self.encoder = encoder
        self.lexicon = lexicon
        self.settings = settings
        self.topics = topics

    def run(self, query: Query, mode: Mode = "hybrid", limit: int | None = None) -> list[Candidate]:
        """The best ``limit`` candidates (default ``settings.candidates``), best first."""
        depth = min(self.settings.depth, len(self.procedures))
        bm25_scores = self._bm25(query) if mode != "dense" else None
        dense_scores, bare_scores, outside = self._dense(query, depth) if mode != "bm25" else ({}, {}, 0.0)
        bm25_ranked: list[int] = []
        if bm25_scores is not None:
            top = np.argpartition(-bm25_scores, depth - 1)[:depth]
            bm25_ranked = [int(i) for i in top[np.argsort(-bm25_scores[top])] if bm25_scores[i] > 0]
        dense_ranked = list(dense_scores)
        if mode == "bm25":
            fused = {row: float(bm25_scores[row]) for row in bm25_ranked}
        elif mode == "dense":
            fused = dict(dense_scores)
        else:
            fused = self._fuse(bm25_ranked, dense_ranked)
        order = sorted(fused, key=lambda row: -fused[row])[: limit or self.settings.candidates]
        return [
            Candidate(
                procedure=self.procedures[row],
                score=fused[row],
                bm25=float(bm25_scores[row]) if bm25_scores is not None else 0.0,
                dense=dense_scores.get(row, 0.0),
                outside=outside,
                dense_bare=bare_scores.get(row, 0.0),
            )
            for row in order
        ]

    def _bm25(self, query: Query) -> np.ndarray:
        own = terms(query.lexical_words(self.lexicon.stopwords))
        expanded = [t for phrase in query.terms for t in terms(words(phrase))]
        weights = [1.0] * len(own) + [EXPANSION_WEIGHT] * len(expanded)
        return self.bm25.scores(own + expanded, weights)

    def _dense(self, query: Query, depth: int) -> tuple[dict[int, float], dict[int, float], float]:
        """Similarity of the nearest procedures, the same for the question's own vector (before the
        lexicon's terms shift it), and the similarity of the nearest out-of-scope topic."""
        vector, own = self.encoder.vectors(query.dense_question, query.dense_terms)
        searched = self._nearest(vector, depth)
        bare = searched if own is vector else self._nearest(own, depth)
        outside = self.topics.nearest(vector) if self.topics else 0.0
        return searched, bare, outside

    def _nearest(self, vector: np.ndarray, depth: int) -> dict[int, float]:
        scores, rows = self.dense.search(vector, depth)
        return {int(row): float(score) for row, score in zip(rows, scores, strict=True)}

    def _fuse(self, bm25_ranked: list[int], dense_ranked: list[int]) -> dict[int, float]:
        s = self.settings
        fused: dict[int, float] = {}
        for weight, ranked in ((s.bm25_weight, bm25_ranked), (s.dense_weight, dense_ranked)):
            for rank, row in enumerate(ranked):
                fused[row] = fused.get(row, 0.0) + weight / (s.rrf_k + rank + 1)
        return fused
