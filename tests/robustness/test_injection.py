"""Property test: no spec string ever becomes code in the generated SDK.

hypothesis builds documents in which every string the generator reads (titles, schema and
property names, descriptions, enum values, defaults, examples, paths, parameter and header
names, server URLs, security scheme names, extension values) is made of adversarial
pieces. Each generated SDK must parse, import with ``-W error``, round-trip its models with
the hostile values intact, hold no call to ``system``/``__import__`` outside string
literals, and no injected statement may run: a sentinel file it would create stays absent.

Generating one SDK takes about a second, so each hypothesis example is a *batch*: one
document holding ``SETS_PER_SPEC`` independent sets of hostile strings (one schema, one
operation, its parameters, a security scheme and a server each). CI runs
``SPECS`` documents, i.e. ``SPECS * SETS_PER_SPEC`` sets, from a fixed seed.
"""

from __future__ import annotations

import ast
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.helpers import generate, import_in_subprocess

SETS_PER_SPEC = 8
SPECS = int(os.environ.get("SDKGEN_INJECTION_SPECS", "40"))  # 40 documents x 8 sets = 320 sets in CI
SENTINEL = Path(tempfile.gettempdir()) / f"sdkgen-injected-{os.getpid()}"
RUN = f"__import__('os').system('touch {SENTINEL}')"
RUN_PY = f"__import__('pathlib').Path({str(SENTINEL)!r}).touch()"

FRAGMENTS = [
    '"', "'", '"""', "'''", "\\", "\\\\", "\\n", "\\x00", "\\u2028", "\\N{BULLET}",
    "\n", "\r\n", "\t", "\x00", "\u2028", "\u2029", "\u0085", "\x1b[31m", "\ufeff", "\x7f",
    "{{ 7 * 7 }}", "{{", "}}", "{% if true %}x{% endif %}", "{%", "%}", "{#", "#}", "{{ cycler.__init__ }}",
    f"\n{RUN}\n", f"\n    {RUN_PY}\n", f"');{RUN};('", f'");{RUN_PY};("', f'"""\n{RUN}\n"""',
    f"'''\n{RUN_PY}\n'''", f"\\\n{RUN}", f"# \n{RUN}", "\n    def injected(self): pass\n",
    "__class__", "__init__", "self", "None", "import", "class", "model_config", "0", "-1",
    " ", "é", "日本", "😀", "..", "/", "?", "&", "=", "%0a", "~", "~1", "<script>", "`", "$(id)", "*/",
]  # fmt: skip
PIECE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=4),  # lone surrogates are refused
)
HOSTILE = st.lists(PIECE, min_size=1, max_size=5).map("".join)
FIELDS = (
    "title", "schema", "prop", "desc", "enum_a", "enum_b", "default", "example", "path", "query",
    "header", "server", "scheme", "scheme_header", "ext", "tag", "operation_id",
)  # fmt: skip
HOSTILE_SET = st.fixed_dictionaries({name: HOSTILE for name in FIELDS})
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # what the CLI sets: not a change mid-test


def build_spec(sets: list[dict[str, str]]) -> dict[str, Any]:
    """One document holding every set: a schema, an operation, parameters, auth and a server each."""
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    schemes: dict[str, Any] = {}
    for index, s in enumerate(sets):
        schemas[s["schema"]] = {
            "type": "object",
            "title": s["title"],
            "description": s["desc"],
            "x-hostile": s["ext"],
            "properties": {
                s["prop"]: {
                    "type": "string",
                    "description": s["desc"],
                    "default": s["default"],
                    "example": s["example"],
                },
                "kind": {"type": "string", "enum": sorted({s["enum_a"], s["enum_b"]}), "description": s["title"]},
            },
        }
        ref = "#/components/schemas/" + s["schema"].replace("~", "~0").replace("/", "~1")
        schemes[s["scheme"]] = {"type": "apiKey", "in": "header", "name": s["scheme_header"] or "X-Key"}
        paths[f"/s{index}/{s['path']}"] = {
            "x-hostile": s["ext"],
            "post": {
                "operationId": s["operation_id"],
                "summary": s["title"],
                "description": s["desc"],
                "tags": [s["tag"]],
                "servers": [{"url": "https://example.com/" + s["server"], "description": s["desc"]}],
                "security": [{s["scheme"]: []}],
                "parameters": [
                    {"name": s["query"], "in": "query", "description": s["desc"],
                     "schema": {"type": "string", "default": s["default"]}, "example": s["example"]},
                    {"name": s["header"], "in": "header", "schema": {"type": "string", "enum": [s["enum_a"]]}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": ref}}}},
                "responses": {
                    "200": {"description": s["desc"], "content": {"application/json": {"schema": {"$ref": ref}}}},
                    "default": {"description": s["title"]},
                },
            },
        }  # fmt: skip
    first = sets[0]
    return {
        "openapi": "3.1.0",
        "info": {"title": first["title"], "version": "1.0", "description": first["desc"], "x-hostile": first["ext"]},
        "servers": [{"url": "https://example.com/" + first["server"]}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": schemes},
        "x-hostile": first["ext"],
    }


ROUND_TRIP = """
import enum, typing, pydantic
import probe.types as types
VALUE = {value!r}
checked = 0
for name in types.__all__:
    cls = getattr(types, name)
    if not (isinstance(cls, type) and issubclass(cls, pydantic.BaseModel)) or issubclass(cls, pydantic.RootModel):
        continue
    payload = {{}}
    for field_name, info in cls.model_fields.items():
        options = typing.get_args(info.annotation) or (info.annotation,)
        enums = [o for o in options if isinstance(o, type) and issubclass(o, enum.Enum)]
        if str in options:
            payload[info.alias or field_name] = VALUE
        elif enums:
            payload[info.alias or field_name] = next(iter(enums[0])).value
    model = cls.model_validate(payload)
    dumped = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == payload, (name, dumped, payload)
    assert cls.model_validate(dumped) == model, name
    checked += 1
assert checked, "no model was round-tripped"
"""


def assert_no_code_from_spec(out: Path) -> None:
    """Every generated module parses; no call that the payloads make exists outside strings."""
    for path in out.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                assert name not in {"system", "__import__", "touch", "injected"}, f"{path}: call to {name}"
            if isinstance(node, ast.FunctionDef):
                assert node.name != "injected", f"{path}: injected function"


@pytest.mark.slow
@seed(20261201)
@settings(
    max_examples=SPECS,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sets=st.lists(HOSTILE_SET, min_size=SETS_PER_SPEC, max_size=SETS_PER_SPEC), value=HOSTILE)
def test_hostile_strings_never_become_code(sets: list[dict[str, str]], value: str) -> None:
    SENTINEL.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="sdkgen-injection-") as scratch:
        root = Path(scratch)
        spec = root / "hostile.json"
        spec.write_text(json.dumps(build_spec(sets)), encoding="utf-8")
        out = root / "out"
        assert generate(spec, out, "--package-name", "probe") == 0
        assert_no_code_from_spec(out)
        result = import_in_subprocess("probe", out, ROUND_TRIP.format(value=value))
        assert result.returncode == 0, result.stderr
    assert not SENTINEL.exists(), "injected code ran"
