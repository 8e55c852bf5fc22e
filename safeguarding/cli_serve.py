"""``safeguarding serve`` and ``safeguarding export-schema``: run the GraphQL API, write its SDL.

``serve`` reads the settings from the environment once (:meth:`Settings.from_env`), lets the
flags override host, port, store and log level, loads the graph from the store (memory: the
bundled snapshot) and runs the app with uvicorn, one worker, logging each request only at
``info`` and below. Every stretch of time is warmed on a background thread once the server has
been listening a second (:func:`queries.coverage.warm`), so the first answer does not wait for
it.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from safeguarding.cli_args import writable_file
from safeguarding.settings import STORE_KINDS, Settings, store_kind

ACCESS_LOG_LEVELS = frozenset({"info", "debug", "trace"})
"""The log levels at which each request is logged (one a line); none at warning and above."""
WARM_DELAY = 1.0
"""Seconds after the server listens before the background warm-up starts."""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="serve the explorer (/) and the GraphQL API (GraphiQL at /graphql)"
    )
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port to listen on (default 8000)")
    p.add_argument(
        "--store",
        type=store_kind,
        default=None,
        help=f"graph store: {' or '.join(STORE_KINDS)} (default memory: the bundled snapshot)",
    )
    p.add_argument(
        "--log-level",
        default=None,
        help="uvicorn log level (default SAFEGUARDING_LOG_LEVEL, else warning); requests are "
        "logged one a line at info and below",
    )
    p.set_defaults(run=run_serve)

    e = sub.add_parser("export-schema", help="write the GraphQL schema (SDL) to schema.graphql")
    e.add_argument("--out", type=Path, default=None, help="file to write (default schema.graphql)")
    e.add_argument("--check", action="store_true", help="only say whether the file is current")
    e.set_defaults(run=run_export_schema)


def settings_from(args: argparse.Namespace, environ: Any = os.environ) -> Settings:
    """The settings of the environment, with the flags given on the command line on top."""
    settings = Settings.from_env(environ)
    flags = {k: getattr(args, k) for k in ("host", "port", "store")}
    return dataclasses.replace(settings, **{k: v for k, v in flags.items() if v is not None})


def run_serve(args: argparse.Namespace) -> int:
    with start_up():
        graph, app, settings, warm = _start(args)
    import uvicorn

    from safeguarding.poller import VersionPoller
    from safeguarding.stores import open_configured

    poller = None
    if settings.store == "neo4j" and settings.poll_seconds > 0:
        from graph.neo4j_store import Neo4jStore  # the driver, only with the Neo4j store

        store = open_configured(settings)
        assert isinstance(store, Neo4jStore)  # settings.store is "neo4j"
        poller = VersionPoller(store, app.state.landscape, settings.poll_seconds, warm)
        poller.start()
    server = uvicorn.Server(uvicorn_config(app, settings, args.log_level))
    threading.Thread(target=_warm_once_serving, args=(server, graph, warm), daemon=True).start()
    try:
        server.run()
    finally:
        if poller is not None:
            poller.stop()
            poller.store.close()
    return 0


@contextmanager
def start_up() -> Iterator[None]:
    """Run a server's start-up with the cyclic collector paused, then freeze what it made.

    Start-up makes a few hundred thousand objects that live as long as the process (the
    schema's types, the graph), and the collector walked them again at every threshold: about
    0.15 s of the 0.9 s to the first answer. Frozen, later collections do not walk them either.

    >>> with start_up():
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_freeze_count() > 0
    (True, True)
    >>> gc.unfreeze()  # a test process: let its collector walk everything again
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _start(args: argparse.Namespace) -> tuple[Any, Any, Settings, Callable[[Any], None]]:
    """The graph, the app, the settings and the warm-up of ``serve``."""
    import uvicorn  # noqa: F401  (imported here to be imported with the collector paused)

    from api.app import create_app
    from loaders.shipped import bundled_boundaries
    from queries.coverage import warm
    from safeguarding.stores import load_versioned

    settings = settings_from(args)
    graph, version = load_versioned(settings)
    app = create_app(graph, settings.api_config(), version, bundled_boundaries)
    return graph, app, settings, warm


def uvicorn_config(app: Any, settings: Settings, log_level: str | None = None) -> Any:
    """uvicorn's config for ``app``: the settings' address and log level (``log_level``, the
    flag, over it), with each request logged only at ``info`` and below.

    >>> config = uvicorn_config(None, Settings())
    >>> config.log_level, config.access_log, uvicorn_config(None, Settings(), "info").access_log
    ('warning', False, True)
    """
    import uvicorn

    level = log_level or settings.log_level
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=level,
        access_log=level in ACCESS_LOG_LEVELS,
    )


def _warm_once_serving(
    server: Any, graph: Any, warm: Callable[[Any], None], delay: float = WARM_DELAY
) -> None:
    """Build every stretch's views and coverage (``warm``) once the server listens and has had
    ``delay`` seconds to answer its first requests: questions never wait for it (a stretch not
    yet warm is built by the first question about it), and start-up does not pay for it."""
    while not server.started and not server.should_exit:
        time.sleep(0.05)
    time.sleep(delay)
    if not server.should_exit:
        warm(graph)


def run_export_schema(args: argparse.Namespace) -> int:
    from api.schema import SCHEMA_FILE, sdl, write_schema

    path: Path = writable_file(args.out) if args.out else SCHEMA_FILE
    if args.check:
        current = path.is_file() and path.read_text(encoding="utf-8") == sdl()
        print(f"{path}: {'current' if current else 'differs from the code'}")
        return 0 if current else 1
    changed = write_schema(path)
    print(f"{path}: {'written' if changed else 'unchanged'}", file=sys.stderr)
    return 0
