"""Lexical retrieval: BM25 over diacritic-folded procedure text, the name weighing most.

Terms are folded syllables and pairs of adjacent syllables (Vietnamese words are mostly two syllables:
"đăng ký", "khai sinh"; the pair keeps "cấp lại" apart from "lại" and "cấp"). Each procedure is one
document whose term frequencies are the field-weighted sum over its fields (a simple BM25F), so a term
in the name counts several times one in the list of documents. The scored matrix (documents x terms,
saturated tf times idf) is precomputed, so a query is one sparse column slice and a dot product.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from assistant.lexicon import words
from knowledge.schema import Procedure

# weight of a term occurrence by the field it is in
FIELD_WEIGHTS = {"name": 3.0, "results": 1.0, "topic": 1.0, "field": 0.5, "applicants": 0.3, "documents": 0.2}
K1 = 1.2
B = 0.75


def terms(tokens: Sequence[str]) -> list[str]:
    """Syllables and adjacent syllable pairs of already folded words."""
    return [*tokens, *(f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))]


def procedure_fields(procedure: Procedure) -> dict[str, str]:
    return {
        "name": procedure.name,
        "results": " . ".join(procedure.results),
        "topic": procedure.topic,
        "field": procedure.field,
        "applicants": " . ".join(procedure.applicants),
        "documents": " . ".join(d.name for d in procedure.documents),
    }


class BM25Index:
    def __init__(self, vocabulary: dict[str, int], matrix: sparse.csc_matrix):
        self.vocabulary = vocabulary
        self.matrix = matrix  # documents x terms

    @classmethod
    def build(cls, procedures: Iterable[Procedure], field_weights: dict[str, float] = FIELD_WEIGHTS):
        vocabulary: dict[str, int] = {}
        rows, cols, values, lengths = [], [], [], []
        for row, procedure in enumerate(procedures):
            counts: Counter[int] = Counter()
            length = 0.0
            for name, text in procedure_fields(procedure).items():
                weight = field_weights.get(name, 0.0)
                if not weight or not text:
                    continue
                for term in terms(words(text)):
                    counts[vocabulary.setdefault(term, len(vocabulary))] += weight
                    length += weight
            lengths.append(length)
            for col, tf in counts.items():
                rows.append(row)
                cols.append(col)
                values.append(tf)
        n_docs = len(lengths)
        tf = sparse.csr_matrix((values, (rows, cols)), shape=(n_docs, len(vocabulary)), dtype=np.float64)
        df = np.bincount(cols, minlength=len(vocabulary))
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        lengths_arr = np.asarray(lengths)
        norm = K1 * (1.0 - B + B * lengths_arr / max(lengths_arr.mean(), 1e-9))
        tf = tf.tocoo()
        saturated = tf.data * (K1 + 1.0) / (tf.data + norm[tf.row])
        scored = sparse.csc_matrix(
            (saturated * idf[tf.col], (tf.row, tf.col)), shape=tf.shape, dtype=np.float32
        )
        return cls(vocabulary, scored)

    @property
    def size(self) -> int:
        return self.matrix.shape[0]

    def scores(self, query_terms: Iterable[str], weights: Iterable[float] | None = None) -> np.ndarray:
        """BM25 score of every document for the query terms (a term repeated counts more)."""
        counts: Counter[int] = Counter()
        for term, weight in zip(
            query_terms, weights if weights is not None else itertools.repeat(1.0), strict=False
        ):
            col = self.vocabulary.get(term)
            if col is not None:
                counts[col] += weight
        if not counts:
            return np.zeros(self.size, dtype=np.float32)
        cols = np.fromiter(counts.keys(), dtype=np.int64)
        query = np.fromiter(counts.values(), dtype=np.float32)
        return np.asarray(self.matrix[:, cols] @ query).ravel()
