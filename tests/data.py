"""Where the tests find their files: the repository, the hand-made fixture files, and the real
official files kept beside the repository in ``../shared/data``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
FIXTURES = ROOT / "tests" / "fixtures"
"""Hand-made input files (small, broken on purpose where a test says so)."""
SHARED = ROOT.parent / "shared" / "data"
"""The real files: ``geography/``, ``boundaries/``, ``safeguarding/``."""
GEOGRAPHY = SHARED / "geography"
BOUNDARIES = SHARED / "boundaries"
SAFEGUARDING = SHARED / "safeguarding"
