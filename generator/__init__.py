"""OpenAPI 3.0/3.1 → typed Python SDK generator (pydantic v2 models, httpx client)."""

__version__ = "0.1.0"
