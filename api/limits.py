"""The limits a GraphQL document must keep, checked in time linear in the document.

strawberry's depth and alias limiters walk every path through fragment spreads, so a chain of
fragments that each spread the next twice costs 2**n steps: an 898-byte query held the worker
for half a minute. These rules give the same answers (the same limits and messages) but visit
each fragment definition once: a fragment's depth and alias count do not depend on where it is
spread, so they are computed once, in dependency order, and reused.

* depth: a field at nesting level ``max_depth + 1`` (root fields are level 0) is refused with
  ``'<operation>' exceeds maximum operation depth of <max_depth>``; introspection fields
  (``__schema``, ``__type``, ``__typename``) do not count, nor does anything below them;
* aliases: more than ``max_aliases`` aliases in the operations, counting a fragment once per
  spread, are refused with ``<n> aliases found. Allowed: <max_aliases>``;
* operations: a document with several operations must name the one to run (``operationName``);
  otherwise strawberry would quietly run the first.

A fragment spread inside itself (a cycle, refused by the standard rules) counts as nothing here.

>>> from graphql import build_schema, parse, validate
>>> schema = build_schema("type Query { a: Query, b: Int }")
>>> chain = "{ ...F0 } " + " ".join(
...     f"fragment F{i} on Query {{ a {{ ...F{i + 1} ...F{i + 1} }} }}" for i in range(40)
... ) + " fragment F40 on Query { b }"
>>> [e.message for e in validate(schema, parse(chain), [depth_rule(12), alias_rule(30)])]
["'anonymous' exceeds maximum operation depth of 12"]
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
)
from strawberry.extensions import SchemaExtension


def _spreads(selections: SelectionSetNode | None) -> Iterator[str]:
    """The names of the fragments spread anywhere in ``selections`` (not through other spreads)."""
    stack = [selections] if selections else []
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                stack.append(selection.selection_set)


def dependency_order(document: DocumentNode) -> list[FragmentDefinitionNode]:
    """The document's fragments, each after every fragment it spreads (cycles broken anywhere).

    >>> from graphql import parse
    >>> doc = parse("fragment A on Q { ...B } fragment B on Q { ...C } fragment C on Q { x }")
    >>> [f.name.value for f in dependency_order(doc)]
    ['C', 'B', 'A']
    """
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    done: set[str] = set()
    order: list[FragmentDefinitionNode] = []
    for root in fragments:
        if root in done:
            continue
        # an explicit stack, so that a long chain of fragments cannot exhaust Python's
        done.add(root)
        stack: list[tuple[str, Iterator[str]]] = [(root, _spreads(fragments[root].selection_set))]
        while stack:
            name, pending = stack[-1]
            child = next((c for c in pending if c in fragments and c not in done), None)
            if child is None:
                stack.pop()
                order.append(fragments[name])
            else:
                done.add(child)
                stack.append((child, _spreads(fragments[child].selection_set)))
    return order


def _depth(selections: SelectionSetNode, known: dict[str, int], budget: int) -> int:
    """The deepest level a selection below ``selections`` reaches, counted at most to ``budget``.

    A selection directly in ``selections`` is at level 0, one inside a field of it at level 1;
    inline fragments add no level; a spread adds the depth of its fragment from ``known`` (a
    fragment not in it, unknown or on a cycle, adds nothing). The walk stops at ``budget``.
    """
    deepest = 0
    stack = [(selections, 0)]
    while stack and deepest < budget:
        node, level = stack.pop()
        for selection in node.selections:
            if isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, level + known.get(selection.name.value, 0))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, level))
            elif (
                isinstance(selection, FieldNode)
                and selection.selection_set is not None
                and not selection.name.value.startswith("__")
            ):
                deepest = max(deepest, level + 1)
                if level + 1 < budget:
                    stack.append((selection.selection_set, level + 1))
    return min(deepest, budget)


def _aliases(selections: SelectionSetNode, known: dict[str, int]) -> int:
    """Aliases in ``selections``, a fragment counted (from ``known``) once per spread."""
    count = 0
    stack = [selections]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                count += known.get(selection.name.value, 0)
                continue
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            if isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                stack.append(selection.selection_set)
    return count


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def depth_rule(max_depth: int) -> type[ASTValidationRule]:
    """A validation rule refusing operations nested deeper than ``max_depth`` fields."""

    class DepthLimit(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            budget = max_depth + 1  # enough to tell "at the limit" from "over it"
            known: dict[str, int] = {}
            for fragment in dependency_order(context.document):
                known[fragment.name.value] = _depth(fragment.selection_set, known, budget)
            for operation in _operations(context.document):
                if _depth(operation.selection_set, known, budget) > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}", operation
                        )
                    )

    return DepthLimit


def alias_rule(max_aliases: int) -> type[ASTValidationRule]:
    """A validation rule refusing documents whose operations use over ``max_aliases`` aliases."""

    class AliasLimit(ASTValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            known: dict[str, int] = {}
            capped = False
            for fragment in dependency_order(context.document):
                # capped, so that a doubling chain of fragments cannot count to 2**n
                count = _aliases(fragment.selection_set, known)
                capped = capped or count > max_aliases
                known[fragment.name.value] = min(count, max_aliases + 1)
            total = sum(_aliases(op.selection_set, known) for op in _operations(context.document))
            if total > max_aliases:
                shown = f"more than {max_aliases}" if capped else f"{total}"
                context.report_error(GraphQLError(f"{shown} aliases found. Allowed: {max_aliases}"))

    return AliasLimit


def limit_rules(max_depth: int, max_aliases: int) -> list[type[ASTValidationRule]]:
    """The depth and alias rules, as a list for ``AddValidationRules``."""
    return [depth_rule(max_depth), alias_rule(max_aliases)]


class OneOperation(SchemaExtension):
    """Refuse a document of several operations that does not say which one to run.

    The operation name the client gave is on the request's context (``operation_name``): the
    one strawberry keeps falls back to the first operation's name. Runs after the validation
    cache, whose cached error list it must not change in place.
    """

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        operations = _operations(document) if document is not None else []
        given = getattr(ctx.context, "operation_name", None)
        if len(operations) > 1 and given is None:
            names = ", ".join(op.name.value if op.name else "(anonymous)" for op in operations)
            error = GraphQLError(
                f"the document has {len(operations)} operations ({names}): "
                "say which to run with operationName"
            )
            ctx.pre_execution_errors = [*(ctx.pre_execution_errors or ()), error]
        yield


BARE_ABORT = "Validation aborted."
"""graphql-core's whole message when its budget for comparing overlapping fields runs out."""
ABORT_MESSAGE = (
    "Validation aborted: the document asks for too many overlapping fields to compare "
    "(the same field selected hundreds of times, or fragments spread as often); "
    "select each field once"
)
"""What the API says instead: what is wrong, and what to change."""
