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
    ('{ t: coverageTimeline(from: "2024-06-01", to: "2024-06-30") { date } '
     'coverage(asOf: "2024-06-12") { compliant } }', None),
    ('{ search(text: "x\\"2024-06-12") { name } coverage(asOf: "2024-06-12") { compliant } }',
     None),
    ('{ coverage(asOf: "2024-06-12") { compliant } } # \x00 "2024-06-13"', None),
]  # fmt: skip


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


def test_a_question_on_another_date_is_not_scanned_again(landscape: TemporalGraph) -> None:
    """Scans are kept per template (the dates marked), not per text: a client sending a new
    date each time costs one scan in all."""
    scans: ByteLRU[str, Scan] = ByteLRU(1_000_000)
    query = '{{ coverage(asOf: "{}") {{ compliant }} }}'
    days = [date(2019, 10, 1), date(2022, 2, 3), date(2024, 6, 12), date(2026, 12, 1)]
    keys = [request_key(landscape, "POST", query.format(d), None, None, scans) for d in days]
    assert scans.stats()["misses"] == 1 and scans.stats()["hits"] == len(days) - 1
    assert len(set(keys)) == len({stretch(landscape, d) for d in days}) == len(days)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # a date said as another argument is kept as sent: from/to answer by the day
        ('{ coverageTimeline(from: "2024-06-01", to: "2024-06-30") { date } }',
         '{ coverageTimeline(from: "2024-06-01", to: "2024-06-29") { date } }'),
        # in a string or a comment, as sent too
        ('{ search(text: "2024-06-12") { name } }', '{ search(text: "2024-06-13") { name } }'),
        ('{ coverage(asOf: "2024-06-12") { compliant } } # "2024-06-12"',
         '{ coverage(asOf: "2024-06-12") { compliant } } # "2024-06-13"'),
        # an asOf date in another stretch
        ('{ coverage(asOf: "2024-06-12") { compliant } }',
         '{ coverage(asOf: "2019-06-12") { compliant } }'),
    ],
)  # fmt: skip
def test_dates_said_other_than_as_of_keep_their_key_apart(
    landscape: TemporalGraph, one: str, other: str
) -> None:
    scans: ByteLRU[str, Scan] = ByteLRU(1_000_000)
    first = request_key(landscape, "POST", one, None, None, scans)
    assert first != request_key(landscape, "POST", other, None, None, scans)
    assert first == request_key(landscape, "POST", one, None, None)  # kept or not, one key
