"""Fixtures of the RDF tests: a tiny hand-made landscape, and the real one exported once.

The tiny landscape, on purpose with a gap and a double cover::

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
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from graph.codes import Identifier, Scheme
from graph.model import ALWAYS, Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.rdf import to_rdf
from graph.temporal import TemporalGraph

D = date
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
            Period(D(2019, 4, 1)),
            (LA_FILE, ODD),
            (ident(Scheme.GSS, "E06000001"), ident(Scheme.MYSOCIETY, "AAA")),
        )
    )
    g.add_node(
        Node(
            "la:BBB",
            "County",
            "Bbb County Council",
            Period(None, D(2023, 4, 1)),
            (LA_FILE,),
            (
                ident(Scheme.GSS, "E10000002", Period(None, D(2021, 4, 1))),
                ident(Scheme.GSS, "E10000099", Period(D(2021, 4, 1))),
                ident(Scheme.DFE, "825"),
            ),
        )
    )
    g.add_node(
        Node(
            "la:DDD",
            "NonMetropolitanDistrict",
            "Ddd District Council",
            Period(None, D(2023, 4, 1)),
            (LA_FILE,),
            (ident(Scheme.GSS, "E07000004"),),
        )
    )
    for pid, name, period in (
        ("aaa", "Aaa Safeguarding Children Partnership", Period(D(2019, 9, 29))),
        ("bbb", "Bbb Safeguarding Children Partnership", Period(D(2019, 9, 29), D(2023, 4, 1))),
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
        Node("sab:aaa", "SafeguardingAdultsBoard", "Aaa SAB", Period(D(2015, 4, 1)), (REGISTRY,))
    )
    for source, target, relation, period in (
        ("la:DDD", "la:BBB", "withinCounty", Period(None, D(2023, 4, 1))),
        ("partnership:aaa", "la:AAA", "hasMember", Period(D(2019, 9, 29), D(2021, 4, 1))),
        ("partnership:aaa", "la:AAA", "hasMember", Period(D(2021, 6, 1))),
        ("partnership:bbb", "la:BBB", "hasMember", Period(D(2019, 9, 29), D(2023, 4, 1))),
        ("partnership:bbb", "la:AAA", "hasMember", Period(D(2022, 1, 1), D(2022, 7, 1))),
        ("sab:aaa", "la:AAA", "hasMember", Period(D(2015, 4, 1))),
    ):
        g.add_edge(Edge(source, target, relation, period, (REGISTRY,)))
    return g


@pytest.fixture
def tiny() -> TemporalGraph:
    return tiny_landscape()


@pytest.fixture(scope="session")
def real_rdf() -> Graph:
    """The temporal export of the bundled landscape (about 110 000 triples; a few seconds)."""
    from loaders.landscape import bundled

    return to_rdf(bundled())
