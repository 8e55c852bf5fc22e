"""``safeguarding export``: the bundled landscape in each format, readable by ordinary tools."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from loaders.landscape import bundled
from safeguarding.cli import main


def test_graphml_has_every_node_and_edge(tmp_path: Path) -> None:
    out = tmp_path / "landscape.graphml"
    assert main(["export", "--format", "graphml", "--out", str(out)]) == 0
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(bundled())
    assert g.number_of_edges() == len(bundled().all_edges())
    assert g.nodes["la:CMA"]["validTo"] == "2023-04-01"


def test_jsonld_and_turtle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonld"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "@context" in data
    assert main(["export", "--format", "turtle"]) == 0
    text = capsys.readouterr().out
    assert "@prefix statgeo: <http://statistics.data.gov.uk/id/statistical-geography/> ." in text
    assert "slg:statisticalGeography statgeo:E10000006 ;" in text  # Cumbria


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "xlsx"])
    assert exit_.value.code == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err
