"""A mock server playing one document's API over ``httpx.MockTransport``, one expected operation at a time."""

from __future__ import annotations

import json
import re
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.conformance.spec import Node, SpecOperation, SpecTree, admits, media_kind, media_matches, success_media
from tests.conformance.synth import InstanceSynthesizer

BINARY_BODY = b"\x89binary\x00content\xff"
ACCESS_TOKEN = "conformance-access-token"
TEXT_BODY = "text content"


class MockServer:
    """The handler of a ``MockTransport``: checks each request against the expected operation, then answers.

    A request that does not fit (wrong method or path, a required parameter or body missing, a media
    type the spec does not declare) is answered ``418`` and its problems are kept in :attr:`problems`.
    """

    def __init__(self, tree: SpecTree) -> None:
        self.tree = tree
        self.synth = InstanceSynthesizer(tree)
        self.expected: SpecOperation | None = None
        self.problems: list[str] = []
        self.requests = 0
        self.answered: tuple[str, Node] | None = None  # media type and schema of the last answer
        self.tokens_issued = 0
        self._answers: dict[tuple[str, str], bytes] = {}

    def expect(self, operation: SpecOperation) -> None:
        """Play ``operation`` for the next requests."""
        self.expected = operation
        self.problems = []
        self.requests = 0
        self.answered = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert self.expected is not None, "expect() an operation first"
        request.read()
        expected = self.expected
        # Zuora's own token operation (a form body) is an operation; TwineHealth's takes JSON, so a form grant to
        # its path is the SDK getting its token first.
        body = expected.request_body.value.get("content") if expected.request_body is not None else None
        takes_form = isinstance(body, dict) and any(media_matches("application/x-www-form-urlencoded", m) for m in body)
        is_operation = (
            request.method.lower() == expected.method
            and bool(expected.path_regex().match(request.url.path))
            and takes_form
        )
        if _token_request(request) and not is_operation:
            return self.issue_token(request)  # the SDK runs OAuth2 client credentials itself
        self.requests += 1
        problems = check_request(self.tree, self.expected, request)
        if problems:
            self.problems += problems
            return httpx.Response(418, json={"conformance_problems": problems})
        return self.respond(self.expected, request.headers.get("accept"))

    def issue_token(self, request: httpx.Request) -> httpx.Response:
        """Play the token endpoint of an OAuth2 client credentials flow (RFC 6749 §4.4)."""
        form = dict(parse_qsl(request.content.decode()))
        authenticated = request.headers.get("authorization", "").startswith("Basic ") or "client_secret" in form
        if form.get("grant_type") != "client_credentials" or not authenticated:
            self.problems.append(f"token request without the client credentials grant: {form}")
            return httpx.Response(400, json={"error": "invalid_request"})
        self.tokens_issued += 1
        return httpx.Response(200, json={"access_token": ACCESS_TOKEN, "token_type": "Bearer", "expires_in": 3600})

    def respond(self, operation: SpecOperation, accept: str | None = None) -> httpx.Response:
        """The success response of ``operation`` (in a type ``accept`` admits), its body synthesized from its schema."""
        status = operation.success_status or "204"
        code = int(status) if status.isdigit() else 200
        media = self.answered = success_media(self.tree, operation, accept)
        if media is None:
            return httpx.Response(code)
        media_type, schema = media
        kind = media_kind(media_type)
        headers = {"content-type": "application/json" if media_type == "*/*" else media_type}
        if kind == "json":
            key = (operation.pointer, media_type)  # each method is called three times: synthesize its answer once
            if key not in self._answers:
                self._answers[key] = json.dumps(self.synth.instance(schema)).encode()
            return httpx.Response(code, content=self._answers[key], headers=headers)
        if kind == "event-stream":
            event = json.dumps(self.synth.instance(schema)) if schema.value is not None else "event"
            return httpx.Response(code, content=f"data: {event}\n\n".encode(), headers=headers)
        if kind == "text":
            return httpx.Response(code, content=TEXT_BODY.encode(), headers=headers)
        return httpx.Response(code, content=BINARY_BODY, headers=headers)


def _token_request(request: httpx.Request) -> bool:
    """An OAuth2 client-credentials grant (RFC 6749 4.4): a form POST with grant_type=client_credentials."""
    if request.method != "POST" or not media_matches(
        request.headers.get("content-type", ""), "application/x-www-form-urlencoded"
    ):
        return False
    return ("grant_type", "client_credentials") in parse_qsl(request.content.decode(errors="replace"))


def check_request(tree: SpecTree, op: SpecOperation, request: httpx.Request) -> list[str]:
    """Why ``request`` is not a valid call of ``op`` (empty when it is)."""
    request.read()
    problems: list[str] = []
    if request.method.lower() != op.method:
        problems.append(f"sent {request.method}, the operation is {op.method.upper()}")
    if not op.path_regex().match(request.url.path):
        problems.append(f"sent path {request.url.path!r}, which does not match the template {op.path!r}")
    query_pairs = parse_qsl(request.url.query.decode(), keep_blank_values=True)
    query_keys = {k for k, _ in query_pairs}
    problems += [
        f"the path's fixed query {k}={v} not sent"
        for k, v in op.fixed_query
        if (k, v) not in query_pairs and not re.fullmatch(r"\{[^}]+\}", v)  # ?q={q}: a parameter, checked as one
    ]
    cookies = SimpleCookie(request.headers.get("cookie", ""))
    for param in op.parameters:
        spec = param.value
        name, location = str(spec.get("name")), spec.get("in")
        if not (spec.get("required") is True or location == "path") or _only_null(tree, tree.child(param, "schema")):
            continue  # a parameter that can only be null has nothing to send
        declared = {str(p.value.get("name")) for p in op.parameters if p.value.get("in") == "query"}
        if location == "query" and not _query_has(tree, param, name, query_keys, query_keys - declared):
            problems.append(f"required query parameter {name!r} not sent")
        elif location == "header" and name.lower() not in ("accept", "content-type", "authorization"):
            if name not in request.headers:
                problems.append(f"required header {name!r} not sent")
        elif location == "cookie" and name not in cookies:
            problems.append(f"required cookie {name!r} not sent")
    problems += _check_body(tree, op, request)
    problems += _check_accept(tree, op, request)
    problems += _check_security(tree, op, request, query_keys, cookies)
    return problems


def _check_accept(tree: SpecTree, op: SpecOperation, request: httpx.Request) -> list[str]:
    """A server honouring content negotiation answers 406 unless Accept admits a declared response type."""
    media = success_media(tree, op, request.headers.get("accept"))
    accept = request.headers.get("accept")
    ranges = [part.split(";")[0].strip() for part in accept.split(",")] if accept else []
    if media is None or not accept or admits(accept, media[0]) or any(media_matches(r, media[0]) for r in ranges):
        return []  # a declared range (``*/*``) admits whatever type the Accept asks for inside it
    return [f"sent Accept: {accept}, which does not admit the declared response type {media[0]}"]


def _check_security(
    tree: SpecTree, op: SpecOperation, request: httpx.Request, query_keys: set[str], cookies: SimpleCookie
) -> list[str]:
    """One of the operation's security requirements must be met by what the request carries."""
    requirements = op.node.value.get("security", tree.root.get("security") if isinstance(tree.root, dict) else None)
    if not isinstance(requirements, list) or not requirements or any(r == {} for r in requirements):
        return []
    schemes = tree.child(Node(tree.root, tree.root_path), "components", "securitySchemes")
    unmet: list[str] = []
    for requirement in requirements:
        missing = [
            name
            for name in (requirement if isinstance(requirement, dict) else {})
            if not _credential_sent(tree.child(schemes, name).value, request, query_keys, cookies)
        ]
        if not missing:
            return []
        unmet.append(" + ".join(missing))
    return [f"no security requirement met: {' or '.join(unmet)} not sent"]


def _credential_sent(scheme: Any, request: httpx.Request, query_keys: set[str], cookies: SimpleCookie) -> bool:
    if not isinstance(scheme, dict):
        return True  # an undefined scheme: nothing to check against
    if scheme.get("type") == "apiKey":
        name = str(scheme.get("name"))
        where = scheme.get("in")
        return (
            (where == "header" and name in request.headers)
            or (where == "query" and name in query_keys)
            or (where == "cookie" and name in cookies)
        )
    if scheme.get("type") == "oauth2" and request.headers.get("authorization", "").startswith("Bearer "):
        return True  # a token the SDK fetched itself (client credentials) or was given
    return "authorization" in request.headers  # http bearer/basic, oauth2, openIdConnect


def _only_null(tree: SpecTree, schema: Node) -> bool:
    value = tree.deref(schema).value
    if isinstance(value, dict) and value.get("type") == "array":
        return _only_null(tree, tree.child(schema, "items"))
    return isinstance(value, dict) and (value.get("enum") == [None] or value.get("type") == "null")


def _query_has(tree: SpecTree, param: Node, name: str, keys: set[str], undeclared: set[str]) -> bool:
    if name in keys or any(k.startswith(name + "[") for k in keys):
        return True
    schema = tree.child(param, "schema").value
    if not isinstance(schema, dict) or param.value.get("explode") is False:
        return False
    properties = schema.get("properties")
    if isinstance(properties, dict) and set(properties) & {k.split("[")[0] for k in keys}:
        return True  # an exploded object's keys (a nested object's as ``S3[Bucket]``)
    extra = schema.get("additionalProperties")
    return (extra is True or isinstance(extra, dict)) and bool(undeclared)  # an exploded map: the caller's keys


def _check_body(tree: SpecTree, op: SpecOperation, request: httpx.Request) -> list[str]:
    body = op.request_body
    content = body.value.get("content") if body is not None else None
    sent_type = request.headers.get("content-type")
    if body is None or not isinstance(content, dict) or not content:
        return []
    required = body.value.get("required") is True
    empty_form = bool(sent_type) and media_matches(sent_type, "application/x-www-form-urlencoded")
    if not request.content and not empty_form:  # an empty form is a body: its content type says it is there
        return [f"required request body not sent (declared: {', '.join(content)})"] if required else []
    declared = next((m for m in content if sent_type and media_matches(sent_type, m)), None)
    if declared is None:
        return [f"sent body as {sent_type!r}, the spec declares {', '.join(content)}"]
    schema = tree.child(body, "content", declared, "schema")
    wanted = required_properties(tree, schema)
    if not wanted or not _keyed(declared):
        return []  # an XML or text body is the caller's own text: its properties are not the SDK's to send
    sent = _sent_keys(declared, request)
    if sent is None:
        return [f"body is not valid {declared}"]
    missing = sorted(wanted - sent)
    problems = [f"required body properties not sent: {', '.join(missing)}"] if missing else []
    if declared.lower().startswith("multipart/"):
        problems += _check_parts(tree, schema, request)
    return problems


def _parts(request: httpx.Request) -> list[tuple[str, str | None]]:
    """(name, filename) of each part of a multipart request."""
    match = re.search(r"boundary=\"?([^\";]+)", request.headers.get("content-type", ""))
    if match is None:
        return []
    found = []
    for part in request.content.split(b"--" + match.group(1).encode())[1:]:
        head = part.split(b"\r\n\r\n", 1)[0].decode(errors="replace")
        name = re.search(r'name="([^"]*)"', head)
        filename = re.search(r'filename="([^"]*)"', head)
        if name:
            found.append((name.group(1), filename.group(1) if filename else None))
    return found


def _check_parts(tree: SpecTree, schema: Node, request: httpx.Request) -> list[str]:
    """Files go as file parts; an object goes as one (JSON) part, OpenAPI's default encoding for it."""
    problems = []
    parts = _parts(request)
    for name, prop in _properties(tree, schema).items():
        value = prop.value if isinstance(prop.value, dict) else {}
        sent = [(part, filename) for part, filename in parts if part == name or part.startswith(name + "[")]
        if not sent:
            continue
        if value.get("format") == "binary" and any(filename is None for _, filename in sent):
            problems.append(f"file property {name!r} sent as a text field, not a file part")
        if value.get("type") == "object" and any(part != name for part, _ in sent):
            problems.append(f"object property {name!r} sent as bracketed fields, not as one application/json part")
    return problems


def _properties(tree: SpecTree, schema: Node) -> dict[str, Node]:
    schema = tree.deref(schema)
    if not isinstance(schema.value, dict):
        return {}
    found: dict[str, Node] = {}
    for index in range(len(schema.value.get("allOf") or [])):
        found.update(_properties(tree, tree.child(schema, "allOf", index)))
    for name in schema.value.get("properties") or {}:
        found[str(name)] = tree.child(schema, "properties", name)
    return found


def _keyed(media_type: str) -> bool:
    """Whether the SDK builds a body of ``media_type`` from properties (JSON, form, multipart)."""
    base = media_type.split(";")[0].strip().lower()
    return media_kind(base) == "json" or base == "application/x-www-form-urlencoded" or base.startswith("multipart/")


def _sent_keys(media_type: str, request: httpx.Request) -> set[str] | None:
    base = media_type.split(";")[0].strip().lower()
    if media_kind(base) == "json":
        try:
            value: Any = json.loads(request.content)
        except ValueError:
            return None
        return set(value) if isinstance(value, dict) else set()
    # A bracketed name is a nested field (``a[b]``), or a property literally named so (files.com's ``etags[etag]``).
    if base == "application/x-www-form-urlencoded":
        keys = [k for k, _ in parse_qsl(request.content.decode(), keep_blank_values=True)]
        return {*keys, *(k.split("[")[0] for k in keys)}
    if base.startswith("multipart/"):
        names = [name for name, _ in _parts(request)]
        return {*names, *(name.split("[")[0] for name in names)}
    return set()


def required_properties(tree: SpecTree, schema: Node) -> set[str]:
    """The properties an object schema requires in a request (allOf parts included, readOnly ones left out).

    A required name the schema never declares (box's PostOAuth2Revoke requires an undeclared
    ``grant_type``) is a slip of the document, not something an SDK can know to send: left out.
    """
    return _required_names(tree, schema) & set(_properties(tree, schema))


def _required_names(tree: SpecTree, schema: Node) -> set[str]:
    schema = tree.deref(schema)
    value = schema.value
    if not isinstance(value, dict):
        return set()
    names: set[str] = set()
    for index in range(len(value.get("allOf") or [])):
        names |= _required_names(tree, tree.child(schema, "allOf", index))
    for name in value.get("required") or []:
        prop = tree.child(schema, "properties", name).value
        if not (isinstance(prop, dict) and prop.get("readOnly")):
            names.add(str(name))
    return names
