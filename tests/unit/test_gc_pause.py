"""``gc_pause.paused``: no automatic collection inside; pauses nest and overlap on threads, and the collector runs
again when the last ends, only if it ran before the first."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from inspector_app import gc_pause


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_nested_pauses_resume_the_collector_when_the_last_ends() -> None:
    gc.enable()
    with gc_pause.paused():
        assert not gc.isenabled()
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    with gc_pause.paused():
        pass
    assert not gc.isenabled()


def test_an_exception_ends_the_pause() -> None:
    gc.enable()
    with pytest.raises(ZeroDivisionError), gc_pause.paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_overlapping_pauses_on_threads_resume_when_the_last_ends() -> None:
    gc.enable()
    inside, leave = threading.Event(), threading.Event()

    @gc_pause.paused()
    def worker() -> None:
        inside.set()
        leave.wait(5)

    thread = threading.Thread(target=worker)
    with gc_pause.paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the worker's pause goes on after this one ended
    leave.set()
    thread.join(5)
    assert gc.isenabled()
