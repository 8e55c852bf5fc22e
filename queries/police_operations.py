"""What the police operations that divide a force do to a what-if state: a force split into new
forces by districts, and districts moved from one force to another.

Like the other handlers (:mod:`queries.operations`), each reads the day before (``a.before``),
writes the what-if (``a.after``) and claims what it changes, so that a district or force changed
by two operations is refused as a conflict, naming both. A force left with no district ends.
"""

from __future__ import annotations

from queries import proposal as P
from queries.applier import Applier


def _districts_of(a: Applier, force: str) -> list[str]:
    return sorted(d for d, f in a.before.police_of.items() if f == force)


def split_force(a: Applier, op: P.SplitPoliceForce) -> None:
    """Every district of the force goes to exactly one of the new forces."""
    new = a.new_of[a.index]
    force = a.force(op.force, "force")
    a.claim(("force", force), "force", "split")
    a.place_districts(force, _districts_of(a, force), op.into, key="police", noun="force")
    a.after.forces = (a.after.forces - {force}) | set(new)


def transfer_districts(a: Applier, op: P.TransferPoliceDistricts) -> None:
    """The districts leave one force for another (existing, or made by this proposal)."""
    src = a.force(op.source, "from")
    dst = a.force(op.target, "to", new_ok=True)
    if src == dst:
        raise a.error("to", "districts would move to the force they are in")
    a.claim(("force", src), "from", "changed", exclusive=False)
    a.claim(("force", dst), "to", "changed", exclusive=False)
    for k, code in enumerate(op.districts):
        field = f"districts[{k}]"
        d = a.district(code, field)
        if a.before.police_of.get(d) != src:
            raise a.error(field, f"{a.name(d)} is not in {a.name(src)}")
        a.claim(("police", d), field, f"moved to {a.after.ref(dst).name}")
        a.after.police_of[d] = dst
    if not any(f == src for f in a.after.police_of.values()):
        a.after.forces = a.after.forces - {src}  # every district left: the force ends
