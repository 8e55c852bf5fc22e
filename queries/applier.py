"""The applier: one proposal being applied to a copy of the day before's state.

It resolves the codes an operation names (on the day before, or made by the proposal), claims the
entities each operation changes (a second operation changing one is refused as a conflict, naming
both), registers the entities the proposal creates, and settles health blocks. The handlers in
:mod:`queries.operations` do the changing; :func:`queries.scenario.apply` runs them in order.

A proposal stacked on others (:mod:`queries.stacking`) starts from their result (``base``, a
state on the same day) and may name the entities they made by their codes (``inherited``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from graph.codes import Identifier, Scheme, valid_code
from graph.errors import ProposalError, UnknownCode
from graph.ids import Prefix, local_part, node_id, prefix_of
from graph.resolver import find
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind
from queries import proposal as P
from queries.footprint import PARTNERSHIP, Ref
from queries.whatif import Block, State, state

PREFIX = {Kind.ICB: Prefix.ICB, Kind.CCG: Prefix.CCG}
BOARD_KINDS: dict[str, Kind] = {
    "sab": Kind.SAFEGUARDING_ADULTS_BOARD,
    "hwb": Kind.HEALTH_AND_WELLBEING_BOARD,
    "cdop": Kind.CHILD_DEATH_OVERVIEW_PANEL,
    "csp": Kind.COMMUNITY_SAFETY_PARTNERSHIP,
}
"""A board's ``type`` in a proposal, and its kind."""
_BOARD_SPECS: dict[str, tuple[Prefix, str, Scheme]] = {
    Kind.SAFEGUARDING_ADULTS_BOARD: (
        Prefix.SAB,
        Kind.SAFEGUARDING_ADULTS_BOARD.value,
        Scheme.REGISTRY,
    ),
    Kind.HEALTH_AND_WELLBEING_BOARD: (
        Prefix.HWB,
        Kind.HEALTH_AND_WELLBEING_BOARD.value,
        Scheme.REGISTRY,
    ),
    Kind.CHILD_DEATH_OVERVIEW_PANEL: (
        Prefix.CDOP,
        Kind.CHILD_DEATH_OVERVIEW_PANEL.value,
        Scheme.REGISTRY,
    ),
    Kind.COMMUNITY_SAFETY_PARTNERSHIP: (
        Prefix.CSP,
        Kind.COMMUNITY_SAFETY_PARTNERSHIP.value,
        Scheme.GSS,
    ),
}
KIND_NAMES = {
    PARTNERSHIP: "children's partnership",
    Kind.COMMUNITY_SAFETY_PARTNERSHIP.value: "community safety partnership",
    Kind.SAFEGUARDING_ADULTS_BOARD.value: "safeguarding adults board",
    Kind.HEALTH_AND_WELLBEING_BOARD.value: "health and wellbeing board",
    Kind.CHILD_DEATH_OVERVIEW_PANEL.value: "child death overview panel",
}


def slug(name: str) -> str:
    """>>> slug("West Essex (hypothetical)")
    'west-essex-hypothetical'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Applier:
    """A proposal being applied: the day before's state, the what-if being made, and what each
    operation has claimed, created and resolved."""

    def __init__(
        self,
        g: TemporalGraph,
        proposal: P.Proposal,
        day: date | None = None,
        base: State | None = None,
        inherited: Mapping[str, str] | None = None,
        prefix: str = "",
    ) -> None:
        self.g, self.p = g, proposal
        self.prefix = prefix  # how refusals name the step: "step 2 " (or nothing)
        self.day = day or proposal.day_before
        self.view = g.at(self.day)
        self.stacked = base is not None  # applied on an earlier step or proposal
        # the view is one per stretch of time and carries its first day: the state says the day
        # asked (the same dictionaries, never changed: the what-if is a copy)
        self.before = (
            dataclasses.replace(state(self.view), when=self.day)
            if base is None
            else base.copy(self.day)
        )
        self.after = self.before.copy(proposal.effective)
        self.inherited: dict[str, str] = dict(inherited or {})  # codes of entities made before
        self.index, self.op = 0, proposal.operations[0]
        self.claims: dict[tuple[str, ...], tuple[int, bool, str]] = {}
        self.new_codes: dict[str, str] = {}  # code (and ODS code) of a new entity -> its id
        self.new_of: dict[int, list[str]] = defaultdict(list)  # operation -> new ids, in order
        self.origins: dict[str, list[str]] = defaultdict(list)
        self.assign: dict[tuple[str, str], str] = {}  # (district, area) -> new health body
        self.deleted: set[str] = set()
        self.recoded: dict[str, tuple[str, str]] = {}

    # -- errors, claims, names -------------------------------------------------------------------

    def error(self, field: str, message: str) -> ProposalError:
        return ProposalError(self.label(self.index), field, message)

    def label(self, index: int) -> str:
        """How refusals name operation ``index`` (``#2 split_la``, ``step 2 #1 create_la``)."""
        return self.prefix + P.label(index, self.p.operations[index - 1])

    def name(self, node_id: str) -> str:
        r = self.after.ref(node_id) if node_id in self.after.refs else self.before.ref(node_id)
        return f"{r.name} ({r.code})"

    def claim(self, key: tuple[str, ...], field: str, note: str, exclusive: bool = True) -> None:
        """Mark an entity as changed by this operation; a second operation changing it conflicts."""
        prior = self.claims.get(key)
        if prior is not None and prior[0] != self.index and (exclusive or prior[1]):
            j = prior[0]
            raise self.error(
                field,
                f"{self.name(key[-1])} is already {prior[2]} by operation "
                f"{self.label(j)}: conflicting operations",
            )
        if prior is None or exclusive:
            self.claims[key] = (self.index, exclusive, note)

    # -- resolving codes -------------------------------------------------------------------------

    def kind(self, nid: str) -> str:
        """The kind of an entity of the graph, or of one a proposal made."""
        if nid in self.before.refs and prefix_of(nid) is Prefix.NEW:
            return self.before.refs[nid].kind
        return self.view.node(nid).kind

    def resolve(self, code: str, field: str) -> str:
        """The id of the entity holding ``code`` on the day before (see :mod:`graph.resolver`),
        or of one a proposal this one comes after made."""
        if code in self.inherited:
            return self.inherited[code]
        if code in self.new_codes:
            raise self.error(
                field, f"{code} is made by this proposal; name codes of {self.day} here"
            )
        try:
            node = find(self.g, code, self.day)
        except UnknownCode as err:
            hint = f": {err.hint}" if err.hint else ""
            raise self.error(field, f"unknown code {code!r} on {self.day}{hint}") from None
        if not self.view.has(node.id):
            raise self.error(
                field,
                f"unknown code {code!r} on {self.day}: {node.name} exists only in {node.period}",
            )
        return node.id

    def upper(self, code: str, field: str) -> str:
        nid = self.resolve(code, field)
        if nid not in self.before.districts():
            gone = nid in state(self.view).districts()
            raise self.error(
                field, f"{self.name(nid)} is not an upper-tier LA on {self.day}{self.ended(gone)}"
            )
        return nid

    def district(self, code: str, field: str) -> str:
        nid = self.resolve(code, field)
        if nid not in self.before.upper_of:
            what = (
                "a county: list its districts"
                if self.kind(nid) == Kind.COUNTY
                else ("not a local authority district")
            )
            raise self.error(field, f"{self.name(nid)} is {what} (whole districts only)")
        return nid

    def place_districts(
        self, whole: str, own: list[str], into: tuple[P.Group, ...], *, key: str, noun: str
    ) -> None:
        """Every district of ``whole`` (``own``) into exactly one new entity of ``into``.

        A split of an LA or of a police force: each group's districts must be ``whole``'s, none
        in two groups, none left out; each is claimed as ``(key, district)`` and written to the
        map that ``key`` names in the what-if (``district``: the upper tier; ``police``: the
        force). ``noun`` names the new entities in refusals ("LA", "force").
        """
        new = self.new_of[self.index]
        target = self.after.upper_of if key == "district" else self.after.police_of
        placed: dict[str, int] = {}
        for i, group in enumerate(into):
            for k, code in enumerate(group.members):
                field = f"into[{i}].districts[{k}]"
                d = self.district(code, field)
                if d not in own:
                    where = "a district of" if key == "district" else "in"
                    raise self.error(field, f"{self.name(d)} is not {where} {self.name(whole)}")
                if d in placed:
                    other = into[placed[d]].new.name
                    raise self.error(field, f"{self.name(d)} is in two new {noun}s: {other} too")
                placed[d] = i
                self.claim((key, d), field, f"put in {group.new.name}")
                target[d] = new[i]
            self.origins[new[i]].append(whole)
        missing = [self.name(d) for d in own if d not in placed]
        if missing:
            raise self.error(
                "into", f"districts of {self.name(whole)} in no new {noun}: {', '.join(missing)}"
            )

    def health(self, code: str, field: str) -> tuple[str, bool]:
        """A health body (CCG, ICB), or a sub-ICB location (``True``: an area)."""
        nid = self.resolve(code, field)
        kind = self.kind(nid)
        if kind not in (Kind.CCG, Kind.ICB, Kind.SUB_ICB_LOCATION):
            raise self.error(field, f"{self.name(nid)} is not a CCG, ICB or sub-ICB location")
        return nid, kind == Kind.SUB_ICB_LOCATION

    def force(self, code: str, field: str, new_ok: bool = False) -> str:
        """A police force area of the day before, or (``new_ok``) one this proposal makes."""
        if new_ok and _is_new(self.new_codes.get(code), Prefix.PFA):
            return self.new_codes[code]
        nid = self.resolve(code, field)
        if nid not in self.before.forces:
            gone = self.view.has(nid) and self.kind(nid) == Kind.POLICE_FORCE_AREA
            raise self.error(
                field, f"{self.name(nid)} is not a police force area{self.ended(gone)}"
            )
        return nid

    def ended(self, gone: bool) -> str:
        """Why an entity of the real day before is not in the state changed: it ends earlier."""
        if gone and self.stacked:
            return " here: it ends by what is applied first (an earlier step or proposal)"
        return ""

    def health_body(self, code: str, field: str, new_ok: bool = False) -> str:
        """A whole CCG or ICB of the day before, or (``new_ok``) one this proposal makes."""
        made = self.new_codes.get(code)
        if new_ok and (_is_new(made, Prefix.ICB) or _is_new(made, Prefix.CCG)):
            assert made is not None
            return made
        nid, is_area = self.health(code, field)
        if is_area:
            raise self.error(field, f"{self.name(nid)} is a sub-ICB location, not a CCG or ICB")
        return nid

    def board(self, code: str, field: str) -> str:
        """A board (SAB, HWB, CDOP) or community safety partnership of the day before."""
        nid = self.resolve(code, field)
        if nid not in self.before.boards and nid not in self.before.csps:
            raise self.error(
                field, f"{self.name(nid)} is not a SAB, HWB, CDOP or community safety partnership"
            )
        if nid in self.deleted:
            raise self.error(field, f"{self.name(nid)} ceases by another operation")
        return nid

    def partnership(self, code: str, field: str, new_ok: bool = False) -> str:
        if new_ok and _is_new(self.new_codes.get(code), Prefix.PARTNERSHIP):
            return self.new_codes[code]
        nid = self.resolve(code, field)
        if self.kind(nid) != PARTNERSHIP:
            raise self.error(field, f"{self.name(nid)} is not a children's partnership")
        if nid in self.deleted:
            raise self.error(field, f"{self.name(nid)} ceases by another operation")
        return nid

    def member_la(self, code: str, field: str) -> str:
        """An upper-tier LA of the what-if: one that continues, or one this proposal makes."""
        if _is_new(self.new_codes.get(code), Prefix.LA):
            return self.new_codes[code]
        nid = self.resolve(code, field)
        if nid not in self.after.districts():
            raise self.error(field, f"{self.name(nid)} is no upper-tier LA on the effective date")
        return nid

    # -- new entities ------------------------------------------------------------------------------

    def register(self, new: P.New, prefix: Prefix, kind: str, scheme: Scheme, field: str) -> str:
        """Register an entity the proposal makes; its code is its ``code``, else its ``id``,
        else ``new-<name as a slug>``. ``scheme`` is that of its official code, ``REGISTRY`` for
        what has none (a partnership, a SAB, an HWB, a CDOP)."""
        if new.code is not None and scheme is Scheme.REGISTRY:
            raise self.error(
                field + "code", f"a {KIND_NAMES.get(kind, kind)} has no official code: give an id"
            )
        code = new.code or new.id or f"new-{slug(new.name)}"
        checks = (
            (new.code, scheme, "code"),
            (new.id, Scheme.REGISTRY, "id"),
            (new.ods, Scheme.ODS, "ods"),
        )
        for c, s, f in checks:
            if c is None:
                continue
            f = field + f
            if not valid_code(s, c):
                what = (
                    "registry id (lower case letters, digits and hyphens)"
                    if s is Scheme.REGISTRY
                    else f"{s.value} code"
                )
                raise self.error(f, f"{c!r} is not a {what}")
            schemes = (s, Scheme.PROVISIONAL) if s is Scheme.REGISTRY else (s,)
            held = [
                n
                for x in schemes
                for p, n in self.g.holders(Identifier(x, c))
                if p.contains(self.day) and self.view.has(n)
            ]
            if held or self.view.has(node_id(prefix, c)) or c in self.inherited:
                raise self.error(f, f"{c} is already held on {self.day}")
            if c in self.new_codes:
                raise self.error(f, f"{c} is given to two new entities")
        nid = node_id(Prefix.NEW, prefix, code)
        for c in (code, new.ods):
            if c:
                self.new_codes[c] = nid
        self.after.refs[nid] = Ref(nid, kind, code, new.name)
        self.new_of[self.index].append(nid)
        return nid

    def board_kind(self, code: str, field: str) -> tuple[Prefix, str, Scheme]:
        """What a board of the kind of board ``code`` is registered as."""
        return _BOARD_SPECS[self.kind(self.board(code, field))]

    def register_all(self) -> None:
        health = Kind.ICB if self.p.effective >= date(2022, 7, 1) else Kind.CCG
        pfa = (Prefix.PFA, Kind.POLICE_FORCE_AREA.value, Scheme.GSS)
        partnership = (Prefix.PARTNERSHIP, PARTNERSHIP, Scheme.REGISTRY)
        for i, op in enumerate(self.p.operations, start=1):
            self.index, self.op = i, op
            la = (Prefix.LA, Kind.UNITARY.value, Scheme.GSS)
            news: list[tuple[P.New, tuple[Prefix, str, Scheme], str]] = []
            if isinstance(op, P.CreateLA | P.MergeLAs):
                news = [(op.new, la, "")]
            elif isinstance(op, P.SplitLA):
                news = [(grp.new, la, f"into[{n}].") for n, grp in enumerate(op.into)]
            elif isinstance(op, P.MergeHealthBodies):
                k = {"icb": Kind.ICB, "ccg": Kind.CCG}.get(op.type or "", health)
                news = [(op.new, (PREFIX[k], k.value, Scheme.GSS), "")]
            elif isinstance(op, P.SplitHealthBody):
                kind = self.kind(self.resolve(op.body, "body"))
                k = Kind.ICB if kind == Kind.ICB else Kind.CCG
                spec = (PREFIX[k], k.value, Scheme.GSS)
                news = [(grp.new, spec, f"into[{n}].") for n, grp in enumerate(op.into)]
            elif isinstance(op, P.MergePoliceForces):
                news = [(op.new, pfa, "")]
            elif isinstance(op, P.SplitPoliceForce):
                news = [(grp.new, pfa, f"into[{n}].") for n, grp in enumerate(op.into)]
            elif isinstance(op, P.CreatePartnership | P.MergePartnerships):
                news = [(op.new, partnership, "")]
            elif isinstance(op, P.SplitPartnership):
                news = [(grp.new, partnership, f"into[{n}].") for n, grp in enumerate(op.into)]
            elif isinstance(op, P.MoveLA) and op.to_new is not None:
                news = [(op.to_new, partnership, "to.")]
            elif isinstance(op, P.MergeBoards):
                news = [(op.new, self.board_kind(op.boards[0], "boards[0]"), "")]
            elif isinstance(op, P.SplitBoard):
                spec = self.board_kind(op.board, "board")
                news = [(grp.new, spec, f"into[{n}].") for n, grp in enumerate(op.into)]
            elif isinstance(op, P.CreateBoard):
                news = [(op.new, _BOARD_SPECS[BOARD_KINDS[op.type]], "")]
            for new, (prefix, kind, scheme), field in news:
                self.register(new, prefix, kind, scheme, field)

    # -- running -----------------------------------------------------------------------------------

    def each(self, types: Any, handler: Callable[[Applier, Any], None]) -> None:
        for i, op in enumerate(self.p.operations, start=1):
            if isinstance(op, types):
                self.index, self.op = i, op
                handler(self, op)

    def settle_health(self) -> None:
        by_district: dict[str, dict[str, str]] = defaultdict(dict)
        for (d, area), body in self.assign.items():
            by_district[d][area] = body
        for d, new in by_district.items():
            self.after.blocks[d] = tuple(
                Block(b.people, b.children, b.area, new.get(b.area, b.body))
                for b in self.after.blocks[d]
            )
        bodies = {b.body for bs in self.after.blocks.values() for b in bs}
        # a body ends when all its blocks went elsewhere, whole or by parts (sub-ICB locations)
        moved = {k[1:] for k in self.claims if k[0] == "block"}
        gone = {
            b
            for b in self.before.bodies
            if b not in bodies
            and (("body", b) in self.claims or any(k in moved for k in self.before.keys_of(b)))
        }
        made = {n for n in self.after.refs if _is_new(n, Prefix.ICB) or _is_new(n, Prefix.CCG)}
        self.after.bodies = frozenset((self.before.bodies - gone) | (made & bodies))
        self.after.invalidate()


def _is_new(nid: str | None, prefix: Prefix) -> bool:
    """Whether ``nid`` is the id of a new entity of ``prefix`` made by a proposal."""
    return (
        nid is not None
        and prefix_of(nid) is Prefix.NEW
        and local_part(nid).partition(":")[0] == prefix.value
    )
