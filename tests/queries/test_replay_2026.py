"""The April 2026 ICB reorganisation replayed as a proposal on the landscape of 31 March 2026
gives the ICB footprints of the landscape built from the change tables, to the person.

Both sides rest on the same LSOAs (2021) and Census 2021 counts, so the comparison is exact: each
upper-tier LA's ICBs with the people and children in each, and the set of ICB codes (36).
"""

from __future__ import annotations

import csv
from datetime import date

from graph.temporal import TemporalGraph
from queries.impact import apply, impact, shipped_proposals
from queries.proposal import load_proposal
from queries.whatif import State, state
from tests.data import SHARED

EFFECTIVE = date(2026, 4, 1)


def _pops(s: State) -> dict[tuple[str, str], tuple[int, int | None]]:
    return {k: (p.people, p.children) for k, p in s.memberships().items()}


def test_the_replay_gives_the_footprints_of_the_loaded_tables(landscape: TemporalGraph) -> None:
    proposal = load_proposal(shipped_proposals()["2026-icb-reorganisation"])
    assert (proposal.effective, proposal.day_before) == (EFFECTIVE, date(2026, 3, 31))
    what_if = apply(landscape, proposal).after
    real = state(landscape.at(EFFECTIVE))
    assert _pops(what_if) == _pops(real)
    codes = {what_if.ref(b).code for b in what_if.bodies}
    with (SHARED / "changes" / "sicbl24_to_icb26.csv").open(encoding="utf-8-sig") as fh:
        assert (
            codes
            == {real.ref(b).code for b in real.bodies}
            == {r["icb26_cd"] for r in csv.DictReader(fh)}
        )
    assert len(codes) == 36


def test_the_replay_is_not_trivially_true(landscape: TemporalGraph) -> None:
    proposal = load_proposal(shipped_proposals()["2026-icb-reorganisation"])
    w = apply(landscape, proposal)
    assert _pops(w.before) != _pops(state(landscape.at(EFFECTIVE)))
    assert len(w.before.bodies) == 42


def test_the_replay_stays_compliant(landscape: TemporalGraph) -> None:
    report = impact(landscape, load_proposal(shipped_proposals()["2026-icb-reorganisation"]))
    assert report.before.compliant and report.after.compliant
    assert report.needing_arrangement == ()
