"""Python's cyclic garbage collector paused while HQ's views and reports make many small objects.

The collector runs every 700 new container objects, and from time to time a full pass over every object of the
process (the loaded libraries' included). Reading ten thousand inspections makes hundreds of thousands of tuples,
dicts and dataclasses, so those passes grew faster than the data: a third of the HQ summary's time at four
times the demo data (``bench/README.md``). What the views and reports make is freed by reference counting; the
few cycles (a session's, a PDF's flowables) are collected once the pause ends. Pauses nest and may overlap on
threads: the collector runs again when the last one ends, if it ran before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_open = 0  # pauses under way
_resume = False  # whether the collector ran before the first of them


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; usable as a decorator."""
    global _open, _resume  # noqa: PLW0603  (one collector per process: its pause is process state)
    with _lock:
        if _open == 0:
            _resume = gc.isenabled()
            gc.disable()
        _open += 1
    try:
        yield
    finally:
        with _lock:
            _open -= 1
            if _open == 0 and _resume:
                gc.enable()
