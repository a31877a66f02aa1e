"""Retries for a link that drops, a server that fails for a moment and one that asks
to slow down: exponential backoff with jitter on connection errors and 5xx answers,
and the server's own `Retry-After` on 429 and 503, within a bounded number of tries.

A request sent again may already have been done by the server (the answer was lost):
the platform adapter makes that harmless (409 on a creation links to the user that
exists, 404 on a removal means it is gone).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx2

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    #: Tries of one request in all (the first one included).
    attempts: int = 5
    #: The first pause (seconds), doubled at each retry...
    base_delay: float = 0.25
    #: ...up to this; a longer `Retry-After` is cut to it too.
    max_delay: float = 30.0


class RetryingTransport(httpx2.BaseTransport):
    """Wraps a transport; `cancelled` (set per run) stops the waiting between tries."""

    def __init__(
        self,
        inner: httpx2.BaseTransport,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._inner, self._policy, self._sleep = inner, policy, sleep
        self._random = rng or random.Random()
        self.cancelled: Callable[[], bool] = lambda: False
        self.retries = 0

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()  # a body sent again must be whole in memory
        for attempt in range(1, self._policy.attempts + 1):
            last = attempt == self._policy.attempts or self.cancelled()
            try:
                response = self._inner.handle_request(request)
            except (httpx2.TransportError, OSError):
                if last:
                    raise
                self._pause(self._backoff(attempt))
                continue
            if response.status_code not in RETRIED_STATUSES or last:
                return response
            wait = self._told_wait(response) or self._backoff(attempt)
            response.read()
            response.close()
            self._pause(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._policy.max_delay, self._policy.base_delay * 2.0 ** (attempt - 1))
        return ceiling * self._random.uniform(0.5, 1.0)

    def _told_wait(self, response: httpx2.Response) -> float | None:
        """The server's `Retry-After` (seconds or an HTTP date), on 429 and 503."""
        if response.status_code not in (429, 503):
            return None
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        try:
            seconds = float(value)
        except ValueError:
            try:
                seconds = float(parsedate_to_datetime(value).timestamp()) - time.time()
            except (TypeError, ValueError):
                return None
        return min(max(seconds, 0.0), self._policy.max_delay)

    def _pause(self, seconds: float) -> None:
        self.retries += 1
        left = seconds
        while left > 0 and not self.cancelled():
            step = min(left, 0.1)
            self._sleep(step)
            left -= step

    def close(self) -> None:
        self._inner.close()
