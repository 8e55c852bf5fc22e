"""A proposal's report lists the reviews in progress whose commissioning body it ends or changes."""

from __future__ import annotations

from typing import Any

from graph.temporal import TemporalGraph
from queries.impact import impact
from queries.proposal import parse_proposal
from queries.reviews import Openness


def _merge(effective: str, *partnerships: str) -> Any:
    return parse_proposal(
        {
            "name": "HYPOTHETICAL: two partnerships merge",
            "effective": effective,
            "hypothetical": True,
            "operations": [
                {
                    "kind": "merge_partnerships",
                    "partnerships": list(partnerships),
                    "name": "Merged Safeguarding Children Partnership",
                    "id": "merged-scp",
                }
            ],
        }
    )


def test_a_merger_lists_the_open_reviews_of_both(landscape: TemporalGraph) -> None:
    r = impact(landscape, _merge("2025-06-01", "surrey-scp", "lancashire-csap"))
    assert {c.partnership.code: c.status for c in r.partnerships} == {
        "merged-scp": "new",
        "surrey-scp": "ends",
        "lancashire-csap": "ends",
    }
    assert [
        (o.review.code, o.openness, [b.code for b in o.commissioned_by]) for o in r.open_reviews
    ] == [
        ("lancashire-cspr-southport", Openness.OPEN, ["lancashire-csap"]),  # commissioned 2025-01
        ("surrey-lcspr-sara-sharif", Openness.OPEN, ["surrey-scp"]),  # to be published 2025-11-13
    ]


def test_a_published_review_is_no_longer_caught(landscape: TemporalGraph) -> None:
    r = impact(landscape, _merge("2025-12-01", "surrey-scp", "lancashire-csap"))
    assert [o.review.code for o in r.open_reviews] == ["lancashire-cspr-southport"]


def test_a_review_with_no_dates_but_in_progress_is_listed_as_unknown(
    landscape: TemporalGraph,
) -> None:
    """Devon's case 23 DHR was at the Home Office panel at the last evidence; its dates are not
    recorded, so whether it is still open when Devon changes is unknown, and said so."""
    proposal = parse_proposal(
        {
            "name": "HYPOTHETICAL: East Devon unitary",
            "effective": "2027-04-01",
            "hypothetical": True,
            "operations": [{"kind": "create_la", "name": "East Devon", "districts": ["E07000040"]}],
        }
    )
    r = impact(landscape, proposal)
    found = {o.review.code: o.openness for o in r.open_reviews}
    assert found == {"devon-dhr-neil-case-23": Openness.UNKNOWN}  # case 17 is published
    assert "csp:safer-devon-csp" in {b.board.id for b in r.boards_to_reform}
