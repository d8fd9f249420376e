"""When to retry a failed request and how long to wait first."""

from __future__ import annotations

import email.utils
import random
import time

import httpx

__all__ = ["INITIAL_RETRY_DELAY", "MAX_RETRY_DELAY", "retry_delay", "should_retry"]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A server-provided delay is trusted only up to this many seconds.
MAX_RETRY_AFTER = 60.0

_RETRYABLE_STATUSES = frozenset({408, 409, 429})


def should_retry(response: httpx.Response) -> bool:
    """Whether an error response is worth retrying.

    ``x-should-retry: true|false`` from the server wins; otherwise request timeouts
    (408), lock conflicts (409), rate limits (429) and server errors (5xx) are retried.
    """
    header = str(response.headers.get("x-should-retry", "")).strip().lower()
    if header in ("true", "false"):
        return header == "true"
    return response.status_code in _RETRYABLE_STATUSES or response.status_code >= 500


def retry_delay(retries_taken: int, headers: httpx.Headers | None = None) -> float:
    """Seconds to wait before retry number ``retries_taken + 1``.

    A ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date) header between
    0 and 60 seconds is obeyed; otherwise exponential backoff from 0.5 s, capped at
    8 s, with up to 25 % jitter so that clients do not retry in lockstep.
    """
    server_delay = _retry_after(headers) if headers is not None else None
    if server_delay is not None and 0 < server_delay <= MAX_RETRY_AFTER:
        return server_delay
    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 32), MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _retry_after(headers: httpx.Headers) -> float | None:
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return email.utils.mktime_tz(parsed) - time.time()
