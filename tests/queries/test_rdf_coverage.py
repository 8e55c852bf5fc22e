"""Coverage by SPARQL (temporal export) and by SHACL (one day), on the tiny landscape with its gap
and double cover, and on the real one, where they must agree with the Python engine."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from graph.rdf import to_rdf
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind
from queries.rdf_coverage import QUERY_FILE, CoverageSets, coverage_shacl, coverage_sparql
from tests import reference

D = date
BOTH = frozenset({"la:AAA", "la:BBB"})
NONE: frozenset[str] = frozenset()

# (date, upper-tier LAs, uncovered, covered more than once) on the tiny landscape (tests/conftest.py, tiny_gap)
EXPECTED = [
    (D(2019, 4, 1), BOTH, BOTH, NONE),  # before the arrangements: nobody covered
    (D(2019, 9, 29), BOTH, NONE, NONE),
    (D(2021, 3, 31), BOTH, NONE, NONE),
    (D(2021, 4, 1), BOTH, {"la:AAA"}, NONE),  # the gap opens (the SAB does not cover)
    (D(2021, 5, 31), BOTH, {"la:AAA"}, NONE),
    (D(2021, 6, 1), BOTH, NONE, NONE),  # ... and closes
    (D(2022, 1, 1), BOTH, NONE, {"la:AAA"}),  # the double cover
    (D(2022, 6, 30), BOTH, NONE, {"la:AAA"}),
    (D(2022, 7, 1), BOTH, NONE, NONE),
    (D(2023, 4, 1), {"la:AAA"}, NONE, NONE),  # the county is gone, its partnership too
]


@pytest.mark.parametrize(("when", "las", "uncovered", "multiple"), EXPECTED)
def test_sparql_finds_the_gap_and_the_double_cover(
    tiny_gap: TemporalGraph,
    when: date,
    las: frozenset[str],
    uncovered: set[str],
    multiple: set[str],
) -> None:
    assert coverage_sparql(to_rdf(tiny_gap), when) == CoverageSets(
        las, frozenset(uncovered), frozenset(multiple)
    )


@pytest.mark.parametrize(("when", "las", "uncovered", "multiple"), EXPECTED)
def test_shacl_finds_the_gap_and_the_double_cover(
    tiny_gap: TemporalGraph,
    when: date,
    las: frozenset[str],
    uncovered: set[str],
    multiple: set[str],
) -> None:
    assert coverage_shacl(tiny_gap, when) == CoverageSets(
        las, frozenset(uncovered), frozenset(multiple)
    )


def test_the_query_is_a_file_with_a_date_parameter() -> None:
    text = QUERY_FILE.read_text(encoding="utf-8")
    assert "?asOf" in text
    assert "{" not in text.split("WHERE")[0].split("SELECT")[0]  # no template holes before SELECT


# -- the real landscape ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "count"), [(D(2019, 10, 1), 151), (D(2021, 10, 1), 152), (D(2023, 10, 1), 153)]
)
def test_upper_tier_authorities_in_the_real_export(real_rdf: Graph, when: date, count: int) -> None:
    assert len(coverage_sparql(real_rdf, when).las) == count


def test_three_engines_agree_on_every_change_date(real_rdf: Graph) -> None:
    """SPARQL, SHACL and the Python engine give the same uncovered and doubly covered LAs on every
    date the real landscape changes, from the day the arrangements came into force.

    Every change date counts (a change event's day after too: its period is one day), so the run
    grows with the landscape; per date about 0.6 s of SPARQL (rdflib) and 0.6 s of SHACL (pyshacl).
    """
    from loaders.landscape import bundled
    from queries.coverage import coverage

    g = bundled()
    partnerships = reference.registry_file("childrens_partnerships.yaml")["partnerships"]
    assert len(g.all_nodes(Kind.SAFEGUARDING_PARTNERSHIP)) == len(partnerships) == 147
    dates = [d for d in g.change_dates if d >= D(2019, 9, 29)]
    assert {D(2019, 9, 29), D(2021, 4, 1), D(2023, 4, 1), D(2025, 5, 1)} <= set(dates)
    for when in dates:
        by_sparql = coverage_sparql(real_rdf, when)
        by_shacl = coverage_shacl(g, when)
        report = coverage(g, when)
        by_python = CoverageSets(
            frozenset(by_sparql.las),
            # SPARQL and SHACL see a new LA awaiting its first arrangement as uncovered
            frozenset(issue.id for issue in (*report.uncovered, *report.awaiting_arrangement)),
            frozenset(issue.la.id for issue in report.multiply_covered),
        )
        assert by_sparql == by_shacl, when
        assert by_sparql == by_python, when
        assert len(by_sparql.las) == report.local_authority_count, when
