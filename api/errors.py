"""How failures reach a client: every GraphQL error carries ``extensions.code``.

Expected failures (a client's mistake: an unknown code, a date outside the data, a query over the
limits) are errors of the project's one hierarchy and are not logged; anything else is a fault of
the server, logged with its traceback and shown as INTERNAL_SERVER_ERROR.

>>> from graph.errors import DateOutOfRange, UnknownCode
>>> error_code(UnknownCode("gss", "E99999999")), error_code(DateOutOfRange("too early"))
('NOT_FOUND', 'DATE_OUT_OF_RANGE')
>>> error_code(None), error_code(ZeroDivisionError())
('GRAPHQL_VALIDATION_FAILED', 'INTERNAL_SERVER_ERROR')

graphql-core's bare "Validation aborted." (its budget for comparing overlapping fields ran out)
is replaced by a message that says what to change (:data:`api.limits.ABORT_MESSAGE`).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry import Schema
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from api.byte_cache import ByteLRU
from api.limits import ABORT_MESSAGE, BARE_ABORT
from graph.errors import (
    DateOutOfRange,
    LookupFailure,
    ProposalError,
    QueryRefused,
    SafeguardingError,
)

_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (LookupFailure, "NOT_FOUND"),
    (DateOutOfRange, "DATE_OUT_OF_RANGE"),
    (QueryRefused, "QUERY_REFUSED"),
    (ProposalError, "INVALID_PROPOSAL"),
    (SafeguardingError, "BAD_USER_INPUT"),
)


def error_code(original: BaseException | None) -> str:
    """The ``extensions.code`` for an error raised as ``original`` (None: a request error)."""
    if original is None or isinstance(original, GraphQLError):
        return "GRAPHQL_VALIDATION_FAILED"
    for cls, code in _CODES:
        if isinstance(original, cls):
            return code
    return "INTERNAL_SERVER_ERROR"


class LandscapeSchema(Schema):
    """A strawberry schema that codes its errors and logs only the server's own faults.

    ``documents`` is the cache of its parsed documents (:mod:`api.documents`), for ``/health``.
    """

    documents: ByteLRU[str, list[Any]]

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if error.message == BARE_ABORT:
                error.message = ABORT_MESSAGE
            code = error_code(error.original_error)
            error.extensions = {**(error.extensions or {}), "code": code}
            if code == "INTERNAL_SERVER_ERROR":
                StrawberryLogger.error(error, execution_context)
