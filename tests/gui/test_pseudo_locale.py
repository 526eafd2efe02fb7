"""Every screen in the pseudo-locale: no visible text left untranslated, none cut off; French screens write
numbers, percentages and dates as French does (offscreen)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inspector_app import i18n
from inspector_app.services import demo, inspections
from inspector_app.services.hq_database import open_hq
from inspector_app.services.installation import open_workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import LANGUAGE_NAMES, SettingsDialog
from tests.pseudo_check import demo_folder, untranslated, user_data

pytestmark = pytest.mark.gui
ROWS = 30  # the cells checked in each table: its first rows
FRENCH_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def laptop(seeded: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seeded, tmp_path / "laptop"))


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    switch_language("en")


def plain(text: str) -> str:
    """A widget's text as shown: rich text rendered, mnemonics (&) gone."""
    if "<" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class Screen:
    """The visible texts of a window, each with where it is and whether it has room to show whole."""

    def __init__(self, data: set[str]) -> None:
        self.data = data | set(LANGUAGE_NAMES.values())
        self.problems: list[str] = []

    def menus(self, window: MainWindow) -> None:
        """Every command of the menu bar, shown or not (a menu opens on demand)."""
        for menu in window.menuBar().findChildren(QMenu):
            for action in menu.actions():
                if action.text():
                    self._text(f"menu {plain(menu.title())!r}", "menu item", action.text())

    def check(self, name: str, top: QWidget) -> None:
        QApplication.processEvents()
        self._text(name, "window title", top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                self._widget(name, widget)

    def _widget(self, name: str, w: QWidget) -> None:
        where = f"{name}: {type(w).__name__} {w.objectName()!r}"
        if w.toolTip():
            self._text(where, "tooltip", w.toolTip())
        if isinstance(w, QLabel) and w.pixmap().isNull() and w.text():
            self._text(where, "label", w.text())
            self._room(where, w, plain(w.text()), w.contentsRect().width(), w.wordWrap())
        elif isinstance(w, QAbstractButton) and w.text():
            self._text(where, "button", w.text())
            self._room(where, w, plain(w.text()), w.contentsRect().width() - 8, False)
        elif isinstance(w, QGroupBox) and w.title():
            self._text(where, "group", w.title())
        elif isinstance(w, QLineEdit) and w.placeholderText() and not w.text():
            self._text(where, "placeholder", w.placeholderText())
        elif isinstance(w, QTabBar):
            for i in (i for i in range(w.count()) if w.isTabVisible(i)):
                self._text(where, "tab", w.tabText(i))
                self._room(where, w, plain(w.tabText(i)), w.tabRect(i).width() - 8, False)
        elif isinstance(w, QComboBox) and w.currentText():
            self._text(where, "choice", w.currentText())
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            self._cells(where, w)

    def _cells(self, where: str, view: QAbstractItemView) -> None:
        """The column headers and the cells of the first rows (and of their children, in a tree)."""
        model = view.model()
        header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
        shown = header is not None and header().isVisible()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for c in range(columns):
            text = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if shown and text and not header().isSectionHidden(c):
                self._text(where, "column header", str(text))
        parents = [QModelIndex()]
        parents += [model.index(r, 0) for r in range(min(model.rowCount(QModelIndex()), ROWS))]
        for parent in parents:
            for r in range(min(model.rowCount(parent), ROWS)):
                for c in range(columns):
                    text = model.data(model.index(r, c, parent), Qt.ItemDataRole.DisplayRole)
                    if isinstance(text, str) and text:
                        self._text(where, f"cell {r},{c}", text)

    def _text(self, where: str, kind: str, text: str) -> None:
        left = untranslated(plain(text), self.data)
        if left:
            self.problems.append(f"{where} {kind} {text!r}: untranslated {left!r}")

    def _room(self, where: str, w: QWidget, text: str, width: int, wraps: bool) -> None:
        longest = max((w.fontMetrics().horizontalAdvance(line) for line in text.splitlines()), default=0)
        if not wraps and longest > width:
            self.problems.append(f"{where} cut off: {text!r} needs {longest}px, has {width}px")
        elif wraps and w.heightForWidth(w.width()) > w.height():
            self.problems.append(f"{where} cut off below: {text!r} needs {w.heightForWidth(w.width())}px high, "
                                 f"has {w.height()}px")


def test_every_screen_in_the_pseudo_locale(qtbot: QtBot, laptop: Path,
                                           open_window: Callable[..., MainWindow]) -> None:
    window = open_window(laptop)
    window.set_language(i18n.PSEUDO)
    QApplication.processEvents()  # Qt retranslates on its next event
    with open_workspace(laptop, actor="Awa Diop") as ws:
        screen = Screen(user_data(ws))
        started = {s.template.template_id: s.inspection.id for s in inspections.list_states(ws)
                   if s.unit.name in (demo.SENEGAL.name, demo.BANGLADESH.name)}  # not TGO FPU 3's COE cycle
    coe, aoc = started["coe-major-equipment"], started["aoc-fpu"]
    screen.menus(window)
    screen.check("home", window)
    window.open_inspection(coe)
    screen.check("MOU grid", window)
    window.open_inspection(coe, "me.general.records")
    screen.check("item form", window)
    window.tabs.setCurrentWidget(window.review_view)
    screen.check("review", window)
    window.open_inspection(aoc)
    screen.check("roster grid", window)
    window.tabs.setCurrentWidget(window.review_view)
    screen.check("assessment review", window)
    window.show_sync()
    screen.check("sync", window)
    settings = SettingsDialog(window.workspace, window.preferences, window)
    qtbot.addWidget(settings)
    settings.show()
    screen.check("settings", settings)
    settings.close()
    hq_data = Path(shutil.copytree(laptop, laptop.parent / "hq"))
    window.enter_hq(open_hq(window.workspace.data, sqlite_url(hq_data / "inspector.sqlite"), "HQ"),
                    sqlite_url(hq_data / "inspector.sqlite"))
    qtbot.waitUntil(lambda: window.hq_view is not None and window.hq_view.ui.table.rowCount() > 0)
    screen.check("HQ", window)
    assert not screen.problems, "\n".join(screen.problems)


def test_french_screens_write_numbers_percentages_and_dates_in_french(
        qtbot: QtBot, laptop: Path, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(laptop)
    window.set_language("fr")
    QApplication.processEvents()
    window.home.load()
    model = window.home.ui.tree.model()

    def shown(parent: QModelIndex) -> list[object]:
        rows = [model.index(r, 0, parent) for r in range(model.rowCount(parent))]
        return [model.index(r, c, parent).data() for r in range(len(rows)) for c in range(model.columnCount(parent))
                ] + [text for row in rows for text in shown(row)]

    with open_workspace(laptop, actor="Awa Diop") as ws:
        [(coe, day)] = [(s.inspection.id, s.inspection.start_date) for s in inspections.list_states(ws)
                        if s.template.template_id == "coe-major-equipment" and s.unit.name == demo.SENEGAL.name]
    assert day is not None  # the demo dates it from today: "1 déc. 2026" on 4 December 2026
    french_day = f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"
    assert {french_day, "100\u00a0%"} <= set(shown(QModelIndex()))  # the inspection's date, completion
    window.open_inspection(coe)
    grid = window.workspace_view.ui.pages.currentWidget()
    assert "94,1\u00a0%" in grid.footer.text()  # was "94.1%": the indicator, 96 serviceable of 102 deployed
    assert grid.model.index(0, 5).data() == "80,0\u00a0%"
