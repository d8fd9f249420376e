"""Compare two APIs by the surface SDK users see: what an API change breaks for them.

Reads two :class:`~generator.ir.ApiIR` values (of an old and a new spec) and lists every
change as a :class:`Change` with a stable rule id (:data:`RULES`), a level and a one-line
message, plus the old and new SDK names it affects. It knows nothing of templates or
rendering; :func:`report_markdown`, :func:`report_json` and :func:`report_github` lay the
changes out for a pull-request comment, a program, or GitHub Actions annotations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.errors import SourceLocation
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    BodyIR,
    EnumSchema,
    FieldIR,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    OperationIR,
    PaginationIR,
    ParameterIR,
    PrimitiveType,
    ResourceIR,
    SchemaIR,
    TypeIR,
    UnionType,
)
from generator.loader import join_pointer
from generator.pytypes import output_annotation

Level = Literal["breaking", "warning", "compatible"]
LEVELS: tuple[Level, ...] = ("breaking", "warning", "compatible")
Direction = Literal["request", "response"]


@dataclass(frozen=True)
class Rule:
    """One kind of change: a stable id, its level and what it means for SDK users."""

    id: str
    level: Level
    explanation: str


def _rules() -> dict[str, Rule]:
    fixed = [
        # -- the SDK's own names ------------------------------------------------------------
        Rule("sdk-package-renamed", "breaking", "the import name of the SDK package changed (info.title or config)"),
        Rule("sdk-client-renamed", "breaking", "the client class is renamed"),
        Rule("sdk-env-var-renamed", "warning", "an environment variable the client reads is renamed"),
        Rule(
            "sdk-method-renamed",
            "breaking",
            "a method is renamed (its path's shape, operationId or x-sdk-method changed)",
        ),
        Rule(
            "sdk-method-moved",
            "breaking",
            "a method moved to another resource (its path, tag or x-sdk-resource changed)",
        ),
        Rule("sdk-parameter-renamed", "breaking", "a keyword argument is renamed (same wire name, new Python name)"),
        Rule("sdk-property-renamed", "breaking", "a model attribute is renamed (same wire name, new Python name)"),
        Rule("sdk-model-renamed", "breaking", "a model class is renamed (its schema was renamed)"),
        Rule("sdk-inline-model-renamed", "breaking", "the class hoisted from an inline schema got a new name"),
        # -- operations ---------------------------------------------------------------------
        Rule("operation-removed", "breaking", "an operation is removed: its method no longer exists"),
        Rule(
            "operation-removed-before-sunset",
            "breaking",
            "a deprecated operation is removed before its sunset date: its method no longer exists",
        ),
        Rule(
            "operation-removed-after-sunset",
            "warning",
            "a deprecated operation is removed on or after its sunset date, as announced",
        ),
        Rule("operation-added", "compatible", "a new operation: a new method"),
        Rule("sdk-waiter-removed", "breaking", "a wait_until_* method is removed (its x-sdk-waiters entry is gone)"),
        Rule("sdk-waiter-added", "compatible", "a new wait_until_* method"),
        Rule("sdk-waiter-changed", "warning", "a wait_until_* method watches another property or ends on other values"),
        Rule("operation-path-changed", "breaking", "an operation moved to another path: old SDKs call the old one"),
        Rule(
            "operation-deprecated",
            "warning",
            "an operation is deprecated (or gets a sunset date): calls emit DeprecationWarning naming it",
        ),
        Rule("operation-security-changed", "warning", "an operation needs other credentials"),
        Rule("operation-server-changed", "warning", "an operation is served from another URL"),
        # -- parameters ---------------------------------------------------------------------
        Rule("parameter-removed", "breaking", "a parameter is removed: calls passing it fail"),
        Rule("parameter-removed-before-sunset", "breaking", "a deprecated parameter is removed before its sunset date"),
        Rule(
            "parameter-removed-after-sunset",
            "warning",
            "a deprecated parameter is removed on or after its sunset date, as announced",
        ),
        Rule("parameter-added-required", "breaking", "a new required parameter: existing calls lack it"),
        Rule("parameter-added-optional", "compatible", "a new optional parameter"),
        Rule("parameter-became-required", "breaking", "an optional parameter became required"),
        Rule("parameter-became-optional", "compatible", "a required parameter became optional"),
        Rule(
            "parameter-default-changed",
            "warning",
            "a parameter's default changed: calls omitting it mean something else",
        ),
        Rule("parameter-location-changed", "breaking", "a parameter moved between query, path, header and cookie"),
        Rule(
            "parameter-deprecated",
            "warning",
            "a parameter is deprecated (or gets a sunset date): passing it emits DeprecationWarning",
        ),
        # -- request bodies -----------------------------------------------------------------
        Rule("request-body-removed", "breaking", "the request body is removed: its arguments no longer exist"),
        Rule("request-body-added-required", "breaking", "a new required request body: existing calls lack it"),
        Rule("request-body-added", "compatible", "a new optional request body"),
        Rule("request-body-became-required", "breaking", "an optional request body became required"),
        Rule("request-media-type-removed", "breaking", "the media type the SDK sends is no longer accepted"),
        Rule("request-property-removed", "breaking", "a request property is removed: calls passing it fail"),
        Rule("request-property-added-required", "breaking", "a new required request property: existing calls lack it"),
        Rule("request-property-added-optional", "compatible", "a new optional request property"),
        Rule("request-property-became-required", "breaking", "an optional request property became required"),
        Rule("request-property-became-optional", "compatible", "a required request property became optional"),
        Rule("request-property-became-non-nullable", "breaking", "a request property no longer accepts None"),
        Rule("request-property-became-nullable", "compatible", "a request property now accepts None"),
        Rule("request-property-default-changed", "warning", "a request property's default changed"),
        # -- responses ----------------------------------------------------------------------
        Rule("response-success-status-removed", "warning", "the success status code changed (the SDK accepts any 2xx)"),
        Rule("response-body-removed", "breaking", "the method no longer returns a value"),
        Rule("response-body-added", "compatible", "the method now returns a value"),
        Rule("response-property-removed", "breaking", "a response attribute is removed: reading it fails"),
        Rule("response-property-added", "compatible", "a new response attribute"),
        Rule("response-property-became-optional", "breaking", "a response attribute may now be missing (None)"),
        Rule("response-property-became-required", "compatible", "a response attribute is now always present"),
        Rule("response-property-became-nullable", "breaking", "a response attribute may now be None"),
        Rule("response-property-became-non-nullable", "compatible", "a response attribute is never None any more"),
        # -- schemas, auth, servers, pagination ---------------------------------------------
        Rule("model-removed", "breaking", "a model class is removed: importing it fails"),
        Rule("model-added", "compatible", "a new model class"),
        Rule("model-kind-changed", "breaking", "a model changed kind (object, enum or alias)"),
        Rule(
            "property-deprecated",
            "warning",
            "a property is deprecated (or gets a sunset date): using it emits DeprecationWarning",
        ),
        Rule("property-removed-before-sunset", "breaking", "a deprecated property is removed before its sunset date"),
        Rule(
            "property-removed-after-sunset",
            "warning",
            "a deprecated property is removed on or after its sunset date, as announced",
        ),
        Rule("sunset-changed", "warning", "the sunset date of a deprecated operation, parameter or property changed"),
        Rule("security-scheme-added", "warning", "a new security scheme: operations that need it fail without it"),
        Rule("security-scheme-removed", "breaking", "a security scheme is removed: its client argument is gone"),
        Rule("security-scheme-changed", "breaking", "a security scheme sends its secret differently"),
        Rule("server-url-changed", "warning", "the default base URL changed: old SDKs call the old server"),
        Rule("pagination-added", "breaking", "a method now returns a page object instead of the plain response"),
        Rule("pagination-removed", "breaking", "a method no longer returns a page object"),
        Rule("pagination-changed", "breaking", "a method paginates differently: old SDKs fetch wrong pages"),
    ]
    # Type, enum and union rules exist for each place a type sits; their level depends on the
    # direction: a request accepts less when a value is removed, a response sends more when one is added.
    places: dict[str, Direction] = {
        "parameter": "request",
        "request-property": "request",
        "request-body": "request",
        "response-property": "response",
        "response-body": "response",
    }
    for place, direction in places.items():
        request = direction == "request"
        what = place.replace("-", " ")
        fixed += [
            Rule(f"{place}-type-changed", "breaking", f"the type of a {what} changed"),
            Rule(f"{place}-enum-value-removed", "breaking" if request else "compatible",
                 f"a {what} no longer accepts an enum value" if request else f"a {what} no longer returns an enum value"),
            Rule(f"{place}-enum-value-added", "compatible" if request else "warning",
                 f"a {what} accepts a new enum value" if request
                 else f"a {what} may return a new enum value (our SDKs keep it; strict code may not)"),
            Rule(f"{place}-union-variant-removed", "breaking" if request else "compatible",
                 f"a {what} no longer accepts a variant" if request else f"a {what} no longer returns a variant"),
            Rule(f"{place}-union-variant-added", "compatible" if request else "warning",
                 f"a {what} accepts a new variant" if request
                 else f"a {what} may return a new variant (our SDKs keep it; exhaustive matches miss it)"),
        ]  # fmt: skip
    return {rule.id: rule for rule in fixed}


RULES: dict[str, Rule] = _rules()


@dataclass(frozen=True)
class Change:
    """One difference between the two APIs, as it affects SDK users."""

    rule: str
    message: str
    pointer: str  # JSON pointer in the NEW spec (its nearest existing ancestor is reported)
    old: str | None = None  # SDK name before (``client.jobs.run_job()``), if any
    new: str | None = None  # SDK name after, if any
    source_file: str = ""  # the file of a schema that came from another file than the root

    @property
    def level(self) -> Level:
        """The rule's level."""
        return RULES[self.rule].level


# ---- comparison --------------------------------------------------------------------------


def _strip_none(type_: TypeIR) -> TypeIR:
    if isinstance(type_, UnionType):
        rest = tuple(v for v in type_.variants if v != PrimitiveType("none") and v != LiteralType(None))
        if len(rest) == 1:
            return rest[0]
        if len(rest) != len(type_.variants):
            return UnionType(rest, type_.discriminator, type_.mapping)
    return type_


# Pagination fields that name SDK classes or types rather than what pages do on the wire.
_PAGE_NAMES = frozenset({"item_type", "page_schema", "sync_class", "async_class"})

# String formats the models parse into their own Python type (datetime, date): a change of type.
_TYPED_FORMATS = frozenset({"date-time", "date"})


def _as_union(type_: TypeIR) -> UnionType:
    return type_ if isinstance(type_, UnionType) else UnionType((type_,))


def _has_none(type_: TypeIR) -> bool:
    return isinstance(type_, UnionType) and _strip_none(type_) != type_


def _template_names(path: str) -> list[str]:
    return [s[1:-1] for s in path.split("/") if s.startswith("{") and s.endswith("}")]


def _normal_path(path: str) -> str:
    """``/jobs/{job_id}`` and ``/jobs/{id}`` are the same operation for the SDK."""
    return "/".join("{}" if s.startswith("{") else s for s in path.split("/"))


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


@dataclass
class _Where:
    """Where a type sits: the rule prefix, a pointer and SDK names for messages."""

    place: str
    pointer: str
    old_name: str
    new_name: str
    direction: Direction
    file: str | None = None  # the NEW spec's file holding ``pointer`` (None: the operation's)


@dataclass
class _Differ:
    """One comparison of two APIs; :meth:`run` returns its changes."""

    old: ApiIR
    new: ApiIR
    today: dt.date = field(default_factory=dt.date.today)  # sunsets are judged as of this date
    changes: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.old_schemas = {s.name: s for s in self.old.schemas}
        self.new_schemas = {s.name: s for s in self.new.schemas}
        self.old_usage = _usage(self.old, self.old_schemas)
        self.new_usage = _usage(self.new, self.new_schemas)
        self.renamed: dict[str, str] = {}  # old model name → new
        self.compared: set[tuple[str, str, Direction]] = set()
        self.enums_seen: set[str] = set()  # old enums already compared where they are used
        self.removed_sources: list[str] = []  # pointers of removed operations (in the old spec)
        self.operation_file = ""  # the file of the operation being compared, when not the root

    def add(
        self,
        rule: str,
        message: str,
        pointer: str,
        old: str | None = None,
        new: str | None = None,
        file: str | None = None,
    ) -> None:
        """Record a change; ``file`` None: in the file of the operation being compared."""
        assert rule in RULES, rule
        self.changes.append(Change(rule, message, pointer, old, new, self.operation_file if file is None else file))

    # ---- the whole API -----------------------------------------------------------------

    def run(self) -> list[Change]:
        self._package()
        self._auth()
        self._operations()
        self._remaining_schemas()
        return list(dict.fromkeys(self.changes))

    def _package(self) -> None:
        o, n = self.old.config, self.new.config
        if o.package_name != n.package_name:
            self.add("sdk-package-renamed", f"`import {o.package_name}` becomes `import {n.package_name}`",
                     "/info/title", o.package_name, n.package_name)  # fmt: skip
        if o.client_class != n.client_class:
            self.add("sdk-client-renamed", f"the client class {_code(o.client_class)} becomes {_code(n.client_class)}",
                     "/info/title", o.client_class, n.client_class)  # fmt: skip
        for old_var, new_var in ((o.base_url_env_var, n.base_url_env_var), (o.log_env_var, n.log_env_var)):
            if old_var != new_var:
                self.add("sdk-env-var-renamed", f"the client reads {_code(new_var)} instead of {_code(old_var)}",
                         "/info/title", old_var, new_var)  # fmt: skip
        if o.base_url != n.base_url:
            self.add("server-url-changed", f"the default base URL changes from {_code(o.base_url)} to {_code(n.base_url)}",
                     "/servers", o.base_url, n.base_url)  # fmt: skip

    def _auth(self) -> None:
        old = {a.name: a for a in self.old.auth}
        new = {a.name: a for a in self.new.auth}
        for name, scheme in old.items():
            pointer = join_pointer("/components/securitySchemes", name)
            args = ", ".join(scheme.client_args)
            if name not in new:
                self.add("security-scheme-removed", f"security scheme {_code(name)} is removed; the client argument "
                         f"{_code(args)} goes with it", pointer, f"{self.old.config.client_class}({args}=)")  # fmt: skip
                continue
            other = new[name]
            if (scheme.kind, scheme.location, scheme.parameter_name) != (
                other.kind,
                other.location,
                other.parameter_name,
            ):
                self.add("security-scheme-changed", f"security scheme {_code(name)} changes from {scheme.kind} in "
                         f"{scheme.location} {_code(scheme.parameter_name)} to {other.kind} in {other.location} "
                         f"{_code(other.parameter_name)}", pointer)  # fmt: skip
            if scheme.client_args != other.client_args:
                self.add("sdk-parameter-renamed", f"the client argument {_code(', '.join(scheme.client_args))} of "
                         f"security scheme {_code(name)} becomes {_code(', '.join(other.client_args))}", pointer,
                         f"{self.old.config.client_class}({', '.join(scheme.client_args)}=)",
                         f"{self.new.config.client_class}({', '.join(other.client_args)}=)")  # fmt: skip
            if scheme.env_vars != other.env_vars:
                self.add("sdk-env-var-renamed", f"security scheme {_code(name)} reads {_code(', '.join(other.env_vars))}"
                         f" instead of {_code(', '.join(scheme.env_vars))}", pointer,
                         ", ".join(scheme.env_vars), ", ".join(other.env_vars))  # fmt: skip
        for name, scheme in new.items():
            if name not in old:
                args = ", ".join(scheme.client_args)
                self.add("security-scheme-added", f"new security scheme {_code(name)} (client argument {_code(args)})",
                         join_pointer("/components/securitySchemes", name), None,
                         f"{self.new.config.client_class}({args}=)")  # fmt: skip

    # ---- operations --------------------------------------------------------------------

    def _operations(self) -> None:
        def index(api: ApiIR) -> dict[tuple[str, str], tuple[ResourceIR, OperationIR]]:
            return {(op.http_method, _normal_path(op.path)): (resource, op) for resource, op in api.operations()}

        old, new = index(self.old), index(self.new)
        pairs = [(old[key], new[key]) for key in old if key in new]
        gone = {key: value for key, value in old.items() if key not in new}
        added = {key: value for key, value in new.items() if key not in old}
        # An operation whose path changed is still the same operation when its operationId is.
        by_id = {value[1].operation_id: key for key, value in added.items()}
        for key, value in list(gone.items()):
            new_key = by_id.get(value[1].operation_id)
            if new_key is not None and new_key in added:
                pairs.append((value, added.pop(new_key)))
                del gone[key]
        for (o_res, o_op), (n_res, n_op) in pairs:
            self._operation(o_res, o_op, n_res, n_op)
        for o_res, o_op in gone.values():
            self.removed_sources.append(o_op.source + "/")
            rule, why = self._removal("operation", o_op.deprecated, o_op.sunset)
            self.add(rule, f"{o_op.http_method.upper()} {_code(o_op.path)} is removed{why}; "
                     f"{_code(_method(o_res, o_op))} no longer exists", join_pointer("/paths", o_op.path),
                     _method(o_res, o_op))  # fmt: skip
        for n_res, n_op in added.values():
            self.add("operation-added", f"new operation {n_op.http_method.upper()} {_code(n_op.path)}: "
                     f"{_code(_method(n_res, n_op))}", _op_pointer(n_op), None, _method(n_res, n_op),
                     n_op.source_file)  # fmt: skip

    def _removal(self, what: str, deprecated: bool, sunset: str) -> tuple[str, str]:
        """The rule of removing a ``what`` (operation, parameter, property), and why, by its sunset date."""
        if not sunset:
            return f"{what}-removed", " (it was deprecated, with no sunset date)" if deprecated else ""
        if dt.date.fromisoformat(sunset) <= self.today:
            return f"{what}-removed-after-sunset", f" (deprecated, sunset {sunset}: as announced)"
        return f"{what}-removed-before-sunset", f" before its sunset date {sunset}"

    def _operation(self, o_res: ResourceIR, o: OperationIR, n_res: ResourceIR, n: OperationIR) -> None:
        old_name, new_name = _method(o_res, o), _method(n_res, n)
        # Pointers below are in the file that holds the operation (a path item may live in another).
        self.operation_file, here = n.source_file, _op_pointer(n)
        if o_res.dotted != n_res.dotted:
            self.add("sdk-method-moved", f"{_code(old_name)} becomes {_code(new_name)}", here, old_name, new_name)
        elif o.method_name != n.method_name:
            self.add("sdk-method-renamed", f"{_code(old_name)} becomes {_code(new_name)}", here, old_name, new_name)
        if o.path != n.path and _normal_path(o.path) != _normal_path(n.path):
            self.add("operation-path-changed", f"{_code(new_name)} now calls {n.http_method.upper()} {_code(n.path)} "
                     f"instead of {_code(o.path)}", here, old_name, new_name)  # fmt: skip
        if n.deprecated and not o.deprecated:
            self.add("operation-deprecated", f"{_code(new_name)} is deprecated{_until(n.sunset)}", here, old_name,
                     new_name)  # fmt: skip
        elif o.deprecated and n.deprecated and o.sunset != n.sunset:
            self.add("sunset-changed", _sunset_moved(new_name, o.sunset, n.sunset), here, old_name, new_name)
        if set(o.security) != set(n.security):
            self.add("operation-security-changed", f"{_code(new_name)} needs {_schemes(n.security, 'no')} "
                     f"credentials instead of {_schemes(o.security, 'none')}", here, old_name, new_name)  # fmt: skip
        if o.server_url != n.server_url:
            self.add("operation-server-changed", f"{_code(new_name)} calls {_code(n.server_url or 'the base URL')} "
                     f"instead of {_code(o.server_url or 'the base URL')}", here, old_name, new_name)  # fmt: skip
        self._parameters(o, n, old_name, new_name)
        self._body(o.body, n.body, n, old_name, new_name)
        self._response(o, n, old_name, new_name)
        self._pagination(o.pagination, n.pagination, here, old_name, new_name)
        self._waiters(o_res, o, n_res, n, here)
        self.operation_file = ""

    def _waiters(self, o_res: ResourceIR, o: OperationIR, n_res: ResourceIR, n: OperationIR, here: str) -> None:
        old = {w.method_name: w for w in o.waiters}
        new = {w.method_name: w for w in n.waiters}
        for name, waiter in old.items():
            old_call = f"client.{o_res.attr_name}.{name}()"
            if name not in new:
                self.add("sdk-waiter-removed", f"{_code(old_call)} is removed", here, old_call, None)
                continue
            other = new[name]
            if (waiter.wire_path, waiter.success, waiter.failure) != (other.wire_path, other.success, other.failure):
                new_call = f"client.{n_res.attr_name}.{name}()"
                self.add("sdk-waiter-changed", f"{_code(new_call)} waits for `{'.'.join(other.wire_path)}` in "
                         f"{list(other.success)} (failing on {list(other.failure)}) instead of "
                         f"`{'.'.join(waiter.wire_path)}` in {list(waiter.success)} (failing on "
                         f"{list(waiter.failure)})", here, old_call, new_call)  # fmt: skip
        for name in new.keys() - old.keys():
            new_call = f"client.{n_res.attr_name}.{name}()"
            self.add("sdk-waiter-added", f"new method {_code(new_call)}", here, None, new_call)

    def _parameters(self, o: OperationIR, n: OperationIR, old_name: str, new_name: str) -> None:
        def params(op: OperationIR) -> dict[str, ParameterIR]:
            every = [*op.path_params, *op.query_params, *op.header_params, *op.cookie_params]
            wire = [p.wire_name for p in every]
            unique = len(set(wire)) == len(wire)  # the same name in two places: match by place too
            return {(p.wire_name if unique else f"{p.location}:{p.wire_name}"): p for p in every}

        old, new = params(o), params(n)
        # A path parameter renamed in the template (`{pet_id}` → `{id}`) is the same parameter: pair by place.
        gone = [k for k, p in old.items() if k not in new and p.location == "path"]
        added = [k for k, q in new.items() if k not in old and q.location == "path"]
        if gone and added and _normal_path(o.path) == _normal_path(n.path):
            order_old, order_new = _template_names(o.path), _template_names(n.path)
            for key in gone:
                wire = old[key].wire_name
                if wire in order_old and order_old.index(wire) < len(order_new):
                    twin = order_new[order_old.index(wire)]
                    match = next((k for k in added if new[k].wire_name == twin), None)
                    if match is not None:
                        new = {(key if k == match else k): v for k, v in new.items()}
                        added.remove(match)
        pointer = listed = join_pointer(_op_pointer(n), "parameters")
        call_old, call_new = old_name.removesuffix("()"), new_name.removesuffix("()")
        for key, p in old.items():
            if key not in new:
                rule, why = self._removal("parameter", p.deprecated, p.sunset)
                self.add(rule, f"{_code(call_old)} loses the {p.location} parameter {_code(p.py_name)}{why}",
                         pointer, f"{call_old}({p.py_name}=)")  # fmt: skip
        for key, q in new.items():
            if key not in old:
                rule = "parameter-added-required" if q.required else "parameter-added-optional"
                kind = "required" if q.required else "optional"
                self.add(rule, f"{_code(call_new)} gains the {kind} {q.location} parameter {_code(q.py_name)}",
                         q.source or listed, None, f"{call_new}({q.py_name}=)", q.source_file if q.source else None)  # fmt: skip
        for key, p in old.items():
            if key not in new:
                continue
            q = new[key]
            before, after = f"{call_old}({p.py_name}=)", f"{call_new}({q.py_name}=)"
            # Located at the parameter itself when the IR knows where it is.
            pointer, file = (q.source, q.source_file) if q.source else (listed, None)
            add = functools.partial(self.add, file=file)
            if p.py_name != q.py_name:
                wire = f"wire name {_code(q.wire_name)}" if p.wire_name == q.wire_name else "renamed in the path"
                positional = "; positional calls keep working" if q.location == "path" else ""
                add("sdk-parameter-renamed", f"the argument {_code(p.py_name)} of {_code(call_new)} becomes "
                    f"{_code(q.py_name)} ({wire}{positional})", pointer, before, after)  # fmt: skip
            if p.location != q.location:
                add("parameter-location-changed", f"the parameter {_code(q.py_name)} of {_code(call_new)} moves "
                         f"from {p.location} to {q.location}", pointer, before, after)  # fmt: skip
            if q.required and not p.required:
                add("parameter-became-required", f"the parameter {_code(q.py_name)} of {_code(call_new)} "
                         "becomes required", pointer, before, after)  # fmt: skip
            elif p.required and not q.required:
                add("parameter-became-optional", f"the parameter {_code(q.py_name)} of {_code(call_new)} "
                         "becomes optional", pointer, before, after)  # fmt: skip
            if (p.has_default, p.default) != (q.has_default, q.default):
                add("parameter-default-changed", f"the default of {_code(q.py_name)} in {_code(call_new)} "
                         f"changes from {_default(p.has_default, p.default)} to {_default(q.has_default, q.default)}",
                         pointer, before, after)  # fmt: skip
            if q.deprecated and not p.deprecated:
                add("parameter-deprecated", f"the parameter {_code(q.py_name)} of {_code(call_new)} is deprecated"
                    f"{_until(q.sunset)}", pointer, before, after)  # fmt: skip
            elif p.deprecated and q.deprecated and p.sunset != q.sunset:
                add("sunset-changed", _sunset_moved(after, p.sunset, q.sunset), pointer, before, after)
            self._type(p.type, q.type, _Where("parameter", pointer, before, after, "request", file))

    def _body(self, o: BodyIR | None, n: BodyIR | None, op: OperationIR, old_name: str, new_name: str) -> None:
        pointer = join_pointer(_op_pointer(op), "requestBody")
        if o is None and n is None:
            return
        if o is None and n is not None:
            rule = "request-body-added-required" if n.required else "request-body-added"
            self.add(rule, f"{_code(new_name)} gains a {'required ' if n.required else ''}request body", pointer,
                     None, new_name)  # fmt: skip
            return
        if n is None:
            self.add("request-body-removed", f"{_code(new_name)} no longer takes a request body", _op_pointer(op),
                     old_name, new_name)  # fmt: skip
            return
        assert o is not None
        if o.content_type != n.content_type:
            self.add("request-media-type-removed", f"{_code(new_name)} no longer accepts {_code(o.content_type)}; "
                     f"the SDK now sends {_code(n.content_type)}", join_pointer(pointer, "content"),
                     old_name, new_name)  # fmt: skip
        if n.required and not o.required:
            self.add("request-body-became-required", f"the request body of {_code(new_name)} becomes required",
                     pointer, old_name, new_name)  # fmt: skip
        call_old, call_new = old_name.removesuffix("()"), new_name.removesuffix("()")
        schema_pointer = join_pointer(pointer, "content", n.content_type, "schema")
        if o.fields is not None and n.fields is not None:
            if isinstance(o.type, NamedType) and isinstance(n.type, NamedType):
                # The body's model is compared here, as keyword arguments, not again as a model.
                self.compared.add((o.type.name, n.type.name, "request"))
                if o.type.name != n.type.name and self._renameable(o.type.name, n.type.name):
                    self._rename(self.old_schemas[o.type.name], self.new_schemas[n.type.name])
            self._fields(o.fields, n.fields, "request", join_pointer(schema_pointer, "properties"),
                         lambda f: f"{call_old}({f.py_name}=)", lambda f: f"{call_new}({f.py_name}=)")  # fmt: skip
        elif (o.fields is None) != (n.fields is None):
            how = {True: "one `body` argument", False: "keyword arguments"}
            self.add("request-body-type-changed", f"{_code(new_name)} takes its request body as "
                     f"{how[n.fields is None]} instead of {how[o.fields is None]}", schema_pointer,
                     old_name, new_name)  # fmt: skip
        else:
            self._type(o.type, n.type, _Where("request-body", schema_pointer, old_name, new_name, "request"))

    def _response(self, o: OperationIR, n: OperationIR, old_name: str, new_name: str) -> None:
        before, after = o.success, n.success
        old_type = before.type if before is not None else None
        new_type = after.type if after is not None else None
        responses = join_pointer(_op_pointer(n), "responses")
        pointer = join_pointer(responses, after.status) if after else responses
        if before is not None and after is not None and before.status != after.status:
            self.add("response-success-status-removed", f"{_code(new_name)} succeeds with {after.status} instead of "
                     f"{before.status}", pointer, old_name, new_name)  # fmt: skip
        if old_type is not None and new_type is None:
            self.add(
                "response-body-removed", f"{_code(new_name)} no longer returns a value", pointer, old_name, new_name
            )
        elif old_type is None and new_type is not None:
            self.add("response-body-added", f"{_code(new_name)} now returns a value", pointer, old_name, new_name)
        elif old_type is not None and new_type is not None and before is not None and after is not None:
            if before.kind != after.kind:
                self.add("response-body-type-changed", f"{_code(new_name)} returns {after.kind} instead of "
                         f"{before.kind}", pointer, old_name, new_name)  # fmt: skip
                return
            schema_pointer = join_pointer(pointer, "content", after.content_type or "", "schema")
            self._type(old_type, new_type, _Where("response-body", schema_pointer, old_name, new_name, "response"))

    def _pagination(
        self, o: PaginationIR | None, n: PaginationIR | None, pointer: str, old_name: str, new_name: str
    ) -> None:
        if o is None and n is not None:
            self.add("pagination-added", f"{_code(new_name)} now returns {_code(n.sync_class)} pages", pointer,
                     old_name, new_name)  # fmt: skip
        elif o is not None and n is None:
            self.add("pagination-removed", f"{_code(new_name)} no longer returns {_code(o.sync_class)} pages", pointer,
                     old_name, new_name)  # fmt: skip
        elif o is not None and n is not None:
            # What the pages do on the wire; the item type and class names are compared elsewhere.
            keys = [f.name for f in dataclasses.fields(n) if f.name not in _PAGE_NAMES]
            changed = [k for k in keys if getattr(o, k) != getattr(n, k)]
            if changed:
                what = ", ".join(f"{k} {_code(repr(getattr(o, k)))} → {_code(repr(getattr(n, k)))}" for k in changed)
                self.add("pagination-changed", f"{_code(new_name)} paginates differently: {what}", pointer,
                         old_name, new_name)  # fmt: skip

    # ---- properties and types ----------------------------------------------------------

    def _fields(
        self,
        old: Sequence[FieldIR],
        new: Sequence[FieldIR],
        direction: Direction,
        pointer: str,
        old_name: Callable[[FieldIR], str],
        new_name: Callable[[FieldIR], str],
        file: str | None = None,
    ) -> None:
        add = functools.partial(self.add, file=file)
        before = {f.wire_name: f for f in old}
        after = {f.wire_name: f for f in new}
        side = direction
        for wire, f in before.items():
            if wire not in after:
                rule, why = self._removal("property", f.deprecated, f.sunset)
                rule = f"{side}-property-removed" if rule == "property-removed" else rule
                add(rule, f"{_code(old_name(f))} is removed{why}", pointer, old_name(f))
        for wire, g in after.items():
            if wire in before:
                continue
            if direction == "request":
                rule = "request-property-added-required" if g.required else "request-property-added-optional"
                add(rule, f"{_code(new_name(g))} is new and {'required' if g.required else 'optional'}",
                         join_pointer(pointer, wire), None, new_name(g))  # fmt: skip
            else:
                add("response-property-added", f"{_code(new_name(g))} is new", join_pointer(pointer, wire),
                         None, new_name(g))  # fmt: skip
        for wire, f in before.items():
            if wire not in after:
                continue
            g = after[wire]
            here, a, b = join_pointer(pointer, wire), old_name(f), new_name(g)
            if f.py_name != g.py_name:
                add("sdk-property-renamed", f"{_code(a)} becomes {_code(b)} (wire name {_code(wire)})", here, a, b)
            nullable_before = f.nullable or _has_none(f.type)
            nullable_after = g.nullable or _has_none(g.type)
            if direction == "request":
                if g.required and not f.required:
                    add("request-property-became-required", f"{_code(b)} becomes required", here, a, b)
                elif f.required and not g.required:
                    add("request-property-became-optional", f"{_code(b)} becomes optional", here, a, b)
                if nullable_before and not nullable_after:
                    add("request-property-became-non-nullable", f"{_code(b)} no longer accepts None", here, a, b)
                elif nullable_after and not nullable_before:
                    add("request-property-became-nullable", f"{_code(b)} now accepts None", here, a, b)
                if (f.has_default, f.default) != (g.has_default, g.default):
                    add("request-property-default-changed", f"the default of {_code(b)} changes from "
                             f"{_default(f.has_default, f.default)} to {_default(g.has_default, g.default)}",
                             here, a, b)  # fmt: skip
            else:
                if f.required and not g.required:
                    add("response-property-became-optional", f"{_code(b)} may be missing (None)", here, a, b)
                elif g.required and not f.required:
                    add("response-property-became-required", f"{_code(b)} is always present", here, a, b)
                if nullable_after and not nullable_before:
                    add("response-property-became-nullable", f"{_code(b)} may be None", here, a, b)
                elif nullable_before and not nullable_after:
                    add("response-property-became-non-nullable", f"{_code(b)} is never None", here, a, b)
            if g.deprecated and not f.deprecated:
                add("property-deprecated", f"{_code(b)} is deprecated{_until(g.sunset)}", here, a, b)
            elif f.deprecated and g.deprecated and f.sunset != g.sunset:
                add("sunset-changed", _sunset_moved(b, f.sunset, g.sunset), here, a, b)
            self._type(f.type, g.type, _Where(f"{side}-property", here, a, b, direction, file))

    def _type(self, old: TypeIR, new: TypeIR, where: _Where) -> None:
        o, n = _strip_none(old), _strip_none(new)
        if isinstance(o, NamedType) and isinstance(n, NamedType):
            self._named(o.name, n.name, where)
        elif isinstance(o, ArrayType) and isinstance(n, ArrayType):
            self._type(o.items, n.items, where)
        elif isinstance(o, MapType) and isinstance(n, MapType):
            self._type(o.values, n.values, where)
        elif isinstance(o, UnionType) or isinstance(n, UnionType):
            # A type that gains or loses variants down to one is still a union that changed.
            self._union(_as_union(o), _as_union(n), where)
        elif self._annotation(o, rename=True) != self._annotation(n, rename=False):
            self._type_changed(o, n, where)

    def _type_changed(self, o: TypeIR, n: TypeIR, where: _Where) -> None:
        self.add(f"{where.place}-type-changed", f"{_code(where.new_name)} changes type from "
                 f"{_code(self._annotation(o, rename=False))} to {_code(self._annotation(n, rename=False))}",
                 where.pointer, where.old_name, where.new_name, where.file)  # fmt: skip

    def _annotation(self, type_: TypeIR, *, rename: bool) -> str:
        text = output_annotation(type_)
        if isinstance(type_, PrimitiveType) and type_.format in _TYPED_FORMATS:
            return f"{text} ({type_.format})"
        if rename and isinstance(type_, NamedType) and type_.name in self.renamed:
            return self.renamed[type_.name]
        return text

    def _union(self, o: UnionType, n: UnionType, where: _Where) -> None:
        def variants(union: UnionType, schemas: dict[str, SchemaIR], rename: bool) -> dict[str, TypeIR]:
            result: dict[str, TypeIR] = {}
            for variant in union.variants:
                schema = schemas.get(variant.name) if isinstance(variant, NamedType) else None
                if isinstance(schema, ObjectSchema) and schema.is_union_fallback:
                    continue  # the catch-all class every union gets; not a variant users see
                name = variant.name if isinstance(variant, NamedType) else None
                key = self.renamed.get(name, name) if rename and name else self._annotation(variant, rename=False)
                result[key] = variant
            return result

        before = variants(o, self.old_schemas, True)
        after = variants(n, self.new_schemas, False)
        unmatched_old = [k for k in before if k not in after]
        unmatched_new = [k for k in after if k not in before]
        # A variant renamed in place is the same variant: pair them when it is one for one.
        if (
            len(unmatched_old) == 1
            and len(unmatched_new) == 1
            and all(isinstance(x, NamedType) for x in (before[unmatched_old[0]], after[unmatched_new[0]]))
        ):
            self._type(before[unmatched_old[0]], after[unmatched_new[0]], where)
            unmatched_old = unmatched_new = []
        for key in unmatched_old:
            self.add(f"{where.place}-union-variant-removed", f"{_code(where.new_name)} no longer "
                     f"{'accepts' if where.direction == 'request' else 'returns'} {_code(key)}",
                     where.pointer, where.old_name, where.new_name, where.file)  # fmt: skip
        for key in unmatched_new:
            self.add(f"{where.place}-union-variant-added", f"{_code(where.new_name)} may now "
                     f"{'take' if where.direction == 'request' else 'be'} {_code(key)}",
                     where.pointer, where.old_name, where.new_name, where.file)  # fmt: skip
        for key, variant in before.items():
            if key in after:
                self._type(variant, after[key], where)

    def _named(self, old_name: str, new_name: str, where: _Where) -> None:
        old, new = self.old_schemas.get(old_name), self.new_schemas.get(new_name)
        if old is None or new is None:
            return
        if old_name != new_name and self.renamed.get(old_name) != new_name:
            if not self._renameable(old_name, new_name):
                self._type_changed(NamedType(old_name), NamedType(new_name), where)
                return
            self._rename(old, new)
        if type(old) is not type(new):
            self.add("model-kind-changed", f"{_code(new_name)} changes from {_kind(old)} to {_kind(new)}",
                     new.source, old_name, new_name, self._file(new))  # fmt: skip
            return
        if isinstance(old, EnumSchema) and isinstance(new, EnumSchema):
            self.enums_seen.add(old_name)
            self._enum(old, new, where)
            return
        key = (old_name, new_name, where.direction)
        if key in self.compared:
            return
        self.compared.add(key)
        if isinstance(old, ObjectSchema) and isinstance(new, ObjectSchema):
            self._object(old, new, where.direction)
        elif isinstance(old, AliasSchema) and isinstance(new, AliasSchema):
            self._type(old.target, new.target, where)

    def _renameable(self, old_name: str, new_name: str) -> bool:
        """Whether ``old_name`` (gone) may have become ``new_name`` (new), rather than another type."""
        if self.renamed.get(old_name) == new_name:
            return True
        return (
            old_name in self.old_schemas
            and new_name in self.new_schemas
            and old_name not in self.new_schemas
            and new_name not in self.old_schemas
            and old_name not in self.renamed
        )

    def _rename(self, old: SchemaIR, new: SchemaIR) -> None:
        self.renamed[old.name] = new.name
        inline = not new.source.startswith("/components/schemas/")
        rule = "sdk-inline-model-renamed" if inline else "sdk-model-renamed"
        why = " (the name hoisted from its operation or property changed)" if inline else ""
        self.add(rule, f"the model class {_code(old.name)} becomes {_code(new.name)}{why}; imports and isinstance "
                 "checks of the old name fail", new.source, f"types.{old.name}",
                 f"types.{new.name}", self._file(new))  # fmt: skip

    @staticmethod
    def _file(schema: SchemaIR) -> str:
        return schema.source_file

    def _object(self, old: ObjectSchema, new: ObjectSchema, direction: Direction) -> None:
        self._fields(old.fields, new.fields, direction, join_pointer(new.source, "properties"),
                     lambda f: f"{old.name}.{f.py_name}", lambda f: f"{new.name}.{f.py_name}", self._file(new))  # fmt: skip

    def _enum(self, old: EnumSchema, new: EnumSchema, where: _Where) -> None:
        if old.value_type != new.value_type:
            self._type_changed(NamedType(old.name), NamedType(new.name), where)
            return
        verb = "accepts" if where.direction == "request" else "returns"
        for value in old.values:
            if value not in new.values:
                self.add(f"{where.place}-enum-value-removed", f"{_code(where.new_name)} no longer {verb} "
                         f"{_code(repr(value))}", where.pointer, where.old_name, where.new_name, where.file)  # fmt: skip
        for value in new.values:
            if value not in old.values:
                self.add(f"{where.place}-enum-value-added", f"{_code(where.new_name)} now {verb} {_code(repr(value))}",
                         where.pointer, where.old_name, where.new_name, where.file)  # fmt: skip

    # ---- models no operation reached -----------------------------------------------------

    def _remaining_schemas(self) -> None:
        seen_old = {key[0] for key in self.compared} | set(self.renamed) | self.enums_seen
        seen_new = {key[1] for key in self.compared} | set(self.renamed.values())
        for name in self.old_schemas:
            new = self.new_schemas.get(name)
            if new is not None and name not in seen_old:
                directions = self.old_usage.get(name, set()) | self.new_usage.get(name, set())
                unused: list[Direction] = ["response"]  # a model no operation uses: read like a response
                for direction in sorted(directions) if directions else unused:
                    where = _Where(f"{direction}-property", new.source, f"types.{name}", f"types.{name}",
                                   direction, self._file(new))  # fmt: skip
                    self._named(name, name, where)
        gone = [
            s
            for n, s in self.old_schemas.items()
            if n not in self.new_schemas
            and n not in self.renamed
            # An inline schema of a removed operation goes with it: operation-removed says so.
            and not any(s.source.startswith(prefix) for prefix in self.removed_sources)
        ]
        added = [s for n, s in self.new_schemas.items() if n not in self.old_schemas and n not in seen_new]
        for old in gone:
            twin = next((s for s in added if _same_shape(old, s)), None)
            if twin is not None:
                added.remove(twin)
                self._rename(old, twin)
                continue
            self.add("model-removed", f"the model class {_code(old.name)} is removed", "/components/schemas",
                     f"types.{old.name}")  # fmt: skip
        for new in added:
            self.add("model-added", f"new model class {_code(new.name)}", new.source, None,
                     f"types.{new.name}", self._file(new))  # fmt: skip


def _until(sunset: str) -> str:
    return f" (sunset {sunset})" if sunset else ""


def _sunset_moved(name: str, old: str, new: str) -> str:
    return f"the sunset date of {_code(name)} changes from {old or 'none'} to {new or 'none'}"


def _schemes(names: Sequence[str], none: str) -> str:
    return ", ".join(_code(name) for name in names) or none


def _op_pointer(op: OperationIR) -> str:
    """The operation's pointer in the file that holds it."""
    return op.file_pointer or op.source


def _method(resource: ResourceIR, op: OperationIR) -> str:
    return f"client.{resource.dotted}.{op.method_name}()"


def _default(has_default: bool, value: object) -> str:
    return _code(json.dumps(value, default=list)) if has_default else "none"


def _kind(schema: SchemaIR) -> str:
    return {ObjectSchema: "an object", EnumSchema: "an enum", AliasSchema: "an alias"}[type(schema)]


def _same_shape(old: SchemaIR, new: SchemaIR) -> bool:
    """Two schemas that only differ by name (a renamed component)."""
    if isinstance(old, ObjectSchema) and isinstance(new, ObjectSchema):
        return bool(old.fields) and [f.wire_name for f in old.fields] == [f.wire_name for f in new.fields]
    if isinstance(old, EnumSchema) and isinstance(new, EnumSchema):
        return old.values == new.values
    return False


def _usage(api: ApiIR, schemas: dict[str, SchemaIR]) -> dict[str, set[Direction]]:
    """Which named schemas requests and responses reach (a schema can be both)."""
    usage: dict[str, set[Direction]] = {}
    pending: list[tuple[TypeIR, Direction]] = []
    for _, op in api.operations():
        for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params):
            pending.append((p.type, "request"))
        if op.body is not None:
            pending.append((op.body.type, "request"))
        if op.success is not None and op.success.type is not None:
            pending.append((op.success.type, "response"))
    while pending:
        type_, direction = pending.pop()
        if isinstance(type_, NamedType):
            if direction in usage.setdefault(type_.name, set()):
                continue
            usage[type_.name].add(direction)
            schema = schemas.get(type_.name)
            if isinstance(schema, ObjectSchema):
                pending.extend((f.type, direction) for f in schema.fields)
            elif isinstance(schema, AliasSchema):
                pending.append((schema.target, direction))
        elif isinstance(type_, ArrayType):
            pending.append((type_.items, direction))
        elif isinstance(type_, MapType):
            pending.append((type_.values, direction))
        elif isinstance(type_, UnionType):
            pending.extend((v, direction) for v in type_.variants)
    return usage


def diff_apis(old: ApiIR, new: ApiIR, today: dt.date | None = None) -> list[Change]:
    """Every change from ``old`` to ``new`` that SDK users can notice, breaking first.

    Removing something deprecated is judged against its sunset date as of ``today`` (default: today).
    """
    changes = _Differ(old, new, today or dt.date.today()).run()
    return sorted(changes, key=lambda c: LEVELS.index(c.level))


# ---- reports -----------------------------------------------------------------------------

Located = tuple[Change, SourceLocation]


def counts(changes: Iterable[Change]) -> dict[Level, int]:
    """How many changes there are of each level."""
    result: dict[Level, int] = dict.fromkeys(LEVELS, 0)
    for change in changes:
        result[change.level] += 1
    return result


def summary_line(changes: Sequence[Change]) -> str:
    """``3 breaking, 1 warning, 2 compatible changes`` or ``no API changes``."""
    if not changes:
        return "no API changes"
    n = counts(changes)

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return ", ".join(
        [
            plural(n["breaking"], "breaking change"),
            plural(n["warning"], "warning"),
            plural(n["compatible"], "compatible change"),
        ]
    )


def _where(location: SourceLocation) -> str:
    return f"{location.file}:{location.line}" if location.line else location.file


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def report_markdown(located: Sequence[Located], title: str = "SDK API diff") -> str:
    """A pull-request comment: the summary line, then the changes by level, breaking first."""
    changes = [c for c, _ in located]
    lines = [f"### {_md(title)}: {summary_line(changes)}", ""]
    headings = {"breaking": "Breaking changes", "warning": "Warnings", "compatible": "Compatible changes"}
    for level in LEVELS:
        group = [(c, loc) for c, loc in located if c.level == level]
        if not group:
            continue
        lines += [f"#### {headings[level]} ({len(group)})", ""]
        for change, location in group:
            names = ""
            if change.old == change.new and change.old:
                names = f" — {_code(change.old)}"
            elif change.old or change.new:
                names = f" — {_code(change.old or '(none)')} → {_code(change.new or '(removed)')}"
            lines.append(f"- **{change.rule}** at {_code(_where(location))}: {_md(change.message)}{names}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def report_json(located: Sequence[Located]) -> str:
    """The documented JSON shape: ``{"summary": ..., "counts": ..., "changes": [...]}``."""
    changes = [c for c, _ in located]
    body = {
        "summary": summary_line(changes),
        "counts": counts(changes),
        "changes": [
            {
                "id": change.rule,
                "level": change.level,
                "message": change.message,
                "location": {"file": loc.file, "line": loc.line, "column": loc.column, "pointer": loc.pointer},
                "old": change.old,
                "new": change.new,
            }
            for change, loc in located
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _gh_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def report_github(located: Sequence[Located]) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...::`` per change."""
    command = {"breaking": "error", "warning": "warning", "compatible": "notice"}
    lines = []
    for change, loc in located:
        props = [f"file={_gh_escape(loc.file, property_value=True)}"]
        if loc.line:
            props.append(f"line={loc.line}")
        props.append(f"title={_gh_escape(change.rule, property_value=True)}")
        lines.append(f"::{command[change.level]} {','.join(props)}::{_gh_escape(change.message)}")
    lines.append(f"::notice title=sdkgen diff::{_gh_escape(summary_line([c for c, _ in located]))}")
    return "\n".join(lines) + "\n"
