# mypy: allow-untyped-decorators
"""Root fields for boundary-change proposals: one given inline, or one shipped with the package."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.types.impact import ImpactReport, ImpactResult, ProposalProblem
from api.types.proposal_input import ProposalInput, as_mapping
from graph.errors import ProposalError, SafeguardingError
from queries.impact import impact, shipped_proposals
from queries.proposal import Proposal, load_proposal, parse_proposal
from queries.sliver import DEFAULT_SLIVER, check_sliver


def _run(info: Info, proposal: Proposal, sliver: float) -> ImpactResult | None:
    try:
        report = impact(info.context.graph, proposal, sliver)
    except SafeguardingError as err:
        return problem(err)
    return ImpactReport(r=report)


def problem(err: SafeguardingError) -> ProposalProblem:
    """A refusal as the typed result: the operation and field named."""
    if isinstance(err, ProposalError):
        return ProposalProblem(operation=err.operation, field=err.field, message=str(err))
    return ProposalProblem(operation="proposal", field="", message=str(err))


@strawberry.type
class ImpactQueries:
    @strawberry.field(
        description=(
            "The impact of a boundary-change proposal: what changes on its effective date and "
            "whether the result still complies; an invalid proposal gives a ProposalProblem."
        )
    )
    def impact(
        self, info: Info, proposal: ProposalInput, sliver_threshold: float = DEFAULT_SLIVER
    ) -> ImpactResult | None:
        check_sliver(sliver_threshold)
        try:
            parsed = parse_proposal(as_mapping(proposal), "<graphql>")
        except ProposalError as err:
            return problem(err)
        return _run(info, parsed, sliver_threshold)

    @strawberry.field(description="The impact of a proposal shipped in queries/proposals, by name.")
    def impact_of_shipped(
        self, info: Info, name: str, sliver_threshold: float = DEFAULT_SLIVER
    ) -> ImpactResult | None:
        check_sliver(sliver_threshold)
        shipped = shipped_proposals()
        if name not in shipped:
            known = ", ".join(sorted(shipped))
            return ProposalProblem(
                operation="proposal",
                field="name",
                message=f"no shipped proposal {name!r}; one of {known}",
            )
        try:
            parsed = load_proposal(shipped[name])
        except ProposalError as err:
            return problem(err)
        return _run(info, parsed, sliver_threshold)

    @strawberry.field(description="Names of the proposals shipped in queries/proposals.")
    def shipped_proposals(self) -> list[str]:
        return sorted(shipped_proposals())
