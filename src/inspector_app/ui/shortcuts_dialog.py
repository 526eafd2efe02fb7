"""The keyboard shortcut list (F1): every command of a window with a shortcut, filtered as you type.

It doubles as a small command palette: Enter on a row closes the list and runs that command.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from inspector_app.ui import theme
from inspector_app.ui.forms.shortcuts_dialog_ui import Ui_ShortcutsDialog

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVE = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


def action_label(action: QAction) -> str:
    """The action's text without its mnemonic ampersands."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_text(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def window_actions(window: QWidget) -> list[QAction]:
    """Every action of ``window`` and its children that has a shortcut, each once."""
    found: dict[int, QAction] = {}
    for action in [*window.actions(), *window.findChildren(QAction)]:
        if not action.isSeparator() and action.shortcuts():
            found.setdefault(id(action), action)
    return list(found.values())


class ShortcutsDialog(QDialog):
    """Lists ``actions`` that have a shortcut; typing narrows the list, Enter runs the selected one."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShortcutsDialog()
        self.ui.setupUi(self)
        self.commands = sorted(
            (a for a in actions if not a.isSeparator() and a.shortcuts()), key=lambda a: action_label(a).lower()
        )
        table = self.ui.table
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.activated.connect(lambda index: self.run(index.row()))
        self.ui.filter.textChanged.connect(self.apply_filter)
        self.ui.filter.installEventFilter(self)
        table.installEventFilter(self)
        self._fill()

    def _fill(self) -> None:
        table = self.ui.table
        table.setRowCount(len(self.commands))
        for row, action in enumerate(self.commands):
            cells = (QTableWidgetItem(action_label(action)), QTableWidgetItem(shortcut_text(action)))
            for col, item in enumerate(cells):
                item.setToolTip(action.toolTip())
                if not action.isEnabled():
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setForeground(theme.colour("muted"))
                table.setItem(row, col, item)
        self.apply_filter(self.ui.filter.text())

    def visible_rows(self) -> list[int]:
        table = self.ui.table
        return [r for r in range(table.rowCount()) if not table.isRowHidden(r)]

    def apply_filter(self, text: str) -> None:
        """Show the rows whose command or shortcut contains every word typed; select the first that runs."""
        words = text.lower().split()
        table = self.ui.table
        for row, action in enumerate(self.commands):
            haystack = f"{action_label(action)} {shortcut_text(action)} {action.toolTip()}".lower()
            table.setRowHidden(row, not all(w in haystack for w in words))
        runnable = [r for r in self.visible_rows() if self.commands[r].isEnabled()]
        if runnable and table.currentRow() not in runnable:
            table.setCurrentCell(runnable[0], 0)
        elif not runnable:
            table.setCurrentCell(-1, -1)

    def run(self, row: int | None = None) -> bool:
        """Close and trigger the action of ``row`` (default: the selected row); False if there is none."""
        table = self.ui.table
        row = table.currentRow() if row is None else row
        if row < 0 or table.isRowHidden(row) or not self.commands[row].isEnabled():
            return False
        action = self.commands[row]
        self.accept()
        action.trigger()
        return True

    def _move(self, step: int) -> None:
        rows = [r for r in self.visible_rows() if self.commands[r].isEnabled()]
        if not rows:
            return
        current = self.ui.table.currentRow()
        pos = rows.index(current) if current in rows else -1
        self.ui.table.setCurrentCell(rows[max(0, min(len(rows) - 1, pos + step))], 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            if key in _ENTER:
                self.run()
                return True
            if watched is self.ui.filter and key in _MOVE:
                self._move(_MOVE[key])
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill()
        super().changeEvent(event)
