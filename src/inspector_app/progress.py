"""Progress and cancellation for slow work, without Qt: the GUI's workers and the CLI both use it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from inspector_app.errors import InspectorError


class Cancelled(InspectorError):
    """The user cancelled; everything done so far was rolled back or kept whole."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class Progress:
    """Handed to slow work: it reports how far it got and stops at the next check once cancelled."""

    def __init__(self, on_report: Callable[[int, int], None] | None = None) -> None:
        self._on_report = on_report
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.check()
        if self._on_report is not None:
            self._on_report(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()
