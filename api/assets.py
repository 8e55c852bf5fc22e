"""The pages' own files, served by the app itself: nothing a page loads comes from another host.

``/static/...`` serves ``api/static`` (the explorer, GraphiQL and the vendored packages listed in
``api/static/vendor/VENDOR.md``); ``/static/examples.json`` lists the example operations of
``queries/*.graphql`` for GraphiQL's picker; ``/schema.graphql`` is the schema in SDL. Responses
are gzipped when the client accepts it, carry an ETag (a reload costs a 304) and, on HTML, the
strict Content-Security-Policy the pages are written for (no inline script or style, no other
host). :func:`compressed` does the same for the GeoJSON and JSON feeds.

>>> examples()[0]["name"]
'Coverage'
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from api.refusals import refusal

STATIC = Path(__file__).resolve().with_name("static")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""The Content-Security-Policy of every HTML page: the app's own files only."""
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".graphql": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    "": "text/plain; charset=utf-8",  # LICENSE, SHA256SUMS
}
_SMALL = 512  # bytes: not worth compressing
_OPERATION = re.compile(r"^\s*(?:query|mutation)\s+(\w+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Body:
    """A response body made once: its bytes, gzipped bytes (None: not worth it), type and tag."""

    data: bytes
    gz: bytes | None
    media_type: str
    etag: str

    @classmethod
    def of(cls, data: bytes, media_type: str) -> Body:
        gz = gzip.compress(data, 6, mtime=0) if len(data) > _SMALL else None
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        return cls(data, gz, media_type, etag)


def compressed(request: Request, body: Body, status: int = 200) -> Response:
    """``body`` for ``request``: 304 if the client has it, gzipped if it accepts that."""
    headers = {"ETag": body.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if body.media_type.startswith("text/html"):
        headers["Content-Security-Policy"] = CSP
        headers["X-Content-Type-Options"] = "nosniff"
    if status == 200 and body.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if body.gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(body.gz, status, headers, body.media_type)
    return Response(body.data, status, headers, body.media_type)


def json_body(value: object) -> Body:
    """``value`` as compact JSON."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return Body.of(text.encode("utf-8"), "application/json")


def examples() -> list[dict[str, str]]:
    """The example operations shipped in ``queries/*.graphql``: name (of the operation) and text."""
    out = []
    for entry in sorted(resources.files("queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".graphql"):
            text = entry.read_text(encoding="utf-8")
            found = _OPERATION.search(text)
            out.append({"name": found.group(1) if found else entry.name[:-8], "query": text})
    return out


class Assets:
    """The files under ``root`` at ``/static/{path}``, each read once, and bodies made for it."""

    def __init__(self, root: Path, made: dict[str, Body]) -> None:
        self.root = root.resolve()
        self._bodies: dict[str, Body] = dict(made)

    def body(self, path: str) -> Body | None:
        found = self._bodies.get(path)
        if found is None:
            file = (self.root / path).resolve()
            if not file.is_relative_to(self.root) or not file.is_file():
                return None
            media_type = TYPES.get(file.suffix)
            if media_type is None:
                return None
            found = self._bodies[path] = Body.of(file.read_bytes(), media_type)
        return found

    async def get(self, request: Request) -> Response:
        path = request.path_params["path"]
        body = self.body(path)
        if body is None:
            return refusal(LookupError(f"no file /static/{path}"), "NOT_FOUND")
        return compressed(request, body)


def asset_routes(schema_sdl: str) -> list[BaseRoute]:
    """``/static/{path}``, with ``examples.json``, and ``/schema.graphql``."""
    assets = Assets(STATIC, {"examples.json": json_body(examples())})
    schema = Body.of(schema_sdl.encode("utf-8"), "text/plain; charset=utf-8")

    async def get_schema(request: Request) -> Response:
        return compressed(request, schema)

    return [
        Route("/static/{path:path}", assets.get, methods=["GET", "HEAD"]),
        Route("/schema.graphql", get_schema, methods=["GET", "HEAD"]),
    ]
