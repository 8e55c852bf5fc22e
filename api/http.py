"""The HTTP edge of the GraphQL endpoint: client mistakes answered as GraphQL-style JSON errors.

* a body over ``max_body_bytes`` is refused with 413 before it is read whole (:class:`BodyLimit`);
* malformed JSON, JSON nested over ``MAX_JSON_DEPTH`` levels (in the body or in GET's
  ``variables``), a body that is not a JSON object, a wrong content type (media types compare
  case-insensitively), a missing query → 400;
* a request the GraphQL layer refuses before executing it (syntax, validation, limits, variables
  of the wrong type, an unknown operation) → 400 with ``errors`` (the GraphQL-over-HTTP rule);
* an error while executing (an unknown code, a date outside the data, the request's budget of
  seconds or fields spent) → 200 with ``errors`` and the partial ``data``: every root field is
  nullable, so ``data`` is never null then;
* an answer over ``max_answer_bytes`` → 200 with ``data: null`` and a ``QUERY_REFUSED`` error
  saying how large it was (it is not sent);
* every worker thread busy and the queue full → 503 with ``Retry-After`` (``BUSY``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Hashable
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from api.assets import CSP, STATIC
from api.byte_cache import ByteLRU
from api.config import ApiConfig
from api.context import Context
from api.request_key import Scan, request_key
from api.workers import Busy, WorkPool
from graph.temporal import TemporalGraph

MAX_JSON_DEPTH = 32
"""How deeply a request's JSON may nest: far more than any proposal needs, far less than would
exhaust the stack of the JSON decoder or of graphql-core's coercion of variables."""


def json_depth(value: object, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply ``value`` nests (a scalar is 0), counted at most to ``limit + 1``.

    >>> json_depth({"a": [1, {"b": []}]}), json_depth([[[[]]]], limit=2)
    (4, 3)
    """
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list) and level <= limit:
            deepest = max(deepest, level + 1)
            stack.extend(
                (v, level + 1) for v in (item.values() if isinstance(item, dict) else item)
            )
    return min(deepest, limit + 1)


def error_body(message: str, code: str) -> dict[str, Any]:
    """A GraphQL-style error document."""
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def error_response(status: int, message: str, code: str = "BAD_REQUEST") -> JSONResponse:
    return JSONResponse(error_body(message, code), status_code=status)


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI app for one graph, answering every refusal as JSON with a fitting status.

    A plain ASGI app rather than strawberry's FastAPI router: FastAPI's dependency injection for
    every request cost about a sixth of a small query's time. A fresh :class:`Context` per request.

    The graph never changes while it is served, so an answer depends only on the request, and
    only on the stretch of time of its ``asOf`` dates (:mod:`api.request_key`): whole answers
    are kept encoded, within ``config.result_cache_bytes`` (:class:`~api.byte_cache.ByteLRU`),
    and a request whose key is there is answered on the event loop without executing anything.
    Every other request executes on the bounded pool (:mod:`api.workers`), off the event loop.
    """

    RESULT_CACHE_SIZE = 4096  # answers at most, beside the bound in bytes

    def __init__(self, schema: Schema, graph: TemporalGraph, config: ApiConfig) -> None:
        super().__init__(schema, graphql_ide="graphiql", subscription_protocols=())
        self.graph, self.config = graph, config
        self._results: ByteLRU[Hashable, bytes] = ByteLRU(config.result_cache_bytes)
        # the scans of query texts for their keys: a small fraction of the documents' bound
        self._scans: ByteLRU[str, Scan] = ByteLRU(config.document_cache_bytes // 4)
        self.pool = WorkPool(config.worker_threads, config.worker_queue)

    def cache_stats(self) -> dict[str, Any]:
        """The result cache's use and hit rate, and the pool's, for ``/health``."""
        return {
            "results": self._results.stats(),
            "keys": self._scans.stats(),
            "workers": self.pool.stats(),
        }

    async def render_graphql_ide(self, request: Request) -> Response:
        # GraphiQL from the app's own files (api/static/graphiql.html), not strawberry's CDN page
        page = (STATIC / "graphiql.html").read_bytes()
        headers = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
        return Response(page, headers=headers, media_type="text/html; charset=utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "headers": _lower_media_type(scope["headers"])}
            # a kept answer is sent from here, before strawberry reads the request again
            request = Request(scope, receive)
            body = await request.body() if request.method == "POST" else b""
            if _KEY in scope:  # looked up by KeptAnswers, and not kept: not counted twice
                key, cached = scope[_KEY], None
            else:
                key = scope[_KEY] = await self._key(request)
                cached = self._results.get(key) if key is not None else None
            if cached is not None:
                await Response(cached, media_type="application/json")(scope, receive, send)
                return
            if request.method == "POST":
                receive = _replay(body, receive)
        await super().__call__(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        return Context(self.graph, self.config)

    async def run(  # type: ignore[override]
        self, request: Request, context: Any = None, root_value: Any = None
    ) -> Response:
        key = request.scope[_KEY] if _KEY in request.scope else await self._key(request)
        context = Context(self.graph, self.config)
        try:
            response: Response = await super().run(request, context=context)
        except HTTPException as exc:
            code = "METHOD_NOT_ALLOWED" if exc.status_code == 405 else "BAD_REQUEST"
            return error_response(exc.status_code, exc.reason, code)
        except Busy as exc:
            refusal = error_response(503, str(exc), "BUSY")
            refusal.headers["Retry-After"] = "1"
            return refusal
        size = len(response.body)
        if response.status_code == 200 and size > self.config.max_answer_bytes:
            message = (
                f"the answer is {size} bytes, over the limit of {self.config.max_answer_bytes} "
                "bytes: ask for less (fewer dates, aliases, fields or items)"
            )
            return JSONResponse({"data": None, **error_body(message, "QUERY_REFUSED")})
        if key is not None and context.whole_answer and response.status_code == 200:
            # an error may name the request's values: only whole answers are kept
            body = bytes(response.body)
            self._results.put(key, body, size + _key_size(key), self.RESULT_CACHE_SIZE)
        return response

    async def _key(self, request: Request) -> Hashable | None:
        """The cache key of a GET with a query or a JSON POST (None: not one to cache)."""
        if request.method == "GET":
            params = request.query_params
            query = params.get("query")
            if query is None:
                return None
            try:
                variables = json.loads(params.get("variables") or "null")
            except (ValueError, RecursionError):
                return None
            operation = params.get("operationName")
        elif request.method == "POST":
            media = request.headers.get("content-type", "").partition(";")[0].strip()
            if media != "application/json":
                return None
            return self.post_key(await request.body())
        else:
            return None
        return self._request_key("GET", query, variables, operation)

    def post_key(self, body: bytes) -> Hashable | None:
        """The cache key of a JSON POST of ``body`` (None: not one to cache)."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        return self._request_key(
            "POST", data.get("query"), data.get("variables"), data.get("operationName")
        )

    def kept(self, key: Hashable) -> bytes | None:
        """The whole answer kept under ``key``, if any."""
        return self._results.get(key)

    def _request_key(
        self, method: str, query: object, variables: object, operation: object
    ) -> Hashable | None:
        if not isinstance(query, str) or not isinstance(operation, str | None):
            return None
        if not isinstance(variables, dict | None) or json_depth(variables) > MAX_JSON_DEPTH:
            return None
        return request_key(self.graph, method, query, variables, operation, self._scans)

    def decode_json(self, data: str | bytes) -> object:
        """The JSON of a body (or of GET's ``variables`` and ``extensions``): an object."""
        too_deep = f"JSON nested more than {MAX_JSON_DEPTH} levels deep"
        try:
            value = json.loads(data)
        except ValueError as exc:  # JSONDecodeError, or bytes that are not text
            raise HTTPException(400, f"Unable to parse request body as JSON: {exc}") from None
        except RecursionError:  # the decoder's own guard, far deeper than the limit
            raise HTTPException(400, too_deep) from None
        if json_depth(value) > MAX_JSON_DEPTH:
            raise HTTPException(400, too_deep)
        if not isinstance(value, dict):
            raise HTTPException(
                400,
                "The request body must be a JSON object with `query` (batches are not accepted)",
            )
        return value

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: Any,
        request_data: Any,
    ) -> ExecutionResult:
        context.operation_name = request_data.operation_name  # for limits.OneOperation
        allowed = OperationType.from_http(request_adapter.method)
        run = functools.partial(
            self.schema.execute_sync,
            request_data.query,
            variable_values=request_data.variables,
            context_value=context,
            root_value=root_value,
            operation_name=request_data.operation_name,
            allowed_operation_types=allowed,
            operation_extensions=request_data.extensions,
        )
        try:
            result: ExecutionResult = await self.pool.run(run)
        except CannotGetOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason()) from e
        except InvalidOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason(request_adapter.method)) from e
        except MissingQueryError as e:
            raise HTTPException(400, "No GraphQL query found in the request") from e
        if result.data is None and result.errors:
            sub_response.status_code = 400  # refused before execution
        context.whole_answer = not result.errors
        return result


_KEY = "safeguarding.result_key"
"""Where :meth:`GraphQLEndpoint.__call__` leaves a request's cache key in its ASGI scope."""


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` giving ``body`` (already read) once, then what ``receive`` gives."""
    return _replay_messages([{"type": "http.request", "body": body, "more_body": False}], receive)


def _key_size(key: Hashable) -> int:
    """Bytes of text a cache key holds (its query text, variables and pieces)."""
    if isinstance(key, str):
        return len(key)
    if isinstance(key, tuple):
        return sum(_key_size(part) for part in key) + 8 * len(key)
    return 8


def _lower_media_type(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Headers with the media type of ``Content-Type`` in lower case (RFC 9110 8.3.1: type and
    subtype compare case-insensitively; strawberry compares them as they are).

    >>> _lower_media_type([(b"content-type", b"APPLICATION/JSON; charset=UTF-8")])
    [(b'content-type', b'application/json; charset=UTF-8')]
    """
    out = []
    for name, value in headers:
        if name.lower() == b"content-type":
            media, sep, params = value.partition(b";")
            value = media.lower() + sep + params
        out.append((name, value))
    return out


class KeptAnswers:
    """ASGI middleware, outermost: a JSON POST to ``path`` whose whole answer is kept is sent
    from here, before the routes, the other middleware and strawberry (the usual question of a
    government tool, asked again, costs what HTTP costs and little more).

    Anything else passes through as it came (the body, once read, replayed), with the key worked
    out here left in the scope for the endpoint: a request with an ``Origin`` (CORS adds its
    headers further in), no or an oversized ``Content-Length`` (the body limit refuses it), or
    another media type. ``endpoint()`` gives the endpoint serving now (it may be swapped).
    """

    def __init__(
        self, app: ASGIApp, path: str, endpoint: Callable[[], GraphQLEndpoint], max_bytes: int
    ) -> None:
        self.app, self.path, self.endpoint, self.max_bytes = app, path, endpoint, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        length = media = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"content-type":
                media = value.partition(b";")[0].strip().lower()
            elif name == b"origin":
                length = None  # CORS answers it
                break
        if length is None or not length.isdigit() or int(length) > self.max_bytes:
            await self.app(scope, receive, send)
            return
        message = await receive()
        if message["type"] != "http.request" or message.get("more_body", False):
            await self.app(scope, _replay_messages([message], receive), send)
            return
        body = message.get("body", b"")
        endpoint = self.endpoint()
        key = endpoint.post_key(body) if media == b"application/json" else None
        answer = endpoint.kept(key) if key is not None else None
        if answer is None:
            await self.app({**scope, _KEY: key}, _replay_messages([message], receive), send)
            return
        head = [(b"content-length", str(len(answer)).encode()), (b"content-type", _JSON)]
        await send({"type": "http.response.start", "status": 200, "headers": head})
        await send({"type": "http.response.body", "body": answer})


_JSON = b"application/json"


def _replay_messages(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` giving ``messages`` (already read) in order, then what ``receive`` gives."""
    pending = list(reversed(messages))

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, "Content-Length is not a number")(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._refuse(int(declared), scope, receive, send)
                return
        messages: list[Message] = []
        size = 0
        while True:  # read the (small) body now: chunked bodies declare no length
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(size, scope, receive, send, "at least ")
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(
        self, size: int, scope: Scope, receive: Receive, send: Send, qualifier: str = ""
    ) -> None:
        message = (
            f"request body of {qualifier}{size} bytes is over the limit of {self.max_bytes} bytes"
        )
        await error_response(413, message, "PAYLOAD_TOO_LARGE")(scope, receive, send)
