"""GUI tests never block on a message box: an unexpected one fails the test with its text. ``demo_ws`` is a copy of
the demo laptop's data, seeded once per module (a module may define its own ``seeded``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inspector_app.services import demo
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.workers import TaskRunner


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo-gui") / "data"
    with open_workspace(root, actor="Awa Diop") as ws:
        demo.seed(ws)
    return root


@pytest.fixture
def demo_ws(seeded: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the demo laptop's data, in English."""
    switch_language("en")
    with open_workspace(Path(shutil.copytree(seeded, tmp_path / "data")), actor="Awa Diop") as ws:
        yield ws
    switch_language("en")


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


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """Opens the main window on a data folder; the workspaces are closed after the test."""
    opened: list[Workspace] = []

    def make(root: Path, actor: str = "Awa Diop", runner: TaskRunner | None = None) -> MainWindow:
        ws = open_workspace(root, actor=actor)
        opened.append(ws)
        window = MainWindow(ws, Preferences(ws.data), runner or TaskRunner(inline=True))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        window.show_home()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return window

    switch_language("en")
    yield make
    for ws in opened:
        ws.close()


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, k, modifier)


def draw_signature(qtbot: QtBot, pad: object) -> None:
    """A signature stroke drawn with the mouse."""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 80))
    for x in range(40, 300, 20):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
