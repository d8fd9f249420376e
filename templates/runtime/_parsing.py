"""From a successful HTTP response to the result type a method declares."""

from __future__ import annotations

import json
import re
import types
from typing import Any, Union, cast, get_args, get_origin

import httpx
import pydantic

from ._exceptions import APIResponseValidationError
from ._models import find_schema_violations, parse_json

__all__ = ["parse_response"]

# Media types read as text: text/*, XML, JSON and a few more that are text whatever their name.
_TEXT_MEDIA = re.compile(
    r"^\s*(text/|application/(xml|[\w.+-]+\+xml|json|[\w.+-]+\+json|javascript|ecmascript|x-yaml|yaml"
    r"|graphql|sql|x-www-form-urlencoded)\s*(;|$))",
    re.IGNORECASE,
)
_MAX_LISTED_UNKNOWNS = 10
_MAX_LISTED_ERRORS = 5


def parse_response(cast_to: Any, response: httpx.Response, *, strict: bool) -> Any:
    """Convert a fully read response into ``cast_to``.

    ``None`` gives ``None``; ``str``, ``bytes`` and ``httpx.Response`` give the text,
    the content or the response itself; anything else is validated from JSON. With
    ``strict``, the body must follow the schema: values are not coerced, and unknown
    enum values, unknown union variants and extra fields where the schema forbids them
    (see ``find_schema_violations``) are refused; extra fields the schema allows are kept.

    Raises:
        APIResponseValidationError: the body is not JSON, is empty, does not match
            ``cast_to`` or, with ``strict``, breaks its schema.
    """
    if cast_to is None or cast_to is type(None):
        return None
    if cast_to is httpx.Response:
        return response
    if cast_to is str:
        return response.text
    if cast_to is bytes:
        return response.content
    if _is_text_or_bytes(cast_to):
        # The spec declares text and binary types: the Content-Type says which one came.
        textual = _TEXT_MEDIA.match(response.headers.get("content-type", ""))
        return response.text if textual else response.content
    if not response.content and _admits_none(cast_to):
        return None  # a success without content (e.g. 204) where the type allows it
    _check_json_response(response, cast_to)
    try:
        result = parse_json(cast_to, response.content, strict=strict)
    except pydantic.ValidationError as exc:
        failure = (_validation_message(exc, cast_to), _without_input(exc))
    else:
        if strict:
            violations = find_schema_violations(result)
            if violations:
                raise APIResponseValidationError(
                    response,
                    _decoded_body(response),
                    message=_violations_message(violations),
                )
        return result
    # Raised outside the handler, from a copy without the input: pydantic's own error
    # quotes the body, which may hold credentials the server echoed.
    message, cause = failure
    raise APIResponseValidationError(
        response, _decoded_body(response), message=message
    ) from cause


def _without_input(
    error: pydantic.ValidationError,
) -> pydantic.ValidationError | None:
    """The same validation errors (types and locations) with no input quoted."""
    details: list[dict[str, Any]] = []
    for detail in error.errors(include_url=False, include_input=False):
        copy: dict[str, Any] = {
            "type": detail["type"],
            "loc": detail["loc"],
            "input": None,
        }
        if "ctx" in detail:
            copy["ctx"] = detail["ctx"]
        details.append(copy)
    try:
        return pydantic.ValidationError.from_exception_data(
            error.title, cast(Any, details)
        )
    except (TypeError, ValueError, KeyError):  # an error type that cannot be rebuilt
        return None


def _admits_none(cast_to: Any) -> bool:
    return get_origin(cast_to) in (Union, types.UnionType) and type(None) in get_args(
        cast_to
    )


def _describe_type(cast_to: Any) -> str:
    return getattr(cast_to, "__name__", None) or repr(cast_to)


def _check_json_response(response: httpx.Response, cast_to: Any) -> None:
    content_type = response.headers.get("content-type")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    # A missing content type is given the benefit of the doubt.
    if content_type is not None and not media_type.endswith("json"):
        raise APIResponseValidationError(
            response,
            _decoded_body(response),
            message=f"Expected a JSON response for {_describe_type(cast_to)} but got "
            f"content-type {content_type!r}",
        )
    content = response.content
    # Checks the first byte before stripping: no copy of a large body.
    if not content or (content[:1].isspace() and not content.strip()):
        raise APIResponseValidationError(
            response,
            None,
            message=f"Expected a JSON response for {_describe_type(cast_to)} but the "
            "body is empty",
        )


def _decoded_body(response: httpx.Response) -> object:
    try:
        decoded: object = json.loads(response.content)
    except ValueError:
        return response.text
    return decoded


def _validation_message(error: pydantic.ValidationError, cast_to: Any) -> str:
    problems = [
        f"/{'/'.join(str(part) for part in detail['loc'])}: {detail['msg']}"
        for detail in error.errors(include_url=False, include_input=False)
    ]
    shown = "; ".join(problems[:_MAX_LISTED_ERRORS])
    if len(problems) > _MAX_LISTED_ERRORS:
        shown += f"; and {len(problems) - _MAX_LISTED_ERRORS} more"
    return f"Response body does not match {_describe_type(cast_to)}: {shown}"


def _violations_message(violations: list[str]) -> str:
    shown = "; ".join(violations[:_MAX_LISTED_UNKNOWNS])
    if len(violations) > _MAX_LISTED_UNKNOWNS:
        shown += f"; and {len(violations) - _MAX_LISTED_UNKNOWNS} more"
    return (
        "Response breaks the schema known to this SDK (strict_response_validation is on): "
        + shown
    )


def _is_text_or_bytes(cast_to: Any) -> bool:
    """Whether ``cast_to`` is ``str | bytes`` (in either order)."""
    return get_origin(cast_to) in (Union, types.UnionType) and set(
        get_args(cast_to)
    ) == {str, bytes}
