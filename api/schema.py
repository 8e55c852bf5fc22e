"""The GraphQL schema: root fields, limits, and its SDL (``schema.graphql`` at the repository top).

Read-only: there is a Query type and nothing else. The limits come from the config: operation
depth (introspection excepted), tokens, aliases, checked in time linear in the document
(:mod:`api.limits`), and the seconds one request may execute (:mod:`api.deadline`); page sizes
are checked by the list fields. Parsed and validated documents are cached within a bound in bytes
(:mod:`api.documents`), so a repeated query costs only its execution.

``python -m api.schema`` (or ``safeguarding export-schema``) rewrites ``schema.graphql``; a test
fails while the file and the code differ.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import AddValidationRules, MaxTokensLimiter

from api import limits
from api.byte_cache import ByteLRU
from api.config import ApiConfig
from api.deadline import deadline_context
from api.documents import DocumentCache
from api.errors import LandscapeSchema
from api.fields.compare import CompareQueries
from api.fields.entities import EntityQueries
from api.fields.impact import ImpactQueries
from api.fields.reports import ReportQueries
from api.fields.reviews import ReviewQueries
from api.lean_resolvers import install as lean_resolvers
from api.types.entities import ENTITY_TYPES
from api.types.shares import (
    HealthBodyShare,
    LocalAuthorityShare,
    PartnershipShare,
    PoliceForceShare,
)

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


@strawberry.type(
    description=(
        "England's child-safeguarding landscape over time. Every question takes a date: the "
        "answer is the landscape as it stood that day (data from 2019-04-01)."
    )
)
class Query(EntityQueries, ReportQueries, ImpactQueries, CompareQueries, ReviewQueries):
    pass


def limit_rules(config: ApiConfig) -> list[type[ASTValidationRule]]:
    """The validation rules enforcing the depth and alias limits (built once per schema)."""
    return limits.limit_rules(config.max_depth, config.max_aliases)


def build_schema(config: ApiConfig, lean: bool = True) -> strawberry.Schema:
    """The schema with the limits of ``config`` (``lean``: with :mod:`api.lean_resolvers`; the
    tests compare the answers of both)."""
    rules = limit_rules(config)
    documents: ByteLRU[str, list[Any]] = ByteLRU(config.document_cache_bytes)
    schema = LandscapeSchema(
        query=Query,
        types=[
            *ENTITY_TYPES,
            PoliceForceShare,
            HealthBodyShare,
            PartnershipShare,
            LocalAuthorityShare,
        ],
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=config.max_tokens),
            lambda: AddValidationRules(rules),
            lambda: DocumentCache(documents),
            limits.OneOperation,  # after the cache: it adds to the cached errors
        ],
        execution_context_class=deadline_context(config.max_request_seconds, config.max_fields),
    )
    schema.documents = documents
    if lean:  # the same answers, without strawberry's per-field wrapping
        lean_resolvers(schema)
    return schema


def sdl() -> str:
    """The schema in SDL, as ``schema.graphql`` holds it."""
    return str(build_schema(ApiConfig())).rstrip("\n") + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> bool:
    """Rewrite ``path`` with the current SDL; whether it changed."""
    text = sdl()
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old != text:
        path.write_text(text, encoding="utf-8")
    return old != text


if __name__ == "__main__":
    changed = write_schema()
    print(f"{SCHEMA_FILE.name}: {'rewritten' if changed else 'unchanged'}", file=sys.stderr)
