"""The boundaries shipped beside the snapshot are a fresh build of ../shared/data/boundaries."""

from __future__ import annotations

from graph.topology import Topology
from loaders.boundaries import build_boundaries
from loaders.landscape import BUNDLE, BUNDLED_BOUNDARIES, boundaries_folder, bundled_boundaries
from tests.data import shared

OGL = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right"
)


def test_the_shipped_boundaries_equal_a_fresh_build() -> None:
    assert BUNDLED_BOUNDARIES.read_bytes() == build_boundaries(boundaries_folder(shared()))


def test_the_shipped_boundaries_load_and_carry_the_attribution() -> None:
    topology = bundled_boundaries()
    assert isinstance(topology, Topology)
    assert topology.attribution.startswith(OGL)
    shipped = (BUNDLE / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "boundaries.json.gz" in shipped
    assert OGL in shipped.replace("\n", " ")
    years = topology.attribution.removeprefix(OGL).strip()
    assert years in shipped
