"""A stable HTML page per entity and date, linkable, readable without the map or JavaScript.

``/la/{code}``, ``/partnership/{code}``, ``/police-force/{code}``, ``/health-body/{code}`` (CCGs
and ICBs; ``/icb/{code}`` for ICBs only) and ``/board/{code}`` (safeguarding adults boards, health
and wellbeing boards, CDOPs, community safety partnerships), each with ``?asOf=YYYY-MM-DD`` (today
if absent) and any code the API takes (GSS, DfE, ODS, mySociety, registry id). A page is the
answer of one GraphQL operation (``api/operations/pages.graphql``) run through the API's own
schema, so it says what the API says: statutory partners with population shares, boards, reviews,
posts and history, each fact with its source and confidence. A code, date or kind the API refuses
gives a page with the API's message (404 or 400), never a blank page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from graphql import parse, print_ast, separate_operations
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from strawberry.schema.base import BaseSchema

from api.assets import STATIC, Body, compressed
from api.config import ApiConfig
from api.context import Context
from api.html import Html, document, el, join
from api.page_sections import entity_sections, provenance
from api.params import as_of
from api.refusals import code_of
from graph.errors import SafeguardingError
from graph.resolver import HEALTH_BODY, ICB, LOCAL_AUTHORITY, PARTNERSHIP, POLICE_FORCE, find
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind

# each page's operation alone, with only the fragments it uses: a request as small as it can be,
# within whatever token limit the server is given
OPERATIONS = {
    name: print_ast(document)
    for name, document in separate_operations(
        parse((Path(__file__).with_name("operations") / "pages.graphql").read_text("utf-8"))
    ).items()
}
BOARD = frozenset(
    k.value
    for k in (
        Kind.SAFEGUARDING_ADULTS_BOARD,
        Kind.HEALTH_AND_WELLBEING_BOARD,
        Kind.CHILD_DEATH_OVERVIEW_PANEL,
        Kind.COMMUNITY_SAFETY_PARTNERSHIP,
    )
)
# page prefix -> (operation, kinds of entity it shows, what they are called)
PAGES: dict[str, tuple[str, frozenset[str], str]] = {
    "la": ("LocalAuthorityPage", LOCAL_AUTHORITY, "local authority"),
    "partnership": ("PartnershipPage", PARTNERSHIP, "children's safeguarding partnership"),
    "police-force": ("PoliceForcePage", POLICE_FORCE, "police force area"),
    "health-body": ("HealthBodyPage", HEALTH_BODY, "health body (CCG or ICB)"),
    "icb": ("HealthBodyPage", ICB, "integrated care board"),
    "board": ("BoardPage", BOARD, "board"),
}
STYLES = ("/static/vendor/leaflet/leaflet.css", "/static/site.css")
SCRIPTS = ("/static/vendor/leaflet/leaflet.js", "/static/entity.js")


def page_of(kind: str) -> str | None:
    """The page prefix for an entity of GraphQL ``EntityKind`` ``kind`` (None: no page)."""
    if kind in ("COUNTY", "UNITARY", "METROPOLITAN_DISTRICT", "LONDON_BOROUGH", "SUI_GENERIS"):
        return "la"
    return {
        "SAFEGUARDING_PARTNERSHIP": "partnership",
        "POLICE_FORCE_AREA": "police-force",
        "CCG": "health-body",
        "ICB": "health-body",
        "SAFEGUARDING_ADULTS_BOARD": "board",
        "HEALTH_AND_WELLBEING_BOARD": "board",
        "CHILD_DEATH_OVERVIEW_PANEL": "board",
        "COMMUNITY_SAFETY_PARTNERSHIP": "board",
    }.get(kind)


def href(prefix: str, code: str, when: date) -> str:
    return f"/{prefix}/{quote(code, safe='')}?asOf={when.isoformat()}"


def link(ref: dict[str, Any], when: date) -> Html:
    """The entity ``ref`` (id, kind, code, name) named, and linked where it has a page."""
    prefix = page_of(str(ref.get("kind", "")))
    name = ref.get("name") or ref.get("code") or ref.get("id")
    if prefix is None:
        return el("span", name)
    return el("a", name, href=href(prefix, str(ref["code"]), when))


def nav(when: date | None) -> Html:
    day = f"?asOf={when.isoformat()}" if when else ""
    return el(
        "nav",
        el(
            "ul",
            el("li", el("a", "Explorer (map and table)", href=f"/{day}")),
            el("li", el("a", "GraphiQL", href="/graphql")),
            el("li", el("a", "Schema", href="/schema.graphql")),
        ),
        aria_label="Site",
    )


def date_form(when: date | None) -> Html:
    return el(
        "form",
        el(
            "label",
            "Date ",
            el(
                "input",
                type="date",
                name="asOf",
                min="2019-04-01",
                value=when.isoformat() if when else None,
            ),
        ),
        el("button", "Show", type="submit"),
        method="get",
        class_="date-form",
    )


def error_page(
    request: Request, status: int, code: str, message: str, when: date | None
) -> Response:
    """The API's message on a page of its own (no traceback, no blank page)."""
    title = "Not found" if status == 404 else "Not shown"
    body = join(
        [
            nav(when),
            el(
                "main",
                el("h1", title),
                el("p", message, class_="error", role="alert", data_code=code),
                el(
                    "p",
                    "Pick another date, or find the entity in the ",
                    el("a", "explorer", href="/"),
                    ".",
                ),
                date_form(when),
            ),
        ]
    )
    page = document(f"{title} · Safeguarding Landscape Graph", body, (), STYLES[1:])
    return compressed(request, _html(page), status)


def _html(page: str) -> Body:
    return Body.of(page.encode("utf-8"), "text/html; charset=utf-8")


class Pages:
    """The entity pages and the explorer's page over one graph, through the API's schema."""

    def __init__(
        self, current: Callable[[], TemporalGraph], config: ApiConfig, schema: BaseSchema
    ) -> None:
        self._current, self.config, self.schema = current, config, schema
        self.explorer = Body.of((STATIC / "explorer.html").read_bytes(), "text/html; charset=utf-8")

    @property
    def graph(self) -> TemporalGraph:
        """The graph being served now."""
        return self._current()

    async def home(self, request: Request) -> Response:
        return compressed(request, self.explorer)

    async def entity(self, request: Request) -> Response:
        prefix, code = request.url.path.split("/")[1], request.path_params["code"]
        operation, kinds, what = PAGES[prefix]
        when: date | None = None
        try:
            when = as_of(request, self.graph)
            node = find(self.graph, code, when, kinds)
        except (SafeguardingError, ValueError) as err:
            status = 404 if code_of(err) == "NOT_FOUND" else 400
            return error_page(request, status, code_of(err), f"{what}: {err}", when)
        result = await self.schema.execute(
            OPERATIONS[operation],
            variable_values={"id": node.id, "code": node.id, "asOf": when.isoformat()},
            context_value=Context(self.graph, self.config),
            operation_name=operation,
        )
        if result.errors or not result.data or not result.data.get("entity"):
            error = result.errors[0] if result.errors else None
            message = error.message if error else f"no {what} {code!r} on {when}"
            ext = (error.extensions or {}) if error else {}
            status = 404 if ext.get("code") == "NOT_FOUND" else 400
            return error_page(request, status, str(ext.get("code", "NOT_FOUND")), message, when)
        data = result.data["entity"]
        history = (result.data.get("history") or {}).get("relations", [])
        family = _family(prefix, data["kind"])
        body = join(
            [
                nav(when),
                el(
                    "main",
                    el("h1", data["name"]),
                    el("p", _summary(data, what), class_="summary"),
                    None
                    if data["valid"]
                    else el("p", f"It does not exist on {when}.", class_="error", role="alert"),
                    date_form(when),
                    el(
                        "p",
                        el(
                            "a",
                            "On the map",
                            href=f"/?asOf={when.isoformat()}"
                            + (
                                f"&select={quote(data['code'])}"
                                if prefix in ("la", "partnership")
                                else ""
                            ),
                        ),
                        " · ",
                        el(
                            "a",
                            "GeoJSON of its footprint",
                            href=_geojson(family, data["code"], when),
                        ),
                        class_="links",
                    ),
                    el(
                        "figure",
                        el(
                            "div",
                            class_="entity-map",
                            id="entity-map",
                            data_geojson=_geojson(family, data["code"], when),
                            role="img",
                            aria_label=f"Map of the footprint of {data['name']} on {when}",
                        ),
                        el("figcaption", id="map-note"),
                        class_="map",
                    ),
                    entity_sections(data, history, when, link),
                    el(
                        "section",
                        el("h2", "Where this entity comes from"),
                        provenance(data["provenance"]),
                    ),
                ),
                el(
                    "footer",
                    el(
                        "p",
                        "Boundaries: ",
                        el("span", id="attribution"),
                        " Data: see the sources named with each fact.",
                    ),
                ),
            ]
        )
        title = f"{data['name']} on {when} · Safeguarding Landscape Graph"
        return compressed(request, _html(document(title, body, SCRIPTS, STYLES)))


def _family(prefix: str, kind: str) -> str:
    if prefix == "board":
        return (
            "community-safety-partnerships" if kind == "COMMUNITY_SAFETY_PARTNERSHIP" else "boards"
        )
    return {
        "la": "local-authorities",
        "partnership": "partnerships",
        "police-force": "police-forces",
        "health-body": "health-bodies",
        "icb": "health-bodies",
    }[prefix]


def _geojson(family: str, code: str, when: date) -> str:
    return f"/geo/{family}/{quote(code, safe='')}.geojson?asOf={when.isoformat()}"


def _summary(data: dict[str, Any], what: str) -> str:
    kind = str(data["kind"]).replace("_", " ").lower()
    span = f"from {data['validFrom'] or 'before the data'} to {data['validTo'] or 'now'}"
    return f"A {kind} ({what}), code {data['code']}, {span}."


def page_routes(
    current: Callable[[], TemporalGraph], config: ApiConfig, schema: BaseSchema
) -> list[BaseRoute]:
    pages = Pages(current, config, schema)
    get = ["GET", "HEAD"]
    return [
        Route("/", pages.home, methods=get),
        *(Route(f"/{prefix}/{{code}}", pages.entity, methods=get) for prefix in PAGES),
    ]
