"""Where the tests find their files: the repository, the hand-made fixture files, and the real
official files kept beside the repository in ``../shared/data``.

A test that needs a real file asks for it with :func:`shared`, when it runs (never at import): if
the file is missing the test fails, naming the path. It is never skipped: a run without the data
has not tested what it claims.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
FIXTURES = ROOT / "tests" / "fixtures"
"""Hand-made input files (small, broken on purpose where a test says so)."""
SHARED = ROOT.parent / "shared" / "data"
"""The real files: ``geography/``, ``boundaries/``, ``safeguarding/``."""


def shared(*parts: str) -> Path:
    """``../shared/data/<parts>`` (a file or a folder), which must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"missing data: {path} does not exist; the real files belong in {SHARED}, "
            "beside the repository (see README)",
            pytrace=False,
        )
    return path


@cache
def review_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``../shared/data/safeguarding/reviews.csv``, read with the csv module."""
    with shared("safeguarding", "reviews.csv").open(encoding="utf-8-sig", newline="") as f:
        return tuple(csv.DictReader(f))
