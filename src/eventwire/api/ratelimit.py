"""A per-client token bucket: `rate` requests per second on average, bursts of up to `burst`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    """Not thread-safe by design: it is only called from the event loop (ASGI middleware)."""

    def __init__(self, rate: float, burst: float, *, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError(f"rate limit needs rate > 0 and burst >= 1 (got {rate}/s, burst {burst})")
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def acquire(self, client: str) -> float:
        """Take one token for client: 0.0 when allowed, else the seconds until a token is available."""
        now = self._clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._forget_idle(now)
            bucket = self._buckets[client] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        # A bucket that has refilled is the same as no bucket; dropping those bounds memory under many
        # clients. If every client is still limited, the oldest half goes (they merely get a fresh burst).
        refill_time = self.burst / self.rate
        for client in [c for c, b in self._buckets.items() if now - b.updated >= refill_time]:
            del self._buckets[client]
        if len(self._buckets) >= self.max_clients:
            by_age = sorted(self._buckets, key=lambda c: self._buckets[c].updated)
            for client in by_age[: len(by_age) // 2]:
                del self._buckets[client]
