"""How many bytes an object and everything it holds take (CPython's own counts).

Used to charge a cache for what it keeps when the size is not simply a byte string's length
(a parsed document). Objects reached through several paths count once; classes, modules and
functions are not counted (they are shared with the whole program).

>>> deep_size([]) < deep_size(["x" * 1000]) < deep_size(["x" * 1000, "y" * 1000])
True
"""

from __future__ import annotations

import gc
import sys
import types

_SHARED = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)


def deep_size(obj: object) -> int:
    """Bytes of ``obj`` and of every object it refers to, each counted once."""
    seen: set[int] = set()
    total = 0
    stack = [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, _SHARED):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        stack.extend(gc.get_referents(item))
    return total
