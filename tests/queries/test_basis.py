"""Answers say what they rest on: the vintage of each layer, the changes applied, and whether the
date lies past the evidence. Expected dates and files are read from the data folder itself."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from graph.temporal import TemporalGraph
from queries.basis import basis, currency
from tests.data import SHARED

D = date.fromisoformat


def last_decided() -> date:
    """The last vesting date of the decided structural changes, from the table."""
    with (SHARED / "changes" / "structural_changes_decided.csv").open(encoding="utf-8-sig") as fh:
        return max(D(r["vesting_date"]) for r in csv.DictReader(fh))


def layers(g: TemporalGraph, when: date) -> dict[str, tuple[str, str, date, tuple[str, ...]]]:
    return {
        x.layer: (x.source, x.status, x.since, x.decided_changes) for x in basis(g, when).layers
    }


def test_a_date_past_the_evidence_is_a_projection(landscape: TemporalGraph) -> None:
    b = basis(landscape, D("2030-01-01"))
    assert b.evidence_until == last_decided() == D("2027-04-01")
    assert (b.past_evidence, b.status) == (True, "projection")
    assert "projection" in b.note and "2027-04-01" in b.note
    assert all(layer.carried_forward for layer in b.layers)
    assert [(c.id, c.status) for c in b.changes] == [
        ("icb-2026-04-01", "observed"),
        ("surrey-2027", "decided"),
    ]


def test_the_last_day_of_evidence_is_not_past_it(landscape: TemporalGraph) -> None:
    b = basis(landscape, last_decided())
    assert (b.past_evidence, b.status) == (False, "decided")
    assert layers(landscape, last_decided())["local_government"] == (
        "ltla23_utla23_ew_ons.csv",
        "decided",
        D("2023-04-01"),
        ("structural_changes_decided.csv (surrey-2027)",),
    )


def test_today_rests_on_the_2026_tables_with_the_surrey_order_pending(
    landscape: TemporalGraph,
) -> None:
    b = basis(landscape, D("2026-11-23"))
    assert (b.status, b.past_evidence) == ("observed", False)
    health = next(x for x in b.layers if x.layer == "health")
    assert (health.source, health.re_keys, health.since, health.carried_forward) == (
        "sicbl24_to_icb26.csv",
        "lsoa21_sicbl24_icb24_en_ons.csv",
        D("2026-04-01"),
        False,  # the decided Surrey epoch of 2027 comes later
    )
    assert [c.id for c in b.changes] == ["icb-2026-04-01"]
    assert [(c.id, c.effective) for c in b.pending] == [("surrey-2027", D("2027-04-01"))]


@pytest.mark.parametrize(
    ("when", "layer", "source"),
    [
        ("2019-10-01", "health", "lsoa11_ccg19_lad19_en_ons.csv"),
        ("2023-06-01", "health", "sicbl23_icb23_nhser23_en_ons.csv"),
        ("2024-06-01", "health", "lsoa21_sicbl24_icb24_en_ons.csv"),
        ("2024-06-01", "police", "lad24_csp24_pfa24_ew_ons.csv"),
        ("2024-06-01", "population", "pop_lsoa21_census2021_en_ons.csv"),
        ("2021-06-01", "population", "pop_lsoa11_mid2020_en_ons.csv"),
        ("2022-06-01", "local_government", "ltla21_utla21_ew_ons.csv"),
    ],
)
def test_the_vintage_of_each_layer(
    landscape: TemporalGraph, when: str, layer: str, source: str
) -> None:
    assert (SHARED / "geography" / source).is_file()
    assert layers(landscape, D(when))[layer][0] == source
    assert basis(landscape, D(when)).status == "observed"


def test_currency_of_the_bundled_landscape(landscape: TemporalGraph) -> None:
    c = currency(landscape)
    assert c["evidence_until"] == "2027-04-01"
    assert c["last_decided_change"]["id"] == "surrey-2027"
    assert c["layers"]["health"]["last_observed"]["source"] == "sicbl24_to_icb26.csv"
    assert sorted(c["inputs"]["change_tables"]) == sorted(
        p.name for p in (SHARED / "changes").glob("*.csv") if not p.name.startswith("lgr_")
    )
    assert c["inputs"]["not_applied"] == ["lgr_proposals_2025.csv"]
