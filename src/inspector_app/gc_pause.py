"""Python's cyclic garbage collector paused while a view, a report or an import makes many small objects.

The collector runs every 700 new container objects, and from time to time a full pass over every object of the
process (the loaded libraries' included). Reading ten thousand inspections, or a bundle of fifty thousand
records, makes hundreds of thousands of tuples, dicts and small models, so those passes took a fifth of the HQ
summary's time at four times the demo data, growing faster than the data, and a tenth of an HQ import
(``bench/README.md``). What these make is freed by reference counting; the few cycles (a session's, a PDF's
flowables) are collected once the pause ends. The pause holds for the whole process, every thread's objects
included, so it wraps work of seconds that returns finished values: not a generator function, whose body runs
after the call. Pauses nest and may overlap on threads: the collector runs again when the last one ends, if it
ran before the first.
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
