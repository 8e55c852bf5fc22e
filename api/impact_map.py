"""A boundary-change proposal on the map: its report, and the footprints before and after.

- ``GET /impact/{name}.json``: a proposal shipped in ``queries/proposals`` (as ``impactOfShipped``);
- ``POST /impact.json`` with a proposal in YAML as the body (as a file in ``queries/proposals``),
  read by the project's own parser (:func:`queries.proposal.read_proposal`).

Both answer ``report`` (the impact report, exactly as GraphQL's ``ImpactReport.details``),
``before`` and ``after`` (for each family drawn, how each footprint is drawn: the rows of
:meth:`queries.drawing.Plan.rows`, from the district layer of the day before), and ``affected``:
per family, the ids whose footprint differs between the two. A proposal that cannot be read or
applied is refused with 400 and the message GraphQL's ``ProposalProblem`` gives, with the
operation and field in ``extensions``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from api.assets import compressed, json_body
from api.refusals import refusal, refusal_body
from api.types.impact import plain
from graph.errors import ProposalError, SafeguardingError
from graph.temporal import TemporalGraph
from graph.topology import Topology
from queries.drawing import Plan
from queries.impact import impact, shipped_proposals
from queries.proposal import Proposal, load_proposal, read_proposal
from queries.scenario import apply

DRAWN = ("local-authorities", "partnerships", "police-forces", "health-bodies")
"""The families an impact map draws."""


def impact_map(graph: TemporalGraph, topology: Topology, proposal: Proposal) -> dict[str, Any]:
    """The report of ``proposal`` and its footprints before and after (see the module)."""
    w = apply(graph, proposal)
    report = impact(graph, w)
    before, after = Plan(w.before, topology), Plan(w.after, topology)
    sides: dict[str, dict[str, list[dict[str, Any]]]] = {"before": {}, "after": {}}
    affected: dict[str, list[str]] = {}
    for family in DRAWN:
        rows_b, rows_a = before.rows(family), after.rows(family)
        sides["before"][family], sides["after"][family] = rows_b, rows_a
        drawn_b = {r["id"]: (r.get("layer"), tuple(r.get("drawnFrom", ()))) for r in rows_b}
        drawn_a = {r["id"]: (r.get("layer"), tuple(r.get("drawnFrom", ()))) for r in rows_a}
        affected[family] = sorted(
            i for i in set(drawn_b) | set(drawn_a) if drawn_b.get(i) != drawn_a.get(i)
        )
    affected["partnerships"] = sorted(
        set(affected["partnerships"]) | {c.partnership.id for c in report.partnerships}
    )
    return {
        "report": plain(report),
        "districtLayer": before.districts.name if before.districts else None,
        "attribution": topology.attribution,
        "before": {"date": proposal.day_before.isoformat(), "families": sides["before"]},
        "after": {"date": proposal.effective.isoformat(), "families": sides["after"]},
        "affected": affected,
    }


def _refused(err: SafeguardingError) -> Response:
    if isinstance(err, ProposalError):
        body = refusal_body(err)
        body["errors"][0]["extensions"].update(operation=err.operation, field=err.field)
        return JSONResponse(body, status_code=400)
    return refusal(err)


def impact_routes(
    current: Callable[[], TemporalGraph], topology: Callable[[], Topology]
) -> list[BaseRoute]:
    async def shipped(request: Request) -> Response:
        name = request.path_params["name"]
        found = shipped_proposals()
        if name not in found:
            known = ", ".join(sorted(found))
            message = f"no shipped proposal {name!r}; one of {known}"
            return _refused(ProposalError("proposal", "name", message))
        try:
            answer = impact_map(current(), topology(), load_proposal(found[name]))
        except SafeguardingError as err:
            return _refused(err)
        return compressed(request, json_body(answer))

    async def pasted(request: Request) -> Response:
        raw = await request.body()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            message = f"the proposal is not UTF-8 text: {err}"
            return _refused(ProposalError("proposal", "(file)", message))
        if not text.strip():
            message = "no proposal: post its YAML (effective, operations) as the request body"
            return _refused(ProposalError("proposal", "(file)", message))
        try:
            answer = impact_map(current(), topology(), read_proposal(text, "pasted proposal"))
        except SafeguardingError as err:
            return _refused(err)
        return compressed(request, json_body(answer))

    return [
        Route("/impact/{name}.json", shipped, methods=["GET", "HEAD"]),
        Route("/impact.json", pasted, methods=["POST"]),
    ]
