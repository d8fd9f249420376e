"""View models: the finished values templates print (names, annotations, literals, docs).

Templates only loop and print; every decision about naming, typing or escaping is made here
or in the IR builder.
"""

from __future__ import annotations

import dataclasses
import json
import keyword
import re
import urllib.parse
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.build_ir.common import named_types
from generator.escape import python_literal
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    AuthSchemeIR,
    EnumSchema,
    FieldIR,
    JsonObject,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    OperationIR,
    ParameterIR,
    PrimitiveType,
    ResourceIR,
    TypeIR,
    UnionType,
    WaiterIR,
)
from generator.layout import TypesLayout, build_layout
from generator.model_views import (
    IndexView,
    LazyMapView,
    ModelModuleView,
    ModelViews,
    NamesShardView,
    import_line,
    local_import_order,
    relative_module,
    wrap_import,
)
from generator.naming import NameRegistry, resource_class_names
from generator.pytypes import BUILTIN_TYPES, InputTypes, literal_source, output_annotation

NOT_GIVEN_DEFAULT = "NOT_GIVEN"
ANY = PrimitiveType("any")


@dataclass(frozen=True)
class ArgView:
    """One argument of a generated method."""

    name: str
    annotation: str
    default: str | None  # Python source of the default, None when required
    wire_name: str
    description: str
    deprecated: bool = False
    wire_value: str = ""  # the expression sent: the argument, or ``Styled(...)`` for a declared style
    deprecation: str = ""  # the DeprecationWarning's message (naming the sunset date), "" when not deprecated
    sunset: str = ""  # YYYY-MM-DD after which the API stops accepting it, "" when none is announced


@dataclass(frozen=True)
class MethodView:
    """One resource method, sync and async."""

    name: str
    http_method: str
    path: str
    positional: tuple[ArgView, ...]
    keyword: tuple[ArgView, ...]
    path_args: tuple[ArgView, ...]
    query_args: tuple[ArgView, ...]
    header_args: tuple[ArgView, ...]
    cookie_args: tuple[ArgView, ...]
    body_args: tuple[ArgView, ...]  # flattened object body fields
    body_kind: str | None
    body_whole: ArgView | None  # the whole body as one ``body`` argument
    optional_fields_body: bool  # an optional body of fields (JSON or form): sent only if one is given
    # Signatures a type checker sees when an optional body has required fields: without the body, and with
    # it (its required fields required); ``keyword`` is then the implementation's, every body field optional.
    overloads: tuple[tuple[ArgView, ...], ...]
    required_body_args: tuple[str, ...]  # with overloads: the body fields a sent body must have
    partial_body_check: str  # with overloads: Python condition true when a body is sent without them
    partial_body_error: str
    file_args: tuple[ArgView, ...]  # multipart fields that carry files
    content_type: str | None
    sync_return: str
    async_return: str
    cast_to: str  # run-time expressions: models are reached through their lazily imported module
    async_cast_to: str
    sync_page: str | None
    async_page: str | None
    summary: str
    description: str
    deprecated: bool
    deprecation: str  # the DeprecationWarning's message (naming the sunset date), "" when not deprecated
    operation_id: str
    example_call: str  # a realistic call for the README
    doc: str  # the full docstring text: summary, description and arguments
    cast_needed: bool  # the request's static type must be cast to the return annotation
    cast_type: str  # the return annotation as a string literal (``cast`` evaluates its first argument)
    url: str  # an absolute URL when the operation has its own server, else ""
    accept: str  # the Accept header when it is not the client's default (application/json), else ""
    send_content_type: bool  # pass content_type: the body's media type is not what its kind implies
    security: str  # Python tuple of the schemes whose credentials the call sends; "" for all of them
    max_retries: int | None = None  # the operation's own retry count, replacing the client's


@dataclass(frozen=True)
class ChildView:
    """A child resource, exposed on its parent as a lazily imported ``cached_property``."""

    attr_name: str
    module: str  # relative to the parent's module (a package): ``.completions``
    sync_class: str
    async_class: str
    doc: str  # the property's docstring


@dataclass(frozen=True)
class WaiterView:
    """A ``wait_until_<name>`` method polling one of the resource's methods."""

    name: str
    polled: str  # the method it calls
    positional: tuple[ArgView, ...]  # the polled method's, passed on as they are
    keyword: tuple[ArgView, ...]  # the polled method's parent IDs (keyword-only there too)
    call: str  # the polled method's arguments: ``id, container_id=container_id``
    sync_return: str
    async_return: str
    waiter: str  # Python source of the runtime ``Waiter``
    timeout: str  # Python literal of the default timeout
    interval: str
    doc: str
    summary: str  # one line for the README and api.md
    example_call: str  # a realistic call, as the polled method's


@dataclass(frozen=True)
class ResourceView:
    """One resource module."""

    attr_name: str
    module_name: str
    sync_class: str
    async_class: str
    description: str
    methods: tuple[MethodView, ...]
    dotted: str  # how a user reaches it: ``chat.completions``
    file_path: str  # below the package: ``resources/files.py``, ``resources/chat/chat.py`` (has children)
    module_path: str  # the import path below the package: ``resources.files``, ``resources.chat.chat``
    package_init: str  # ``resources/chat/__init__.py`` for a resource with children (kept empty: lazy), else ""
    up: str  # the relative import of the package root from this module: ``..``, ``...``
    children: tuple[ChildView, ...]
    doc: str  # the class docstring
    heading: str  # its api.md heading marks: ``##`` for a client attribute, one more per level below
    # Import statements for type checkers (annotations name models, TypedDicts and pages), and the
    # modules the methods reach at run time as (alias, relative module), imported on first use.
    checking_imports: tuple[str, ...]
    lazy_modules: tuple[tuple[str, str], ...]
    page_imports: tuple[str, ...]  # the page classes the methods return
    typing_imports: tuple[str, ...]  # names imported from typing
    uses_mapping: bool
    uses_file_types: bool
    uses_deprecated: bool
    uses_param_deprecation: bool
    uses_builtins: bool
    utils_imports: tuple[str, ...]  # names imported from .._utils
    streaming_imports: tuple[str, ...]  # names imported from .._streaming
    waiters: tuple[WaiterView, ...] = ()
    is_part: bool = False  # a module of some of a big resource's methods, joined by the resource's class
    parts: tuple[ResourceView, ...] = ()  # the parts this resource's classes join (its methods live there)
    part_imports: tuple[str, ...] = ()  # their classes, imported as the bases of this module's

    def bases(self, kind: str, suffix: str = "") -> str:
        """The bases of this module's ``kind`` ("sync" or "async") class, or of its ``suffix`` wrapper."""
        names = [f"{p.sync_class if kind == 'sync' else p.async_class}{suffix}" for p in self.parts]
        if not names and not suffix:
            names = ["SyncAPIResource" if kind == "sync" else "AsyncAPIResource"]
        return ", ".join(names)


@dataclass(frozen=True)
class TypedDictField:
    """One key of a request TypedDict."""

    key: str
    annotation: str  # already wrapped in Required[...] when required
    description: str


@dataclass(frozen=True)
class TypedDictView:
    """A TypedDict for an object schema used in requests."""

    name: str
    description: str
    fields: tuple[TypedDictField, ...]
    class_syntax: bool  # False: functional syntax (keys that are not identifiers)


@dataclass(frozen=True)
class PageView:
    """A page class pair for one paginated operation."""

    sync_class: str
    async_class: str
    model: str  # the list-view model the pages extend; "" when the body is a bare array
    item: str
    items_field: str
    config: str  # Python source of the PageConfig
    module: str = ""  # the module holding the pair, dotted from the package: ``_pages.<resource>``


@dataclass(frozen=True)
class TypeFolderView:
    """One folder of ``types/``, for api.md."""

    name: str
    models: int
    typed_dicts: int


# Beyond this many methods a resource's module would outgrow an editor (~5 KB of sync and async code each):
# its methods go into part modules its classes inherit from.
MAX_METHODS_PER_MODULE = 60
NAMES_PER_SHARD = 1000  # names per module of types/_names (about 80 KB)
# Up to this many names, api.md lists every model and TypedDict (beyond it, the folders only: one page).
LISTED_TYPE_NAMES = 500


@dataclass(frozen=True)
class PagesModuleView:
    """The page classes of one resource's operations."""

    path: str  # dotted from the package
    doc: str
    imports: tuple[str, ...]
    pages: tuple[PageView, ...]


@dataclass(frozen=True)
class ParamsModuleView:
    """The request TypedDicts beside one model module."""

    path: str  # dotted from ``types``
    imports: str  # the import block (typing helpers), as isort lays it out
    checking_imports: tuple[str, ...]  # for type checkers only (other TypedDicts, models)
    typed_dicts: tuple[TypedDictView, ...]
    literal_aliases: tuple[tuple[str, str], ...] = ()  # (name, ``Literal[...]``) of enums several requests take


@dataclass(frozen=True)
class AuthView:
    """One credential argument of the client constructor."""

    scheme: AuthSchemeIR
    args: tuple[tuple[str, str], ...]  # (argument, environment variable)
    static: bool = True  # the client sends the arguments as they are (else a token source does)


@dataclass(frozen=True)
class CredentialCheck:
    """A constructor check: ``condition`` (Python) true means the credentials are missing."""

    condition: str
    message: str


@dataclass(frozen=True)
class ServerVariableView:
    """A client constructor argument filling one variable of the server URL."""

    arg: str
    annotation: str
    default: str  # Python literal
    placeholder: str  # Python literal of ``{name}``


@dataclass(frozen=True)
class WebhookView:
    """One entry of the generated ``WEBHOOKS``."""

    name: str
    payload: str  # the payload type, as a runtime expression
    headers: str  # Python source of the (header, value) pairs


@dataclass(frozen=True)
class PackageView:
    """Everything the package templates need."""

    api: ApiIR
    resources: tuple[ResourceView, ...]  # every resource, each parent before its children
    top_resources: tuple[ResourceView, ...]  # the client's own attributes
    typed_dicts: tuple[TypedDictView, ...]
    literal_aliases: tuple[tuple[str, str], ...]  # (name, ``Literal[...]``) of the enums several requests take
    pages: tuple[PageView, ...]
    model_names: tuple[str, ...]
    model_modules: tuple[ModelModuleView, ...]
    params_modules: tuple[ParamsModuleView, ...]
    pages_modules: tuple[PagesModuleView, ...]
    indexes: tuple[tuple[str, IndexView], ...]  # (file below the package, lazy index): types/ and its folders
    name_shards: tuple[NamesShardView, ...]
    pagination_index: LazyMapView
    type_folders: tuple[TypeFolderView, ...]
    list_type_names: bool  # api.md lists every name (a small API)
    example_model: tuple[str, str]  # (name, its module dotted from the package) for the README
    auth: tuple[AuthView, ...]
    auth_required: bool
    credential_checks: tuple[CredentialCheck, ...] = ()  # when auth_required
    oauth: AuthSchemeIR | None = None  # the scheme whose token the SDK fetches or a provider gives
    default_scopes: str = "()"  # Python tuple of the OAuth2 scopes asked for by default
    extra_requirements: tuple[str, ...] = ()  # dependencies beyond httpx and pydantic
    uses_base64: bool = False  # HTTP basic credentials are encoded by the client
    client_typing_imports: tuple[str, ...] = ()  # names _client.py imports from typing
    constructor_doc: str = ""
    server_variables: tuple[ServerVariableView, ...] = ()
    webhooks: tuple[WebhookView, ...] = ()
    webhook_payload: str = ""  # the union of every payload type
    webhook_imports: tuple[str, ...] = ()  # import statements of the payload models
    default_base_url: str = "DEFAULT_BASE_URL"  # the expression giving the base URL when none is configured
    stream_example: str = ""  # `resource.method(...)` of the first event-stream method, for the README
    example_resource: str = "resource"  # the README's sample call: `client.<example_resource>.<example_call>`
    example_call: str = "method()"
    reference_title: str = "API reference"  # api.md's title
    waiter_example: str = ""  # `resource.wait_until_x(...)` of the first waiter, for the README


def _docs(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


class ViewBuilder:
    """Turns the IR into view models."""

    def __init__(self, api: ApiIR) -> None:
        self.api = api
        self.inputs = InputTypes(api)
        self.schemas = {s.name: s for s in api.schemas}
        self.shadowed: frozenset[str] = frozenset()  # builtins hidden by the current resource's methods
        self._document_names_security = any(op.security for _, op in api.operations())
        self.layout: TypesLayout = build_layout(api)
        # A request type's owner: its schema (for a Literal several enums of the same values share, the first).
        self.param_owner: dict[str, str] = {}
        for schema in api.schemas:
            if isinstance(schema, (ObjectSchema, EnumSchema)) and schema.param_name:
                self.param_owner.setdefault(schema.param_name, schema.name)
        # Each resource's page classes in a module of its own: ``_pages/chat_completions.py``.
        pages_names = NameRegistry(frozenset({"__init__"}))
        self.pages_module = {
            id(r): "_pages." + pages_names.claim("_".join(r.path or (r.attr_name,))) for r in api.all_resources()
        }
        self._page_modules: dict[str, str] = {}
        self._names: _ModuleNames | None = None  # the names the resource being built uses

    def module_of(self, name: str) -> str | None:
        """The module (dotted from the package) that defines a model, TypedDict or page class ``name``."""
        if name in self.layout.module_of:
            return "types." + self.layout.module_of[name]
        if name in self.param_owner:
            return "types." + self.layout.params_module_of[self.param_owner[name]]
        return self._page_modules.get(name)

    def build(self) -> PackageView:
        """The whole package view."""
        pages = tuple(self._pages())
        self._page_modules = {n: p.module for p in pages for n in (p.sync_class, p.async_class)}
        resources = tuple(self._resource(r) for r in self.api.all_resources())
        top = {r.path or (r.attr_name,) for r in self.api.resources}
        first = next((r for r in resources if r.methods), None)
        models = ModelViews(self.api, self.layout)
        webhooks = tuple(
            WebhookView(
                w.name,
                output_annotation(w.payload),
                "(" + "".join(f"({python_literal(h)}, {python_literal(v)}), " for h, v in w.headers) + ")",
            )
            for w in self.api.webhooks
        )
        payloads = list(dict.fromkeys(w.payload for w in webhooks))
        return PackageView(
            api=self.api,
            resources=resources,
            top_resources=tuple(r for r in resources if tuple(r.dotted.split(".")) in top),
            example_resource=first.dotted if first else "resource",
            example_call=first.methods[0].example_call if first else "method()",
            reference_title=_reference_title(self.api.config.title),
            typed_dicts=tuple(
                self._typed_dict(s) for s in self.api.schemas if isinstance(s, ObjectSchema) and s.param_name
            ),
            literal_aliases=tuple(
                sorted(
                    {
                        (s.param_name, literal_source(s))
                        for s in self.api.schemas
                        if isinstance(s, EnumSchema) and s.param_name
                    }
                )
            ),
            pages=pages,
            model_modules=tuple(models.module(m) for m in self.layout.modules),
            params_modules=self._params_modules(),
            pages_modules=self._pages_modules(pages),
            indexes=self._type_indexes(),
            name_shards=tuple(NamesShardView(shard, names) for shard, names in self._name_shards()),
            type_folders=self._type_folders(),
            example_model=self._example_model(),
            list_type_names=len(self.layout.module_of) + len(self.param_owner) <= LISTED_TYPE_NAMES,
            pagination_index=self._pagination_index(pages),
            stream_example=next(
                (
                    f"{r.dotted}.{m.example_call}"
                    for r in resources
                    for m in r.methods
                    if m.sync_return.startswith("Stream[")
                ),
                "",
            ),
            waiter_example=next((f"{r.dotted}.{w.example_call}" for r in resources for w in r.waiters), ""),
            webhooks=webhooks,
            webhook_payload=" | ".join(payloads),
            webhook_imports=self._imports_of("webhooks", " ".join(payloads)),
            model_names=tuple(s.name for s in self.api.schemas),
            auth=tuple(
                AuthView(a, tuple(zip(a.client_args, a.env_vars, strict=True)), static=not a.token_url)
                for a in self.api.auth
            ),
            auth_required=self._auth_required(),
            credential_checks=self._credential_checks() if self._auth_required() else (),
            oauth=next((a for a in self.api.auth if a.kind == "oauth2"), None),
            extra_requirements=("oauthlib>=3.2,<5",) if any(a.token_url for a in self.api.auth) else (),
            default_scopes=_tuple_literal(next((a.scopes for a in self.api.auth if a.kind == "oauth2"), ())),
            uses_base64=any(a.kind == "basic" for a in self.api.auth),
            client_typing_imports=tuple(
                name
                for name, used in (
                    ("TYPE_CHECKING", bool(self.api.resources or self.api.webhooks)),
                    ("Literal", any(v.enum for v in self.api.server_variables)),
                )
                if used
            ),
            constructor_doc=self._constructor_doc(),
            server_variables=tuple(
                ServerVariableView(
                    v.arg_name,
                    f"Literal[{', '.join(python_literal(e) for e in v.enum)}]" if v.enum else "str",
                    python_literal(v.default),
                    python_literal("{" + v.name + "}"),
                )
                for v in self.api.server_variables
            ),
            default_base_url=(
                "server_url(" + ", ".join(f"{v.arg_name}={v.arg_name}" for v in self.api.server_variables) + ")"
                if self.api.server_variables
                else "DEFAULT_BASE_URL"
            ),
        )

    def _auth_required(self) -> bool:
        """One scheme, needed by every operation: constructing a client without it fails."""
        return len(self.api.auth) == 1 and all(op.security for _, op in self.api.operations())

    def _credential_checks(self) -> tuple[CredentialCheck, ...]:
        scheme = self.api.auth[0]
        checks = []
        for arg, env in zip(scheme.client_args, scheme.env_vars, strict=True):
            condition, alternative = f"{arg} is None", ""
            if scheme.provider_arg:
                condition += f" and {scheme.provider_arg} is None"
                alternative = f" (or pass {scheme.provider_arg})"
            checks.append(
                CredentialCheck(
                    condition,
                    f"The {arg} client option must be set, either by passing {arg} to the client or by setting "
                    f"the {env} environment variable{alternative}",
                )
            )
        return tuple(checks)

    def _constructor_doc(self) -> str:
        config = self.api.config
        lines = ["Construct a new client.", ""]
        lines += [
            f"`{arg}` defaults to the `{env}` environment variable."
            for a in self.api.auth
            for arg, env in zip(a.client_args, a.env_vars, strict=True)
        ]
        for a in self.api.auth:
            if a.token_url:
                lines.append(
                    f"The OAuth2 token is fetched from `{a.token_url}` with `{a.client_args[0]}` and "
                    f"`{a.client_args[1]}` (client credentials grant, `{a.auth_method_arg}` "
                    f"`client_secret_basic` or `client_secret_post`) for the `{a.scopes_arg}` "
                    f"(default: {', '.join(a.scopes) or 'none'}), cached until it expires."
                )
            if a.provider_arg:
                lines.append(f"`{a.provider_arg}`: a function returning the OAuth2 access token, called before "
                             "each request (overrides the other credentials of the scheme).")  # fmt: skip
        lines.append(
            "`before_request`, `after_response` and `on_error` are hooks (a function or a list of them) run with "
            "each request, each response and the error a call raises; `telemetry=False` stops sending the "
            "`X-SDK-*` headers and the versions in `User-Agent`."
        )
        if self.api.server_variables:
            choices = ", ".join(f"`{v.arg_name}`" for v in self.api.server_variables)
            lines.append(f"{choices} fill the variables of the server URL `{self.api.server_template}`.")
        fallback = f"then to `{config.base_url}`." if config.base_url else "and must be given."
        lines.append(f"`base_url` defaults to the `{config.base_url_env_var}` environment variable, {fallback}")
        return "\n".join(lines)

    def _pages(self) -> list[PageView]:
        pages = []
        for resource, op in self.api.operations():
            p = op.pagination
            if p is not None:
                settings: list[tuple[str, object]] = [
                    ("kind", p.kind), ("items_field", p.items_field), ("has_more_field", p.has_more_field),
                    ("cursor_param", p.cursor_param), ("cursor_field", p.cursor_field),
                    ("offset_param", p.offset_param), ("page_param", p.page_param),
                    ("next_field", (p.next_path[0] if len(p.next_path) == 1 else p.next_path) or None),
                    ("bare_array", True if not p.page_schema else None),
                ]  # fmt: skip
                config = ", ".join(f"{k}={_literal(v)}" for k, v in settings if v is not None)
                pages.append(PageView(p.sync_class, p.async_class, p.page_schema, output_annotation(p.item_type),
                                      p.items_field, f"PageConfig({config})",
                                      self.pages_module[id(resource)]))  # fmt: skip
        return pages

    def _imports_of(self, module: str, source: str, *, exclude: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Import statements, in ``module`` (dotted from the package), of the known names ``source`` uses."""
        by_module: dict[str, set[tuple[str, str]]] = {}
        for name in dict.fromkeys(_IDENTIFIER.findall(source)):
            owner = self.module_of(name)
            if owner is not None and owner != module and name not in exclude:
                by_module.setdefault(owner, set()).add((name, name))
        return tuple(import_line(relative_module(module, owner), by_module[owner]) for owner in sorted(by_module))

    def _pages_modules(self, pages: tuple[PageView, ...]) -> tuple[PagesModuleView, ...]:
        by_module: dict[str, list[PageView]] = {}
        for page in pages:
            by_module.setdefault(page.module, []).append(page)
        views = []
        for module, members in by_module.items():
            source = " ".join(f"{p.model} {p.item}" for p in members)
            typing = "from typing import ClassVar, Literal" if "Literal[" in source else "from typing import ClassVar"
            imports = (
                typing,
                import_line(
                    relative_module(module, "_pagination"), [(n, n) for n in ("AsyncPage", "PageConfig", "SyncPage")]
                ),
                *self._imports_of(module, source),
            )
            doc = "Page classes: each is its list response model plus lazy iteration over every item."
            views.append(PagesModuleView(module, doc, imports, tuple(members)))
        return tuple(views)

    def _pagination_index(self, pages: tuple[PageView, ...]) -> LazyMapView:
        names = sorted((n, "." + p.module) for p in pages for n in (p.sync_class, p.async_class))
        return LazyMapView(
            "Page classes: each is its list response model plus lazy iteration over every item.",
            tuple(f"from .{module} import *" for module in sorted({p.module for p in pages})),
            tuple(names),
        )

    def _params_modules(self) -> tuple[ParamsModuleView, ...]:
        by_module: dict[str, tuple[list[TypedDictView], list[tuple[str, str]]]] = {}
        for schema in self.api.schemas:
            if isinstance(schema, ObjectSchema) and schema.param_name:
                path = self.layout.params_module_of[schema.name]
                by_module.setdefault(path, ([], []))[0].append(self._typed_dict(schema))
            elif (
                isinstance(schema, EnumSchema)
                and schema.param_name
                and self.param_owner[schema.param_name] == schema.name
            ):
                path = self.layout.params_module_of[schema.name]
                by_module.setdefault(path, ([], []))[1].append((schema.param_name, literal_source(schema)))
        views = []
        for path, (typed_dicts, literals) in by_module.items():
            source = (
                " ".join(f.annotation for td in typed_dicts for f in td.fields)
                + " "
                + " ".join(literal for _, literal in literals)
            )
            local = frozenset([*(td.name for td in typed_dicts), *(name for name, _ in literals)])
            checking = tuple(
                wrap_import(line, 4)
                for line in local_import_order(self._imports_of("types." + path, source, exclude=local))
            )
            abc = [n for n in ("Mapping", "Sequence") if f"{n}[" in source]
            typing = [n for n, used in (("TYPE_CHECKING", bool(checking)), ("Literal", "Literal[" in source),
                                         ("Required", "Required[" in source), ("TypeAlias", bool(literals))) if used]  # fmt: skip
            sections = [
                [f"from collections.abc import {', '.join(abc)}"] * bool(abc)
                + [f"from typing import {', '.join(typing)}"] * bool(typing),
                ["from typing_extensions import TypedDict"] * bool(typed_dicts),
                [f"from {relative_module('types.' + path, '_types')} import FileTypes"] * ("FileTypes" in source),
            ]
            imports = "\n\n".join("\n".join(section) for section in sections if section)
            views.append(ParamsModuleView(path, imports, checking, tuple(typed_dicts), tuple(sorted(literals))))
        return tuple(views)

    def _type_indexes(self) -> tuple[tuple[str, IndexView], ...]:
        """``types/__init__.py`` and each folder's: what type checkers read (star imports of the modules)."""
        modules = sorted({*self.layout.module_of.values(), *self.layout.params_module_of.values()})
        folders = sorted({module.split(".", 1)[0] for module in modules})
        shards = len(self._name_shards())
        title = self.api.config.title
        indexes = [
            (
                "types/__init__.py",
                IndexView(
                    f"Every model (responses) and TypedDict (request parameters) of the {title}.\n\n"
                    "Each is imported from its own module on first use: "
                    "`from <package>.types import Name` loads only what `Name` needs.",
                    tuple(f"from .{folder} import *" for folder in folders),
                    "..",
                    "",
                    shards,
                ),
            )
        ]
        for folder in folders:
            indexes.append(
                (
                    f"types/{folder}/__init__.py",
                    IndexView(
                        f"Models and TypedDicts of `{folder}`, each imported on first use.",
                        tuple(f"from .{m.split('.', 1)[1]} import *" for m in modules if m.split(".", 1)[0] == folder),
                        "...",
                        folder,
                        shards,
                    ),
                )
            )
        return tuple(indexes)

    def _example_model(self) -> tuple[str, str]:
        """The model the first method returns (else the first model): for the README's layout section."""
        returned = (
            name
            for _, op in self.api.operations()
            if op.success is not None
            for name in named_types(op.success.type)
            if isinstance(self.schemas.get(name), ObjectSchema)
        )
        name = next(returned, next(iter(self.layout.module_of), ""))
        return (name, "types." + self.layout.module_of[name]) if name else ("Model", "types.module")

    def _type_folders(self) -> tuple[TypeFolderView, ...]:
        models: dict[str, int] = {}
        typed_dicts: dict[str, int] = {}
        for module in self.layout.module_of.values():
            models[module.split(".", 1)[0]] = models.get(module.split(".", 1)[0], 0) + 1
        for owner in self.param_owner.values():
            folder = self.layout.params_module_of[owner].split(".", 1)[0]
            typed_dicts[folder] = typed_dicts.get(folder, 0) + 1
        return tuple(
            TypeFolderView(folder, models.get(folder, 0), typed_dicts.get(folder, 0))
            for folder in sorted({*models, *typed_dicts})
        )

    def _name_shards(self) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        """(shard, ((name, module), ...)) for ``types/_names``: every exported name, by its CRC-32."""
        modules = dict(self.layout.module_of)
        modules.update((param, self.layout.params_module_of[owner]) for param, owner in self.param_owner.items())
        count = -(-len(modules) // NAMES_PER_SHARD)
        shards: dict[int, list[tuple[str, str]]] = {index: [] for index in range(count)}
        for name, module in sorted(modules.items()):
            shards[zlib.crc32(name.encode()) % count].append((name, module))
        return [(str(index), tuple(names)) for index, names in shards.items()]

    def _typed_dict(self, schema: ObjectSchema) -> TypedDictView:
        fields = []
        for f in schema.fields:
            if f.read_only:
                continue
            annotation = self.inputs.annotation(f.type, file_upload=True)
            if f.nullable and "None" not in annotation.split(" | "):
                annotation += " | None"
            annotation = f"Required[{annotation}]" if f.required else annotation
            fields.append(
                TypedDictField(f.wire_name, annotation, ("Deprecated. " if f.deprecated else "") + f.description)
            )
        class_syntax = all(f.key.isidentifier() and f.key.isascii() and not _is_keyword(f.key) for f in fields)
        return TypedDictView(schema.param_name, schema.description, tuple(fields), class_syntax)

    def _arg(
        self,
        name: str,
        wire: str,
        type_: TypeIR,
        required: bool,
        description: str,
        deprecated: bool,
        *,
        file_upload: bool = False,
    ) -> ArgView:
        annotation = self.inputs.annotation(type_, file_upload=file_upload, shadowed=self.shadowed)
        if required:
            return ArgView(name, annotation, None, wire, description, deprecated)
        return ArgView(name, f"{annotation} | NotGiven", NOT_GIVEN_DEFAULT, wire, description, deprecated)

    def _param(self, p: ParameterIR) -> ArgView:
        arg = self._arg(p.py_name, p.wire_name, p.type, p.required, _param_doc(p), p.deprecated)
        deprecation = _deprecation(p.py_name, p.sunset) if p.deprecated else ""
        arg = dataclasses.replace(arg, deprecation=deprecation, sunset=p.sunset)
        if p.required and p.location != "path" and isinstance(p.type, LiteralType):
            return dataclasses.replace(arg, wire_value=python_literal(p.type.value))  # a constant, not an argument
        return dataclasses.replace(arg, wire_value=self._wire_value(p))

    def _wire_value(self, p: ParameterIR) -> str:
        """``name``, or ``Styled(name, ...)`` where the runtime's default encoding is not the declared one."""
        shape = self._shape(p.type)
        styled = f"Styled({p.py_name}, {python_literal(p.style)}, {p.explode})"
        if p.location == "cookie":
            return styled
        if shape == "scalar":
            return p.py_name
        if p.location == "query":
            # build_query repeats lists (form, exploded) and writes objects as deepObject.
            natural = p.style == "deepObject" if shape == "object" else (p.style == "form" and p.explode)
            return p.py_name if natural else styled
        if p.location == "header" and shape == "array":
            return p.py_name  # stringify_headers joins lists with commas (simple style)
        return styled

    def _shape(self, type_: TypeIR, depth: int = 0) -> str:
        """``array``, ``object`` or ``scalar``: what decides a parameter's serialization."""
        type_ = _strip_none(type_)
        if isinstance(type_, ArrayType):
            return "array"
        if isinstance(type_, MapType):
            return "object"
        if isinstance(type_, NamedType) and depth < 8:
            schema = self.schemas.get(type_.name)
            if isinstance(schema, ObjectSchema):
                return "object"
            if isinstance(schema, AliasSchema):
                return self._shape(schema.target, depth + 1)
        return "scalar"

    def _field_arg(self, f: FieldIR, multipart: bool) -> ArgView:
        # Required by the schema means required by the call, even in an optional body (as Stainless SDKs do).
        arg = self._arg(
            f.py_name,
            f.wire_name,
            f.type,
            f.required,
            _param_doc(f),
            f.deprecated,
            file_upload=multipart,
        )
        deprecation = _deprecation(f.py_name, f.sunset) if f.deprecated else ""
        return dataclasses.replace(arg, deprecation=deprecation, sunset=f.sunset)

    def _method(self, op: OperationIR) -> MethodView:
        path_args = tuple(self._param(p) for p in op.path_params)
        query_args = tuple(self._param(p) for p in op.query_params)
        header_args = tuple(self._param(p) for p in op.header_params)
        cookie_args = tuple(self._param(p) for p in op.cookie_params)
        # A required parameter with one possible value (AWS's X-Amz-Target, Action, Version) is sent, not asked for.
        constants = {
            p.py_name
            for p in (*op.query_params, *op.header_params, *op.cookie_params)
            if p.required and isinstance(p.type, LiteralType)
        }
        body_args: tuple[ArgView, ...] = ()
        file_args: tuple[ArgView, ...] = ()
        body_whole = None
        body = op.body
        if body is not None:
            multipart = body.kind == "multipart"
            if body.fields is not None:
                args = tuple(self._field_arg(f, multipart) for f in body.fields)
                file_args = tuple(
                    a for a, f in zip(args, body.fields, strict=True) if multipart and _carries_file(f.type)
                )
                body_args = tuple(a for a in args if a not in file_args)
            else:
                # Form fields are sent from a mapping: an untyped form schema still takes one.
                whole_type = (
                    MapType(body.type) if body.kind in ("form", "multipart") and body.type == ANY else body.type
                )
                body_whole = self._arg("body", "body", whole_type, body.required, body.description or "The request body.",
                                       False, file_upload=multipart)  # fmt: skip
        # The last path parameter (the item's own id) is positional; those of parent resources are keyword-only.
        positional, parent_args = path_args[-1:], path_args[:-1]
        keyword = tuple(
            sorted((*parent_args, *(a for a in (*query_args, *header_args, *cookie_args) if a.name not in constants),
                    *body_args, *file_args, *((body_whole,) if body_whole else ())),
                   key=lambda a: a.default is not None)
        )  # fmt: skip
        # An optional body of fields (JSON or form; multipart without files) is sent only when one of them is given.
        optional_fields_body = bool(
            body and body.kind in ("json", "form", "multipart") and body_args and not file_args and not body.required
        )
        required_body_args = tuple(a.name for a in body_args if a.default is None) if optional_fields_body else ()
        overloads: tuple[tuple[ArgView, ...], ...] = ()
        signature = keyword
        if required_body_args:
            overloads = (tuple(a for a in keyword if a not in body_args), keyword)
            signature = tuple(
                sorted((_not_required(a) if a.name in required_body_args else a for a in keyword),
                       key=lambda a: a.default is not None)
            )  # fmt: skip
        # A path key's fixed query (``/rest?method=flickr.groups.getInfo``) is sent with the other query parameters:
        # left in the path, httpx would drop it as soon as one of them is given.
        path, _, fixed_query = op.path.partition("?")
        declared_query = {a.wire_name for a in query_args}
        query_args = (
            tuple(
                ArgView("", "", None, key, "", wire_value=python_literal(value))
                for key, value in urllib.parse.parse_qsl(fixed_query, keep_blank_values=True)
                if key not in declared_query and not re.fullmatch(r"\{[^}]*\}", value)
            )
            + query_args
        )
        # A parameter named like a builtin (sinao's `object`) hides it in the method body, where cast_to is evaluated.
        resource_shadowed = self.shadowed
        self.shadowed |= frozenset(a.name for a in (*path_args, *keyword)) & BUILTIN_TYPES
        success = op.success
        # Annotations name models plainly (imported for type checkers); run-time expressions reach
        # them through their module, imported on first use.
        run = self._runtime_name
        if success is None or (success.type is None and success.kind != "event_stream"):
            returns, cast_to = "None", "None"
        elif success.type is None:
            returns = cast_to = "ServerSentEvent"
        else:
            returns = output_annotation(success.type, self.shadowed)
            # A page class is cast to instead: its module alone is reached at run time.
            cast_to = output_annotation(success.type, self.shadowed, None if op.pagination else run)
        sync_page = async_page = None
        async_returns, async_cast_to = returns, cast_to
        streams = success is not None and success.kind == "event_stream"
        if streams:
            returns, async_returns = f"Stream[{returns}]", f"AsyncStream[{returns}]"
            cast_to, async_cast_to = f"Stream[{cast_to}]", f"AsyncStream[{cast_to}]"
        if op.pagination is not None:
            sync_class, async_class = op.pagination.sync_class, op.pagination.async_class
            sync_page, async_page = run(sync_class), run(async_class)
            returns = sync_class
            async_returns = (
                f"AsyncPaginator[{output_annotation(op.pagination.item_type, self.shadowed)}, {async_class}]"
            )
        self.shadowed = resource_shadowed
        return MethodView(
            name=op.method_name,
            http_method=op.http_method,
            path=path,
            positional=positional,
            keyword=signature,
            path_args=path_args,
            query_args=query_args,
            header_args=header_args,
            cookie_args=cookie_args,
            body_args=body_args,
            body_kind=body.kind if body else None,
            body_whole=body_whole,
            optional_fields_body=optional_fields_body,
            overloads=overloads,
            required_body_args=required_body_args,
            partial_body_check=(
                f"not all(isinstance(a, NotGiven) for a in {_tuple_source(a.name for a in body_args)}) "
                f"and any(isinstance(a, NotGiven) for a in {_tuple_source(required_body_args)})"
                if required_body_args
                else ""
            ),
            partial_body_error=(
                f"{op.method_name}() sends a body only with {', '.join(required_body_args)}: "
                "give them too, or no body argument at all"
                if required_body_args
                else ""
            ),
            file_args=file_args,
            content_type=body.content_type if body else None,
            sync_return=returns,
            async_return=async_returns,
            cast_to=cast_to,
            async_cast_to=async_cast_to,
            sync_page=sync_page,
            async_page=async_page,
            summary=op.summary,
            description=_description_beyond_summary(op.summary, op.description),
            deprecated=op.deprecated,
            deprecation=_deprecation(f"{op.method_name}()", op.sunset) if op.deprecated else "",
            operation_id=op.operation_id,
            example_call=self._example_call(op, positional, keyword),
            doc=_method_doc(op.summary, op.description, (*positional, *keyword)),
            # A page class is a class: the request is typed by it without a cast.
            cast_needed=not streams and op.pagination is None and self._needs_cast(success.type if success else None),
            cast_type=python_literal(returns),
            url=(op.server_url + path) if op.server_url and op.server_url not in self.api.servers[:1] else "",
            accept=_accept(op),
            security=self._security(op),
            max_retries=op.max_retries,
            send_content_type=body is not None
            and "*" not in body.content_type  # a wildcard is no media type to send
            and body.content_type.lower() not in ("application/json", "application/x-www-form-urlencoded"),
        )

    def _runtime_name(self, name: str) -> str:
        """``_module.Name``: a model or page class reached through its lazily imported module."""
        owner = self.module_of(name)
        assert owner is not None and self._names is not None, name
        return f"{self._names.alias(owner)}.{name}"

    def _security(self, op: OperationIR) -> str:
        """The ``security=`` option of a call, when it must not send every credential."""
        schemes = tuple(a.name for a in self.api.auth)
        # A document that never names a requirement sends every credential everywhere.
        if not schemes or set(op.security) == set(schemes) or not self._document_names_security:
            return ""
        return _literal(op.security)

    def _example_call(self, op: OperationIR, positional: tuple[ArgView, ...], keyword: tuple[ArgView, ...]) -> str:
        examples = _Examples(self.schemas)  # type: ignore[arg-type]
        params = {p.py_name: p for p in (*op.path_params, *op.query_params, *op.header_params)}
        fields = {f.py_name: f for f in (op.body.fields or ())} if op.body else {}
        body_example: dict[str, object] = {}
        if op.body is not None and isinstance(op.body.example, JsonObject):
            body_example = dict(op.body.example)
        parts: list[str] = []
        for arg in (*positional, *keyword):
            param = params.get(arg.name)
            wanted = (
                arg.default is None
                or (op.pagination is not None and arg.wire_name == "limit")
                or (arg.name in fields and arg.wire_name in body_example)
            )
            if not wanted:
                continue
            if param is not None:
                value = examples.value(param.type, param.example, param.wire_name)
            elif arg.name in fields:
                example = body_example.get(arg.wire_name, fields[arg.name].example)
                value = examples.value(fields[arg.name].type, example, arg.wire_name)
            elif op.body is not None:
                value = examples.value(op.body.type, op.body.example, "body")
            else:
                continue
            parts.append(value if arg in positional else f"{arg.name}={value}")
        return f"{op.method_name}({', '.join(parts)})"

    def _needs_cast(self, type_: TypeIR | None) -> bool:
        """Whether ``request(cast_to=...)`` is typed ``Any`` (the runtime types it for classes only)."""
        if type_ is None or isinstance(type_, (UnionType, LiteralType)):
            return True
        return isinstance(type_, NamedType) and isinstance(self.schemas.get(type_.name), AliasSchema)

    def _resource(self, resource: ResourceIR) -> ResourceView:
        """A resource's module; one with too many methods for an editor-sized file keeps them in parts."""
        module = _module_path(resource)
        operations = resource.operations
        if len(operations) <= MAX_METHODS_PER_MODULE:
            return self._resource_module(resource, operations, module)
        count = -(-len(operations) // MAX_METHODS_PER_MODULE)
        size = -(-len(operations) // count)
        parts = tuple(
            self._resource_module(
                resource, operations[start : start + size], (*module[:-1], f"_{module[-1]}_part{number}"), part=number
            )
            for number, start in enumerate(range(0, len(operations), size), start=1)
        )
        return self._resource_module(resource, (), module, parts=parts)

    def _resource_module(
        self,
        resource: ResourceIR,
        operations: tuple[OperationIR, ...],
        module: tuple[str, ...],
        *,
        part: int = 0,
        parts: tuple[ResourceView, ...] = (),
    ) -> ResourceView:
        """The module of ``resource`` (``part``: of some of its methods) holding ``operations``."""
        self.shadowed = (
            frozenset(op.method_name for op in resource.operations) | {c.attr_name for c in resource.children}
        ) & BUILTIN_TYPES
        self._names = names = _ModuleNames(".".join(module))
        methods = tuple(self._method(op) for op in operations)
        self.shadowed = frozenset()
        self._names = None
        source = (
            "\n".join(
                a.annotation + " " + m.sync_return + " " + m.async_return
                for m in methods
                for a in (*m.positional, *m.keyword)
            )
            + "\n"
            + "\n".join(f"{m.cast_to} {m.sync_return} {m.async_return}" for m in methods)
        )
        used = set(_IDENTIFIER.findall(source))
        page_names = sorted({n for op in operations if op.pagination
                             for n in (op.pagination.sync_class, op.pagination.async_class)})  # fmt: skip
        dotted_module = ".".join(module)
        checking = [*self._imports_of(dotted_module, " ".join(sorted(used)) + " " + " ".join(page_names))]
        checking += [_module_import(dotted_module, target, alias) for target, alias in names.aliases.items()]
        path = resource.path or (resource.attr_name,)
        file_path = "/".join(module) + ".py"
        waiters = tuple(
            self._waiter(waiter, method)
            for op, method in zip(operations, methods, strict=True)
            for waiter in op.waiters
        )
        sync_class, async_class = resource_class_names(resource.class_name)[:2]
        if part:
            sync_class, async_class = f"{sync_class}Part{part}", f"{async_class}Part{part}"
        children = () if part else resource.children
        return ResourceView(
            attr_name=resource.attr_name,
            module_name=resource.module_name,
            sync_class=sync_class,
            async_class=async_class,
            description=resource.description,
            methods=methods,
            dotted=".".join(path),
            file_path=file_path,
            module_path=".".join(module),
            package_init="/".join(("resources", *path, "__init__.py")) if children else "",
            up="." * file_path.count("/") + ".",
            children=tuple(
                ChildView(
                    c.attr_name,
                    "." + ".".join(_module_path(c)[len(module) - 1 :]),
                    f"{c.class_name}Resource",
                    f"Async{c.class_name}Resource",
                    c.description or f"Operations on {'.'.join(c.path or (c.attr_name,))}.",
                )
                for c in children
            ),
            doc=(
                f"Methods {part} of `client.{'.'.join(path)}` (the resource's class joins its parts)."
                if part
                else resource.description or f"Operations on {'.'.join(path)}."
            ),
            heading="#" * min(6, len(path) + 1),
            checking_imports=tuple(checking),
            lazy_modules=tuple(
                (alias, relative_module(dotted_module, target)) for target, alias in names.aliases.items()
            ),
            page_imports=tuple(page_names),
            typing_imports=tuple(
                name
                for name, used_here in (
                    ("TYPE_CHECKING", bool(children or checking)),
                    ("Literal", "Literal[" in source),
                    ("cast", bool(methods)),
                    ("overload", any(m.overloads for m in methods)),
                )
                if used_here
            ),
            uses_mapping="Mapping[" in source or "Sequence[" in source,
            uses_file_types="FileTypes" in source,
            uses_deprecated=any(m.deprecated for m in methods),
            uses_param_deprecation=any(a.deprecated for m in methods for a in m.keyword),
            uses_builtins="builtins." in source,
            utils_imports=self._utils_imports(methods),
            streaming_imports=tuple(
                n for n in ("AsyncStream", "ServerSentEvent", "Stream") if n in used and n not in self.schemas
            ),
            waiters=waiters,
            is_part=bool(part),
            parts=parts,
            part_imports=tuple(
                import_line(
                    "." + p.module_path.rsplit(".", 1)[1],
                    [
                        (n, n)
                        for c in (p.sync_class, p.async_class)
                        for n in (c, f"{c}WithRawResponse", f"{c}WithStreamingResponse")
                    ],
                )
                for p in parts
            ),
        )

    @staticmethod
    def _waiter(waiter: WaiterIR, method: MethodView) -> WaiterView:
        prop = ".".join(waiter.wire_path)
        success = ", ".join(f"`{_json_text(v)}`" for v in waiter.success)
        failure = ", ".join(f"`{_json_text(v)}`" for v in waiter.failure)
        # The IDs of the resources above are keyword-only, as in the polled method.
        parents = tuple(a for a in method.path_args if a not in method.positional)
        args = [(a.name, a.description or "Passed to `" + method.name + "`.") for a in (*method.positional, *parents)]
        args += [("timeout", "Seconds before giving up."), ("interval", "Seconds before the second poll.")]
        raises = [("WaiterTimeoutError", f"`{prop}` is not final after `timeout` seconds.")]
        if failure:
            raises.insert(0, ("WaiterFailedError", f"`{prop}` became {failure} (`.last` holds the result)."))
        doc = (
            f"Call `{method.name}` until `{prop}` is {success}; return that result.\n\n"
            f"Waits between calls grow from `interval` seconds, with jitter.\n\nArgs:\n"
            + "".join(f"    {name}: {text}\n" for name, text in args)
            + "\nRaises:\n"
            + "".join(f"    {name}: {text}\n" for name, text in raises)
        ).rstrip()
        source = (
            f"Waiter({python_literal(waiter.method_name)}, {_tuple_literal(waiter.path)}, "
            f"{_tuple_literal(waiter.success)}, {_tuple_literal(waiter.failure)})"
        )
        summary = f"polls `{method.name}` until `{prop}` is {success}" + (
            f"; raises `WaiterFailedError` on {failure}" if failure else ""
        )
        call = ", ".join([*(a.name for a in method.positional), *(f"{a.name}={a.name}" for a in parents)])
        return WaiterView(waiter.method_name, method.name, method.positional, parents, call, method.sync_return,
                          method.async_return, source, repr(waiter.timeout), repr(waiter.interval), doc,
                          summary, waiter.method_name + method.example_call[len(method.name):])  # fmt: skip

    @staticmethod
    def _utils_imports(methods: tuple[MethodView, ...]) -> tuple[str, ...]:
        args = [a for m in methods for a in (*m.query_args, *m.header_args, *m.cookie_args)]
        names = {"path_template", "stringify_headers", "strip_not_given"}
        if any(a.wire_value.startswith("Styled(") for a in args):
            names.add("Styled")
        if any(m.cookie_args for m in methods):
            names.add("cookie_header")
        if any(m.optional_fields_body for m in methods):
            names.add("optional_body")
        return tuple(sorted(names, key=lambda n: (n[0].islower(), n)))


_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")


def _module_path(resource: ResourceIR) -> tuple[str, ...]:
    """Where a resource's classes live: ``resources/files``, or for one with children its own folder,
    ``resources/chat/chat`` (as openai-python lays out ``client.chat``), ``_resource`` if a child is also ``chat``."""
    path = resource.path or (resource.attr_name,)
    if not resource.children:
        return ("resources", *path)
    own = path[-1] if all(c.attr_name != path[-1] for c in resource.children) else "_resource"
    return ("resources", *path, own)


class _ModuleNames:
    """The modules a generated module reaches at run time, each under a private alias, imported on first use."""

    def __init__(self, module: str) -> None:
        self.module = module  # dotted from the package
        self.aliases: dict[str, str] = {}  # target module → alias
        self._taken = NameRegistry(case_sensitive=True)

    def alias(self, target: str) -> str:
        """The alias of the module ``target`` (dotted from the package)."""
        if target not in self.aliases:
            self.aliases[target] = self._taken.claim("_" + target.rsplit(".", 1)[-1].lstrip("_"))
        return self.aliases[target]


def _module_import(module: str, target: str, alias: str) -> str:
    """``from ..types.shared import user as _user``: the module ``target`` imported into ``module``."""
    relative = relative_module(module, target)
    dots = len(relative) - len(relative.lstrip("."))
    rest = relative[dots:]
    parent, _, name = rest.rpartition(".")
    return f"from {'.' * dots}{parent} import {name} as {alias}"


def _is_keyword(name: str) -> bool:
    return keyword.iskeyword(name)


def _tuple_source(names: Iterable[str]) -> str:
    items = list(names)
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _not_required(arg: ArgView) -> ArgView:
    return dataclasses.replace(arg, annotation=f"{arg.annotation} | NotGiven", default=NOT_GIVEN_DEFAULT)


def _carries_file(type_: TypeIR) -> bool:
    if isinstance(type_, PrimitiveType):
        return type_.name == "bytes"
    return isinstance(type_, ArrayType) and _carries_file(type_.items)


def _tuple_literal(values: Iterable[object]) -> str:
    """A Python tuple literal of JSON scalars: ``("a",)``, ``()``."""
    items = [python_literal(v) for v in values]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _json_text(value: object) -> str:
    """A value as the spec writes it: a string as is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _literal(value: object) -> str:
    """A Python literal; tuples stay tuples (``python_literal`` writes JSON arrays as lists)."""
    if isinstance(value, tuple) and not isinstance(value, JsonObject):
        return "(" + "".join(python_literal(v) + ", " for v in value) + ")"
    return python_literal(value)


def _strip_none(type_: TypeIR) -> TypeIR:
    if isinstance(type_, UnionType):
        rest = [v for v in type_.variants if v != PrimitiveType("none")]
        return rest[0] if len(rest) == 1 else type_
    return type_


def _accept(op: OperationIR) -> str:
    """The media types the operation's responses declare, when that is not just JSON."""
    responses = (*((op.success,) if op.success else ()), *op.errors)
    declared = list(dict.fromkeys(ct for r in responses for ct in r.content_types))
    if not declared or [ct.lower() for ct in declared] == ["application/json"]:
        return ""
    return ", ".join(declared)


def _param_doc(p: ParameterIR | FieldIR) -> str:
    """A parameter's or body field's description, with the default the server applies when omitted."""
    doc = p.description
    if p.has_default:
        doc = _docs(doc, f"Defaults to {p.default!r} on the server.")
    return doc


_STANDARD_ARGS = (
    ("extra_headers", "Send extra headers."),
    ("extra_query", "Add additional query parameters to the request."),
    ("extra_body", "Add additional JSON properties to the request."),
    ("timeout", "Override the client-level default timeout for this request, in seconds."),
    ("max_retries", "Override the client-level maximum number of retries for this request."),
)


def _deprecation(name: str, sunset: str) -> str:
    """The DeprecationWarning of a deprecated method or argument, with its sunset date when there is one."""
    if sunset:
        return f"{name} is deprecated by the API and stops working on its sunset date, {sunset}"
    return f"{name} is deprecated by the API"


def _method_doc(summary: str, description: str, args: tuple[ArgView, ...]) -> str:
    lines = ["Args:"]
    for arg in args:
        text = " ".join(arg.description.split()) or "See the API reference."
        if arg.deprecated:
            text = (f"Deprecated (sunset {arg.sunset}). " if arg.sunset else "Deprecated. ") + text
        lines.append(f"    {arg.name}: {text}")
    lines.extend(f"    {name}: {text}" for name, text in _STANDARD_ARGS)
    if description.strip().startswith(summary.strip()):  # the description already opens with the summary
        return _docs(description, "\n".join(lines))
    return _docs(summary, description, "\n".join(lines))


def _description_beyond_summary(summary: str, description: str) -> str:
    """The description, unless it only repeats the summary."""
    return "" if description.strip() == summary.strip() else description


def _reference_title(title: str) -> str:
    """``OpenAI API`` → ``OpenAI API reference`` (not "OpenAI API API reference"); ``Petstore`` → ``Petstore API reference``."""
    words = title.split()
    return f"{title} reference" if words and words[-1].lower() in ("api", "apis") else f"{title} API reference"


class _Examples:
    """Builds realistic example arguments from schemas (examples and defaults first)."""

    def __init__(self, schemas: dict[str, object]) -> None:
        self.schemas = schemas

    def value(self, type_: TypeIR, example: object, name: str, depth: int = 0) -> str:
        if example is not None and _plain_json(example):
            return python_literal(example)
        if isinstance(type_, UnionType):
            variants = [v for v in type_.variants if v != PrimitiveType("none") and not _is_fallback(self.schemas, v)]
            return self.value(variants[0], None, name, depth + 1) if variants and depth < 8 else "None"
        if isinstance(type_, LiteralType):
            return python_literal(type_.value)
        if isinstance(type_, PrimitiveType):
            return {"str": python_literal(_string_example(name)), "int": "10", "float": "1.0", "bool": "True",
                    "bytes": 'b"raw file contents"', "any": "{}", "none": "None"}[type_.name]  # fmt: skip
        if isinstance(type_, ArrayType):
            return "[" + self.value(type_.items, None, name, depth + 1) + "]" if depth < 4 else "[]"
        if isinstance(type_, MapType):
            return (
                "{" + python_literal("key") + ": " + self.value(type_.values, None, "value", depth + 1) + "}"
                if depth < 4
                else "{}"
            )
        if isinstance(type_, NamedType):
            schema = self.schemas[type_.name]
            if isinstance(schema, EnumSchema):
                return python_literal(schema.values[0])
            if isinstance(schema, AliasSchema):
                return self.value(schema.target, None, name, depth + 1) if depth < 8 else "None"
            if isinstance(schema, ObjectSchema):
                if depth >= 4:
                    return "{}"
                items = [
                    f"{python_literal(f.wire_name)}: {self.value(f.type, f.example, f.wire_name, depth + 1)}"
                    for f in schema.fields
                    if f.required and not f.read_only
                ]
                return "{" + ", ".join(items) + "}"
        return "None"


def _plain_json(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_plain_json(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def _is_fallback(schemas: dict[str, object], type_: TypeIR) -> bool:
    schema = schemas.get(type_.name) if isinstance(type_, NamedType) else None
    return isinstance(schema, ObjectSchema) and schema.is_union_fallback


def _string_example(name: str) -> str:
    lower = name.lower()
    if lower == "id" or lower.endswith(("_id", "id")):
        return f"{lower.removesuffix('id').strip('_') or 'item'}_123"
    if "email" in lower:
        return "user@example.com"
    if "url" in lower or "uri" in lower:
        return "https://example.com"
    return name
