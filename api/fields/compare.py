# mypy: allow-untyped-decorators
"""The root field comparing options: shipped proposals by name and proposals given inline."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.fields.impact import problem
from api.types.compare import CompareResult, Comparison
from api.types.impact import ProposalProblem
from api.types.proposal_input import ProposalInput, as_mapping
from graph.errors import ProposalError, SafeguardingError
from queries.compare import compare
from queries.proposal import Proposal, load_proposal, parse_proposal
from queries.sliver import DEFAULT_SLIVER, check_sliver
from queries.stacking import shipped_proposals


@strawberry.type
class CompareQueries:
    @strawberry.field(
        description=(
            "Options for the same area side by side: shipped proposals by name (`shipped`) and "
            "proposals given inline (`proposals`), at least two in all, in that order. An "
            "invalid option, or options with no area in common, give a ProposalProblem."
        )
    )
    def compare_proposals(
        self,
        info: Info,
        shipped: list[str] | None = None,
        proposals: list[ProposalInput] | None = None,
        sliver_threshold: float = DEFAULT_SLIVER,
    ) -> CompareResult | None:
        check_sliver(sliver_threshold)
        found = shipped_proposals()
        options: list[Proposal] = []
        try:
            for i, name in enumerate(shipped or []):
                if name not in found:
                    known = ", ".join(sorted(found))
                    return ProposalProblem(
                        operation="compare",
                        field=f"shipped[{i}]",
                        message=f"no shipped proposal {name!r}; one of {known}",
                    )
                options.append(load_proposal(found[name]))
            for i, p in enumerate(proposals or []):
                try:
                    options.append(parse_proposal(as_mapping(p), f"<graphql proposals[{i}]>"))
                except ProposalError as err:
                    return ProposalProblem(
                        operation=f"proposals[{i}] {err.operation}",
                        field=err.field,
                        message=str(err),
                    )
            return Comparison(c=compare(info.context.graph, options, sliver_threshold))
        except SafeguardingError as err:
            return problem(err)
