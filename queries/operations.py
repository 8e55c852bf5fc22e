"""What each kind of operation does to a what-if state (run by :func:`queries.scenario.apply`).

Every handler reads the day before (``a.before``), writes the what-if (``a.after``), resolves codes
and claims the entities it changes through the applier ``a``, so that a code that names nothing,
an entity of the wrong kind or an entity already changed by another operation is refused with the
operation and field named. Handlers run by family: local government, then health and police, then
partnerships (which may name the LAs made by the first family), then recodes.
"""

from __future__ import annotations

from graph.codes import Identifier, Scheme, valid_code
from graph.ids import Prefix, prefix_of
from queries import proposal as P
from queries.applier import Applier
from queries.footprint import Ref

# -- local government ------------------------------------------------------------------------------


def geography(a: Applier, op: P.Operation) -> None:
    new = a.new_of[a.index]
    if isinstance(op, P.CreateLA):
        _move_districts(a, op.districts, new[0], "districts")
    elif isinstance(op, P.MergeLAs):
        for k, code in enumerate(op.las):
            la = a.upper(code, f"las[{k}]")
            a.claim(("la", la), f"las[{k}]", f"merged into {op.new.name}")
            for d in a.before.districts()[la]:
                a.claim(("district", d), f"las[{k}]", f"put in {op.new.name}")
                a.after.upper_of[d] = new[0]
            a.origins[new[0]].append(la)
    elif isinstance(op, P.SplitLA):
        la = a.upper(op.la, "la")
        a.claim(("la", la), "la", "split")
        own = a.before.districts()[la]
        if own == [la]:
            raise a.error("la", f"{a.name(la)} is one district: it cannot be split into districts")
        a.place_districts(la, own, op.into, key="district", noun="LA")
    elif isinstance(op, P.TransferDistricts):
        src, dst = a.upper(op.source, "from"), a.upper(op.target, "to")
        if src == dst:
            raise a.error("to", "districts would move to the LA they are in")
        a.claim(("la", src), "from", "changed", exclusive=False)
        a.claim(("la", dst), "to", "changed", exclusive=False)
        for k, code in enumerate(op.districts):
            d = a.district(code, f"districts[{k}]")
            if a.before.upper_of[d] != src:
                raise a.error(f"districts[{k}]", f"{a.name(d)} is not in {a.name(src)}")
        _move_districts(a, op.districts, dst, "districts")


def _move_districts(a: Applier, codes: tuple[str, ...], to: str, key: str) -> None:
    name = a.after.ref(to).name
    for k, code in enumerate(codes):
        field = f"{key}[{k}]"
        d = a.district(code, field)
        a.claim(("district", d), field, f"put in {name}")
        old = a.before.upper_of[d]
        a.claim(("la", old), field, "changed", exclusive=False)
        a.after.upper_of[d] = to
        if prefix_of(to) is Prefix.NEW:
            a.origins[to].append(old)


# -- health and police -----------------------------------------------------------------------------


def _blocks_of(a: Applier, hid: str, is_area: bool) -> list[tuple[str, str]]:
    return a.before.keys_of(hid)


def _in_districts(
    a: Applier, keys: list[tuple[str, str]], codes: tuple[str, ...], hid: str, field: str
) -> list[tuple[str, str]]:
    chosen = []
    for k, code in enumerate(codes):
        d = a.district(code, f"{field}[{k}]")
        part = [key for key in keys if key[0] == d]
        if not part:
            raise a.error(f"{field}[{k}]", f"{a.name(d)} has no part of {a.name(hid)}")
        chosen += part
    return chosen


def health(a: Applier, op: P.Operation) -> None:
    new = a.new_of[a.index]
    if isinstance(op, P.MergeHealthBodies):
        for k, part in enumerate(op.bodies):
            field = f"bodies[{k}]" if part.districts is None else f"bodies[{k}].code"
            hid, is_area = a.health(part.code, field)
            keys = _blocks_of(a, hid, is_area)
            whole = part.districts is None and not is_area
            if part.districts is not None:
                keys = _in_districts(a, keys, part.districts, hid, f"bodies[{k}].districts")
            a.claim(("body", hid), field, f"merged into {op.new.name}", exclusive=whole)
            for key in keys:
                a.claim(("block", *key), field, f"put in {op.new.name}")
                a.assign[key] = new[0]
            a.origins[new[0]].append(hid)
    elif isinstance(op, P.SplitHealthBody):
        hid, is_area = a.health(op.body, "body")
        if is_area:
            raise a.error("body", f"{a.name(hid)} is a sub-ICB location: split its ICB")
        a.claim(("body", hid), "body", "split")
        keys = _blocks_of(a, hid, False)
        placed: dict[tuple[str, str], int] = {}
        for i, group in enumerate(op.into):
            field = f"into[{i}].{group.by}"
            if group.by == "districts":
                chosen = _in_districts(a, keys, group.members, hid, field)
            else:
                chosen = []
                for k, code in enumerate(group.members):
                    area, _ = a.health(code, f"{field}[{k}]")
                    found = [key for key in keys if key[1] == area]
                    if not found:
                        raise a.error(f"{field}[{k}]", f"{a.name(area)} is not in {a.name(hid)}")
                    chosen += found
            for key in chosen:
                if key in placed:
                    raise a.error(field, f"{a.name(key[0])} is in two parts of {a.name(hid)}")
                placed[key] = i
                a.claim(("block", *key), field, f"put in {group.new.name}")
                a.assign[key] = new[i]
            a.origins[new[i]].append(hid)
        missing = sorted({a.name(d) for d, area in keys if (d, area) not in placed})
        if missing:
            raise a.error("into", f"parts of {a.name(hid)} in no new body: {', '.join(missing)}")
    elif isinstance(op, P.TransferHealthArea):
        _transfer_health(a, op)
    elif isinstance(op, P.MergePoliceForces):
        forces = set()
        for k, code in enumerate(op.forces):
            f = a.force(code, f"forces[{k}]")
            a.claim(("force", f), f"forces[{k}]", f"merged into {op.new.name}")
            forces.add(f)
            a.origins[new[0]].append(f)
        for d, f in a.before.police_of.items():
            if f in forces:
                a.after.police_of[d] = new[0]
        a.after.forces = (a.after.forces - forces) | {new[0]}


def _transfer_health(a: Applier, op: P.TransferHealthArea) -> None:
    """Part of a health body (sub-ICB locations, or its part in districts) into another that
    continues (or that this proposal makes)."""
    src = a.health_body(op.source, "from")
    dst = a.health_body(op.target, "to", new_ok=True)
    if src == dst:
        raise a.error("to", "the area would move to the body it is in")
    a.claim(("body", src), "from", "changed", exclusive=False)
    a.claim(("body", dst), "to", "changed", exclusive=False)
    keys = a.before.keys_of(src)
    if op.by == "districts":
        chosen = _in_districts(a, keys, op.members, src, "districts")
    else:
        chosen = []
        for k, code in enumerate(op.members):
            field = f"sub_icb_locations[{k}]"
            area, is_area = a.health(code, field)
            found = [key for key in keys if key[1] == area]
            if not is_area or not found:
                raise a.error(field, f"{a.name(area)} is not a sub-ICB location of {a.name(src)}")
            chosen += found
    name = a.after.ref(dst).name
    for key in chosen:
        a.claim(("block", *key), op.by, f"moved to {name}")
        a.assign[key] = dst
    if prefix_of(dst) is Prefix.NEW:
        a.origins[dst].append(src)


# -- partnerships ----------------------------------------------------------------------------------


def trim_members(a: Applier) -> None:
    """Partnerships and boards lose member LAs that cease; named partners follow whole mergers."""
    alive = set(a.after.uppers())
    for table in (a.after.partnerships, a.after.boards):
        for key, las in table.items():
            if any(la not in alive for la in las):
                table[key] = tuple(la for la in las if la in alive)
    whole = {k[1] for k, (_, excl, _) in a.claims.items() if excl and k[0] in ("body", "force")}
    merged = {o: n for n, olds in a.origins.items() for o in olds if o in whole}
    for p, bodies in a.after.named_partners.items():
        a.after.named_partners[p] = tuple(dict.fromkeys(merged.get(b, b) for b in bodies))
    a.after.invalidate()


def _place(a: Applier, la: str, to: str, field: str) -> None:
    """Make ``la`` a member of ``to`` only."""
    a.claim(("member", la), field, f"put in {a.after.ref(to).name}")
    for p in a.after.covering().get(la, []):
        a.claim(("partnership", p), field, "changed", exclusive=False)
        a.after.partnerships[p] = tuple(x for x in a.after.partnerships[p] if x != la)
    a.after.partnerships[to] = (*a.after.partnerships.get(to, ()), la)
    a.after.invalidate()


def partnerships(a: Applier, op: P.Operation) -> None:
    new = a.new_of[a.index]
    if isinstance(op, P.CreatePartnership):
        a.after.partnerships[new[0]] = ()
        for k, code in enumerate(op.las):
            _place(a, a.member_la(code, f"las[{k}]"), new[0], f"las[{k}]")
    elif isinstance(op, P.MergePartnerships):
        members: list[str] = []
        for k, code in enumerate(op.partnerships):
            p = a.partnership(code, f"partnerships[{k}]")
            a.claim(("partnership", p), f"partnerships[{k}]", f"merged into {op.new.name}")
            members += a.after.partnerships.pop(p, ())
            a.deleted.add(p)
            a.origins[new[0]].append(p)
        a.after.partnerships[new[0]] = tuple(members)
        a.after.invalidate()
    elif isinstance(op, P.SplitPartnership):
        p = a.partnership(op.partnership, "partnership")
        a.claim(("partnership", p), "partnership", "split")
        own = a.after.partnerships.pop(p, ())
        a.deleted.add(p)
        a.after.invalidate()
        placed: dict[str, int] = {}
        for i, group in enumerate(op.into):
            a.after.partnerships[new[i]] = ()
            a.origins[new[i]].append(p)
            for k, code in enumerate(group.members):
                field = f"into[{i}].las[{k}]"
                la = a.member_la(code, field)
                if la in placed:
                    raise a.error(field, f"{a.name(la)} is in two new partnerships")
                placed[la] = i
                _place(a, la, new[i], field)
        missing = [a.name(la) for la in own if la not in placed]
        if missing:
            raise a.error("into", f"members of {a.name(p)} in no new part: {', '.join(missing)}")
    elif isinstance(op, P.MoveLA):
        to = new[0] if op.to_new is not None else a.partnership(op.to or "", "to", new_ok=True)
        if not new:
            a.claim(("partnership", to), "to", "changed", exclusive=False)
        for k, code in enumerate(op.las):
            field = "la" if len(op.las) == 1 else f"las[{k}]"
            _place(a, a.member_la(code, field), to, field)


# -- codes -----------------------------------------------------------------------------------------


def recode(a: Applier, op: P.Operation) -> None:
    assert isinstance(op, P.Recode)
    nid = a.resolve(op.entity, "entity")
    for family in ("la", "body", "force", "partnership", "board"):
        prior = a.claims.get((family, nid))
        if prior is not None and prior[1]:
            j = prior[0]
            raise a.error(
                "entity",
                f"{a.name(nid)} is {prior[2]} by operation {a.label(j)}: conflicting operations",
            )
    a.claim(("code", nid), "entity", f"recoded to {op.code}")
    old = a.before.ref(nid)
    scheme = _scheme_of(old.code)
    if scheme is None or _scheme_of(op.code) is not scheme:
        raise a.error("code", f"{op.code!r} is not a code of the same scheme as {old.code}")
    held = [
        n
        for p, n in a.g.holders(Identifier(scheme, op.code))
        if p.contains(a.day) and a.view.has(n)
    ]
    if held or op.code in a.new_codes:
        raise a.error("code", f"{op.code} is already held on {a.day}")
    a.after.refs[nid] = Ref(nid, old.kind, op.code, old.name)
    a.recoded[nid] = (old.code, op.code)


def _scheme_of(code: str) -> Scheme | None:
    return next((s for s in (Scheme.GSS, Scheme.REGISTRY, Scheme.ODS) if valid_code(s, code)), None)
