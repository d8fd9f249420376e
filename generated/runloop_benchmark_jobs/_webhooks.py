"""Parsing webhook deliveries (OpenAPI 3.1 ``webhooks``) into their payload types.

Generated SDKs list their webhooks as :class:`WebhookSpec` values; ``client.webhooks.unwrap``
calls :func:`unwrap_webhook` with them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Union

import pydantic

from ._models import parse_json

__all__ = ["WebhookParseError", "WebhookSpec", "unwrap_webhook"]


class WebhookParseError(ValueError):
    """A delivery is not JSON or matches none of the webhooks' payload types."""


@dataclasses.dataclass(frozen=True)
class WebhookSpec:
    """One webhook: its name, its payload type and the fixed headers that identify it."""

    name: str
    payload: Any
    headers: tuple[tuple[str, str], ...] = ()


def unwrap_webhook(
    body: str | bytes,
    headers: Mapping[str, str] | None,
    webhooks: Sequence[WebhookSpec],
) -> object:
    """Parse ``body`` into the payload type of the webhook it is a delivery of.

    Webhooks whose fixed headers all match ``headers`` are tried first; otherwise
    every webhook is a candidate and the payload types are tried as a union
    (pydantic's smart mode picks the best-fitting one).

    Raises:
        WebhookParseError: the body is not JSON or fits none of the payload types.
    """
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    matching = [
        w
        for w in webhooks
        if w.headers and all(lowered.get(h.lower()) == v for h, v in w.headers)
    ]
    candidates = matching or list(webhooks)
    types = list(dict.fromkeys(w.payload for w in candidates))
    target: Any = types[0] if len(types) == 1 else Union[tuple(types)]  # noqa: UP007
    data = body.encode() if isinstance(body, str) else body
    try:
        return parse_json(target, data)
    except pydantic.ValidationError as exc:
        names = ", ".join(w.name for w in candidates)
        raise WebhookParseError(
            f"The webhook delivery matches none of: {names} ({exc.error_count()} errors)"
        ) from exc
