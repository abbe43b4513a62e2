"""Hybrid retrieval: BM25 and dense rankings fused by weighted reciprocal rank fusion.

``Retriever.run(query, mode)`` returns the ranked candidates with the fused score and each ranker's own
score (the decision stage reads both). ``mode="bm25"`` and ``mode="dense"`` give the single-ranker
baselines that ``motcua eval retrieval`` measures beside the hybrid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.bm25 import BM25Index, terms
from assistant.dense import DenseIndex
from assistant.embeddings import Embedder
from assistant.lexicon import Lexicon, words
from assistant.query import Query
from assistant.settings import RetrievalSettings
from knowledge.schema import Procedure

Mode = Literal["hybrid", "bm25", "dense"]
_QUALIFIER = re.compile(r"\([^)]*\)")
EXPANSION_WEIGHT = 0.5  # a lexicon term counts half as much as a word the citizen typed


@dataclass(frozen=True)
class Candidate:
    procedure: Procedure
    score: float  # fused score (or the single ranker's score in a baseline mode)
    bm25: float  # BM25 score, 0 when BM25 did not rank it
    dense: float  # cosine similarity, 0 when the dense ranker did not rank it
    coverage: float = 0.0  # share of its name's words the question covers (hybrid mode, leading ones)


class Retriever:
    def __init__(
        self,
        procedures: list[Procedure],
        bm25: BM25Index,
        dense: DenseIndex,
        embedder: Embedder,
        lexicon: Lexicon,
        settings: RetrievalSettings,
    ):
        self.procedures = procedures
        self.bm25 = bm25
        self.dense = dense
        self.embedder = embedder
        self.lexicon = lexicon
        self.settings = settings
        # name words without the level qualifier in brackets and the "thủ tục" prefix
        self._name_words = [set(words(_QUALIFIER.sub(" ", p.name))) - {"thu", "tuc"} for p in procedures]

    def run(self, query: Query, mode: Mode = "hybrid") -> list[Candidate]:
        depth = min(self.settings.depth, len(self.procedures))
        bm25_scores = self._bm25(query) if mode != "dense" else None
        dense_scores = self._dense(query, depth) if mode != "bm25" else {}
        bm25_ranked: list[int] = []
        if bm25_scores is not None:
            top = np.argpartition(-bm25_scores, depth - 1)[:depth]
            bm25_ranked = [int(i) for i in top[np.argsort(-bm25_scores[top])] if bm25_scores[i] > 0]
        dense_ranked = list(dense_scores)
        coverage: dict[int, float] = {}
        if mode == "bm25":
            fused = {row: float(bm25_scores[row]) for row in bm25_ranked}
        elif mode == "dense":
            fused = dict(dense_scores)
        else:
            fused = self._fuse(bm25_ranked, dense_ranked)
            coverage, unsaid = self._name_coverage(query, fused)
            for row, share in coverage.items():
                fused[row] += self.settings.name_weight * share - self.settings.unsaid_weight * min(
                    unsaid[row], self.settings.unsaid_cap
                )
        order = sorted(fused, key=lambda row: -fused[row])[: self.settings.candidates]
        return [
            Candidate(
                procedure=self.procedures[row],
                score=fused[row],
                bm25=float(bm25_scores[row]) if bm25_scores is not None else 0.0,
                dense=dense_scores.get(row, 0.0),
                coverage=coverage.get(row, 0.0),
            )
            for row in order
        ]

    def _bm25(self, query: Query) -> np.ndarray:
        own = terms(query.lexical_words(self.lexicon.stopwords))
        expanded = [t for phrase in query.terms for t in terms(words(phrase))]
        weights = [1.0] * len(own) + [EXPANSION_WEIGHT] * len(expanded)
        return self.bm25.scores(own + expanded, weights)

    def _dense(self, query: Query, depth: int) -> dict[int, float]:
        vector = self.embedder.queries([query.dense_text])[0]
        scores, rows = self.dense.search(vector, depth)
        return {int(row): float(score) for row, score in zip(rows, scores, strict=True)}

    def _name_coverage(
        self, query: Query, fused: dict[int, float]
    ) -> tuple[dict[int, float], dict[int, int]]:
        """The share of each leading candidate's name words the question (with its terms) covers.

        Fusion adds ``name_weight`` times it to the score. Variants share most of their name with the base procedure and add words ("Xóa đăng ký tạm
        trú", "Đổi giấy phép lái xe ... của người nước ngoài"); a candidate whose extra words the
        citizen never said is less likely the one meant.
        """
        said = set(query.lexical_words(self.lexicon.stopwords))
        said.update(word for phrase in query.terms for word in words(phrase))
        leading = sorted(fused, key=lambda r: -fused[r])[: self.settings.rerank_depth]
        unsaid = {row: len(self._name_words[row] - said) for row in leading}
        coverage = {row: 1.0 - unsaid[row] / max(len(self._name_words[row]), 1) for row in leading}
        return coverage, unsaid

    def _fuse(self, bm25_ranked: list[int], dense_ranked: list[int]) -> dict[int, float]:
        s = self.settings
        fused: dict[int, float] = {}
        for weight, ranked in ((s.bm25_weight, bm25_ranked), (s.dense_weight, dense_ranked)):
            for rank, row in enumerate(ranked):
                fused[row] = fused.get(row, 0.0) + weight / (s.rrf_k + rank + 1)
        return fused
