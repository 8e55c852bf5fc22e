"""A time limit on executing one request, so that no query holds the (single) worker for long.

Resolvers run on the event loop, so while one request executes, no other (not even ``/health``)
is answered. Parsing and validation are bounded by the token limit and by rules linear in the
document (:mod:`api.limits`); execution is bounded here: graphql-core asks the execution context
for every field it starts, and once a request has run ``seconds`` the next field is refused with
:class:`~graph.errors.QueryRefused`. The error travels up to the nearest nullable field, so the
answer is the part finished in time, with an error saying why the rest is missing.

>>> import strawberry
>>> @strawberry.type
... class Q:
...     @strawberry.field
...     def slow(self) -> list[int]:
...         return list(range(3))
>>> schema = strawberry.Schema(Q, execution_context_class=deadline_context(0.0))
>>> result = schema.execute_sync("{ slow }")
>>> result.data, result.errors[0].message
(None, 'the request was stopped after 0 s: ask for less (fewer dates, fields or items)')
"""

from __future__ import annotations

import time
from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.errors import QueryRefused


def deadline_context(
    seconds: float, max_fields: int | None = None
) -> type[StrawberryGraphQLCoreExecutionContext]:
    """An execution context class that refuses new fields once ``seconds`` have passed, or
    once ``max_fields`` fields have been started (the request's budget of work)."""
    message = (
        f"the request was stopped after {seconds:g} s: ask for less (fewer dates, fields or items)"
    )
    budget = max_fields if max_fields is not None else -1
    over = (
        f"the request needs more than {budget} fields, its budget of work: ask for less "
        "(fewer dates, aliases, fields or items)"
    )

    class DeadlineContext(StrawberryGraphQLCoreExecutionContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._deadline = time.monotonic() + seconds
            self._fields = 0

        def execute_field(self, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() >= self._deadline:
                raise QueryRefused(message)
            self._fields += 1
            if self._fields > budget >= 0:
                raise QueryRefused(over)
            return super().execute_field(*args, **kwargs)

    return DeadlineContext
