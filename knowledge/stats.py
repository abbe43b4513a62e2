"""Counts over a catalogue: how many procedures, from which source, and how full each field is."""

from __future__ import annotations

from collections import Counter
from typing import Any

from knowledge.catalogue import Catalogue
from knowledge.schema import Procedure

# Fields whose fill count is reported; the identity fields (code, name, provenance) are always set.
REPORTED_FIELDS = tuple(name for name in Procedure.model_fields if name not in {"code", "name", "provenance"})


def catalogue_stats(catalogue: Catalogue) -> dict[str, Any]:
    procedures = list(catalogue)
    channels = [c for p in procedures for c in p.channels]
    fees = [f for c in channels for f in c.fees]
    return {
        "procedures": len(procedures),
        "sources": dict(Counter(p.provenance.source.value for p in procedures)),
        "fields": {name: sum(1 for p in procedures if _filled(getattr(p, name))) for name in REPORTED_FIELDS},
        "completed_from_crawl": sum(1 for p in procedures if p.provenance.completed_fields),
        "channels": dict(Counter(c.channel.value for c in channels)),
        "channel_times": {
            "known": sum(1 for c in channels if c.time.value is not None and c.time.unit is not None),
            "unit_unknown": sum(1 for c in channels if c.time.value is not None and c.time.unit is None),
            "unknown": sum(1 for c in channels if c.time.value is None),
        },
        "fees": {
            "amount": sum(1 for f in fees if f.amount_vnd),
            "free": sum(1 for f in fees if f.kind == "free"),
            "amount_unknown": sum(1 for f in fees if f.amount_vnd is None),
        },
        "documents": sum(len(p.documents) for p in procedures),
        "form_codes": len({code for p in procedures for code in p.form_codes}),
        "levels": dict(Counter(level for p in procedures for level in p.levels)),
        "ministries": dict(Counter(p.ministry for p in procedures if p.ministry)),
        "fingerprint": catalogue.fingerprint,
    }


def _filled(value: Any) -> bool:
    if hasattr(value, "model_dump"):
        return any(_filled(v) for v in value.model_dump().values())
    return value is not None and value != "" and value != () and value != []
