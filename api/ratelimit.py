"""Rate limits for public routes behind a small interface; the embedded default is an in-process token
bucket per client key (the client's address). A multi-server deployment would put a shared store
(e.g. PostgreSQL or the proxy's own limiter) behind the same ``RateLimiter`` protocol."""

from __future__ import annotations

import threading
import time
from typing import Protocol


class RateLimiter(Protocol):
    def allow(self, key: str) -> float:
        """0 when the request may go on; otherwise the seconds to wait before retrying."""
        ...


class TokenBucket:
    """``rate_per_minute`` requests per key on average, bursts up to ``burst``; 0 disables the limit."""

    def __init__(self, rate_per_minute: float, burst: int, max_keys: int = 100_000) -> None:
        self._rate = rate_per_minute / 60.0
        self._burst = float(max(1, burst))
        self._max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill time)
        self._lock = threading.Lock()

    def allow(self, key: str) -> float:
        if self._rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (self._burst, now))
            tokens = min(self._burst, tokens + (now - last) * self._rate)
            if tokens >= 1.0:
                self._store(key, tokens - 1.0, now)
                return 0.0
            self._store(key, tokens, now)
            return (1.0 - tokens) / self._rate

    def _store(self, key: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= self._max_keys and key not in self._buckets:
            # forget full buckets (idle clients) so memory stays bounded
            self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self._burst - 1e-9}
        self._buckets[key] = (tokens, now)
