"""A relation's (or a kind's) own epochs: equal numbers, equal facts, on the real landscape."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from graph.temporal import TemporalGraph


def test_an_epoch_changes_exactly_when_its_facts_do(landscape: TemporalGraph) -> None:
    days = [date(2019, 1, 1), *landscape.change_dates]
    relations = sorted({e.relation for e in landscape.all_edges()})
    kinds = sorted({n.kind for n in landscape.all_nodes()})
    changed = 0
    for before, after in pairwise(days):
        a, b = landscape.at(before), landscape.at(after)
        for r in relations:
            same = {id(e) for e in a.edges(r)} == {id(e) for e in b.edges(r)}
            assert (a.epoch(r) == b.epoch(r)) == same, (r, before, after)
            changed += not same
        for k in kinds:
            same = [n.id for n in a.nodes(k)] == [n.id for n in b.nodes(k)]
            assert (a.node_epoch(k) == b.node_epoch(k)) == same, (k, before, after)
    assert changed > len(days)  # the real data changes many relations on many days


def test_epochs_count_from_zero_before_the_first_change(landscape: TemporalGraph) -> None:
    first = landscape.bounds("hasMember")[0]
    assert landscape.at(first - timedelta(days=1)).epoch("hasMember") == 0
    assert landscape.at(first).epoch("hasMember") == 1
    assert landscape.at(date(2019, 1, 1)).epoch("noSuchRelation") == 0
