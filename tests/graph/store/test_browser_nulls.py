"""The Browser's Cypher files aggregate no value that can be null.

Neo4j warns "null value eliminated in set function" (GQLSTATUS 01G11) whenever ``count``,
``collect``, ``sum``, ``avg``, ``min`` or ``max`` meets a null, which is what an aggregation over a
variable bound by ``OPTIONAL MATCH`` does for every row the match missed. Checked two ways: by
reading the files (here, always), and on a real server (with ``NEO4J_URI`` set) by asking it for
the warnings of each file run on the real landscape.
"""

from __future__ import annotations

import re

import pytest

from graph.neo4j_store import Neo4jStore
from queries.browser_cypher import BROWSER_QUERIES, browser_cypher

AGGREGATE = re.compile(r"\b(count|collect|sum|avg|min|max)\s*\(\s*(?:DISTINCT\s+)?(\w+)", re.I)
BOUND = re.compile(r"[(\[]\s*(\w+)\s*[:{)\]]")


def optional_variables(text: str) -> set[str]:
    """Variables first bound in an OPTIONAL MATCH pattern."""
    found: set[str] = set()
    for m in re.finditer(
        r"OPTIONAL\s+MATCH\s+(.*?)(?=\bWHERE\b|\bWITH\b|\bRETURN\b|$)", text, re.S | re.I
    ):
        found |= set(BOUND.findall(m.group(1)))
    return found


def aggregated(text: str) -> set[str]:
    return {m.group(2) for m in AGGREGATE.finditer(text)}


def code(text: str) -> str:
    return re.sub(r"//[^\n]*", "", text)


@pytest.mark.parametrize("name", BROWSER_QUERIES)
def test_no_aggregation_over_an_optional_match(name: str) -> None:
    text = code(browser_cypher(name))
    assert aggregated(text) & optional_variables(text) == set()


def test_the_check_catches_the_old_form() -> None:
    """coverage.cypher as it was: count(m) and collect(sp.id) after an OPTIONAL MATCH."""
    old = """MATCH (la:Entity {version: v})
OPTIONAL MATCH (sp:SafeguardingPartnership {version: v})-[m:hasMember]->(la)
WHERE m.validFrom <= day
WITH la, m, sp
RETURN la.id AS la, count(m) AS partnerships, collect(sp.id) AS partnershipIds"""
    assert aggregated(old) & optional_variables(old) == {"m", "sp"}


@pytest.mark.parametrize("name", BROWSER_QUERIES)
def test_no_null_warning_on_a_real_server(server: Neo4jStore, name: str) -> None:
    with server._driver.session(database=server.database) as session:
        summary = session.run(browser_cypher(name), asOf="2024-06-01").consume()
    statuses = [s.gql_status for s in getattr(summary, "gql_status_objects", [])]
    assert "01G11" not in statuses
    assert not [n for n in summary.notifications or [] if "null value" in str(n).lower()]
