"""Pick up a newly pushed landscape without a restart: poll the store's current version.

With the Neo4j store and ``SAFEGUARDING_POLL_SECONDS`` above 0, ``serve`` starts a
:class:`VersionPoller`: every interval it asks Neo4j for the current version (``store_current``,
one small read); when a ``safeguarding neo4j push`` has switched to a newer one, it reads that
graph, warms it (coverage of every stretch of time, as at start-up) and swaps it in
(:meth:`api.live.Landscape.swap`). All of that happens on the poller's thread, so requests never
wait for it; a store that cannot be reached is logged and tried again at the next interval, and
the landscape already served stays in place.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from api.live import Landscape
from graph.errors import StoreError
from graph.temporal import TemporalGraph

log = logging.getLogger(__name__)


class VersionedStore(Protocol):
    """What the poller needs of a store: its current version, and the graph of that version."""

    def current_version(self) -> int | None: ...

    def read(self) -> TemporalGraph: ...

    def close(self) -> None: ...


class VersionPoller:
    """Swaps a newer store version into ``live``, checked every ``interval`` seconds."""

    def __init__(
        self,
        store: VersionedStore,
        live: Landscape,
        interval: float,
        prepare: Callable[[TemporalGraph], object] = lambda g: None,
    ) -> None:
        self.store, self.live, self.interval, self.prepare = store, live, interval, prepare
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """One poll: True when a newer version was read and swapped in."""
        version = self.store.current_version()
        if version is None or version == self.live.current.version:
            return False
        graph = self.store.read()
        self.prepare(graph)
        self.live.swap(graph, version)
        log.info("now serving landscape version %s (%d nodes)", version, len(graph))
        return True

    def start(self) -> None:
        """Poll on a daemon thread until :meth:`stop`."""
        self._thread = threading.Thread(target=self._run, name="version-poller", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + 5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except StoreError as err:  # the server is away: keep serving what we have
                log.warning("could not poll the landscape version: %s", err)
