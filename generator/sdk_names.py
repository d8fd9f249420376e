"""Where each operation goes in the SDK: its resource (``client.chat.completions``) and its method name.

Pure rules over what the document says of every operation (path, HTTP method, operationId, tags,
whether it returns a list), decided for all operations at once because a path's shape is only known
beside the others (is ``/files/{id}/content`` a sub-resource or an action?). Three styles
(:data:`NAMINGS`): ``paths`` (the default), ``tags`` and ``operation-ids``; an explicit
``x-sdk-resource`` / ``x-sdk-method`` or a configured override always wins.

The ``paths`` rules, in order:

* An operationId written ``group/name`` (Octokit's convention, ``repos/add-collaborator``) is an SDK
  name already and names both, whole: ``repos.add_collaborator``. A dotted one of three or more parts
  (Google's ``drive.files.list``) names nested resources and the method: ``drive.files.list``.
* Version segments (``v1``, ``2024-01-01``), a leading ``api`` and a static prefix every path shares are
  dropped; each remaining static segment is a resource and each ``{param}`` selects one of its items. A
  segment does not repeat the one above it (``/sources/{id}/source_transactions`` → ``sources.transactions``).
* A trailing static segment with a single operation and nothing below it is an *action* on the resource
  above (``POST /batches/{id}/cancel`` → ``batches.cancel``) when the operationId starts with it, or when
  the segment above names a thing (an item, a collection of items, a resource with operations, a part
  of an item; not a plain namespace like ``/audio``) and it is not a plural noun, or is led by a verb the
  document POSTs to as a one-word action elsewhere (``verify_microdeposits`` beside ``/verify``):
  ``GET /files/{id}/content`` → ``files.content``, but ``GET /chats/{id}/messages`` →
  ``chats.messages.list``. A PUT/PATCH action is the verb itself when it is one, else
  ``update_<segment>``. A resource whose (two or more) children are each a single GET and nothing
  more has them as methods (``/usage/images``, ``/usage/embeddings`` → ``usage.images()``).
* Other methods come from the HTTP method and the path's shape: ``list`` (a GET of a collection that
  returns a list or page), ``retrieve`` (any other GET), ``create``, ``update``, ``delete``; a POST on a
  singleton is ``update`` when its operationId says so, or in an API that updates items with POST.
* Two operations wanting one name in one resource both fall back to their operationId, with the words
  naming the resource stripped (``createThreadAndRun`` in ``threads.runs`` → ``create_and_run``); each
  is reported. Method names never shadow a child resource or a reserved attribute.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.naming import ascii_words, safe_identifier, snake_case

NAMINGS = ("paths", "tags", "operation-ids")
VERSION_SEGMENT = re.compile(r"^v\d+([._]\d+)*([a-z]+\d*)?$|^\d{4}-\d{2}(-\d{2})?$", re.IGNORECASE)
LEADING_NOISE = frozenset({"api", "apis", "rest"})
# Words an operationId starts with when it only restates the HTTP method and the path's shape.
CRUD_WORDS = frozenset(
    {"list", "get", "create", "update", "delete", "retrieve", "read", "modify", "add", "remove", "set",
     "patch", "put", "post", "fetch", "find", "replace", "upsert", "destroy", "show", "index", "new", "edit",
     "head", "options", "query", "search", "all"}
)  # fmt: skip
UPDATE_WORDS = ("update", "modify", "set", "edit", "patch", "put", "change", "replace", "upsert", "configure")
HTTP_WORDS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
# Attributes every resource class has, and builtins its methods' signatures name (``max_retries: int``):
# a method or child resource may not take them.
RESOURCE_RESERVED = frozenset({"with_raw_response", "with_streaming_response", "int", "float"})
# The client's own attributes and methods (base client and _client.py); a top-level resource may not take them.
CLIENT_RESERVED = frozenset(
    {"with_options", "copy", "close", "request", "get_api_list", "auth_headers", "auth_query",
     "base_url", "timeout", "max_retries", "is_closed", "default_headers", "default_query", "user_agent",
     "strict_response_validation", "telemetry", "property", "cached_property", "staticmethod", "classmethod"}
)  # fmt: skip
_NAMESPACED_ID = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[/.]([A-Za-z0-9_./-]+)$")
_FLAG_VALUES = frozenset({"", "true", "1", "yes", "on"})


@dataclass(frozen=True)
class OperationFacts:
    """What the naming rules read of one operation."""

    key: int  # the caller's handle on the operation
    path: str  # the path template as the document writes it (may hold ``?query`` or ``#fragment``)
    http_method: str  # lower case
    operation_id: str = ""
    tags: tuple[str, ...] = ()
    returns_list: bool = False  # a 2xx body that is an array, or an object wrapping one (a page)
    resource: str | None = None  # explicit dotted resource (config or ``x-sdk-resource``)
    method: str | None = None  # explicit method name (config or ``x-sdk-method``)


@dataclass(frozen=True)
class Placement:
    """Where one operation lands: ``client.<resource...>.<method>()``."""

    resource: tuple[str, ...]
    method: str


@dataclass
class NamingPlan:
    """Every operation's placement, and the located problems (key, message) the rules met."""

    placements: dict[int, Placement]
    warnings: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Segment:
    name: str
    param: bool = False
    action: bool = False  # forced to be a method (``{id}:cancel``, ``?action=cancel``)


def split_path(path: str) -> tuple[list[_Segment], list[str]]:
    """The path's segments, and the namespaces its fixed query flags add (``/responses?beta=true``)."""
    path = path.split("#", 1)[0]
    path, _, query = path.partition("?")
    segments: list[_Segment] = []
    for raw in path.strip("/").split("/"):
        if not raw:
            continue
        name, _, custom = raw.partition(":")  # Google's custom methods: /v1/{name}:cancel
        if "{" in name:
            segments.append(_Segment(re.sub(r"[{}]", "", name), param=True))
        elif name:
            stem = name.split(".")[0] if not VERSION_SEGMENT.match(name) else name  # /users.json
            if stem:  # not "..", ".json"
                segments.append(_Segment(stem))
        if custom and not custom.startswith("{"):
            segments.append(_Segment(custom, action=True))
    namespaces: list[str] = []
    for pair in query.split("&") if query else ():
        key, _, value = pair.partition("=")
        if value.lower() in _FLAG_VALUES and key:
            namespaces.append(key)
        elif value and "{" not in value:  # ?method=flickr.groups.getInfo: resources flickr.groups, method get_info
            *parents, action = value.split(".")
            segments += [_Segment(part) for part in parents if part]
            segments.append(_Segment(action, action=True))
    return segments, namespaces


def singular(word: str) -> str:
    """A crude English singular, enough to match ``threads`` with ``Thread`` in an operationId."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word


def is_plural(name: str) -> bool:
    """Whether a segment's last word reads as a plural noun (``login_links``, ``parts``; not ``status``)."""
    words = ascii_words(name)
    return bool(words) and singular(words[-1].lower()) != words[-1].lower()


def words_of(text: str) -> list[str]:
    """Lower-case words of an identifier in any style."""
    return [w.lower() for w in ascii_words(text)]


def method_from_operation_id(operation_id: str, vocabulary: Iterable[str] = ()) -> str:
    """A method name from an operationId, minus the words that only repeat where it lives.

    A namespace (``repos/`` of ``repos/add-collaborator``) goes, and so does the run of resource
    words right after the verb (``cancelFineTuningJob`` on ``fine_tuning.jobs`` → ``cancel``).
    """
    match = _NAMESPACED_ID.match(operation_id)
    words = words_of(match.group(2) if match else operation_id)
    known = {singular(w) for w in vocabulary} | set(vocabulary)
    if len(words) > 1:
        end = 1
        while end < len(words) and (words[end] in known or singular(words[end]) in known):
            end += 1
        words = words[:1] + words[end:]
    return snake_case("_".join(words), fallback="call")


def _verb_of(operation_id: str) -> str:
    """The operationId's first word (after a namespace): ``cancel`` of ``cancelBatch``."""
    match = _NAMESPACED_ID.match(operation_id)
    words = words_of(match.group(2) if match else operation_id)
    return words[0] if words else ""


def _names_action(segment: str, operation_id: str) -> bool:
    """Whether the operationId starts with the segment's words, as a verb (``cancel`` / ``cancelBatch``)."""
    seg = words_of(segment)
    op = words_of(_NAMESPACED_ID.sub(r"\2", operation_id))
    if not seg or not op:
        return False
    if len(op) == 1:  # ``ping`` for /admin/ping, or an unsplit "Compactconversation" for /compact
        return len(seg) == 1 and op[0].startswith(seg[0]) and not is_plural(segment)
    common = 0
    while common < min(len(seg), len(op)) and seg[common] == op[common]:
        common += 1
    # ``users_list``: the segment is the noun and the operationId's verb comes after it.
    return common > 0 and common < len(op) and op[common] not in CRUD_WORDS


class _Shapes:
    """What the set of paths says about each static segment: items below it, operations on it."""

    def __init__(self, routes: dict[int, list[_Segment]], operations: list[OperationFacts]) -> None:
        self.routes = routes
        self.methods_on: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.lists: dict[tuple[str, ...], bool] = {}  # whether the path's GET returns a list
        self.prefixes: set[tuple[str, ...]] = set()
        self.children: dict[tuple[str, ...], set[str]] = defaultdict(set)  # resource names right below a shape
        self.action_verbs: frozenset[str] = frozenset()  # one-word POST actions (``cancel``, ``verify``)
        posts_on_items = sum(op.http_method == "post" and routes[op.key][-1:] != [] and routes[op.key][-1].param
                             for op in operations)  # fmt: skip
        # Stripe's convention: an item is updated with POST /things/{id}, more often than with PUT or PATCH.
        self.updates_with_post = posts_on_items > sum(op.http_method in ("put", "patch") for op in operations)
        for op in operations:
            segments = routes[op.key]
            shape = _shape(segments)
            self.methods_on[shape].add(op.http_method)
            if op.http_method == "get":
                self.lists[shape] = op.returns_list
            for end in range(1, len(shape)):
                self.prefixes.add(shape[:end])
            for end, segment in enumerate(segments):
                self.children[shape[:end]].add(snake_case(segment.name, fallback="default"))

    def extended(self, shape: tuple[str, ...]) -> bool:
        """Whether another operation's path goes on below ``shape``."""
        return shape in self.prefixes

    def has_items(self, shape: tuple[str, ...]) -> bool:
        """Whether some path selects an item right below ``shape`` (``/files`` → ``/files/{}``)."""
        return (*shape, "{}") in self.prefixes or (*shape, "{}") in self.methods_on


def _shape(segments: list[_Segment]) -> tuple[str, ...]:
    return tuple("{}" if s.param else s.name for s in segments)


def _drop_common_prefix(routes: dict[int, list[_Segment]], server_segments: frozenset[str]) -> None:
    """Drop version segments, a leading ``api``, and a prefix every path shares that repeats the servers' path.

    (``servers: [{url: https://host/store}]`` with paths ``/store/pets``...). Any other shared prefix
    stays: a spec of ``/chat/...`` paths only is still ``client.chat``.
    """
    for key, segments in routes.items():
        kept = [s for s in segments if s.param or s.action or not VERSION_SEGMENT.match(s.name)]
        while kept and not kept[0].param and not kept[0].action and kept[0].name.lower() in LEADING_NOISE:
            kept = kept[1:]
        routes[key] = kept
    while routes:
        firsts = {tuple(s[:1]) for s in routes.values()}
        if len(firsts) != 1:
            return
        (first,) = firsts
        if not first or first[0].param or first[0].action or first[0].name not in server_segments:
            return
        # Only a pure prefix goes: never a resource with operations or items of its own.
        if any(len(s) < 2 or s[1].param for s in routes.values()):
            return
        for key in routes:
            routes[key] = routes[key][1:]


def plan_names(
    operations: list[OperationFacts],
    naming: str = "paths",
    server_paths: Iterable[str] = (),
    client_attributes: frozenset[str] = frozenset(),
) -> NamingPlan:
    """Place every operation: resource path and method name, collisions resolved and reported.

    ``server_paths`` are the path parts of the servers' URLs (``/api/v3``); ``client_attributes``
    are further names the client has (its credential arguments) that no top-level resource may take.
    """
    routes: dict[int, list[_Segment]] = {}
    namespaces: dict[int, list[str]] = {}
    for op in operations:
        routes[op.key], namespaces[op.key] = split_path(op.path)
    _drop_common_prefix(routes, frozenset(seg for path in server_paths for seg in path.split("/") if seg))
    shapes = _Shapes(routes, operations)
    shapes.action_verbs = _action_verbs(operations, routes, shapes)
    wanted: dict[int, Placement] = {}
    for op in operations:
        wanted[op.key] = _place(op, routes[op.key], namespaces[op.key], shapes, naming)
    if naming == "paths":
        _collapse_views(wanted, operations)
    plan = NamingPlan({})
    explicit = {op.key for op in operations if op.method}
    _resolve(wanted, {op.key: op for op in operations}, explicit, plan, CLIENT_RESERVED | client_attributes)
    return plan


def _action_verbs(
    operations: list[OperationFacts], routes: dict[int, list[_Segment]], shapes: _Shapes
) -> frozenset[str]:
    """The one-word segments the document POSTs to as actions: the verbs this API acts with."""
    verbs = set()
    for op in operations:
        segments = routes[op.key]
        if op.http_method != "post" or not segments or segments[-1].param or len(words_of(segments[-1].name)) != 1:
            continue
        if segments[-1].action or (sum(not s.param for s in segments) > 1 and _is_action(op, segments, shapes)):
            verbs.add(words_of(segments[-1].name)[0])
    return frozenset(verbs)


def _place(
    op: OperationFacts, segments: list[_Segment], namespaces: list[str], shapes: _Shapes, naming: str
) -> Placement:
    explicit_resource = _dotted(op.resource) if op.resource else None
    by_path = _by_path(op, segments, shapes)
    namespaced = _NAMESPACED_ID.match(op.operation_id)
    tag = (snake_case(op.tags[0], fallback="default"),) if op.tags and op.tags[0].strip() else None
    resource: tuple[str, ...]
    if naming == "paths":
        dotted = op.operation_id.split(".") if "/" not in op.operation_id else []
        if namespaced and not op.resource and len(dotted) > 2 and all(dotted):
            # Google's drive.files.list: resources drive.files, method list (versions left out).
            resource = tuple(snake_case(part) for part in dotted[:-1] if not VERSION_SEGMENT.match(part))
            method = snake_case(dotted[-1], fallback="call")
        elif namespaced and not op.resource:
            resource = (snake_case(namespaced.group(1)),)
            # Written as an SDK name already (Octokit's): kept whole, even copilot/copilot-usage-metrics.
            method = method_from_operation_id(op.operation_id)
        else:
            resource, method = by_path
            resource = (*(snake_case(n) for n in namespaces), *resource)
            if not resource:  # nothing but parameters (or `/`): the tag says where it goes
                resource = tag or ("default",)
            if "#" in op.path and op.operation_id:  # AWS-style `/#Action=X`: the fragment, not the path, says what
                method = method_from_operation_id(op.operation_id)
    elif naming == "tags":
        resource = tag or by_path[0][:1] or ("default",)
        method = by_path[1]
        if len(by_path[0]) > 1 and op.operation_id and tag:  # below a sub-resource: the operationId says which
            method = method_from_operation_id(op.operation_id, words_of(op.tags[0]))
    else:  # operation-ids
        resource = (snake_case(namespaced.group(1)),) if namespaced else tag or by_path[0][:1] or ("default",)
        vocabulary = [*resource, *(op.tags[:1])]
        method = (
            method_from_operation_id(op.operation_id, [w for r in resource for w in words_of(r)] + vocabulary)
            if op.operation_id
            else by_path[1]
        )
    if explicit_resource is not None:
        resource = explicit_resource
    if op.method:
        method = snake_case(op.method, fallback="call")
    return Placement(resource, method)


def _dotted(resource: str) -> tuple[str, ...]:
    return tuple(snake_case(part, fallback="default") for part in resource.split(".") if part.strip()) or ("default",)


def _by_path(op: OperationFacts, segments: list[_Segment], shapes: _Shapes) -> tuple[tuple[str, ...], str]:
    """The resource and method the path's shape gives."""
    statics = _statics(segments, shapes)
    if not segments or all(s.param for s in segments):
        return (), _crud(op, item=bool(segments))
    last = segments[-1]
    if last.param:
        return tuple(statics), _crud(op, item=True)
    if last.action or (len(statics) > 1 and _is_action(op, segments, shapes)):
        return tuple(statics[:-1]), _action_name(last.name, op, shapes)
    singleton = not shapes.has_items(_shape(segments)) and "get" in shapes.methods_on[_shape(segments)]
    if (
        op.http_method == "post"
        and singleton
        and not shapes.lists.get(_shape(segments), False)
        and not shapes.methods_on[_shape(segments)] & {"put", "patch"}
    ):
        # /organization/data_retention, /customers/{id}/cash_balance: GET reads it and a POST changes it,
        # when its operationId says so, or in an API that updates its items with POST and no other verb.
        verb = _verb_of(op.operation_id)
        if verb.startswith(UPDATE_WORDS) or (
            shapes.updates_with_post and (not verb or verb in HTTP_WORDS or _in_path(verb, op.path))
        ):
            return tuple(statics), "update"
    return tuple(statics), _crud(op, item=False)


def _statics(segments: list[_Segment], shapes: _Shapes) -> list[str]:
    """The static segments' resource names, none repeating the one above (``sources.transactions``).

    ``/sources/{id}/source_transactions`` drops ``source`` unless a sibling already has the shorter name.
    """
    names: list[str] = []
    above: list[str] = []
    for index, segment in enumerate(segments):
        if segment.param:
            continue
        words = words_of(segment.name)
        name = snake_case(segment.name, fallback="default")
        if above and len(words) > len(above) and [singular(w) for w in words[: len(above)]] == above:
            shorter = snake_case("_".join(words[len(above) :]), fallback="default")
            if shorter not in shapes.children[_shape(segments[:index])]:
                name = shorter
        names.append(name)
        above = [singular(w) for w in words]
    return names


def _is_action(op: OperationFacts, segments: list[_Segment], shapes: _Shapes) -> bool:
    """Whether the trailing static segment is something done to the resource above, not a resource."""
    shape = _shape(segments)
    if shapes.extended(shape) or len(shapes.methods_on[shape]) > 1:
        return False
    name = segments[-1].name
    if op.operation_id and _names_action(name, op.operation_id):
        return True
    words = words_of(name)
    if not _acts_on_something(segments, shapes) or not re.search("[A-Za-z]", name):
        return False  # /audio/speech: a resource of a namespace; /folders/0: a fixed item
    # verify_microdeposits: a plural noun, but led by a verb this API uses as an action of its own (/verify).
    return not is_plural(name) or (len(words) > 1 and words[0] in shapes.action_verbs)


def _acts_on_something(segments: list[_Segment], shapes: _Shapes) -> bool:
    """Whether the segment above the last names a thing (not a plain namespace such as ``/audio``).

    An item (``/batches/{id}``), a collection of items (``/certificates``), a resource with
    operations of its own (``/charges/{id}/dispute``, ``/apps/secrets``) or a part of an item
    (``/cards/{id}/shipping``).
    """
    above = _shape(segments[:-1])
    return (
        segments[-2].param
        or shapes.has_items(above)
        or bool(shapes.methods_on.get(above))
        or (len(segments) > 2 and segments[-3].param)
    )


def _action_name(segment: str, op: OperationFacts, shapes: _Shapes) -> str:
    name = snake_case(segment, fallback="call")
    http_method = op.http_method
    if http_method in ("get", "post"):
        return name
    # PUT /tags/add: a verb (one the operationId starts with, or this API's own) is the method as it is.
    if (op.operation_id and _names_action(segment, op.operation_id)) or words_of(segment)[:1] in (
        [verb] for verb in shapes.action_verbs
    ):
        return name
    verb = {"delete": "delete", "put": "update", "patch": "update"}.get(http_method, http_method)
    return f"{verb}_{name}"


def _crud(op: OperationFacts, *, item: bool) -> str:
    method = op.http_method
    if method == "get":
        return "list" if not item and op.returns_list else "retrieve"
    if method == "post" and item:
        verb = _verb_of(op.operation_id)
        # POST on an item updates it, unless the operationId names another verb (``cancelEvalRun``).
        if verb and verb not in CRUD_WORDS and verb not in HTTP_WORDS and not _in_path(verb, op.path):
            return snake_case(verb)
        return "update"
    return {"post": "create", "put": "update", "patch": "update", "delete": "delete"}.get(method) or (
        method_from_operation_id(op.operation_id) if op.operation_id else method
    )


def _in_path(word: str, path: str) -> bool:
    words = {w for part in re.split(r"[/{}]", path) for w in words_of(part)}
    return word in words or singular(word) in {singular(w) for w in words}


def _collapse_views(wanted: dict[int, Placement], operations: list[OperationFacts]) -> None:
    """A resource whose children are each one GET and nothing more has them as methods (``usage.images()``)."""
    by_resource: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for key, placement in wanted.items():
        by_resource[placement.resource].append(key)
    facts = {op.key: op for op in operations}
    children: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for resource in list(by_resource):
        for end in range(1, len(resource)):
            children[resource[:end]].add(resource[: end + 1])
    for parent, kids in children.items():
        if parent in by_resource or len(kids) < 2:
            continue
        if any(
            kid in children or len(by_resource.get(kid, [])) != 1 or facts[by_resource[kid][0]].http_method != "get"
            for kid in kids
        ):
            continue
        for kid in kids:
            key = by_resource[kid][0]
            if not facts[key].method and not facts[key].resource:
                wanted[key] = Placement(parent, kid[-1])


def _resolve(
    wanted: dict[int, Placement],
    facts: dict[int, OperationFacts],
    explicit: set[int],
    plan: NamingPlan,
    client_reserved: frozenset[str],
) -> None:
    """Make every name unique in its resource, reporting each operation that had to change."""
    wanted = {key: Placement(_safe_resource(p.resource, client_reserved), p.method) for key, p in wanted.items()}
    children: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for placement in wanted.values():
        for end in range(1, len(placement.resource)):
            children[placement.resource[:end]].add(placement.resource[end])
    groups: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for key, placement in wanted.items():
        method = safe_identifier(placement.method, avoid=RESOURCE_RESERVED)
        groups[(placement.resource, method)].append(key)
    used: dict[tuple[str, ...], set[str]] = defaultdict(set)
    clashes: list[tuple[tuple[str, ...], str, list[int]]] = []
    for (resource, method), keys in groups.items():
        if len(keys) == 1 and method not in children[resource]:
            used[resource].add(method)
            plan.placements[keys[0]] = Placement(resource, method)
        else:
            clashes.append((resource, method, sorted(keys)))
    for resource, method, keys in sorted(clashes, key=lambda c: c[2][0]):
        where = ".".join(resource)
        fallbacks = {key: _fallback(facts[key], resource) for key in keys}
        # The one operation whose own operationId says just this name keeps it (``createRun`` → runs.create).
        keepers = [k for k in keys if fallbacks[k] == method or k in explicit]
        keeper = keepers[0] if len(keepers) == 1 and method not in children[resource] else None
        if keeper is not None:
            used[resource].add(method)
            plan.placements[keeper] = Placement(resource, method)
        why = f"the child resource {where}.{method}" if len(keys) == 1 else f"{len(keys) - 1} other operation(s)"
        for key in keys:
            if key == keeper:
                continue
            op = facts[key]
            fallback = fallbacks[key]
            if not fallback or fallback == method:
                fallback = f"{method}_{op.http_method}"
            name = base = safe_identifier(fallback, avoid=RESOURCE_RESERVED)
            counter = 1
            while name in used[resource] or name in children[resource]:
                counter += 1
                name = f"{base}{counter}"
            used[resource].add(name)
            plan.placements[key] = Placement(resource, name)
            plan.warnings.append(
                (
                    key,
                    f"method name {where}.{method}() is also wanted by {why}; this operation is "
                    f"{where}.{name}() (choose with x-sdk-method or `operations:` in the config)",
                )
            )


def _fallback(op: OperationFacts, resource: tuple[str, ...]) -> str:
    """The method name an operationId gives, minus the words of its resource and tag ("" without one)."""
    if not op.operation_id:
        return ""
    vocabulary = [w for r in resource for w in words_of(r)] + [w for t in op.tags[:1] for w in words_of(t)]
    return method_from_operation_id(op.operation_id, vocabulary)


def _safe_resource(resource: tuple[str, ...], client_reserved: frozenset[str]) -> tuple[str, ...]:
    """Resource attributes that are no keyword nor an attribute the client or a resource has already."""
    return tuple(
        safe_identifier(part, avoid=client_reserved if index == 0 else RESOURCE_RESERVED)
        for index, part in enumerate(resource)
    )
