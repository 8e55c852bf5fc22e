"""The cyclic garbage collector paused while a build allocates.

A build makes millions of small objects that all live until it ends (rows, cells, nodes, edges,
periods), and few cycles worth freeing before then. CPython's generational collector walks the
growing older generations again and again as they pile up: a third of the build's time. So the
build steps run inside :func:`paused`, which turns the collector off and back on when the last
step leaves (nested and concurrent builds share one pause; a collector that was off stays off).
Reference counting still frees what is dropped; only cycles wait for the end.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (see the module's docstring)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
