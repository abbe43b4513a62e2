"""Is the question about something the catalogue covers? A logistic model over the retrieval evidence.

One signal was not enough: out-of-scope questions borrow the catalogue's words ("a SIM card with my
passport", "a bank loan for a flat") and in-scope ones may share few words with any name. The model
weighs the reranker's confidence, both rankers' best scores, the lexicon's matches and how much of the
citizen's own words the best name holds, and hands the question to staff when the probability of
being out of scope reaches ``threshold``.

The weights and the threshold live in ``assistant/data/handoff.json``, fitted by
``motcua eval handoff --write`` (the threshold, on held-out folds, is the one with the most room on
both targets: at least 90% of out-of-scope questions handed off, at most 5% of in-scope ones).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from assistant.lexicon import words
from assistant.options import options
from assistant.query import Query
from assistant.rerank import name_words
from assistant.retrieve import Candidate

MODEL_FILE = Path(__file__).resolve().parent / "data" / "handoff.json"
FEATURES = (
    "top_probability",  # the reranker's probability of its first procedure, its levels summed
    "best_dense",  # best cosine similarity among the candidates
    "best_bm25",  # log(1 + best BM25 score)
    "has_terms",  # the lexicon recognized an everyday phrase
    "terms",  # how many catalogue terms it found
    "own_in_name",  # share of the citizen's own topic words in the first candidate's name (vi; else coverage)
    "coverage",  # share of the first candidate's name words the question covers
    "term_is_name",  # a catalogue term the lexicon found is the first procedure's whole name (any language)
    "outside_margin",  # similarity to the nearest out-of-scope topic minus best_dense (assistant.out_of_scope)
    "english",
    "thai",
    # English and Thai reach BM25 only through the lexicon's catalogue terms (the citizen's own words are
    # never in a Vietnamese name): their lexical evidence gets a slope of its own
    "best_bm25_en_th",  # best_bm25 for English and Thai, 0 for Vietnamese
    "has_terms_en_th",  # has_terms for English and Thai, 0 for Vietnamese
)


def features(query: Query, candidates: list[Candidate]) -> np.ndarray:
    top = candidates[0]
    best_dense = max(c.dense for c in candidates)
    best_bm25 = math.log1p(max(c.bm25 for c in candidates))
    has_terms = float(bool(query.terms))
    lexicon_only = float(query.language != "vi")
    return np.asarray(
        (
            # A procedure published at two levels splits its probability between them; the question is
            # no less in scope for that ("passport" at provincial and central level, 0.68 + 0.32).
            options(candidates)[0].probability,
            best_dense,
            best_bm25,
            has_terms,
            float(len(query.terms)),
            # English and Thai have no own Vietnamese words: the catalogue terms' share of the name stands in
            top.own if query.language == "vi" else top.coverage,
            top.coverage,
            float(any(set(words(term)) == name_words(top.procedure) for term in query.terms)),
            top.outside - best_dense,
            float(query.language == "en"),
            float(query.language == "th"),
            lexicon_only * best_bm25,
            lexicon_only * has_terms,
        )
    )


def sigmoid(logits: np.ndarray) -> np.ndarray:
    """The logistic function, written with tanh so that a far-out logit saturates instead of
    overflowing ``exp``."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(logits, dtype=np.float64)))


@dataclass(frozen=True)
class HandoffModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float  # hand off at or above this probability of being out of scope

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> HandoffModel:
        data = json.loads(path.read_text("utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted on other features; run `motcua eval handoff --write`")
        vectors = (np.asarray(data[key], dtype=np.float64) for key in ("weights", "mean", "scale"))
        weights, mean, scale = vectors
        return cls(weights, float(data["bias"]), mean, scale, float(data["threshold"]))

    @classmethod
    def never(cls) -> HandoffModel:
        """A model that hands nothing off (what ``motcua eval handoff`` collects its evidence under)."""
        zeros = np.zeros(len(FEATURES))
        return cls(zeros, 0.0, zeros, np.ones(len(FEATURES)), threshold=2.0)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
        }

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """Probability of being out of scope, for each row of features."""
        logits = ((np.atleast_2d(matrix) - self.mean) / self.scale) @ self.weights + self.bias
        return sigmoid(logits)

    def out_of_scope(self, query: Query, candidates: list[Candidate]) -> bool:
        if not candidates:
            return True
        return bool(self.probability(features(query, candidates))[0] >= self.threshold)


@cache
def default_handoff_model() -> HandoffModel:
    return HandoffModel.load()
