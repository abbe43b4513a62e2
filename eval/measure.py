"""Small measurement helpers shared by the evaluations."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence


def percentile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) by nearest rank: a value that was measured; None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def first_hit(ranked: Sequence[str], codes: Collection[str]) -> int | None:
    """1-based rank of the first acceptable code among ``ranked``; None when none is ranked."""
    return next((i for i, code in enumerate(ranked, start=1) if code in codes), None)


def ranking(ranks: Sequence[int | None]) -> dict:
    """R@1, R@5 and MRR of questions' first-hit ranks (None: no acceptable code ranked)."""
    n = max(len(ranks), 1)
    return {
        "r@1": round(sum(k == 1 for k in ranks) / n, 3),
        "r@5": round(sum(k is not None and k <= 5 for k in ranks) / n, 3),
        "mrr": round(sum(1 / k for k in ranks if k) / n, 3),
    }
