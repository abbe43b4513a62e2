"""Write a set of synthetic documents: for each level and index, one person per card kind, each face
rendered, degraded and saved as ``<type>_<level>_<index>.jpg`` beside its ground truth ``.json``."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from eval.docgen.content import truth_fields
from eval.docgen.degrade import degrade
from eval.docgen.identity import Card, make_card
from eval.docgen.kinds import CARD_KIND, CardKind, DocumentType, Level
from eval.docgen.layouts import RENDERERS


def generate(
    out: Path, count: int, seed: int, levels: Sequence[Level], types: Sequence[DocumentType]
) -> list[dict]:
    """Generate ``count`` documents of every type at every level; returns the ground-truth records.

    Each card kind, level and index seeds its own random stream, so the same person appears whatever
    subset of types is asked for, and a front and a back of one card share a ``card_id``.
    """
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for level in levels:
        for index in range(count):
            cards: dict[str, Card] = {}
            for document_type in types:
                kind = CARD_KIND[document_type]
                if kind not in cards:
                    cards[kind] = card_for(seed, level, index, kind)
                records.append(_write(out, cards[kind], document_type, level, index, seed))
    return records


def card_for(seed: int, level: Level, index: int, kind: CardKind) -> Card:
    """The card behind every face numbered ``index`` at ``level`` in the set made with ``seed``."""
    return make_card(random.Random(f"{seed}:{level}:{index}:{kind}"), kind)


def _write(out: Path, card: Card, document_type: DocumentType, level: Level, index: int, seed: int) -> dict:
    rng = random.Random(f"{seed}:{level}:{index}:{document_type}")
    degraded = degrade(RENDERERS[document_type](card, rng), level, rng)
    stem = f"{document_type}_{level}_{index:04d}"
    degraded.image.save(out / f"{stem}.jpg", "JPEG", quality=degraded.jpeg_quality)
    record = {
        "file": f"{stem}.jpg",
        "document_type": document_type,
        "level": level,
        "card_id": f"{card.kind}_{level}_{index:04d}",
        "fields": truth_fields(card, document_type),
        "corners": degraded.corners,
    }
    (out / f"{stem}.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return record
