"""The SDKs of the big public documents (GitHub, Stripe, OpenAI) are made of files an editor opens.

No generated file is over about 10,000 lines or 500 KB, and importing the package loads none of
its models.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import generate, import_in_subprocess, shared_dir

MAX_LINES = 10_000
MAX_BYTES = 500_000
DOCUMENTS = ["github-api.github.com-3.0.json", "stripe-spec3-3.0.yaml", "openai-openapi-3.1.yaml"]


@pytest.fixture(scope="module")
def sdks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("big")
    built = {}
    for document in DOCUMENTS:
        name = document.split("-", 1)[0]
        out = root / name
        assert generate(shared_dir() / "specs-big" / document, out, "--package-name", f"big_{name}") == 0
        built[name] = out
    return built


@pytest.mark.slow
@pytest.mark.parametrize("name", [d.split("-", 1)[0] for d in DOCUMENTS])
def test_no_generated_file_is_too_big_for_an_editor(sdks: dict[str, Path], name: str) -> None:
    too_big = []
    for path in sorted(sdks[name].rglob("*")):
        if not path.is_file() or path.name.endswith(".tar.gz"):  # the base snapshot is no file to open
            continue
        data = path.read_bytes()
        lines = data.count(b"\n")
        if lines > MAX_LINES or len(data) > MAX_BYTES:
            too_big.append(f"{path.relative_to(sdks[name])}: {lines:,} lines, {len(data) / 1000:,.0f} KB")
    assert not too_big, "\n".join(too_big)


@pytest.mark.slow
@pytest.mark.parametrize("name", [d.split("-", 1)[0] for d in DOCUMENTS])
def test_import_loads_no_model(sdks: dict[str, Path], name: str) -> None:
    code = (
        "import sys\n"
        f"models = [m for m in sys.modules if m.startswith('big_{name}.types.') and '._names' not in m]\n"
        "assert not models, models[:10]\n"
    )
    result = import_in_subprocess(f"big_{name}", sdks[name], code)
    assert result.returncode == 0, result.stderr[-3000:]
