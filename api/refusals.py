"""How the explorer's routes refuse a request: the API's own message, as JSON, with a status.

The same document as a GraphQL error (``errors`` with ``message`` and ``extensions.code``), so a
page shows one kind of message whichever route it asked. An error of the project's hierarchy
keeps its message and code (:func:`api.errors.error_code`); unknown things are 404, the rest 400.

>>> from graph.errors import UnknownCode
>>> refusal(UnknownCode("gss", "E99999999")).status_code
404
>>> refusal_body(ValueError("asOf: 'soon' is not a date"))
{'errors': [{'message': "asOf: 'soon' is not a date", 'extensions': {'code': 'BAD_REQUEST'}}]}
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from api.errors import error_code
from graph.errors import SafeguardingError

STATUS = {"NOT_FOUND": 404, "PAYLOAD_TOO_LARGE": 413, "UNSUPPORTED_MEDIA_TYPE": 415}


def code_of(err: Exception) -> str:
    """``extensions.code`` of ``err``: the API's for its own errors, BAD_REQUEST otherwise."""
    return error_code(err) if isinstance(err, SafeguardingError) else "BAD_REQUEST"


def refusal_body(err: Exception, code: str | None = None) -> dict[str, Any]:
    return {"errors": [{"message": str(err), "extensions": {"code": code or code_of(err)}}]}


def refusal(err: Exception, code: str | None = None) -> JSONResponse:
    """``err`` as a JSON error response (404 for something unknown, else 400)."""
    body = refusal_body(err, code)
    return JSONResponse(body, status_code=STATUS.get(body["errors"][0]["extensions"]["code"], 400))
