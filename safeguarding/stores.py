"""Opening the graph store the settings name, and loading the graph ``serve`` answers from.

The store classes live in :mod:`graph.store` and :mod:`graph.neo4j_store`; this module, at the
roof, picks one from :class:`~safeguarding.settings.Settings`. The Neo4j driver is imported only
when a Neo4j store is opened, so commands that never use it do not pay for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import closing

from graph.errors import StoreError
from graph.store import GraphStore, MemoryStore, StoreKind
from graph.temporal import TemporalGraph
from loaders.shipped import bundled
from safeguarding.settings import Settings

log = logging.getLogger(__name__)


def open_store(
    kind: StoreKind,
    *,
    uri: str = "",
    user: str = "",
    password: str = "",
    database: str = "neo4j",
    batch_size: int = 1000,
    connect_timeout: float = 5.0,
) -> GraphStore:
    """Open a store of ``kind``. For ``"neo4j"``, connect and check the server and credentials
    now: an unreachable server or refused credentials raise
    :class:`~graph.errors.StoreUnavailable` naming ``uri``.
    """
    if kind == "memory":
        return MemoryStore()
    if kind == "neo4j":
        from graph.neo4j_store import Neo4jStore  # the driver only when it is needed

        return Neo4jStore.connect(
            uri,
            user,
            password,
            database,
            batch_size=batch_size,
            connect_timeout=connect_timeout,
        )
    raise StoreError(f"store {kind!r} is not known: expected memory or neo4j")


def open_configured(settings: Settings) -> GraphStore:
    """The store that ``settings`` name, opened."""
    return open_store(
        settings.store,
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password,
        database=settings.neo4j_database,
        batch_size=settings.neo4j_batch_size,
        connect_timeout=settings.neo4j_connect_timeout,
    )


def load_graph(
    settings: Settings, seed: Callable[[], TemporalGraph] | None = None
) -> TemporalGraph:
    """The graph the API serves, for ``serve``.

    With the memory store, the ``seed`` graph itself (default: the bundled England landscape).
    With Neo4j: open the store, push the seed graph if the store is empty, then read the stored
    graph into memory; the connection is closed before this returns.
    """
    return load_versioned(settings, seed)[0]


def load_versioned(
    settings: Settings, seed: Callable[[], TemporalGraph] | None = None
) -> tuple[TemporalGraph, int | None]:
    """:func:`load_graph` and the store version read (None for the memory store)."""
    if seed is None:
        seed = bundled
    if settings.store == "memory":
        return seed(), None
    with closing(open_configured(settings)) as store:
        if not store.summary():
            log.info("the %s store is empty: writing the bundled landscape", settings.store)
            store.write(seed())
        # the version before the graph: a push in between is picked up by the next poll
        current = getattr(store, "current_version", None)
        version = current() if current is not None else None
        return store.read(), version
