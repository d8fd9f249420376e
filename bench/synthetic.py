"""A deterministic synthetic OpenAPI 3.0 document of any size, for the scale benchmarks.

``python -m bench.synthetic --operations 2000 --schemas 5000 -o FILE`` writes one JSON document.
The same arguments always give the same bytes (no randomness but a seeded generator, no clock).
Its schemas are what real documents are made of: objects of scalar, date-time, enum, array and
map fields, references to earlier schemas (so the reference graph has long chains and shared
parts), string enums, and now and then a discriminated ``oneOf`` of two objects; its operations
are CRUD-like: list (query parameters), create (JSON body), get, update and delete by id, each
answering with one of the schemas.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

_WORDS = (
    "account agent alert archive asset audit batch billing bucket build cache card channel check "
    "cluster comment config contact credit dataset deploy device domain event export feature file "
    "folder grant group image incident invoice issue job key label ledger license link log member "
    "message metric model note order page payment plan policy port price project quota record "
    "region release report request role rule run scenario schedule secret segment server session "
    "share snapshot source space stage status stream subscription task team template tenant ticket "
    "token topic trace user variable version volume webhook workflow zone"
).split()


def _name(index: int) -> str:
    """A distinct CamelCase name for schema number ``index``."""
    first = _WORDS[index % len(_WORDS)].capitalize()
    second = _WORDS[(index // len(_WORDS)) % len(_WORDS)].capitalize()
    return f"{first}{second}{index}"


def _field(rng: random.Random, index: int, position: int, names: list[str]) -> tuple[str, dict[str, Any]]:
    word = _WORDS[(index * 7 + position * 3) % len(_WORDS)]
    kind = rng.randrange(12)
    earlier = names[rng.randrange(index)] if index else None
    if kind == 0:
        schema: dict[str, Any] = {"type": "string", "format": "date-time"}
    elif kind == 1:
        schema = {"type": "integer", "minimum": 0}
    elif kind == 2:
        schema = {"type": "number"}
    elif kind == 3:
        schema = {"type": "boolean"}
    elif kind == 4:
        schema = {"type": "string", "enum": [f"{word}_a", f"{word}_b", f"{word}_c"]}
    elif kind == 5:
        schema = {"type": "object", "additionalProperties": {"type": "string"}}
    elif kind in (6, 7) and earlier:
        schema = {"$ref": f"#/components/schemas/{earlier}"}
    elif kind == 8 and earlier:
        schema = {"type": "array", "items": {"$ref": f"#/components/schemas/{earlier}"}}
    elif kind == 9 and earlier:
        schema = {"allOf": [{"$ref": f"#/components/schemas/{earlier}"}], "nullable": True}
    else:
        schema = {"type": "string", "maxLength": 200}
    schema["description"] = f"The {word} of this {names[index]}."
    return f"{word}_{position}", schema


def _schema(rng: random.Random, index: int, names: list[str]) -> dict[str, Any]:
    kind = rng.randrange(20)
    if kind == 0:
        return {
            "type": "string",
            "description": f"State of a {names[index]}.",
            "enum": [f"{_WORDS[(index + k) % len(_WORDS)]}_{k}" for k in range(2 + index % 5)],
        }
    if kind == 1 and index >= 2:
        # A discriminated union of two objects defined earlier, tagged by ``kind``.
        return {
            "description": f"One of two kinds of {names[index]}.",
            "oneOf": [{"$ref": f"#/components/schemas/{names[index]}Kind{k}"} for k in (0, 1)],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {f"kind{k}": f"#/components/schemas/{names[index]}Kind{k}" for k in (0, 1)},
            },
        }
    properties = dict(_field(rng, index, position, names) for position in range(3 + rng.randrange(10)))
    properties["id"] = {"type": "string", "description": "Unique identifier."}
    return {
        "type": "object",
        "description": f"A {names[index]} resource.",
        "required": ["id", *sorted(properties)[:2]],
        "properties": properties,
    }


def document(operations: int, schemas: int, seed: int = 12) -> dict[str, Any]:
    """The synthetic document: ``schemas`` component schemas (unions count their two variants
    among them) and ``operations`` operations, five per resource path pair."""
    rng = random.Random(seed)
    names: list[str] = []
    components: dict[str, Any] = {}
    while len(components) < schemas:
        index = len(names)
        names.append(_name(index))
        schema = _schema(rng, index, names)
        if "oneOf" in schema:
            if len(components) + 3 > schemas:
                names.pop()  # no room for a union and its variants: draw another schema
                continue
            for k in (0, 1):
                variant = f"{names[index]}Kind{k}"
                components[variant] = {
                    "type": "object",
                    "required": ["kind", "id"],
                    "properties": {
                        "kind": {"type": "string", "enum": [f"kind{k}"]},
                        "id": {"type": "string"},
                        f"detail_{k}": {"$ref": f"#/components/schemas/{names[rng.randrange(index)]}"},
                    },
                }
        components[names[index]] = schema
    objects = [n for n in names if components[n].get("type") == "object"]
    paths: dict[str, Any] = {}
    count = 0
    resource = 0
    while count < operations:
        model = objects[(resource * 37) % len(objects)]
        base = f"/v1/{_WORDS[resource % len(_WORDS)]}s{resource}"
        ref = {"$ref": f"#/components/schemas/{model}"}
        ok = {"200": {"description": "OK", "content": {"application/json": {"schema": ref}}}}
        collection: dict[str, Any] = {}
        item: dict[str, Any] = {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
        }
        planned = [
            (collection, "get", f"list{model}s{resource}"),
            (collection, "post", f"create{model}{resource}"),
            (item, "get", f"get{model}{resource}"),
            (item, "patch", f"update{model}{resource}"),
            (item, "delete", f"delete{model}{resource}"),
        ]
        for target, method, operation_id in planned[: operations - count]:
            operation: dict[str, Any] = {"operationId": operation_id, "summary": f"{method} {model}", "responses": ok}
            if method == "get" and target is collection:
                operation["parameters"] = [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 20}},
                    {"name": "starting_after", "in": "query", "schema": {"type": "string"}},
                ]
                operation["responses"] = {
                    "200": {
                        "description": "OK",
                        "content": {"application/json": {"schema": {"type": "array", "items": ref}}},
                    }
                }
            if method in ("post", "patch"):
                operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref}}}
            if method == "delete":
                operation["responses"] = {"204": {"description": "Deleted"}}
            target[method] = operation
            count += 1
        paths[base] = collection
        if len(item) > 1:
            paths[base + "/{id}"] = item
        resource += 1
    return {
        "openapi": "3.0.3",
        "info": {"title": "Synthetic", "version": "1.0.0", "description": "A deterministic synthetic API."},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": components},
    }


def write(path: Path, operations: int, schemas: int) -> Path:
    """Write the document to ``path`` (JSON) and return ``path``."""
    path.write_text(json.dumps(document(operations, schemas), indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=2000)
    parser.add_argument("--schemas", type=int, default=5000)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    write(args.output, args.operations, args.schemas)


if __name__ == "__main__":
    main()
