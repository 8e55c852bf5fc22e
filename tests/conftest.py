"""Shared fixtures: the real files beside the project and what is built from them once, the two
tiny hand-made landscapes the tests of several packages use, and a scripted Neo4j store.

``tiny_gap``, on purpose with a gap and a double cover::

    la:AAA  UnitaryAuthority  from 2019-04-01
    la:BBB  County            to 2023-04-01 (GSS E10000002, then E10000099 from 2021-04-01)
    la:DDD  NonMetropolitanDistrict within la:BBB (never counted: not upper tier)

    partnership:aaa  from 2019-09-29   hasMember la:AAA [2019-09-29, 2021-04-01)
                                       hasMember la:AAA [2021-06-01, …)
    partnership:bbb  [2019-09-29, 2023-04-01)
                                       hasMember la:BBB [2019-09-29, 2023-04-01)
                                       hasMember la:AAA [2022-01-01, 2022-07-01)
    sab:aaa  (an adults board)         hasMember la:AAA   (a board never covers)

so la:AAA is uncovered in [2021-04-01, 2021-06-01) and covered twice in [2022-01-01, 2022-07-01),
and both LAs are uncovered before 2019-09-29.

``tiny_shire``: the county of Shireshire (districts North and South Shire, in two police forces)
becomes a unitary on 2023-04-01; a metropolitan district whose GSS code changes on 2025-05-01; an
uncovered London borough; population blocks; two partnerships, one covering the county twice in
the first months of 2022 and one with two parallel membership edges of the same LA; and the
change event.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable

import pytest
from rdflib import Graph

from graph.model import Confidence, Provenance
from graph.neo4j_store import Neo4jStore
from graph.rdf import to_rdf
from graph.temporal import TemporalGraph
from graph.topology import Topology
from loaders.boundaries import build_boundaries
from ontology.vocabulary import Kind
from tests.data import shared
from tests.factory import Landscape, code
from tests.graph.store.neo4j_standin import FakeNeo4j, fake_store

# -- the real files ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def geography() -> TemporalGraph:
    """The geography graph built from the official files in ../shared/data/geography and the
    change tables in ../shared/data/changes (the 2026 ICBs, the decided Surrey order)."""
    from loaders.geography import build_geography

    return build_geography(shared("geography"), shared("changes"))


@pytest.fixture(scope="session")
def landscape() -> TemporalGraph:
    """The whole landscape (geography and registry) built from ../shared and the shipped registry."""
    from loaders.landscape import build_landscape

    return build_landscape(shared())


@pytest.fixture(scope="session")
def real_rdf() -> Graph:
    """The temporal export of the bundled landscape (about 110 000 triples; a few seconds)."""
    from loaders.landscape import bundled

    return to_rdf(bundled())


@pytest.fixture(scope="session")
def built() -> bytes:
    return build_boundaries(shared("boundaries"))


@pytest.fixture(scope="session")
def topology(built: bytes) -> Topology:
    return Topology.from_bytes(built, "boundaries.topo.json.gz")


@pytest.fixture(scope="session")
def districts_of() -> dict[str, list[str]]:
    """Upper-tier code -> its lower-tier codes (April 2023), from the ONS lookup."""
    out: dict[str, list[str]] = defaultdict(list)
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(
        encoding="utf-8-sig", newline=""
    ) as f:
        for row in csv.DictReader(f):
            if row["utla23_code"].startswith("E"):
                out[row["utla23_code"]].append(row["ltla23_code"])
    return dict(out)


# -- tiny_gap ------------------------------------------------------------------------------------

LA_FILE = Provenance("la_uk_local_authorities_mysociety.csv", "line 2")
ODD = Provenance("notes.md", 'section "one"\nline 2 \\ é', Confidence.INFERRED)
REGISTRY = Provenance("registry/childrens_partnerships.yaml", "aaa", Confidence.QUOTED)


def tiny_gap_landscape() -> TemporalGraph:
    """The landscape drawn in this module's docstring (names and sources with odd characters)."""
    return (
        Landscape(provenance=REGISTRY)
        .la("la:AAA", 'Aaa "Borough" Council — Æthelred\'s', "gss:E06000001", "mysociety:AAA",
            start="2019-04-01", provenance=(LA_FILE, ODD))
        .county("la:BBB", "Bbb County Council", code("gss:E10000002", end="2021-04-01"),
                code("gss:E10000099", start="2021-04-01"), "dfe:825",
                end="2023-04-01", provenance=LA_FILE)
        .district("la:DDD", "Ddd District Council", "gss:E07000004", county="la:BBB",
                  end="2023-04-01", provenance=LA_FILE)
        .partnership("partnership:aaa", "Aaa Safeguarding Children Partnership", "registry:aaa",
                     start="2019-09-29")
        .member("partnership:aaa", "la:AAA", start="2019-09-29", end="2021-04-01")
        .member("partnership:aaa", "la:AAA", start="2021-06-01")
        .partnership("partnership:bbb", "Bbb Safeguarding Children Partnership", "registry:bbb",
                     members=["la:BBB"], start="2019-09-29", end="2023-04-01")
        .member("partnership:bbb", "la:AAA", start="2022-01-01", end="2022-07-01")
        .board("sab:aaa", Kind.SAFEGUARDING_ADULTS_BOARD, "Aaa SAB", members=["la:AAA"],
               start="2015-04-01")
        .build()
    )  # fmt: skip


@pytest.fixture
def tiny_gap() -> TemporalGraph:
    return tiny_gap_landscape()


# -- tiny_shire ----------------------------------------------------------------------------------

ONS = Provenance("lad_test.csv", "line 2")
REG = Provenance("registry/test.yaml", "shire-scp – ‘quoted’", Confidence.QUOTED)
JOINT = Provenance("https://example.org/joint", "", Confidence.INFERRED)
BLOCKS = Provenance("derived: blocks", "LSOAs summed", Confidence.DERIVED)


def tiny_shire_landscape() -> TemporalGraph:
    """Shireshire and its neighbours, as this module's docstring tells them."""
    s = Landscape(
        provenance=ONS,
        meta={"data_start": "2019-04-01", "note": "tiny, hand-made", "sources": [["a.csv", 2019]]},
    )
    s.police_force("pfa:E23000091", "Shire Constabulary", "gss:E23000091")
    s.police_force("pfa:E23000092", "Met Police (test)", "gss:E23000092")
    s.county("la:SHC", "Shireshire County Council", code("gss:E10000099", end="2023-04-01"),
             "mysociety:SHC", end="2023-04-01")  # fmt: skip
    s.district("la:NOR", "North Shire", "gss:E07000991", county="la:SHC", police="pfa:E23000091",
               end="2023-04-01")  # fmt: skip
    s.district("la:SOU", "South Shire", "gss:E07000992", county="la:SHC", police="pfa:E23000092",
               end="2023-04-01")  # fmt: skip
    s.la("la:SHU", "Shireshire Council", code("gss:E06000099", start="2023-04-01"),
         police="pfa:E23000091", start="2023-04-01")  # fmt: skip
    s.la("la:MET", "Metborough – “Borough” Council", code("gss:E08000098", end="2025-05-01"),
         code("gss:E08000099", start="2025-05-01"), "dfe:370",
         kind=Kind.METROPOLITAN_DISTRICT, police="pfa:E23000092")  # fmt: skip
    s.la("la:LBX", "Ecksbury", "gss:E09000099", kind=Kind.LONDON_BOROUGH, police="pfa:E23000092")
    for bid, district, start, end, people, children in (
        ("block:2019-04-01:E07000991:00X", "la:NOR", "2019-04-01", "2023-04-01", 1000, 200),
        ("block:2019-04-01:E07000992:00X", "la:SOU", "2019-04-01", "2023-04-01", 3000, 650),
        ("block:2019-04-01:E08000098:00Y", "la:MET", "2019-04-01", None, 6000, 1500),
        ("block:2023-04-01:E06000099:00X", "la:SHU", "2023-04-01", None, 4100, 900),
        ("block:2019-04-01:E09000099:00Z", "la:LBX", "2019-04-01", None, 500, 90),
    ):
        s.block(bid, district, people, children, name=f"{district} block", start=start, end=end,
                provenance=BLOCKS)  # fmt: skip
    s.partnership("partnership:shire-scp", "Shireshire Safeguarding Children Partnership",
                  "registry:shire-scp", start="2019-09-29", provenance=REG, form="single",
                  aliases=["SSCP"])  # fmt: skip
    s.member("partnership:shire-scp", "la:SHC", start="2019-09-29", end="2023-04-01")
    s.member("partnership:shire-scp", "la:SHU", start="2023-04-01")
    s.partnership("partnership:joint-scp", "Met & Shire Joint Partnership", start="2019-09-29",
                  provenance=(REG, JOINT), form="joint",
                  notes={"hosted_by": None, "weights": [0.5, 0.25], "statutory": True})  # fmt: skip
    # two parallel edges, same ends and relation, different periods
    s.member(
        "partnership:joint-scp", "la:MET", start="2019-09-29", end="2021-01-01", provenance=REG
    )
    s.member("partnership:joint-scp", "la:MET", start="2021-01-01", note="renewed")
    # the county covered twice for a while
    s.member("partnership:joint-scp", "la:SHC", start="2022-01-01", end="2022-06-01",
             provenance=JOINT)  # fmt: skip
    s.event("event:2023-04-01:shireshire", "Shireshire becomes a unitary", "2023-04-01", "merger",
            original=["la:SHC", "la:NOR", "la:SOU"], resulting=["la:SHU"])  # fmt: skip
    return s.build()


@pytest.fixture
def tiny_shire() -> TemporalGraph:
    return tiny_shire_landscape()


# -- a scripted Neo4j server ---------------------------------------------------------------------


@pytest.fixture
def scripted() -> Callable[..., tuple[Neo4jStore, FakeNeo4j]]:
    """Make a Neo4j store on a fresh scripted stand-in: ``scripted(batch_size=...)``."""

    def make(batch_size: int = 1000) -> tuple[Neo4jStore, FakeNeo4j]:
        server = FakeNeo4j()
        return fake_store(server, batch_size), server

    return make
