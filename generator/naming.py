"""Turn untrusted spec strings into valid, non-colliding Python identifiers.

Every name in the generated code is decided here, once, while the IR is built.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Callable

# Names a generated model field must not take: they would shadow pydantic's own API.
PYDANTIC_RESERVED = frozenset(name for name in dir(__import__("pydantic").BaseModel) if not name.startswith("__")) | {
    "model_config",
    "model_fields",
    "to_dict",
    "to_json",
}
BUILTIN_NAMES = frozenset(dir(builtins))
# Names the generated modules import or define themselves; a class may not take them.
RESERVED_CLASS_NAMES = frozenset(
    {
        "Any", "Annotated", "BaseModel", "Enum", "Field", "Literal", "RootModel", "Optional",
        "Union", "List", "Dict", "ClassVar", "TypedDict", "Required", "NotRequired",
        "OpenEnum", "UnknownVariant", "NotGiven", "NOT_GIVEN", "Omit", "PageConfig",
        "SyncPage", "AsyncPage", "AsyncPaginator", "AwareDatetime", "date", "datetime",
        "annotations", "httpx", "typing", "pydantic",
        # What a resource, pagination or webhooks module imports beside the models (one namespace).
        "Mapping", "Sequence", "TypeAlias", "SyncAPIResource", "AsyncAPIResource", "APIResponse",
        "AsyncAPIResponse", "ResponseContextManager", "AsyncResponseContextManager", "Stream",
        "AsyncStream", "ServerSentEvent", "FileTypes", "Body", "Headers", "Query", "Styled", "Webhooks",
        "WebhookParseError", "WebhookSpec",
    }
) | BUILTIN_NAMES  # fmt: skip

# Longest identifier we emit: a module named after it (plus a counter and ".py") stays far
# below the 255-byte file-name limit of common file systems, and a line stays readable.
MAX_NAME_LENGTH = 100
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
# Mixed-case words that camelCase splitting would cut apart (OAuth is not "o auth", IPv4 not "i pv4").
_COMPOUND_WORDS = re.compile(
    r"OAuth2?|IPv[46]|GraphQL|GitHub|GitLab|YouTube|LinkedIn|PayPal|JavaScript|TypeScript|PostgreSQL|MySQL|"
    r"NoSQL|iOS|macOS|tvOS|watchOS|iPadOS|iPhone|iPad|WiFi|eBay"
)


def ascii_words(text: str) -> list[str]:
    """Split any string into ASCII words, transliterating accents and dropping the rest.

    camelCase, PascalCase, kebab-case, snake_case, dotted and slashed names all split at their
    word boundaries; a run of capitals is one acronym (``APIKey`` → API, Key) and a few well-known
    mixed-case words stay whole (``OAuthToken`` → OAuth, Token).
    """
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    normalized = normalized.replace("'", "")  # "There's" is one word
    words: list[str] = []
    start = 0
    for match in (*_COMPOUND_WORDS.finditer(normalized), None):
        end = match.start() if match else len(normalized)
        words += [w for w in _NON_WORD.split(_CAMEL_BOUNDARY.sub(" ", normalized[start:end])) if w]
        if match:
            words.append(match.group(0))
            start = match.end()
    return words


def bounded(name: str, *, separator: str = "_") -> str:
    """``name`` cut to :data:`MAX_NAME_LENGTH`, ending in a hash of the whole name.

    Deterministic, and two long names that share a prefix still get different results.
    """
    if len(name) <= MAX_NAME_LENGTH:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{name[: MAX_NAME_LENGTH - len(digest) - len(separator)].rstrip('_')}{separator}{digest}"


def title_words(text: str) -> list[str]:
    """Split a title into ASCII words without splitting inside one (``GitHub's API`` → GitHub, API)."""
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    normalized = re.sub(r"(?<=\w)'s\b|(?<=s)'(?!\w)", "", normalized)  # possessives: GitHub's, Users'
    return [w for w in _NON_WORD.split(normalized.replace("'", "")) if w]


def snake_case(text: str, *, fallback: str = "value") -> str:
    """``listBenchmarkJobs`` → ``list_benchmark_jobs``; never empty, never starts with a digit,
    only ASCII letters, digits and ``_`` (so never a path), at most MAX_NAME_LENGTH long."""
    words = ascii_words(text)
    name = "_".join(w.lower() for w in words) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    return bounded(name)


def pascal_case(text: str, *, fallback: str = "Model") -> str:
    """``benchmark-job view`` → ``BenchmarkJobView``; never empty, never starts with a digit,
    only ASCII letters and digits, at most MAX_NAME_LENGTH long."""
    words = ascii_words(text)
    name = "".join(w[:1].upper() + w[1:] for w in words) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    return bounded(name, separator="")


def safe_identifier(name: str, *, avoid: frozenset[str] = frozenset()) -> str:
    """Append ``_`` to names that are keywords, builtins or otherwise reserved."""
    while keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in avoid:
        name += "_"
    return name


def field_name(wire_name: str) -> str:
    """The Python attribute for a JSON property (the wire name stays as the alias)."""
    name = (
        snake_case(wire_name, fallback="field")
        if not wire_name.isidentifier() or not wire_name.isascii()
        else wire_name
    )
    if name.startswith("_"):
        name = "field" + name
    return safe_identifier(bounded(name), avoid=PYDANTIC_RESERVED | BUILTIN_NAMES_FOR_FIELDS)


# Builtins shadowed by a class attribute do no harm; only these confuse readers and tools.
BUILTIN_NAMES_FOR_FIELDS = frozenset({"self", "cls"})


def parameter_name(wire_name: str) -> str:
    """A keyword-argument name for an operation parameter."""
    name = snake_case(wire_name, fallback="param")
    return safe_identifier(
        name,
        avoid=frozenset(
            {"self", "extra_headers", "extra_query", "extra_body", "timeout", "max_retries",
             "idempotency_key", "cast", "isinstance", "path_template", "strip_not_given",
             "stringify_headers", "make_request_options", "warnings", "httpx", "builtins"}
        ),
    )  # fmt: skip


def resource_class_names(base: str) -> tuple[str, str, str, str, str, str]:
    """Every class a resource named ``base`` defines: sync, async, and their raw/streaming wrappers."""
    sync, async_ = f"{base}Resource", f"Async{base}Resource"
    return (sync, async_, f"{sync}WithRawResponse", f"{sync}WithStreamingResponse",
            f"{async_}WithRawResponse", f"{async_}WithStreamingResponse")  # fmt: skip


class NameRegistry:
    """Hands out unique names in one namespace: ``Foo``, ``Foo2``, ``Foo3`` …

    By default names are unique case-insensitively (they may become file names); class
    names only need to be unique as written.
    """

    def __init__(self, reserved: frozenset[str] = frozenset(), *, case_sensitive: bool = False) -> None:
        self._fold = (lambda name: name) if case_sensitive else str.lower
        self._taken: set[str] = {self._fold(n) for n in reserved}

    def claim(self, wanted: str) -> str:
        """Return ``wanted`` or the first free numbered variant."""
        candidate, counter = wanted, 1
        while self._fold(candidate) in self._taken or keyword.iskeyword(candidate):
            counter += 1
            candidate = f"{wanted}{counter}"
        self._taken.add(self._fold(candidate))
        return candidate

    def claim_family(self, wanted: str, family: Callable[[str], tuple[str, ...]]) -> str:
        """Return ``wanted`` (or its first numbered variant) whose ``family`` of names are all free; claim them."""
        candidate, counter = wanted, 1
        while any(self._fold(n) in self._taken or keyword.iskeyword(n) for n in family(candidate)):
            counter += 1
            candidate = f"{wanted}{counter}"
        self._taken.update(self._fold(n) for n in family(candidate))
        return candidate

    def __contains__(self, name: str) -> bool:
        return self._fold(name) in self._taken


# Trailing words of a security scheme's name that say "this is a scheme", not what it carries.
_SCHEME_SUFFIXES = frozenset({"auth", "authentication", "authorization", "scheme", "security", "sec"})
_CREDENTIAL_ENDINGS = ("key", "token", "secret")


def credential_name(scheme_name: str, *, suffix: str, fallback: str) -> str:
    """The client argument of one of several key or token schemes, from the scheme's name.

    ``AdminApiKeyAuth`` → ``admin_api_key``, ``BearerToken`` → ``bearer_token``; a name that
    does not say what it carries gets ``suffix`` (``bearerAuth`` → ``bearer_token``).
    """
    words = [w.lower() for w in ascii_words(scheme_name)]
    while words and words[-1] in _SCHEME_SUFFIXES:
        words.pop()
    if not words:
        return fallback
    name = "_".join(words)
    if not name.endswith(_CREDENTIAL_ENDINGS):
        name = f"{name}_{suffix}"
    return parameter_name(name)
