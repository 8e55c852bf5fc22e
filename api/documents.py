"""Parsed and validated documents, cached by their text within a bound in bytes.

strawberry's ``ParserCache`` and ``ValidationCache`` bound their entries by count: 512 documents
of a 100 KB body each, parsed, would hold gigabytes. This extension keeps both steps' results
in one :class:`~api.byte_cache.ByteLRU`, charged with the measured size of each parsed document
(:func:`api.sizes.deep_size`), so distinct query texts cannot grow the server past the bound.

A document's validation depends on the schema's rules as well as its text; one cache serves one
schema (made by :func:`api.schema.build_schema`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError
from graphql.language.parser import parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from api.byte_cache import ByteLRU
from api.sizes import deep_size

Parsed = tuple[DocumentNode, list[GraphQLError] | None]
"""A document and its validation errors (None: not validated yet)."""


class DocumentCache(SchemaExtension):
    """Parse and validate each distinct text once, while it stays in ``cache``."""

    def __init__(self, cache: ByteLRU[str, list[Any]]) -> None:
        super().__init__()
        self.cache = cache

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        query = ctx.query or ""
        found = self.cache.get(query)
        if found is None:
            document = parse(query, **ctx.parse_options)
            found = [document, None]
            self.cache.put(query, found, deep_size(document) + len(query))
        ctx.graphql_document = found[0]
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        query = ctx.query or ""
        found = self.cache.get(query)
        assert ctx.graphql_document is not None  # parsed by on_parse
        if found is None or found[0] is not ctx.graphql_document:
            ctx.pre_execution_errors = validate_document(
                ctx.schema._schema, ctx.graphql_document, ctx.validation_rules
            )
        else:
            if found[1] is None:
                found[1] = validate_document(
                    ctx.schema._schema, ctx.graphql_document, ctx.validation_rules
                )
            ctx.pre_execution_errors = found[1]
        yield
