"""One step of a command run in a process of its own, beside the command's main work.

:class:`Beside` starts ``fn(*args)`` in a fresh interpreter (the spawn start method: nothing of
this process is shared) and ``result()`` gives what it returned, or raises what it raised. The
answer comes back through a one-way pipe whose reading end only this process holds, so a child
outlives a killed parent only until its step ends (its write then fails, and it exits): it is
never left waiting for work, as a pool's worker would be, and leaves no file behind. Leaving the
``with`` block early (an error, an interrupt) ends the child.

>>> with Beside(pow, 2, 10) as step:
...     step.result()
1024
>>> with Beside(int, "ten") as step:
...     step.result()
Traceback (most recent call last):
...
ValueError: invalid literal for int() with base 10: 'ten'
"""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

from graph.errors import SafeguardingError

T = TypeVar("T")


def _run(fn: Callable[..., Any], args: tuple[Any, ...], answer: Connection) -> None:
    try:
        found: tuple[bool, Any] = (True, fn(*args))
    except Exception as exc:  # carried to the parent, which raises it
        found = (False, exc)
    try:
        answer.send(found)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent was killed: nobody will read the answer
    finally:
        answer.close()


class Beside(Generic[T]):
    """``fn(*args)`` in a process of its own; use as a context manager."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        context = get_context("spawn")
        self._answer, writer = context.Pipe(duplex=False)
        self._writer: Connection | None = writer
        self._process = context.Process(target=_run, args=(fn, args, writer), daemon=True)

    def __enter__(self) -> Beside[T]:
        self._process.start()
        assert self._writer is not None
        # only the child writes: with this end closed here, a child that dies unheard is seen
        self._writer.close()
        self._writer = None
        return self

    @property
    def pid(self) -> int | None:
        """The step's process id, once started."""
        return self._process.pid

    def result(self) -> T:
        """What the step returned (waiting for it), or the exception it raised."""
        try:
            ok, value = self._answer.recv()
        except EOFError:
            self._process.join()
            raise SafeguardingError(
                f"a build step ended with exit code {self._process.exitcode} and no answer"
            ) from None
        if not ok:
            raise value
        answer: T = value
        return answer

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._answer.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._process.close()
