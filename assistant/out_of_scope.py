"""What a public administration service center does not do (``data/out_of_scope.json``).

Bank loans, weather, prices, tickets, doctors, schools, jobs, private disputes, shopping, utility bills,
restaurants, rentals, repairs, entertainment, lessons, pets, banquets, private insurance, second-hand
goods, trademarks and product barcodes, scholarships and school diplomas: each topic told in
Vietnamese, English and Thai, written from general knowledge of what the center does, never copied
from the question sets, and kept clear of the catalogue's own families (no ID or VNeID accounts, no
land disputes, no moving house, no certified copies, no court filings). The last two were added after
reading the tuning sets' misses (a product barcode, a lost school diploma); other near misses tried
then (courts, military service, traffic fines, embassies' visas) either overlap catalogue procedures
or handed off more in-scope questions than they caught. Their passage vectors are compared with the
question's: the handoff model reads how much nearer the question is to the nearest of them than to the
best procedure (``assistant.handoff``), a comparison within one language's similarity scale, where the
best procedure's similarity alone runs lower in Thai and in restored Vietnamese than in accented
Vietnamese.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from assistant.dense import cached_vectors
from assistant.embeddings import Embedder

TOPICS_FILE = Path(__file__).resolve().parent / "data" / "out_of_scope.json"
LANGUAGES = ("vi", "en", "th")


@cache
def topics() -> dict[str, dict[str, str]]:
    """Descriptions by topic, then by language."""
    return json.loads(TOPICS_FILE.read_text("utf-8"))


def topic_passages() -> list[str]:
    return [told[language] for told in topics().values() for language in LANGUAGES]


class OutOfScopeTopics:
    """The topics' passage vectors, embedded once and kept in the build folder."""

    def __init__(self, vectors: np.ndarray):
        self.vectors = vectors

    @classmethod
    def load(cls, embedder: Embedder, directory: Path | None = None) -> OutOfScopeTopics:
        return cls(cached_vectors("out-of-scope", topic_passages(), embedder.passages, embedder, directory))

    def nearest(self, vector: np.ndarray) -> float:
        """Cosine similarity of a (normalized) question vector to the nearest topic passage."""
        return float((self.vectors @ np.asarray(vector, dtype=np.float32).ravel()).max())
