"""A request's cache key is the same whether its query text was scanned now or kept from an
earlier request (api/request_key.py ``scans``), and the kept scans stay within their bound."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from api.byte_cache import ByteLRU
from api.request_key import Scan, request_key
from graph.temporal import TemporalGraph
from queries.stretches import stretch

QUERIES: list[tuple[str, dict[str, Any] | None]] = [
    ('{ coverage(asOf: "2024-06-12") { compliant } }', None),
    ('{ coverage(asOf: "2024-06-12") { asOf compliant } }', None),
    ("query ($d: Date!) { coverage(asOf: $d) { compliant } }", {"d": "2024-06-12"}),
    ("query ($d: Date!) { coverageTimeline(from: $d, to: $d) { date } }", {"d": "2024-06-12"}),
    ('{ coverage(asOf: "2024-06-12") { compliant } } # asOf: "2019-01-01"', None),
    ('{ search(text: """asOf: "2024-06-12" """) { name } }', None),
    ('{ coverage(asOf: "not a date") { compliant } }', {"x": [1, 2]}),
]


@pytest.mark.parametrize(("query", "variables"), QUERIES)
def test_kept_scans_give_the_same_key(
    landscape: TemporalGraph, query: str, variables: dict[str, Any] | None
) -> None:
    scans: ByteLRU[str, Scan] = ByteLRU(1_000_000)
    fresh = request_key(landscape, "POST", query, variables, None)
    first = request_key(landscape, "POST", query, variables, None, scans)
    again = request_key(landscape, "POST", query, variables, None, scans)
    assert fresh == first == again
    assert scans.stats()["hits"] == 1


def test_distinct_dates_in_a_stretch_share_a_key_through_kept_scans(
    landscape: TemporalGraph,
) -> None:
    scans: ByteLRU[str, Scan] = ByteLRU(1_000_000)
    june = [date(2024, 6, d) for d in range(1, 31)]
    same = [d for d in june if stretch(landscape, d) == stretch(landscape, june[11])]
    keys = {
        request_key(landscape, "POST", f'{{ coverage(asOf: "{d}") {{ x }} }}', None, None, scans)
        for d in same
    }
    assert len(same) > 1 and len(keys) == 1


def test_kept_scans_stay_within_their_bound(landscape: TemporalGraph) -> None:
    scans: ByteLRU[str, Scan] = ByteLRU(20_000)
    for n in range(2000):
        request_key(landscape, "POST", f'{{ a{n}: coverage(asOf: "2024-06-01") {{ x }} }}',
                    None, None, scans)  # fmt: skip
    assert 0 < scans.stats()["bytes"] <= 20_000
    assert len(scans) < 2000
