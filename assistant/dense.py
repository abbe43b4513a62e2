"""Dense retrieval: procedure passages embedded once into a FAISS inner-product index, cached on disk,
and the question vector it is searched with (``QueryEncoder``).

The cache files live in ``knowledge.paths.build_dir()``. The index is keyed by the catalogue
fingerprint, the embedder's name, the passage recipe and the wording of the glosses and situations, so
a new catalogue, model, recipe or wording builds a new index; building prints progress to standard
error. The lexicon's term vectors (and the out-of-scope topics' passages, ``assistant.out_of_scope``)
are keyed by the embedder and the texts.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import faiss
import numpy as np

from assistant.embeddings import Embedder
from assistant.glosses import glosses
from assistant.situations import LANGUAGES, situations
from knowledge.paths import build_dir, build_lock
from knowledge.schema import Procedure

RECIPE_VERSION = 5  # bump when passages change
BATCH = 32
# How much each catalogue term's vector counts beside the question's own. Cross-validated reranker R@1
# on the tuning set: 0.884 at 0.3 (0.883 at 0.25 and 0.35, 0.877 at 0.5), against 0.880 when the
# question and its terms were embedded as one text.
TERM_WEIGHT = 0.3


def passage_text(procedure: Procedure) -> str:
    """The Vietnamese passage of a procedure: its name, citizen-facing topic and results. (Adding the
    field, "lĩnh vực", lowered R@1 on Vietnamese questions: its generic words pull other fields closer.)"""
    parts = [procedure.name, procedure.topic, *procedure.results[:2]]
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip())


def passages(procedure: Procedure) -> list[str]:
    """Every text a procedure is embedded as: its Vietnamese passage; its English and Thai glosses when
    it is one of the most-asked procedures; and its citizens' situations, one passage per language
    (``assistant.situations``). Glosses and situations get vectors of their own: appended to the
    Vietnamese passage the glosses helped English and Thai questions but pulled Vietnamese ones away.
    One vector per language beat one per situation (cross-validated reranker R@1 on the tuning set
    0.930 against 0.919; 0.903 without situations)."""
    gloss = glosses().get(procedure.code, {})
    told = situations().get(procedure.code, {})
    return (
        [passage_text(procedure)]
        + ([". ".join(gloss.values())] if gloss else [])
        + [". ".join(told[language]) for language in LANGUAGES if told.get(language)]
    )


class DenseIndex:
    """Vectors of procedure passages; each vector carries the row of its procedure as its id."""

    def __init__(self, index: faiss.Index):
        self.index = index
        rows = faiss.vector_to_array(index.id_map) if index.ntotal else np.zeros(1, dtype=np.int64)
        self.most_passages = int(np.bincount(rows).max())  # of any one procedure

    @property
    def size(self) -> int:
        """Vectors in the index (a procedure has one, more with glosses and situations)."""
        return self.index.ntotal

    @classmethod
    def build(cls, procedures: Sequence[Procedure], embedder: Embedder, progress: bool = True) -> DenseIndex:
        index = faiss.IndexIDMap(faiss.IndexFlatIP(embedder.dim))
        texts = [(row, text) for row, p in enumerate(procedures) for text in passages(p)]
        started = time.monotonic()
        for start in range(0, len(texts), BATCH):
            batch = texts[start : start + BATCH]
            ids = np.asarray([row for row, _ in batch], dtype=np.int64)
            index.add_with_ids(embedder.passages([text for _, text in batch]), ids)
            if progress:
                done = start + len(batch)
                elapsed = time.monotonic() - started
                print(
                    f"\rembedding passages: {done}/{len(texts)} ({elapsed:.0f} s)",
                    end="" if done < len(texts) else "\n",
                    file=sys.stderr,
                    flush=True,
                )
        return cls(index)

    @classmethod
    def load_or_build(
        cls,
        procedures: Sequence[Procedure],
        fingerprint: str,
        embedder: Embedder,
        directory: Path | None = None,
    ) -> DenseIndex:
        path = cache_path(fingerprint, embedder, directory)
        with build_lock(path):  # another process may be building it: wait, then load its result
            if path.is_file():
                index = faiss.read_index(str(path))
                if index.ntotal == sum(len(passages(p)) for p in procedures) and index.d == embedder.dim:
                    return cls(index)
            started = time.monotonic()
            built = cls.build(procedures, embedder)
            seconds = time.monotonic() - started
            partial = path.with_suffix(".tmp")
            faiss.write_index(built.index, str(partial))
            partial.replace(path)
            record = {"seconds": round(seconds, 1), "procedures": len(procedures), "embedder": embedder.name}
            path.with_suffix(".json").write_text(json.dumps(record))
            return built

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, procedure rows) of the k nearest procedures, best first, each procedure once
        with the similarity of its nearest passage."""
        # One query against a few thousand vectors takes 0.3 ms on one thread; FAISS's own OpenMP
        # threads would only wait on the cores the embedding engine's threads hold (11 ms measured).
        # The setting is the calling thread's own: concurrent requests each set it.
        faiss.omp_set_num_threads(1)
        # no procedure has more than most_passages vectors, so that many times k neighbours hold k
        # distinct procedures (or all of them)
        neighbours = min(self.most_passages * k, self.size)
        scores, rows = self.index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), neighbours)
        _, first = np.unique(rows[0], return_index=True)
        first = np.sort(first[rows[0][first] >= 0])[:k]  # each procedure's nearest passage, in rank order
        return scores[0][first], rows[0][first]


def build_record(fingerprint: str, embedder: Embedder, directory: Path | None = None) -> dict | None:
    """How long building the cached index took, as recorded when it was built (None if unknown)."""
    path = cache_path(fingerprint, embedder, directory).with_suffix(".json")
    return json.loads(path.read_text()) if path.is_file() else None


def cache_path(fingerprint: str, embedder: Embedder, directory: Path | None = None) -> Path:
    key = f"{fingerprint}:{embedder.name}:{RECIPE_VERSION}:{wording_digest()}"
    return (directory or build_dir()) / f"dense-{hashlib.sha256(key.encode()).hexdigest()[:16]}.faiss"


def wording_digest() -> str:
    """Digest of the glosses and situations the passages are made from, so that editing one builds a
    new index (an edit keeps the number of passages, which is all a cached index is checked against)."""
    wording = json.dumps([glosses(), situations()], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(wording.encode()).hexdigest()[:16]


def cached_vectors(
    kind: str,
    texts: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
    embedder: Embedder,
    directory: Path | None = None,
) -> np.ndarray:
    """``embed(texts)`` read from the build folder, or computed and kept there, keyed by the embedder
    and the texts (another process computing them is waited for, then read)."""
    key = hashlib.sha256("\n".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    path = (directory or build_dir()) / f"{kind}-{key}.npy"
    with build_lock(path):
        vectors = np.load(path) if path.is_file() else None
        if vectors is None or vectors.shape != (len(texts), embedder.dim):
            vectors = embed(list(texts)) if texts else np.empty((0, embedder.dim), np.float32)
            partial = path.with_suffix(".tmp")
            with open(partial, "wb") as handle:
                np.save(handle, vectors)
            partial.replace(path)
    return vectors


class QueryEncoder:
    """The vector a question is searched with: its own embedding plus ``weight`` times the vector of
    each catalogue term the lexicon maps it to, normalized.

    The terms are a finite set, so their vectors are embedded once (``load`` keeps them in the build
    folder) while each question is embedded alone: a question and its terms averaged 35 tokens, the
    question alone 21, and the engine's time grows with the tokens.
    """

    def __init__(
        self, embedder: Embedder, terms: dict[str, np.ndarray] | None = None, weight: float = TERM_WEIGHT
    ):
        self.embedder = embedder
        self.weight = weight
        self._terms = dict(terms or {})
        self._lock = threading.Lock()

    @classmethod
    def load(cls, embedder: Embedder, terms: Iterable[str], directory: Path | None = None) -> QueryEncoder:
        """An encoder with the vectors of ``terms`` read from the build folder, or embedded and kept
        there (the lexicon's ~200 terms took 5-10 s to embed on a busy 2-core box; reading takes ms)."""
        terms = sorted(set(terms))
        vectors = cached_vectors("terms", terms, embedder.queries, embedder, directory)
        return cls(embedder, dict(zip(terms, vectors, strict=True)))

    def vector(self, question: str, terms: Sequence[str] = ()) -> np.ndarray:
        return self.vectors(question, terms)[0]

    def vectors(self, question: str, terms: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
        """The vector searched with, and the question's own before the terms shift it (free: the
        question is embedded once either way)."""
        vector = self.embedder.queries([question])[0]
        if not terms:
            return vector, vector
        shifted = vector + self.weight * self.term_vectors(terms).sum(axis=0)
        return (shifted / np.linalg.norm(shifted)).astype(np.float32), vector

    def term_vectors(self, terms: Sequence[str]) -> np.ndarray:
        """The query vectors of the terms, a term the encoder was not loaded with embedded once."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in terms if t not in self._terms))
        if missing:
            embedded = dict(zip(missing, self.embedder.queries(missing), strict=True))
            with self._lock:
                self._terms.update(embedded)
        with self._lock:
            return np.stack([self._terms[t] for t in terms])
