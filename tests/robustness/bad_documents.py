"""The bad documents of the robustness suite, each with its exact expected outcome.

A case is a small folder of files (the spec is ``api.yaml`` unless it says otherwise), the
exit code, the words the message must contain, and where it must point: ``file:line:column``
and the JSON pointer when there is one. Cases that exit 0 expect a located *warning* (or,
for hostile names, a clean SDK) instead of an error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

HEAD = "openapi: 3.1.0\ninfo: {title: Bad, version: '1'}\n"  # lines 1-2 of most YAML cases
# One operation whose 200 response schema is a ``$ref`` (line 13, column 17 of the file).
REF_OPERATION = """paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: {ref}
"""
RESPONSE_SCHEMA = "#/paths/~1things/get/responses/200/content/application~1json/schema"
SECRET = "Secret: {type: object, description: TOPSECRET_OUTSIDE_TEXT, properties: {a: {type: string}}}\n"


def ref_spec(ref: str) -> str:
    """A document whose one response schema is ``$ref: REF``."""
    return HEAD + REF_OPERATION.replace("{ref}", ref)


def spec_json(schemas: dict[str, object] | None = None, paths: dict[str, object] | None = None, **top: object) -> str:
    """A JSON document with the given schemas and paths."""
    document: dict[str, object] = {"openapi": "3.1.0", "info": {"title": "Bad", "version": "1"}}
    document["paths"] = paths or {}
    if schemas is not None:
        document["components"] = {"schemas": schemas}
    document.update(top)
    return json.dumps(document)


def nested_json(levels: int) -> str:
    """A JSON document with one schema nested ``levels`` objects deep (written as text: no recursion)."""
    inner = '{"type": "object", "properties": {"p": ' * levels + '{"type": "string"}' + "}}" * levels
    return (
        '{"openapi": "3.1.0", "info": {"title": "Bad", "version": "1"}, "paths": {}, "components": {"schemas": {"Deep": '
        + inner
        + "}}}"
    )


def billion_laughs() -> str:
    """Nine levels of nine aliases each: a few hundred bytes, 9**9 nodes once expanded."""
    lines = [HEAD.rstrip("\n"), 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    lines += ["paths: {}", "x-laughs: *l8"]
    return "\n".join(lines) + "\n"


def operation(operation_id: str, **extra: object) -> dict[str, object]:
    """A GET operation answering 200 with no body."""
    return {"operationId": operation_id, "responses": {"200": {"description": "ok"}}, **extra}


def object_schema(*properties: str) -> dict[str, object]:
    return {"type": "object", "properties": {p: {"type": "string"} for p in properties}}


def names_spec(schemas: list[str], properties: list[str], tags: list[str], operation_ids: list[str]) -> str:
    """Schemas with hostile names (each also a response of one operation), properties and tags.

    Each tag is also the first segment of its operation's path, so that it names a resource (module).
    """
    paths: dict[str, object] = {}
    for index, (tag, op_id) in enumerate(zip(tags, operation_ids, strict=True)):
        schema = schemas[index % len(schemas)]
        ref = "#/components/schemas/" + schema.replace("~", "~0").replace("/", "~1")
        paths[f"/{tag}/r{index}"] = {
            "get": {
                "operationId": op_id,
                "tags": [tag],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}},
            }
        }
    return spec_json({name: object_schema(*properties) for name in schemas}, paths)


@dataclass(frozen=True)
class Case:
    """One bad document and what the generator must do with it."""

    id: str
    files: dict[str, str | bytes]
    exit: int
    words: tuple[str, ...]
    where: str | None = None  # "file:line:column" (or just "file:") that the message must name
    pointer: str | None = None  # the JSON pointer the message must name
    spec: str = "api.yaml"
    args: tuple[str, ...] = ()  # "{root}" is replaced by the case's folder
    symlinks: dict[str, str] = field(default_factory=dict)  # link → target, relative to the folder
    in_output: tuple[str, ...] = ()  # text that must appear in the generated files
    not_in_output: tuple[str, ...] = ()  # text that must appear neither there nor in the messages
    slow: bool = False


CASES: list[Case] = [
    # ---- the file itself -----------------------------------------------------------------
    Case("empty-file", {"api.yaml": ""}, 2, ("the file is empty",), "api.yaml: "),
    Case("only-comments", {"api.yaml": "# nothing here\n\n   # nor here\n"}, 2, ("the file is empty",), "api.yaml: "),
    Case(
        "not-utf8",
        {"api.yaml": b"openapi: 3.1.0\ninfo:\n  title: caf\xe9\n  version: '1'\npaths: {}\n"},
        2,
        ("not UTF-8", "0xe9", "save the file as UTF-8"),
        "api.yaml:3:13",
    ),
    Case("utf16", {"api.yaml": HEAD.encode("utf-16")}, 2, ("not UTF-8", "0xff"), "api.yaml:1:1"),
    Case("spec-is-a-directory", {"api.yaml/keep.txt": ""}, 2, ("is not a regular file",)),
    Case("spec-missing", {"other.yaml": HEAD}, 2, ("spec file not found",)),
    # ---- syntax -----------------------------------------------------------------------------
    Case(
        "invalid-yaml",
        {"api.yaml": "openapi: 3.1.0\ninfo:\n  title: [unclosed\n"},
        2,
        ("invalid YAML",),
        "api.yaml:4:1",
    ),
    Case("yaml-tab-indent", {"api.yaml": "openapi: 3.1.0\ninfo:\n\ttitle: x\n"}, 2, ("invalid YAML",), "api.yaml:3:1"),
    Case(
        "invalid-json",
        {"api.json": '{\n  "openapi": "3.1.0",\n  "info": {,}\n}'},
        2,
        ("invalid JSON", "Expecting property name"),
        "api.json:3:12",
        spec="api.json",
    ),
    Case(
        "json-trailing-comma",
        {"api.json": '{"openapi": "3.1.0",}'},
        2,
        ("invalid JSON",),
        "api.json:1:21",
        spec="api.json",
    ),
    Case(
        "duplicate-yaml-key",
        {"api.yaml": HEAD + "paths: {}\ninfo: {title: Other, version: '2'}\n"},
        2,
        ("duplicate key 'info'",),
        "api.yaml:4:1",
    ),
    Case(
        "duplicate-json-key",
        {"api.json": '{"openapi": "3.1.0",\n "info": {"title": "x", "title": "y", "version": "1"}, "paths": {}}'},
        2,
        ("invalid JSON", "duplicate key 'title'"),
        "api.json:2:25",
        spec="api.json",
    ),
    Case(
        "python-object-tag",
        {"api.yaml": "openapi: 3.1.0\ninfo: !!python/object/apply:os.system ['touch {root}/PWNED']\npaths: {}\n"},
        2,
        ("invalid YAML", "could not determine a constructor", "python/object/apply:os.system"),
        "api.yaml:2:7",
    ),
    Case(
        "python-name-tag",
        {"api.yaml": HEAD + "paths: !!python/name:os.system\n"},
        2,
        ("invalid YAML", "could not determine a constructor"),
        "api.yaml:3:8",
    ),
    # ---- exhausting documents -----------------------------------------------------------------
    Case("billion-laughs", {"api.yaml": billion_laughs()}, 2, ("billion laughs", "aliases expand"), "api.yaml:9:20"),
    Case(
        "recursive-alias",
        {"api.yaml": "openapi: 3.1.0\ninfo: &i {title: x, version: '1', self: *i}\npaths: {}\n"},
        2,
        ("recursive alias",),
        "api.yaml:2:41",
    ),
    Case(
        "nested-3000-json",
        {"api.json": nested_json(3000)},
        2,
        ("nests more than 1000 levels deep",),
        "api.json:1:",
        "#/components/schemas/Deep/properties/p/properties/",
        spec="api.json",
    ),
    Case(
        "nested-1500-yaml",
        {"api.yaml": HEAD + "".join(" " * i + "p:\n" for i in range(1500)) + " " * 1500 + "x: 1\n"},
        2,
        ("invalid YAML", "maximum nesting depth"),
        "api.yaml:",
    ),
    Case(
        "lone-surrogate-json",
        {"api.json": '{"openapi": "3.1.0", "info": {"title": "bad \\ud800 title", "version": "1"}, "paths": {}}'},
        2,
        ("lone UTF-16 surrogate",),
        "api.json:1:",
        "#/info/title",
        spec="api.json",
    ),
    Case(
        "lone-surrogate-key",
        {"api.json": '{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {"/\\udc00": {}}}'},
        2,
        ("lone UTF-16 surrogate",),
        "api.json:1:",
        "#/paths/~1\\udc00",
        spec="api.json",
    ),
    Case(
        "lone-surrogate-yaml",
        {"api.yaml": 'openapi: 3.1.0\ninfo: {title: "\\ud800", version: "1"}\npaths: {}\n'},
        2,
        ("invalid YAML", "invalid Unicode character escape"),
        "api.yaml:2:",
    ),
    # ---- not (this) OpenAPI ---------------------------------------------------------------------
    Case("not-openapi", {"api.yaml": "title: hello\nversion: 1\n"}, 2, ("not an OpenAPI 3 document",), "api.yaml:1:1"),
    Case("top-level-list", {"api.yaml": "- openapi\n- 3.1.0\n"}, 2, ("must be a mapping",), "api.yaml:1:1"),
    Case("top-level-scalar", {"api.yaml": "just some text\n"}, 2, ("must be a mapping",), "api.yaml:1:1"),
    Case(
        "swagger-2",
        {"api.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n"},
        2,
        ("Swagger 2.0 is not supported", "swagger2openapi"),
        "api.yaml:1:1",
    ),
    Case(
        "openapi-2",
        {"api.yaml": "openapi: 2.0.0\ninfo: {title: x, version: '1'}\n"},
        2,
        ("unsupported OpenAPI version '2.0.0'",),
        "api.yaml:1:10",
        "#/openapi",
    ),
    Case(
        "openapi-4",
        {"api.yaml": "openapi: 4.0.0\ninfo: {title: x, version: '1'}\n"},
        2,
        ("unsupported OpenAPI version '4.0.0'",),
        "api.yaml:1:10",
        "#/openapi",
    ),
    Case(
        "openapi-as-number",
        {"api.yaml": "openapi: 3.1\ninfo: {title: x, version: '1'}\npaths: {}\n"},
        0,
        ("warning:", "is a number; write it as a string"),
        "api.yaml:1:10",
        "#/openapi",
    ),
    Case("info-missing", {"api.yaml": "openapi: 3.1.0\npaths: {}\n"}, 2, ("missing `info` object",), "api.yaml:1:1"),
    Case(
        "paths-not-a-mapping",
        {"api.yaml": HEAD + "paths: [1, 2]\n"},
        2,
        ("`paths` must be a mapping",),
        "api.yaml:3:8",
        "#/paths",
    ),
    # ---- $refs that must not be followed ------------------------------------------------------
    Case(
        "ref-outside-folder",
        {"spec/api.yaml": ref_spec("'../outside.yaml#/Secret'"), "outside.yaml": SECRET},
        2,
        ("points outside the spec's folder", "it was not read", "--allow-ref-outside DIR"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
        spec="spec/api.yaml",
        not_in_output=("TOPSECRET_OUTSIDE_TEXT",),
    ),
    Case(
        "ref-outside-allowed",
        {"spec/api.yaml": ref_spec("'../outside.yaml#/Secret'"), "outside.yaml": SECRET},
        0,
        (),
        spec="spec/api.yaml",
        args=("--allow-ref-outside", "{root}"),
        in_output=("TOPSECRET_OUTSIDE_TEXT",),
    ),
    Case(
        "ref-through-symlink",
        {"spec/api.yaml": ref_spec("'./link.yaml#/Secret'"), "outside.yaml": SECRET},
        2,
        ("points outside the spec's folder",),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
        spec="spec/api.yaml",
        symlinks={"spec/link.yaml": "../outside.yaml"},
        not_in_output=("TOPSECRET_OUTSIDE_TEXT",),
    ),
    Case(
        "ref-etc-passwd",
        {"api.yaml": ref_spec("/etc/passwd")},
        2,
        ("'/etc/passwd' points outside the spec's folder",),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
        not_in_output=("root:",),
    ),
    Case(
        "ref-file-url",
        {"api.yaml": ref_spec("'file:///etc/passwd#/x'")},
        2,
        ("is a URL", "never fetches"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
        not_in_output=("root:",),
    ),
    # ---- $refs that degrade one part to a located warning -------------------------------------
    Case(
        "ref-unresolved",
        {"api.yaml": ref_spec("'#/components/schemas/Missing'")},
        0,
        ("warning:", "points at nothing: no 'components' there"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
    ),
    Case(
        "ref-missing-file",
        {"api.yaml": ref_spec("'./nope.yaml#/Thing'")},
        0,
        ("warning:", "spec file not found"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
    ),
    Case(
        "ref-not-a-pointer",
        {"api.yaml": ref_spec("'#components'")},
        0,
        ("warning:", "is not a JSON pointer"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
    ),
    Case(
        "ref-circular",
        {
            "api.yaml": ref_spec("'#/components/schemas/A'")
            + "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
        },
        0,
        ("warning:", "$ref cycle", "#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A"),
        "api.yaml:16:8",
        "#/components/schemas/A",
    ),
    Case(
        "ref-circular-response",
        {
            "api.yaml": HEAD
            + "paths:\n  /things:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/A'}\n"
            + "components:\n  responses:\n    A: {$ref: '#/components/responses/B'}\n"
            + "    B: {$ref: '#/components/responses/A'}\n"
        },
        0,
        ("warning:", "$ref cycle"),
        "api.yaml:7:16",
        "#/paths/~1things/get/responses/200",
    ),
    Case(
        "ref-not-a-string",
        {"api.json": spec_json({"A": {"$ref": 42}, "B": {"type": "object", "properties": {"a": {"$ref": ["x"]}}}})},
        0,
        ("warning:", "a $ref must be a string, not int", "a $ref must be a string, not list"),
        "api.json:1:",
        "#/components/schemas/B/properties/a/$ref",
        spec="api.json",
    ),
    Case(
        "ref-escaped-pointer",
        {
            "api.json": spec_json(
                {"a/b~c": object_schema("x"), "User": {"$ref": "#/components/schemas/a~1b~0c"}},
                {
                    "/u": {
                        "get": {
                            "operationId": "getU",
                            "responses": {
                                "200": {
                                    "description": "ok",
                                    "content": {
                                        "application/json": {"schema": {"$ref": "#/components/schemas/a~1b~0c"}}
                                    },
                                }
                            },
                        }
                    }
                },
            )
        },
        0,
        (),
        spec="api.json",
        in_output=("class ABC(",),
    ),
    Case(
        "ref-bad-escape",
        {"api.yaml": ref_spec("'#/components/schemas/a~2b'") + "components:\n  schemas:\n    a~2b: {type: string}\n"},
        0,
        ("warning:", "has an invalid escape"),
        "api.yaml:13:17",
        RESPONSE_SCHEMA,
    ),
    Case(
        "duplicate-operation-id",
        {"api.json": spec_json(paths={"/a": {"get": operation("getThing")}, "/b": {"get": operation("getThing")}})},
        0,
        ("warning:", "operationId 'getThing' is also used by #/paths/~1a/get"),
        "api.json:1:",
        "#/paths/~1b/get/operationId",
        spec="api.json",
    ),
    Case(
        "control-characters-in-a-pointer",
        {"api.json": spec_json(paths={"/x\u001b[2J\u2028": {"get": {"responses": {"abc": {"description": "x"}}}}})},
        0,
        ("warning:", "invalid response status code 'abc'"),
        "api.json:1:",
        "#/paths/~1x\\x1b[2J\\u2028/get/responses/abc",
        spec="api.json",
    ),
    # ---- hostile names: a clean SDK that imports with -W error ---------------------------------
    Case(
        "keyword-names",
        {
            "api.json": names_spec(
                ["class", "import", "None"], ["from", "lambda", "None", "async"], ["if", "def"], ["return", "yield"]
            )
        },
        0,
        (),
        spec="api.json",
    ),
    Case(
        "builtin-names",
        {
            "api.json": names_spec(
                ["str", "list", "type", "Exception"],
                ["id", "type", "object", "print", "self"],
                ["print", "len"],
                ["str", "open"],
            )
        },
        0,
        (),
        spec="api.json",
    ),
    Case(
        "empty-names",
        {"api.json": names_spec(["", " "], ["", " ", "_"], ["", " "], ["", " "])},
        0,
        ("warning:", "a property with an empty name cannot be a model field; skipped"),
        "api.json:1:",
        "#/components/schemas//properties/",
        spec="api.json",
    ),
    Case(
        "digit-names",
        {"api.json": names_spec(["123", "0"], ["42", "1e3", "007"], ["2024", "1"], ["99", "3"])},
        0,
        (),
        spec="api.json",
    ),
    Case(
        "non-ascii-names",
        {
            "api.json": names_spec(
                ["Ünïcödé", "日本語", "Ωmega"],
                ["naïve", "日本", "ß", "emoji😀"],
                ["données", "中文"],
                ["créer", "获取"],
            )
        },
        0,
        (),
        spec="api.json",
    ),
    Case(
        "names-colliding-after-sanitising",
        {
            "api.json": names_spec(
                ["foo-bar", "foo_bar", "FooBar", "fooBar", "foo bar"],
                ["a-b", "a_b", "aB", "a b", "A-B"],
                ["x-y", "x_y", "X Y"],
                ["do-it", "do_it", "doIt"],
            )
        },
        0,
        (),
        spec="api.json",
        in_output=("class FooBar(", "class FooBar2(", "class FooBar3(", "class FooBar4(", "class FooBar5("),
    ),
    Case(
        "path-traversal-names",
        {
            "api.json": names_spec(
                ["../../evil", "/etc/passwd", "..\\..\\win"],
                ["../../up", "/abs"],
                ["../../../outside", "/tmp/x", "..", "."],
                ["../../op", "/root", "..", "."],
            )
        },
        0,
        (),
        spec="api.json",
    ),
    Case(
        "names-too-long-for-a-file",
        {
            "api.json": names_spec(
                ["VeryLong" * 40], ["veryLong" * 40], ["Tag" * 120, "tag" * 120], ["Op" * 200, "op" * 200]
            )
        },
        0,
        (),
        spec="api.json",
    ),
    # ---- big documents: finish, bounded in memory --------------------------------------------
    Case(
        "description-20mb",
        {
            "api.json": spec_json(
                {"Big": {"type": "object", "description": "x" * 20_000_000, "properties": {"a": {"type": "string"}}}}
            )
        },
        0,
        (),
        spec="api.json",
        slow=True,
    ),
    Case(
        "schemas-10000",
        {
            "api.json": spec_json(
                {
                    f"Schema{i}": {"type": "object", "properties": {"a": {"type": "string"}, "n": {"type": "integer"}}}
                    for i in range(10_000)
                },
                {
                    "/s": {
                        "get": {
                            "operationId": "getS",
                            "responses": {
                                "200": {
                                    "description": "ok",
                                    "content": {
                                        "application/json": {"schema": {"$ref": "#/components/schemas/Schema9999"}}
                                    },
                                }
                            },
                        }
                    }
                },
            )
        },
        0,
        (),
        spec="api.json",
        in_output=("class Schema9999(",),
        slow=True,
    ),
]
