"""The real server, started once per session on a free loopback port, and a client for it.

The app is :func:`api.app.create_app` over the bundled England landscape with the default
settings (the limits the tests probe are those defaults); uvicorn runs it in a background thread
(:func:`serving`, which a test can use for an app of its own), and the tests speak HTTP to it with
httpx.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.types import ASGIApp

from api.app import create_app
from api.config import ApiConfig
from loaders.landscape import bundled

SETTINGS = ApiConfig()


@contextmanager
def running(settings: ApiConfig) -> Iterator[str]:
    """The real app over the bundled landscape with ``settings``, served: its address."""
    with serving(create_app(bundled(), settings)) as url:
        yield url


@contextmanager
def serving(app: ASGIApp) -> Iterator[str]:
    """``app`` served by uvicorn in a background thread on a free loopback port: its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with serving(create_app(bundled(), SETTINGS)) as url:
        yield url


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as c:
        yield c


class GraphQL:
    """POSTs operations to /graphql."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.client.post("/graphql", json=body)

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a request that must succeed (200, no errors)."""
        response = self.post(query, variables)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def errors(
        self, query: str, variables: dict[str, Any] | None = None, status: int = 200
    ) -> list[dict[str, Any]]:
        """The ``errors`` of a request that must fail with ``status``."""
        response = self.post(query, variables)
        assert response.status_code == status, response.text
        errors: list[dict[str, Any]] = response.json()["errors"]
        assert errors
        return errors


@pytest.fixture(scope="session")
def gql(client: httpx.Client) -> GraphQL:
    return GraphQL(client)
