"""The Neo4j Browser queries (``queries/coverage.cypher``, ``queries/overlap.cypher``) run from
Python on a :class:`~graph.neo4j_store.Neo4jStore`: the same files a Browser user pastes, so
tests can check their answers against the Python queries on the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from graph.errors import StoreError
from graph.neo4j_store import Neo4jStore

QUERY_DIR = Path(__file__).resolve().parent
BROWSER_QUERIES = ("coverage", "overlap")
"""The files ``queries/<name>.cypher`` written for the Neo4j Browser."""


@cache
def browser_cypher(name: str) -> str:
    """The text of the Browser query ``queries/<name>.cypher``.

    >>> ":param asOf" in browser_cypher("coverage")
    True
    """
    if name not in BROWSER_QUERIES:
        raise StoreError(f"no Browser query {name!r}: one of {', '.join(BROWSER_QUERIES)}")
    return (QUERY_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def coverage_cypher(store: Neo4jStore, when: date) -> dict[str, int]:
    """Upper-tier LA id -> number of partnerships covering it on ``when`` (0 = uncovered)."""
    rows = store.query_text("coverage", browser_cypher("coverage"), asOf=when.isoformat())
    return {str(r["la"]): int(r["partnerships"]) for r in rows}


@dataclass(frozen=True, slots=True)
class ForceShare:
    """A police force area's part of a partnership's population (``force`` None: no force area
    recorded for some of its districts)."""

    partnership: str
    force: str | None
    population: int
    share: float


def overlap_cypher(store: Neo4jStore, when: date) -> list[ForceShare]:
    """Each partnership's police force areas on ``when``, largest share first."""
    rows = store.query_text("overlap", browser_cypher("overlap"), asOf=when.isoformat())
    return [
        ForceShare(
            str(r["partnership"]),
            None if r["policeForceArea"] is None else str(r["policeForceArea"]),
            int(r["population"]),
            float(r["share"]),
        )
        for r in rows
    ]
