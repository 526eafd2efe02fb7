"""GUI tests never block on a message box: an unexpected one fails the test with its text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox


class UnexpectedDialog(AssertionError):
    pass


class MessageBoxes:
    """The texts of the message boxes shown; a test that expects some calls ``allow()`` first."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.allowed = False

    def allow(self) -> None:
        self.allowed = True

    def record(self, *args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        text = " | ".join(str(a) for a in args[1:3])
        self.shown.append(text)
        if not self.allowed:
            raise UnexpectedDialog(f"a message box would block: {text}")
        return QMessageBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[MessageBoxes]:
    boxes = MessageBoxes()
    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(boxes.record))
    yield boxes
