"""``queries/proposals/FORMAT.md`` is the prose reference of the proposal format, and its examples
are true: every ``yaml`` block is a proposal the real landscape accepts, every ``yaml refused``
block is refused with exactly the message of the ``text`` block after it, every operation has a
section and an accepted example, and every field of the top of a proposal is in its table."""

from __future__ import annotations

import re

import pytest
import yaml

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries.proposal import KINDS, read_proposal
from queries.scenario import apply
from queries.stacking import PROPOSALS

FORMAT = PROPOSALS / "FORMAT.md"
BLOCK = re.compile(r"^```(yaml refused|yaml|text)\n(.*?)^```", re.S | re.M)
TOP_FIELDS = ("name", "effective", "operations", "steps", "description", "status",
              "hypothetical", "proposer", "area", "standing", "sources", "after")  # fmt: skip


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(FORMAT.read_text(encoding="utf-8"))


def accepted() -> list[str]:
    return [body for kind, body in blocks() if kind == "yaml"]


def refused() -> list[tuple[str, str]]:
    found = blocks()
    out = []
    for i, (kind, body) in enumerate(found):
        if kind == "yaml refused":
            assert i + 1 < len(found) and found[i + 1][0] == "text", f"no message after {body!r}"
            out.append((body, found[i + 1][1].strip()))
    return out


def test_the_reference_has_examples_of_both_kinds() -> None:
    assert len(accepted()) >= len(KINDS) and len(refused()) >= 10


@pytest.mark.parametrize("example", accepted(), ids=lambda s: s.splitlines()[0][:40])
def test_each_example_is_accepted_by_the_real_landscape(
    landscape: TemporalGraph, example: str
) -> None:
    w = apply(landscape, read_proposal(example, "FORMAT.md"))
    assert w.after is not w.before


@pytest.mark.parametrize(("example", "message"), refused(), ids=lambda s: s.splitlines()[0][:40])
def test_each_refusal_gives_exactly_the_documented_message(
    landscape: TemporalGraph, example: str, message: str
) -> None:
    with pytest.raises(ProposalError) as caught:
        apply(landscape, read_proposal(example, "FORMAT.md"))
    assert str(caught.value) == message


def test_every_operation_has_a_section_and_an_accepted_example() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    used = set()
    for body in accepted():
        data = yaml.safe_load(body)
        steps = data.get("steps") or [data]
        used |= {op["kind"] for step in steps for op in step.get("operations", [])}
    for kind in KINDS:
        assert f"### `{kind}`" in text, kind
    assert set(KINDS) <= used, set(KINDS) - used


def test_every_top_level_field_is_in_the_table() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    for name in TOP_FIELDS:
        assert f"| `{name}` |" in text, name
