"""One generation per document for the whole session, shared by every conformance test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.runner import DocumentRun, generate
from tests.conformance.spec import Document


class Runs:
    """Generates each document at most once, lazily, into the session's temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._runs: dict[str, DocumentRun] = {}

    def get(self, document: Document) -> DocumentRun:
        """The (cached) run of ``document``."""
        if document.id not in self._runs:
            self._runs[document.id] = generate(document, self.root)
        return self._runs[document.id]


@pytest.fixture(scope="session")
def conformance_runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The session's generated SDKs, by document."""
    return Runs(tmp_path_factory.mktemp("conformance"))
