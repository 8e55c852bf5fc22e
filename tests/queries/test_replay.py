"""Replay is the test of truth: the real changes of 2021, 2022 and 2023, applied as proposals to the
landscape of the day before, must give the landscape the official files record for the day after.

Compared, for the geography, between the what-if and ``g.at(effective date)`` built from the
official files: the upper-tier LAs (GSS codes), each LA's police force areas, and each LA's health
bodies (CCGs, or ICBs from July 2022) with the people and children in each, summed from the same
population blocks. All three replays are exact, to the person:

- 2021 and 2022 compare lookups on the same base (LSOA 2011, mid-2020 estimates): every 2020 CCG
  lies wholly in one 2021 CCG, and every 2021 district x CCG block lies wholly in one 2022 ICB, so
  whole-CCG mergers (and three CCGs divided by district) reproduce the later lookup exactly.
- 2023 has no LSOA lookup of its own: the graph re-keys the July 2022 LSOAs with the April 2023
  codes (``loaders.health``, confidence derived), so the exact health part of that replay checks the
  recodes and the new unitaries, not new LSOA evidence.
- Not compared: sub-ICB location codes (the proposal makes the statutory ICBs; the areas keep the
  CCG ids) and April 2024, whose lookup is on LSOA 2021 with Census 2021 counts (a different
  population base, so no block-level replay can match it).
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.temporal import TemporalGraph
from queries.footprint import Pop
from queries.impact import apply, shipped_proposals
from queries.proposal import load_proposal
from queries.whatif import State, state

REAL = {
    "2021-northamptonshire": (date(2021, 4, 1), 152, 106),
    "2022-ccg-to-icb": (date(2022, 7, 1), 152, 42),
    "2023-cumbria-north-yorkshire-somerset": (date(2023, 4, 1), 153, 42),
}


def _pops(s: State) -> dict[tuple[str, str], tuple[int, int | None]]:
    members: dict[tuple[str, str], Pop] = s.memberships()
    return {k: (p.people, p.children) for k, p in members.items()}


@pytest.fixture(scope="module", params=sorted(REAL))
def replay(request: pytest.FixtureRequest, landscape: TemporalGraph) -> tuple[str, State, State]:
    name = request.param
    proposal = load_proposal(shipped_proposals()[name])
    assert proposal.effective == REAL[name][0]
    what_if = apply(landscape, proposal)
    return name, what_if.at(proposal.effective), state(landscape.at(proposal.effective))


def test_upper_tier_las_are_the_recorded_ones(replay: tuple[str, State, State]) -> None:
    name, what_if, real = replay
    codes = {what_if.ref(la).code for la in what_if.uppers()}
    assert codes == {real.ref(la).code for la in real.uppers()}
    assert len(codes) == REAL[name][1]


def test_each_la_is_in_the_recorded_police_force(replay: tuple[str, State, State]) -> None:
    _, what_if, real = replay
    assert what_if.police_by_la() == real.police_by_la()
    assert all(len(forces) == 1 for forces in what_if.police_by_la().values())


def test_la_health_memberships_and_populations_to_the_person(
    replay: tuple[str, State, State],
) -> None:
    name, what_if, real = replay
    expected = _pops(real)
    got = _pops(what_if)
    assert set(got) == set(expected)  # the memberships: exact
    differences = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert differences == {}  # people and children in each (LA, body): exact
    assert len({body for _, body in got}) == REAL[name][2]
    assert sum(p for p, _ in got.values()) == 56_550_138  # England, mid-2020


def test_health_bodies_and_police_forces_are_the_recorded_ones(
    replay: tuple[str, State, State],
) -> None:
    _, what_if, real = replay
    assert {what_if.ref(b).code for b in what_if.bodies} == {real.ref(b).code for b in real.bodies}
    assert {what_if.ref(f).code for f in what_if.forces} == {real.ref(f).code for f in real.forces}


def test_the_real_changes_are_not_there_the_day_before(landscape: TemporalGraph) -> None:
    """The replays are not trivially true: the day before differs from the day after."""
    for name, (effective, _, _) in REAL.items():
        proposal = load_proposal(shipped_proposals()[name])
        before = apply(landscape, proposal).before
        assert _pops(before) != _pops(state(landscape.at(effective))), name
