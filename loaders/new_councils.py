"""The councils a decided structural change creates: who they are, and the codes they hold.

Read from the structural changes table (:mod:`loaders.changes`): a council is named by its change
and name; one the register already lists is that authority, otherwise it gets a provisional code
(:func:`provisional_code`) and takes the GSS code a later lookup gives it (a code no authority
holds, on a row named as the council is: :func:`same_name`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph.codes import Identifier, Scheme
from graph.ids import NodeId, Prefix, node_id
from graph.model import Confidence, Provenance, Status
from loaders import controls
from loaders.builder import Builder
from loaders.changes import StructuralChange
from loaders.lookups import Lookup


@dataclass(frozen=True)
class NewCouncil:
    """A council a decided change creates, with the rows that make it."""

    change_id: str
    name: str
    vesting: date
    rows: tuple[StructuralChange, ...]
    key: str  # its key in the builder's authorities: a mySociety code or the provisional code

    @property
    def node(self) -> NodeId:
        return node_id(Prefix.LA, self.key)

    def provenance(self, confidence: Confidence | None = None, note: str = "") -> Provenance:
        lines = ", ".join(str(r.line) for r in self.rows)
        locator = f"line{'s' if len(self.rows) > 1 else ''} {lines}" + (f": {note}" if note else "")
        first = self.rows[0]
        return Provenance(first.file, locator, confidence or first.confidence, Status.DECIDED)


def provisional_code(change_id: str, name: str) -> str:
    """The provisional code of a new council: the change id and the council's name.

    >>> provisional_code("surrey-2027", "East Surrey Council")
    'surrey-2027-east-surrey-council'
    """
    return f"{change_id}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"


def same_name(a: str, b: str) -> bool:
    """Whether two names of a council are the same name ("East Surrey Council", "East Surrey").

    >>> same_name("East Surrey Council", "East Surrey"), same_name("East Surrey", "West Surrey")
    (True, False)
    """

    def norm(text: str) -> str:
        words = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).split()
        return " ".join(w for w in words if w not in ("council", "the"))

    return norm(a) == norm(b)


def councils(b: Builder) -> list[NewCouncil]:
    """The new councils of the structural changes table, in the table's order."""
    if b.changes is None:
        return []
    groups: dict[tuple[str, str], list[StructuralChange]] = defaultdict(list)
    for row in b.changes.structural:
        groups[(row.change_id, row.new_council)].append(row)
    out = []
    for (change_id, name), rows in groups.items():
        vesting = rows[0].vesting
        key = next(
            (
                code
                for code, n in b.las.items()
                if n.period.start == vesting and same_name(n.name, name)
            ),
            provisional_code(change_id, name),
        )
        out.append(NewCouncil(change_id, name, vesting, tuple(rows), key))
    return out


def holder(b: Builder, gss: str, when: date) -> str | None:
    """The authority key (in ``b.las``) holding GSS ``gss`` on ``when``, before the graph has it."""
    for code, n in b.las.items():
        for a in n.identifiers:
            if (
                a.identifier == Identifier(Scheme.GSS, gss)
                and a.period.contains(when)
                and n.period.contains(when)
            ):
                return code
    return None


def official_code(b: Builder, c: NewCouncil) -> tuple[str, Provenance] | None:
    """A GSS code a lookup of the vesting day or later gives the council, if one does."""
    known = {a.identifier.code for n in b.las.values() for a in n.identifiers}
    for fmt, entries in sorted(b.s.parsed.items()):
        for sf, value in sorted(entries, key=lambda p: p[0]):
            if not isinstance(value, Lookup) or controls.effective(fmt, sf.vintage) < c.vesting:
                continue
            for row in value.rows:
                for geo in ("lad", "utla"):
                    cell = row.values.get(geo)
                    if cell and cell.code not in known and same_name(cell.name, c.name):
                        return cell.code, Provenance(value.file, f"line {row.line}")
    return None
