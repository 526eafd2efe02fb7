"""Counting the cyclic garbage collector's runs, for the tests of its pauses (``inspector_app.gc_pause``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_started(threshold: int | None = None) -> Iterator[list[int]]:
    """The generation of each collection that starts inside (after a full one before); with ``threshold``, one
    every ``threshold`` new objects meanwhile, unless paused."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    before = gc.get_threshold()
    gc.collect()
    if threshold is not None:
        gc.set_threshold(threshold)
    gc.callbacks.append(note)
    try:
        yield started
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*before)
