"""The runtime is copied verbatim into generated packages: it must be self-contained."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.runtime.helpers import RUNTIME_DIR

ALLOWED_THIRD_PARTY = {"httpx", "pydantic", "typing_extensions"}


def runtime_files() -> list[Path]:
    return sorted(RUNTIME_DIR.glob("*.py"))


def test_runtime_is_not_a_package_itself() -> None:
    assert not (RUNTIME_DIR / "__init__.py").exists()
    assert {p.name for p in runtime_files()} >= {
        "_types.py",
        "_exceptions.py",
        "_models.py",
        "_utils.py",
        "_logging.py",
        "_response.py",
        "_pagination.py",
        "_base_client.py",
    }


def test_imports_are_relative_or_allowed_dependencies() -> None:
    for path in runtime_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY, f"{path.name} imports {name}"


def test_every_module_imports_without_warnings(tmp_path: Path) -> None:
    package = tmp_path / "anysdk"
    package.mkdir()
    (package / "__init__.py").write_text("")
    modules = []
    for path in runtime_files():
        (package / path.name).write_text(path.read_text())
        modules.append(f"anysdk.{path.stem}")
    code = "import " + ", ".join(modules)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
