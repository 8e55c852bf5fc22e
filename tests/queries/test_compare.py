"""Comparing options: options of one area side by side, and what is refused (one option, options
of different areas, a broken option), on the real landscape."""

from __future__ import annotations

import pytest

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries.compare import compare
from queries.proposal import load_proposal, parse_proposal
from queries.stacking import shipped_proposals


def test_options_of_different_dates_and_areas_are_compared_on_what_they_share(
    landscape: TemporalGraph,
) -> None:
    options = [
        load_proposal(shipped_proposals()["lgr-2025-essex-3-unitaries-essex-cc"]),
        load_proposal(shipped_proposals()["hypothetical-essex-east-west"]),
    ]
    c = compare(landscape, options)
    council = [o.area for o in c.options]
    assert {d.code for d in council[0]} - {d.code for d in council[1]} == {"E06000033", "E06000034"}
    assert len(c.common) == 12  # the districts of Essex County Council
    assert any("different dates" in n for n in c.notes)
    assert any("different areas" in n for n in c.notes)
    assert [len(o.councils) for o in c.options] == [3, 2]
    assert [o.hypothetical for o in c.options] == [False, True]
    # Essex's councils work with the NHS Essex ICB alone after April 2026
    assert {b.code for b in c.options[0].health_bodies} == {"E54000066"}


def test_one_option_is_refused(landscape: TemporalGraph) -> None:
    with pytest.raises(
        ProposalError, match="operation compare, field proposals: give at least two"
    ):
        compare(
            landscape, [load_proposal(shipped_proposals()["lgr-2025-norfolk-1-unitary-county"])]
        )


def test_options_of_areas_with_nothing_in_common_are_refused(landscape: TemporalGraph) -> None:
    options = [
        load_proposal(shipped_proposals()["lgr-2025-west-sussex-1-unitary-county"]),
        load_proposal(shipped_proposals()["lgr-2025-norfolk-1-unitary-county"]),
    ]
    with pytest.raises(ProposalError) as caught:
        compare(landscape, options)
    assert (caught.value.operation, caught.value.field) == ("compare", "proposals[1]")
    assert "changes no district that 'West Sussex: 1 unitary" in str(caught.value)


def test_a_broken_option_is_refused_naming_its_operation(landscape: TemporalGraph) -> None:
    broken = parse_proposal({"effective": "2028-04-01", "operations": [
        {"kind": "create_la", "name": "X", "districts": ["E07999999"]}]})  # fmt: skip
    with pytest.raises(ProposalError, match=r"#1 create_la, field districts\[0\]: unknown code"):
        compare(
            landscape,
            [load_proposal(shipped_proposals()["lgr-2025-norfolk-1-unitary-county"]), broken],
        )
