"""OpenAPI 3.0/3.1 → typed Python SDK generator (pydantic v2 models, httpx client)."""

from pathlib import Path

__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent
# The templates: the repository's templates/ in a checkout (or an editable install), else the
# copy an installed wheel carries as generator/_templates (see pyproject.toml).
TEMPLATES = _HERE.parent / "templates" if (_HERE.parent / "templates" / "package").is_dir() else _HERE / "_templates"
