"""Untrusted spec strings: names become safe identifiers; text never becomes code."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path

import pytest

from generator.naming import field_name, parameter_name, pascal_case, snake_case
from generator.render import runtime_files
from tests.helpers import generate, import_fresh

RUNTIME_MODULES = set(runtime_files())  # copied verbatim, never rendered from the spec

PAYLOAD = '"""\nimport os; os.system("touch PWNED")\n"""'
HOSTILE_TEXTS = [
    PAYLOAD,
    'ends with a quote"',
    "back\\slash \\N{BULLET} \\x00 and \\",
    "{{ config }} {% raw %} {# comment #}",
    "line one\n    def injected(): pass\n",
    "''' single triple '''",
]


def _hostile_spec() -> dict[str, object]:
    desc = "\n".join(HOSTILE_TEXTS)
    properties = {
        "class": {"type": "string", "description": PAYLOAD},
        "model_config": {"type": "string", "description": desc},
        "model_name": {"type": "string"},
        "self": {"type": "integer"},
        "1st place": {"type": "string"},
        "naïve-field": {"type": "string"},
        "import": {"type": "boolean"},
        "__dunder__": {"type": "string"},
        "status": {"type": "string", "enum": ['a"b', "c'd", "e\\f", "import os"]},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": 'Evil """ API {{ x }}', "version": "1.0.0", "description": desc},
        "servers": [{"url": 'https://example.com/"""+__import__(\'os\').system(\'x\')+"""'}],
        "paths": {
            "/things/{class}": {
                "get": {
                    "operationId": 'get thing"); import os #',
                    "summary": PAYLOAD,
                    "description": desc,
                    "tags": ['evil" tag'],
                    "parameters": [
                        {"name": "class", "in": "path", "required": True, "schema": {"type": "string"}},
                        {
                            "name": "from",
                            "in": "query",
                            "schema": {"type": "string", "default": PAYLOAD},
                            "description": PAYLOAD,
                        },
                        {"name": 'X-Evil"Header', "in": "header", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {"type": "object", "description": desc, "properties": properties},
                "thing": {"type": "object", "properties": {"x": {"type": "string"}}},
                "BaseModel": {"type": "object", "properties": {"x": {"type": "string"}}},
                "123Numbers": {"type": "string", "enum": ["1", "2"]},
            }
        },
    }


@pytest.fixture(scope="module")
def hostile_sdk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("hostile")
    spec = root / "evil.json"
    spec.write_text(json.dumps(_hostile_spec()))
    out = root / "out"
    assert generate(spec, out, "--package-name", "evil_sdk") == 0
    return out, import_fresh("evil_sdk", out)


def test_every_generated_file_parses_and_nothing_ran(
    hostile_sdk: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = hostile_sdk
    for path in out.rglob("*.py"):
        ast.parse(path.read_text(), str(path))
    assert not Path("PWNED").exists() and not (out / "PWNED").exists()


def test_no_payload_reaches_code_outside_strings(hostile_sdk: tuple[Path, object]) -> None:
    out, _ = hostile_sdk
    for path in out.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            # The payload's statement must never exist as code: only inside string constants.
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "system", f"{path}: os.system call in generated code"
            if isinstance(node, ast.Import) and path.name not in RUNTIME_MODULES:
                assert all(alias.name != "os" or path.name == "_client.py" for alias in node.names), path


def test_docstrings_keep_the_text(hostile_sdk: tuple[Path, object]) -> None:
    _, sdk = hostile_sdk
    thing = sdk.types.Thing  # type: ignore[attr-defined]
    doc = thing.__doc__ or ""
    for text in ("touch PWNED", "{{ config }}", "ends with a quote", "back\\slash \\N{BULLET}"):
        assert text in doc


def test_hostile_names_are_usable(hostile_sdk: tuple[Path, object]) -> None:
    _, sdk = hostile_sdk
    thing_cls = sdk.types.Thing  # type: ignore[attr-defined]
    fields = {name: info.alias or name for name, info in thing_cls.model_fields.items()}
    assert fields["class_"] == "class"
    assert fields["model_config_"] == "model_config"
    assert set(fields.values()) >= {
        "class",
        "model_config",
        "model_name",
        "self",
        "1st place",
        "naïve-field",
        "import",
        "__dunder__",
    }
    thing = thing_cls.model_validate(
        {"class": "c", "model_config": "m", "model_name": "n", "import": True, "status": "import os"}
    )
    assert thing.class_ == "c" and thing.model_config_ == "m" and thing.model_name == "n"
    assert thing.to_dict()["class"] == "c"
    assert thing.status == "import os"
    # Two schemas named Thing and thing, and one named BaseModel, all get distinct classes.
    names = set(sdk.types.__all__)  # type: ignore[attr-defined]
    assert {"Thing", "Thing2", "BaseModel2"} <= names or {"Thing", "Thing2"} <= names


def test_hostile_operation_is_callable(hostile_sdk: tuple[Path, object]) -> None:
    import httpx

    _, sdk = hostile_sdk
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"class": "x"})

    client_cls = next(getattr(sdk, n) for n in sdk.__all__ if n.startswith("Evil") and not n.startswith("Async"))  # type: ignore[attr-defined]
    client = client_cls(
        base_url="https://example.com", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    resource = client.things  # named from the path, whatever the tag and operationId say
    method = resource.retrieve  # GET /things/{class}: the common verb wins over the operationId
    result = method("a/b c", from_="v")
    assert result.class_ == "x"
    assert seen[0].url.raw_path == b"/things/a%2Fb%20c?from=v"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("class", "class_"), ("model_config", "model_config_"), ("model_dump", "model_dump_"), ("self", "self_"),
     ("1st", "field_1st"), ("naïve", "naive"), ("x-y", "x_y"), ("", "field"), ("_private", "field_private"), ("ok", "ok")],
)  # fmt: skip
def test_field_names(raw: str, expected: str) -> None:
    assert field_name(raw) == expected


def test_other_names() -> None:
    assert snake_case("listBenchmarkJobs") == "list_benchmark_jobs"
    assert snake_case("HTTPServer2Go") == "http_server2_go"
    assert pascal_case("benchmark-job view") == "BenchmarkJobView"
    assert pascal_case("123abc") == "Model123abc"
    assert parameter_name("timeout") == "timeout_"
    assert parameter_name("from") == "from_"
    assert parameter_name("Page-Size") == "page_size"


@pytest.mark.parametrize("text", [*HOSTILE_TEXTS, 'one line ending in a quote"', '""', "a\\", '"""'])
def test_docstring_filter_keeps_text_inert(text: str) -> None:
    from generator.render import docstring

    source = f"def f():\n    {docstring(text)}\n"
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1  # nothing but the docstring
    assert (ast.get_docstring(function) or "").rstrip() == inspect.cleandoc(text).strip()
