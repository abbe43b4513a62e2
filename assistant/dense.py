"""Dense retrieval: procedure passages embedded once into a FAISS inner-product index, cached on disk.

The cache file lives in ``knowledge.paths.build_dir()`` and is keyed by the catalogue fingerprint, the
embedder's name and the passage recipe, so a new catalogue, model or recipe builds a new index.
Building prints progress to standard error.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from assistant.embeddings import Embedder
from knowledge.paths import build_dir, build_lock
from knowledge.schema import Procedure

RECIPE_VERSION = 1  # bump when passage_text changes
BATCH = 32


def passage_text(procedure: Procedure) -> str:
    """What a procedure is embedded as: its name, then its citizen-facing topic and its results."""
    parts = [procedure.name]
    if procedure.topic:
        parts.append(procedure.topic)
    parts.extend(procedure.results[:2])
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip())


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self.index = index

    @property
    def size(self) -> int:
        return self.index.ntotal

    @classmethod
    def build(cls, procedures: Sequence[Procedure], embedder: Embedder, progress: bool = True) -> DenseIndex:
        index = faiss.IndexFlatIP(embedder.dim)
        started = time.monotonic()
        for start in range(0, len(procedures), BATCH):
            batch = procedures[start : start + BATCH]
            index.add(embedder.passages([passage_text(p) for p in batch]))
            if progress:
                done = start + len(batch)
                elapsed = time.monotonic() - started
                print(
                    f"\rembedding procedures: {done}/{len(procedures)} ({elapsed:.0f} s)",
                    end="" if done < len(procedures) else "\n",
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
                if index.ntotal == len(procedures) and index.d == embedder.dim:
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
        """(similarities, row indices) of the k nearest procedures, best first."""
        scores, rows = self.index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), k)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]


def build_record(fingerprint: str, embedder: Embedder, directory: Path | None = None) -> dict | None:
    """How long building the cached index took, as recorded when it was built (None if unknown)."""
    path = cache_path(fingerprint, embedder, directory).with_suffix(".json")
    return json.loads(path.read_text()) if path.is_file() else None


def cache_path(fingerprint: str, embedder: Embedder, directory: Path | None = None) -> Path:
    key = hashlib.sha256(f"{fingerprint}:{embedder.name}:{RECIPE_VERSION}".encode()).hexdigest()[:16]
    return (directory or build_dir()) / f"dense-{key}.faiss"
