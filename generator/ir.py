"""The typed intermediate representation (IR) of an API.

Frozen, hashable and ordered, so two IRs (say, of two spec versions) can be compared field by
field. Every later stage reads only the IR; all naming decisions are already made here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

JsonValue = object  # a frozen JSON value: str, int, float, bool, None, tuple (array) or JsonObject


class JsonObject(tuple[tuple[str, object], ...]):
    """A JSON object frozen as its (key, value) pairs, in document order; hashable."""

    __slots__ = ()


# ---- types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrimitiveType:
    """A scalar: ``str``, ``int``, ``float``, ``bool``, ``bytes``, ``any`` or ``none``."""

    name: Literal["str", "int", "float", "bool", "bytes", "any", "none"]
    format: str | None = None


@dataclass(frozen=True)
class ArrayType:
    """A JSON array of ``items``."""

    items: TypeIR


@dataclass(frozen=True)
class MapType:
    """A JSON object used as a dictionary from string keys to ``values``."""

    values: TypeIR


@dataclass(frozen=True)
class LiteralType:
    """One fixed value (``const``, or a one-value enum used as a union tag)."""

    value: str | int | float | bool | None


@dataclass(frozen=True)
class NamedType:
    """A reference to a named schema of :attr:`ApiIR.schemas`."""

    name: str


@dataclass(frozen=True)
class UnionType:
    """One of several variants; ``discriminator`` names the tag property when there is one."""

    variants: tuple[TypeIR, ...]
    discriminator: str | None = None
    mapping: tuple[tuple[str, str], ...] = ()  # (tag value, variant schema name)


TypeIR = PrimitiveType | ArrayType | MapType | LiteralType | NamedType | UnionType


# ---- schemas -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldIR:
    """One property of an object schema."""

    wire_name: str
    py_name: str
    type: TypeIR
    required: bool
    nullable: bool = False
    description: str = ""
    default: JsonValue = None
    has_default: bool = False
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    example: JsonValue = None
    sunset: str = ""  # ``x-sunset`` as YYYY-MM-DD ("" none); a property with one is deprecated


@dataclass(frozen=True)
class ObjectSchema:
    """A schema that becomes a model class (allOf parts already merged into ``fields``)."""

    name: str
    fields: tuple[FieldIR, ...]
    description: str = ""
    additional_properties: TypeIR | None = None
    closed: bool = False  # ``additionalProperties: false``: no properties beyond ``fields``
    deprecated: bool = False
    source: str = ""  # JSON pointer of the schema in the spec
    source_file: str = field(default="", compare=False)  # the file of ``source`` when not the root
    is_union_fallback: bool = False
    param_name: str = ""  # TypedDict accepted where this schema is an input ("" if never one)


@dataclass(frozen=True)
class EnumSchema:
    """A closed set of values; generated as an open enum so new values still parse."""

    name: str
    values: tuple[str | int | float, ...]
    value_type: Literal["str", "int", "float"]
    description: str = ""
    nullable: bool = False
    source: str = ""
    source_file: str = field(default="", compare=False)  # the file of ``source`` when not the root
    param_name: str = ""  # the Literal alias requests use, when several signatures take it ("" inline)


@dataclass(frozen=True)
class AliasSchema:
    """A named schema that is not an object or enum: a union, array, scalar …"""

    name: str
    target: TypeIR
    description: str = ""
    source: str = ""
    source_file: str = field(default="", compare=False)  # the file of ``source`` when not the root


SchemaIR = ObjectSchema | EnumSchema | AliasSchema


# ---- operations --------------------------------------------------------------------------


@dataclass(frozen=True)
class ParameterIR:
    """A path, query, header or cookie parameter."""

    wire_name: str
    py_name: str
    location: Literal["path", "query", "header", "cookie"]
    type: TypeIR
    required: bool
    description: str = ""
    default: JsonValue = None
    has_default: bool = False
    deprecated: bool = False
    explode: bool = True
    style: str = "form"
    example: JsonValue = None
    sunset: str = ""  # ``x-sunset`` as YYYY-MM-DD ("" none); a parameter with one is deprecated
    source: str = field(default="", compare=False)  # JSON pointer of the parameter in its file
    source_file: str = field(default="", compare=False)  # that file, when not the root


BodyKind = Literal["json", "form", "multipart", "binary", "text"]


@dataclass(frozen=True)
class BodyIR:
    """A request body. Object bodies are flattened into keyword arguments (``fields``)."""

    kind: BodyKind
    content_type: str
    type: TypeIR
    required: bool
    description: str = ""
    fields: tuple[FieldIR, ...] | None = None  # None: passed whole as ``body``
    example: JsonValue = None


ResponseKind = Literal["json", "text", "binary", "empty", "event_stream"]  # event_stream: ``type`` is one event


@dataclass(frozen=True)
class ResponseIR:
    """What one status code returns."""

    status: str  # "200", "4XX", "default"
    kind: ResponseKind
    content_type: str | None
    type: TypeIR | None
    description: str = ""
    content_types: tuple[str, ...] = ()  # every media type the response declares (for ``Accept``)


@dataclass(frozen=True)
class PaginationIR:
    """How to fetch the next page of a list operation.

    ``cursor``: ``cursor_param`` gets the last item's ``cursor_field`` or the token at
    ``next_path``; ``next_url``: the page holds the next URL at ``next_path``; ``link_header``:
    the ``Link`` header's ``rel="next"`` URL; ``page``: ``page_param`` counts up from 1;
    ``offset``: ``offset_param`` counts the items already seen.
    """

    kind: Literal["cursor", "offset", "next_url", "page", "link_header"]
    items_field: str
    item_type: TypeIR
    page_schema: str  # the list-view schema the page classes extend; "" when the body is a bare array
    sync_class: str
    async_class: str
    has_more_field: str | None = None
    cursor_param: str | None = None
    cursor_field: str | None = None
    offset_param: str | None = None
    next_path: tuple[str, ...] = ()  # page fields leading to the next cursor token or URL
    page_param: str | None = None


@dataclass(frozen=True)
class WaiterIR:
    """``wait_until_<name>``: poll an operation until a property of its result reaches a final value."""

    method_name: str  # wait_until_<name>
    path: tuple[str, ...]  # attribute names from the result to the watched property
    wire_path: tuple[str, ...]  # the same property names as the spec writes them
    success: tuple[str | int | float | bool, ...]
    failure: tuple[str | int | float | bool, ...] = ()
    timeout: float = 600.0  # seconds, the method's default
    interval: float = 2.0  # seconds before the second poll, the method's default
    source: str = field(default="", compare=False)  # JSON pointer of the declaration


@dataclass(frozen=True)
class OperationIR:
    """One HTTP operation, as one SDK method."""

    operation_id: str
    method_name: str
    http_method: str  # lower case
    path: str
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    sunset: str = ""  # ``x-sunset`` or a documented ``Sunset`` header, as YYYY-MM-DD ("" none)
    path_params: tuple[ParameterIR, ...] = ()
    query_params: tuple[ParameterIR, ...] = ()
    header_params: tuple[ParameterIR, ...] = ()
    cookie_params: tuple[ParameterIR, ...] = ()
    body: BodyIR | None = None
    success: ResponseIR | None = None
    errors: tuple[ResponseIR, ...] = ()
    pagination: PaginationIR | None = None
    security: tuple[str, ...] = ()  # names of the auth schemes that apply
    server_url: str | None = None  # an operation-level server overriding the base URL
    waiters: tuple[WaiterIR, ...] = ()  # methods polling this operation
    max_retries: int | None = None  # the operation's own retry count (``x-sdk-retries``)
    source: str = ""
    source_file: str = field(default="", compare=False)  # the file holding the operation, when not the root
    file_pointer: str = field(default="", compare=False)  # its pointer in ``source_file``


@dataclass(frozen=True)
class ResourceIR:
    """A group of operations exposed as ``client.<path>`` (``client.chat.completions``), with its children."""

    attr_name: str  # the attribute on the parent (the client, or the parent resource)
    class_name: str  # e.g. "BenchmarkJobs" → BenchmarkJobsResource / AsyncBenchmarkJobsResource
    module_name: str
    description: str
    operations: tuple[OperationIR, ...]
    children: tuple[ResourceIR, ...] = ()
    path: tuple[str, ...] = ()  # attributes from the client down to this resource, ``attr_name`` last

    @property
    def dotted(self) -> str:
        """``chat.completions``: how a user reaches it from the client."""
        return ".".join(self.path or (self.attr_name,))


def map_resources(
    resources: tuple[ResourceIR, ...], transform: Callable[[tuple[ResourceIR, ...]], tuple[ResourceIR, ...]]
) -> tuple[ResourceIR, ...]:
    """The tree with each resource's operations as ``transform`` rewrites them, given every resource flat."""
    flat = tuple(walk_resources(resources))
    rewritten = {id(old): new.operations for old, new in zip(flat, transform(flat), strict=True)}

    def rebuild(level: tuple[ResourceIR, ...]) -> tuple[ResourceIR, ...]:
        return tuple(dataclasses.replace(r, operations=rewritten[id(r)], children=rebuild(r.children)) for r in level)

    return rebuild(resources)


def walk_resources(resources: tuple[ResourceIR, ...]) -> Iterator[ResourceIR]:
    """Every resource of a tree, each parent before its children."""
    for resource in resources:
        yield resource
        yield from walk_resources(resource.children)


@dataclass(frozen=True)
class AuthSchemeIR:
    """A security scheme the client can authenticate with."""

    name: str  # the scheme's key in components/securitySchemes
    kind: Literal["bearer", "basic", "api_key", "oauth2"]
    location: Literal["header", "query", "cookie"] = "header"
    parameter_name: str = "Authorization"  # header/query/cookie name on the wire
    client_args: tuple[str, ...] = ()  # client constructor arguments that carry the secret
    env_vars: tuple[str, ...] = ()  # environment variables read when the argument is omitted
    description: str = ""
    # oauth2: the client credentials flow's token endpoint ("" when the client takes an access token),
    # its default scopes and the constructor arguments of a caller's token provider and of the scopes.
    token_url: str = ""
    scopes: tuple[str, ...] = ()
    provider_arg: str = ""
    scopes_arg: str = ""
    auth_method_arg: str = ""  # chooses client_secret_basic or client_secret_post


@dataclass(frozen=True)
class WebhookIR:
    """A top-level ``webhooks`` entry: a request the API sends, parsed by ``client.webhooks.unwrap``."""

    name: str  # the key under ``webhooks``
    http_method: str
    payload: TypeIR
    headers: tuple[tuple[str, str], ...] = ()  # (header, fixed value) pairs that identify this webhook
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class ServerVariableIR:
    """A variable of the first server's URL template, chosen with a client constructor argument."""

    name: str  # the ``{name}`` in the URL template
    arg_name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class PackageConfig:
    """Names and metadata of the generated package (from the spec and the config)."""

    package_name: str  # import name
    distribution_name: str  # name on PyPI
    client_class: str
    async_client_class: str
    version: str
    base_url: str
    base_url_env_var: str
    log_env_var: str
    title: str
    description: str = ""
    env_prefix: str = ""


@dataclass(frozen=True)
class ApiIR:
    """The whole API surface."""

    config: PackageConfig
    resources: tuple[ResourceIR, ...]
    schemas: tuple[SchemaIR, ...]
    auth: tuple[AuthSchemeIR, ...] = ()
    servers: tuple[str, ...] = ()
    server_template: str = ""  # the first server's URL with its ``{variables}`` ("" without variables)
    server_variables: tuple[ServerVariableIR, ...] = ()
    webhooks: tuple[WebhookIR, ...] = ()
    webhooks_attr: str = "webhooks"  # the client attribute exposing ``unwrap``
    max_retries: int | None = None  # the client's default retry count (``x-sdk-retries``); None: the SDK's
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def all_resources(self) -> tuple[ResourceIR, ...]:
        """Every resource, nested ones included, each parent before its children."""
        return tuple(walk_resources(self.resources))

    def operations(self) -> Iterator[tuple[ResourceIR, OperationIR]]:
        """Every operation with the resource that has it as a method."""
        for resource in walk_resources(self.resources):
            for op in resource.operations:
                yield resource, op

    def schema(self, name: str) -> SchemaIR:
        """The named schema ``name``."""
        for schema in self.schemas:
            if schema.name == name:
                return schema
        raise KeyError(name)
