"""``safeguarding build`` writes the boundaries beside the snapshot, or nothing at all."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.landscape import BUNDLED_BOUNDARIES
from safeguarding.cli_build import run_build
from tests.data import shared


def build(data: Path, out: Path) -> int:
    args = argparse.Namespace(data=data, registry=None, changes=None, out=out, boundaries_out=None)
    return run_build(args)


def test_build_writes_the_boundaries_beside_the_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(shared(), tmp_path / "landscape.json.gz") == 0
    assert (tmp_path / "boundaries.json.gz").read_bytes() == BUNDLED_BOUNDARIES.read_bytes()
    assert "boundaries.json.gz" in capsys.readouterr().out


def test_a_broken_boundary_file_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "boundaries").mkdir(parents=True)
    (data / "geography").symlink_to(shared("geography"), target_is_directory=True)
    (data / "boundaries" / "lad_broken.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', encoding="utf-8"
    )
    out = tmp_path / "out" / "landscape.json.gz"
    out.parent.mkdir()
    with pytest.raises(LoadError, match=r"lad_broken\.geojson"):
        build(data, out)
    assert list(out.parent.iterdir()) == []
