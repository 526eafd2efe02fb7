"""Slow work off the GUI thread: progress and result or error come back by signal, with cancel.

``TaskRunner(inline=True)`` runs tasks at once on the calling thread, so tests stay synchronous.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from inspector_app.errors import InspectorError
from inspector_app.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class Task(QObject):
    """One piece of slow work; connect to its signals before it starts."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, label: str, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.label = label
        self.work = work
        self.progress = Progress(self.progressed.emit)

    def cancel(self) -> None:
        self.progress.cancel()

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Cancelled:
            self.cancelled.emit()
        except InspectorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001  (shown to the user, logged in full)
            log.exception("task %s failed", self.label)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run()


class TaskRunner(QObject):
    """Starts tasks on one background thread (one queue: tasks never race each other)."""

    started = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def submit(
        self,
        label: str,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
    ) -> Task:
        task = Task(label, work)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
        self._running.add(task)
        task.ended.connect(lambda: self._running.discard(task))
        self.started.emit(task)
        if self.inline:
            task.run()
        else:
            self.pool.start(_Runnable(task))
        return task

    def wait(self) -> None:
        self.pool.waitForDone()

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next progress check (before the window closes)."""
        for task in list(self._running):
            task.cancel()
