"""Shared fixtures: the real files beside the project and what is built from them once, and the
tiny hand-made landscapes the tests of several packages use.

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

``tiny_shire``: see :func:`tiny_graph`.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from rdflib import Graph

from graph.codes import Identifier, Scheme
from graph.model import ALWAYS, Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.neo4j_store import Neo4jStore
from graph.rdf import to_rdf
from graph.temporal import TemporalGraph
from graph.topology import Topology
from loaders.boundaries import build_boundaries
from tests.data import BOUNDARIES, GEOGRAPHY, SHARED
from tests.graph.store.neo4j_standin import FakeNeo4j, fake_store

TODAY = date(2026, 11, 23)


# -- the real files ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def geography() -> TemporalGraph:
    """The geography graph built from the official files in ../shared/data/geography."""
    from loaders.geography import build_geography

    return build_geography(GEOGRAPHY)


@pytest.fixture(scope="session")
def landscape() -> TemporalGraph:
    """The whole landscape (geography and registry) built from ../shared and the shipped registry."""
    from loaders.landscape import build_landscape

    return build_landscape(SHARED)


@pytest.fixture(scope="session")
def real_rdf() -> Graph:
    """The temporal export of the bundled landscape (about 110 000 triples; a few seconds)."""
    from loaders.landscape import bundled

    return to_rdf(bundled())


@pytest.fixture(scope="session")
def built() -> bytes:
    if not BOUNDARIES.is_dir():
        pytest.skip(f"no boundary files at {BOUNDARIES}")
    return build_boundaries(BOUNDARIES)


@pytest.fixture(scope="session")
def topology(built: bytes) -> Topology:
    return Topology.from_bytes(built, "boundaries.topo.json.gz")


@pytest.fixture(scope="session")
def districts_of() -> dict[str, list[str]]:
    """Upper-tier code -> its lower-tier codes (April 2023), from the ONS lookup."""
    out: dict[str, list[str]] = defaultdict(list)
    with (GEOGRAPHY / "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["utla23_code"].startswith("E"):
                out[row["utla23_code"]].append(row["ltla23_code"])
    return dict(out)


# -- tiny_gap ------------------------------------------------------------------------------------

LA_FILE = Provenance("la_uk_local_authorities_mysociety.csv", "line 2")
ODD = Provenance("notes.md", 'section "one"\nline 2 \\ é', Confidence.INFERRED)
REGISTRY = Provenance("registry/childrens_partnerships.yaml", "aaa", Confidence.QUOTED)


def ident(scheme: Scheme, code: str, period: Period = ALWAYS) -> IdentifierAssignment:
    return IdentifierAssignment(Identifier(scheme, code), period)


def tiny_landscape() -> TemporalGraph:
    g = TemporalGraph()
    g.add_node(
        Node(
            "la:AAA",
            "UnitaryAuthority",
            'Aaa "Borough" Council — Æthelred\'s',
            Period(date(2019, 4, 1)),
            (LA_FILE, ODD),
            (ident(Scheme.GSS, "E06000001"), ident(Scheme.MYSOCIETY, "AAA")),
        )
    )
    g.add_node(
        Node(
            "la:BBB",
            "County",
            "Bbb County Council",
            Period(None, date(2023, 4, 1)),
            (LA_FILE,),
            (
                ident(Scheme.GSS, "E10000002", Period(None, date(2021, 4, 1))),
                ident(Scheme.GSS, "E10000099", Period(date(2021, 4, 1))),
                ident(Scheme.DFE, "825"),
            ),
        )
    )
    g.add_node(
        Node(
            "la:DDD",
            "NonMetropolitanDistrict",
            "Ddd District Council",
            Period(None, date(2023, 4, 1)),
            (LA_FILE,),
            (ident(Scheme.GSS, "E07000004"),),
        )
    )
    for pid, name, period in (
        ("aaa", "Aaa Safeguarding Children Partnership", Period(date(2019, 9, 29))),
        (
            "bbb",
            "Bbb Safeguarding Children Partnership",
            Period(date(2019, 9, 29), date(2023, 4, 1)),
        ),
    ):
        g.add_node(
            Node(
                f"partnership:{pid}",
                "SafeguardingPartnership",
                name,
                period,
                (REGISTRY,),
                (ident(Scheme.REGISTRY, pid),),
            )
        )
    g.add_node(
        Node("sab:aaa", "SafeguardingAdultsBoard", "Aaa SAB", Period(date(2015, 4, 1)), (REGISTRY,))
    )
    for source, target, relation, period in (
        ("la:DDD", "la:BBB", "withinCounty", Period(None, date(2023, 4, 1))),
        ("partnership:aaa", "la:AAA", "hasMember", Period(date(2019, 9, 29), date(2021, 4, 1))),
        ("partnership:aaa", "la:AAA", "hasMember", Period(date(2021, 6, 1))),
        ("partnership:bbb", "la:BBB", "hasMember", Period(date(2019, 9, 29), date(2023, 4, 1))),
        ("partnership:bbb", "la:AAA", "hasMember", Period(date(2022, 1, 1), date(2022, 7, 1))),
        ("sab:aaa", "la:AAA", "hasMember", Period(date(2015, 4, 1))),
    ):
        g.add_edge(Edge(source, target, relation, period, (REGISTRY,)))
    return g


@pytest.fixture
def tiny_gap() -> TemporalGraph:
    return tiny_landscape()


# -- tiny_shire ----------------------------------------------------------------------------------


def period_of(start: str | None, end: str | None) -> Period:
    return Period(
        date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None
    )


def tiny_graph() -> TemporalGraph:
    """A county that becomes a unitary in 2023, a metropolitan district whose code changes in
    2025, an uncovered London borough, two police forces, population blocks, two partnerships
    (one covering the county twice for a while, one with two parallel membership edges) and the
    change event."""
    ons = Provenance("lad_test.csv", "line 2")
    reg = Provenance("registry/test.yaml", "shire-scp – ‘quoted’", Confidence.QUOTED)
    inferred = Provenance("https://example.org/joint", "", Confidence.INFERRED)
    derived = Provenance("derived: blocks", "LSOAs summed", Confidence.DERIVED)
    g = TemporalGraph()

    def gss(code: str, start: str | None = None, end: str | None = None) -> IdentifierAssignment:
        return IdentifierAssignment(Identifier(Scheme.GSS, code), period_of(start, end))

    def node(nid: str, kind: str, name: str, start: str | None, end: str | None, *ids: Any,
             prov: tuple[Provenance, ...] = (ons,), **attrs: Any) -> None:  # fmt: skip
        g.add_node(Node(nid, kind, name, period_of(start, end), prov, ids, attrs))

    def edge(src: str, dst: str, rel: str, start: str | None, end: str | None,
             prov: tuple[Provenance, ...] = (ons,), **attrs: Any) -> None:  # fmt: skip
        g.add_edge(Edge(src, dst, rel, period_of(start, end), prov, attrs))

    node("la:SHC", "County", "Shireshire County Council", None, "2023-04-01",
         gss("E10000099", None, "2023-04-01"),
         IdentifierAssignment(Identifier(Scheme.MYSOCIETY, "SHC")))  # fmt: skip
    node("la:NOR", "NonMetropolitanDistrict", "North Shire", None, "2023-04-01", gss("E07000991"))
    node("la:SOU", "NonMetropolitanDistrict", "South Shire", None, "2023-04-01", gss("E07000992"))
    node("la:SHU", "UnitaryAuthority", "Shireshire Council", "2023-04-01", None,
         gss("E06000099", "2023-04-01"))  # fmt: skip
    node("la:MET", "MetropolitanDistrict", "Metborough – “Borough” Council", None, None,
         gss("E08000098", None, "2025-05-01"), gss("E08000099", "2025-05-01"),
         IdentifierAssignment(Identifier(Scheme.DFE, "370")))  # fmt: skip
    node("la:LBX", "LondonBorough", "Ecksbury", None, None, gss("E09000099"))
    node("pfa:E23000091", "PoliceForceArea", "Shire Constabulary", None, None, gss("E23000091"))
    node("pfa:E23000092", "PoliceForceArea", "Met Police (test)", None, None, gss("E23000092"))
    node("partnership:shire-scp", "SafeguardingPartnership",
         "Shireshire Safeguarding Children Partnership", "2019-09-29", None,
         IdentifierAssignment(Identifier(Scheme.REGISTRY, "shire-scp")),
         prov=(reg,), form="single", aliases=["SSCP"])  # fmt: skip
    node("partnership:joint-scp", "SafeguardingPartnership", "Met & Shire Joint Partnership",
         "2019-09-29", None, prov=(reg, inferred), form="joint",
         notes={"hosted_by": None, "weights": [0.5, 0.25], "statutory": True})  # fmt: skip
    blocks = [
        ("block:2019-04-01:E07000991:00X", "la:NOR", "2019-04-01", "2023-04-01", 1000, 200),
        ("block:2019-04-01:E07000992:00X", "la:SOU", "2019-04-01", "2023-04-01", 3000, 650),
        ("block:2019-04-01:E08000098:00Y", "la:MET", "2019-04-01", None, 6000, 1500),
        ("block:2023-04-01:E06000099:00X", "la:SHU", "2023-04-01", None, 4100, 900),
        ("block:2019-04-01:E09000099:00Z", "la:LBX", "2019-04-01", None, 500, 90),
    ]
    for bid, district, start, end, people, children in blocks:
        node(bid, "PopulationBlock", f"{district} block", start, end, prov=(derived,),
             population=people, children=children, children_ages="0-17")  # fmt: skip
    node("event:2023-04-01:shireshire", "ChangeEvent", "Shireshire becomes a unitary",
         "2023-04-01", "2023-04-02", date="2023-04-01", change="merger")  # fmt: skip

    edge("la:NOR", "la:SHC", "withinCounty", None, "2023-04-01")
    edge("la:SOU", "la:SHC", "withinCounty", None, "2023-04-01")
    edge("la:NOR", "pfa:E23000091", "inPoliceForceArea", None, "2023-04-01")
    edge("la:SOU", "pfa:E23000092", "inPoliceForceArea", None, "2023-04-01")
    edge("la:SHU", "pfa:E23000091", "inPoliceForceArea", "2023-04-01", None)
    edge("la:MET", "pfa:E23000092", "inPoliceForceArea", None, None)
    edge("la:LBX", "pfa:E23000092", "inPoliceForceArea", None, None)
    for bid, district, start, end, *_ in blocks:
        edge(bid, district, "blockInDistrict", start, end, prov=(derived,))
    member = (reg,)
    edge("partnership:shire-scp", "la:SHC", "hasMember", "2019-09-29", "2023-04-01", member)
    edge("partnership:shire-scp", "la:SHU", "hasMember", "2023-04-01", None, member)
    # two parallel edges, same ends and relation, different periods
    edge("partnership:joint-scp", "la:MET", "hasMember", "2019-09-29", "2021-01-01", member)
    edge("partnership:joint-scp", "la:MET", "hasMember", "2021-01-01", None, (reg, inferred),
         note="renewed")  # fmt: skip
    # the county covered twice for a while
    edge("partnership:joint-scp", "la:SHC", "hasMember", "2022-01-01", "2022-06-01", (inferred,))
    for old in ("la:SHC", "la:NOR", "la:SOU"):
        edge("event:2023-04-01:shireshire", old, "originalOrganization", "2023-04-01", None)
    edge("event:2023-04-01:shireshire", "la:SHU", "resultingOrganization", "2023-04-01", None)
    g.meta = {"data_start": "2019-04-01", "note": "tiny, hand-made", "sources": [["a.csv", 2019]]}
    return g


@pytest.fixture
def tiny() -> TemporalGraph:
    return tiny_graph()


@pytest.fixture
def tiny_shire() -> TemporalGraph:
    return tiny_graph()


# -- a scripted Neo4j server ---------------------------------------------------------------------


@pytest.fixture
def scripted() -> Callable[..., tuple[Neo4jStore, FakeNeo4j]]:
    """Make a Neo4j store on a fresh scripted stand-in: ``scripted(batch_size=...)``."""

    def make(batch_size: int = 1000) -> tuple[Neo4jStore, FakeNeo4j]:
        server = FakeNeo4j()
        return fake_store(server, batch_size), server

    return make
