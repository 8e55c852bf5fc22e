"""``safeguarding build``: the snapshot written from the official files."""

from __future__ import annotations

from pathlib import Path

from loaders.landscape import BUNDLED
from safeguarding.cli import main
from tests.data import shared


def test_cli_build_writes_a_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "landscape.json.gz"
    assert main(["build", "--data", str(shared()), "--out", str(out)]) == 0
    assert out.read_bytes() == BUNDLED.read_bytes()  # what the package ships, to the byte
