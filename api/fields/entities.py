# mypy: allow-untyped-decorators
"""Root fields that find entities: one by code, lists with filters, and search by name."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Annotated, TypeVar

import strawberry

from api import indexes
from api.context import Info
from api.types.common import Entity
from api.types.connection import Connection, paginate
from api.types.entities import entity
from api.types.health import HealthBody, IntegratedCareBoard, health_body
from api.types.local_authority import LocalAuthority, LocalAuthorityType
from api.types.partnership import Partnership
from api.types.police_force import PoliceForce
from graph.codes import Scheme
from graph.model import Node
from graph.resolver import (
    HEALTH_BODY,
    ICB,
    LOCAL_AUTHORITY,
    PARTNERSHIP,
    POLICE_FORCE,
    REGION,
    find,
)
from ontology.vocabulary import HEALTH_BODIES, Kind, Relation
from queries import names
from queries.footprint import PARTNERSHIP as PARTNERSHIP_KIND

CODE_HELP = "A code in any scheme (GSS, DfE, mySociety, ODS, registry id) or an internal id."
DATE_HELP = "The date to look at."
FILTER_HELP = "A code in any scheme; only entities linked to it on the date."
PAGE_HELP = "Page size (at most the server's maximum page size)."
T = TypeVar("T")


def _page(
    info: Info, items: list[Node], build: Callable[[Node], T], first: int | None, after: str | None
) -> Connection[T]:
    return paginate(items, build, first, after, info.context.config.max_page_size)


@strawberry.type
class EntityQueries:
    @strawberry.field(
        description=(
            "An upper-tier local authority on a date, by GSS code (the one valid on that date), "
            "DfE code, mySociety code or internal id."
        )
    )
    def local_authority(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description=CODE_HELP)],
        as_of: Annotated[date, strawberry.argument(description=DATE_HELP)],
        scheme: Scheme | None = None,
    ) -> LocalAuthority | None:
        info.context.view(as_of)
        return LocalAuthority(
            node=find(info.context.graph, code, as_of, LOCAL_AUTHORITY, scheme), when=as_of
        )

    @strawberry.field(description="Upper-tier local authorities on a date, filtered.")
    def local_authorities(
        self,
        info: Info,
        as_of: date,
        type: list[LocalAuthorityType] | None = None,
        region: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        police_force: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        health_body: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        partnership: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_HELP)] = None,
        after: str | None = None,
    ) -> Connection[LocalAuthority] | None:
        g, fp = info.context.graph, info.context.footprints(as_of)
        ids: Collection[str] = fp.upper
        if type:
            kinds = {t.value for t in type}
            ids = [i for i in ids if fp.view.node(i).kind in kinds]
        if region:
            rgn = find(g, region, as_of, REGION).id
            ids = [i for i in ids if rgn in fp.view.targets(i, Relation.IN_REGION)]
        if police_force:
            pfa = find(g, police_force, as_of, POLICE_FORCE).id
            keep = set(indexes.body_las(fp, indexes.POLICE).get(pfa, []))
            ids = [i for i in ids if i in keep]
        if health_body:
            body = find(g, health_body, as_of, HEALTH_BODY).id
            keep = set(indexes.body_las(fp, indexes.HEALTH).get(body, []))
            ids = [i for i in ids if i in keep]
        if partnership:
            p = find(g, partnership, as_of, PARTNERSHIP).id
            keep = set(fp.members.get(p, []))
            ids = [i for i in ids if i in keep]
        nodes = [fp.view.node(i) for i in ids]
        return _page(info, nodes, lambda n: LocalAuthority(node=n, when=as_of), first, after)

    @strawberry.field(description="A police force area on a date, by E23 code or internal id.")
    def police_force(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description=CODE_HELP)],
        as_of: Annotated[date, strawberry.argument(description=DATE_HELP)],
    ) -> PoliceForce | None:
        info.context.view(as_of)
        return PoliceForce(node=find(info.context.graph, code, as_of, POLICE_FORCE), when=as_of)

    @strawberry.field(description="Police force areas on a date, filtered.")
    def police_forces(
        self,
        info: Info,
        as_of: date,
        region: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        partnership: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_HELP)] = None,
        after: str | None = None,
    ) -> Connection[PoliceForce] | None:
        nodes = _bodies(info, as_of, [Kind.POLICE_FORCE_AREA], indexes.POLICE, region, partnership)
        return _page(info, nodes, lambda n: PoliceForce(node=n, when=as_of), first, after)

    @strawberry.field(
        description="A health body (CCG before 2022-07-01, ICB from then) by GSS or ODS code."
    )
    def health_body(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description=CODE_HELP)],
        as_of: Annotated[date, strawberry.argument(description=DATE_HELP)],
    ) -> HealthBody | None:
        info.context.view(as_of)
        return health_body(find(info.context.graph, code, as_of, HEALTH_BODY), as_of)

    @strawberry.field(description="Health bodies (CCGs or ICBs, as on the date), filtered.")
    def health_bodies(
        self,
        info: Info,
        as_of: date,
        region: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        partnership: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_HELP)] = None,
        after: str | None = None,
    ) -> Connection[HealthBody] | None:
        nodes = _bodies(info, as_of, list(HEALTH_BODIES), indexes.HEALTH, region, partnership)
        return _page(info, nodes, lambda n: health_body(n, as_of), first, after)

    @strawberry.field(description="An integrated care board (from 2022-07-01) by E54 or ODS code.")
    def icb(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description=CODE_HELP)],
        as_of: Annotated[date, strawberry.argument(description=DATE_HELP)],
    ) -> IntegratedCareBoard | None:
        info.context.view(as_of)
        return IntegratedCareBoard(node=find(info.context.graph, code, as_of, ICB), when=as_of)

    @strawberry.field(description="A children's safeguarding partnership by registry id.")
    def partnership(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description=CODE_HELP)],
        as_of: Annotated[date, strawberry.argument(description=DATE_HELP)],
    ) -> Partnership | None:
        info.context.view(as_of)
        return Partnership(node=find(info.context.graph, code, as_of, PARTNERSHIP), when=as_of)

    @strawberry.field(description="Partnerships in force on a date, filtered.")
    def partnerships(
        self,
        info: Info,
        as_of: date,
        local_authority: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        police_force: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        health_body: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        region: Annotated[str | None, strawberry.argument(description=FILTER_HELP)] = None,
        form: Annotated[
            str | None, strawberry.argument(description="single, joint or hybrid.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_HELP)] = None,
        after: str | None = None,
    ) -> Connection[Partnership] | None:
        g, fp = info.context.graph, info.context.footprints(as_of)
        ids = [n.id for n in fp.view.nodes(PARTNERSHIP_KIND) if fp.members.get(n.id)]
        if local_authority:
            la = find(g, local_authority, as_of, LOCAL_AUTHORITY).id
            ids = [p for p in ids if la in fp.members.get(p, [])]
        for code, family, kinds in (
            (police_force, indexes.POLICE, POLICE_FORCE),
            (health_body, indexes.HEALTH, HEALTH_BODY),
        ):
            if code:
                body = find(g, code, as_of, kinds).id
                found = indexes.body_overlaps(fp, as_of, family).get(body)
                keep = {s.body.id for s in found.partnerships} if found else set()
                ids = [p for p in ids if p in keep]
        if region:
            rgn = find(g, region, as_of, REGION).id
            ids = [
                p
                for p in ids
                if any(
                    rgn in fp.view.targets(la, Relation.IN_REGION) for la in fp.members.get(p, [])
                )
            ]
        if form:
            ids = [p for p in ids if fp.view.node(p).attrs.get("form") == form]
        nodes = [fp.view.node(p) for p in ids]
        return _page(info, nodes, lambda n: Partnership(node=n, when=as_of), first, after)

    @strawberry.field(description="Any entity by internal id, seen on a date.")
    def entity(self, info: Info, id: strawberry.ID, as_of: date) -> Entity | None:
        info.context.view(as_of)
        return entity(info.context.graph.node(str(id)), as_of)

    @strawberry.field(
        description=(
            "Entities existing on a date whose name, alias or common name contains `name`, "
            "ignoring case and `&`/`and`: police forces by their service names (Surrey Police, "
            "Cumbria Constabulary), NHS bodies by short forms (NHS Frimley ICB); population "
            "blocks only when asked for by kind."
        )
    )
    def search(
        self,
        info: Info,
        name: str,
        as_of: date,
        kinds: list[Kind] | None = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_HELP)] = None,
        after: str | None = None,
    ) -> Connection[Entity] | None:
        view = info.context.view(as_of)
        wanted = (
            [k.value for k in kinds]
            if kinds
            else [k.value for k in Kind if k != Kind.POPULATION_BLOCK]
        )
        g = info.context.graph
        found = [n for n in view.nodes(*wanted) if names.matches(g, n, name)]
        found.sort(key=lambda n: (n.name.casefold(), n.id))
        return _page(info, found, lambda n: entity(n, as_of), first, after)


def _bodies(
    info: Info,
    as_of: date,
    kinds: list[Kind],
    family: str,
    region: str | None,
    partnership: str | None,
) -> list[Node]:
    """Police forces or health bodies on ``as_of``, in a region and working with a partnership."""
    g, fp = info.context.graph, info.context.footprints(as_of)
    nodes = fp.view.nodes(*kinds)
    if region:
        rgn = find(g, region, as_of, REGION).id
        las = {la for la in fp.upper if rgn in fp.view.targets(la, Relation.IN_REGION)}
        with_people = indexes.body_las(fp, family)
        nodes = [n for n in nodes if las & set(with_people.get(n.id, []))]
    if partnership:
        p = find(g, partnership, as_of, PARTNERSHIP).id
        keep = {
            b
            for b, o in indexes.body_overlaps(fp, as_of, family).items()
            if any(s.body.id == p for s in o.partnerships)
        }
        nodes = [n for n in nodes if n.id in keep]
    return nodes
