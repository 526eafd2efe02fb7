"""GUI tests never block on a message box: an unexpected one fails the test with its text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Texts of the message boxes shown; tests that expect one read this list instead of failing."""
    shown: list[str] = []

    def record(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        text = " | ".join(str(a) for a in args[1:3])
        shown.append(text)
        if not getattr(record, "allowed", False):
            raise UnexpectedDialog(f"a message box would block: {text}")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    yield shown
