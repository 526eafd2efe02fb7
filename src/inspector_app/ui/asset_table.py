"""The registered items of one MOU line (vehicles, generators, weapons systems): serial, condition, remark, photo.

Shown under the MOU grid when the current line is of registered items. Each change is saved at once through
``services.assets``; the line's found and serviceable counts then follow from the assets (docs/coe-rules.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import labels
from inspector_app.domain.assets import CONDITIONS
from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import assets
from inspector_app.ui.controller import InspectionController

SERIAL, CONDITION, REMARK, PHOTOS = range(4)


class AssetTable(QWidget):
    """Add, change (same serial) or remove the assets of one line; Enter in the serial field adds."""

    def __init__(self, controller: InspectionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.line_no: int | None = None
        self.title = QLabel(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.serial = QLineEdit(self)
        self.serial.setPlaceholderText(_("Registration or serial number"))
        self.serial.setAccessibleName(_("Registration or serial number"))
        self.condition = QComboBox(self)
        self.condition.setAccessibleName(_("Condition"))
        for code in CONDITIONS:
            self.condition.addItem(labels.asset_condition(code), code)
        self.remark = QLineEdit(self)
        self.remark.setPlaceholderText(_("Remark"))
        self.remark.setAccessibleName(_("Remark"))
        self.save = QPushButton(_("&Add or change"), self)
        self.remove = QPushButton(_("Re&move"), self)
        self.photo = QPushButton(_("P&hoto…"), self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.serial.returnPressed.connect(self.put)
        self.remark.returnPressed.connect(self.put)
        self.save.clicked.connect(self.put)
        self.remove.clicked.connect(self.remove_selected)
        self.photo.clicked.connect(self._choose_photo)
        form = QHBoxLayout()
        for widget in (self.serial, self.condition, self.remark, self.save, self.remove, self.photo):
            form.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.setTabOrder(self.table, self.serial)
        controller.reloaded.connect(self.refresh)

    def set_line(self, line_no: int | None) -> None:
        """Show the assets of line ``line_no`` (None or a line not of registered items: hidden)."""
        line = next((m for m in self.controller.state.checklist.scope.mou_lines if m.line_no == line_no), None)
        self.line_no = line.line_no if line is not None and line.registered else None
        self.setVisible(self.line_no is not None)
        if line is not None and self.line_no is not None:
            self.title.setText(_("Line {line} — {item}: registered items").format(line=line.line_no, item=line.item))
        self.refresh()

    def refresh(self) -> None:
        editable = self.controller.editable
        for widget in (self.serial, self.condition, self.remark, self.save, self.remove, self.photo):
            widget.setEnabled(editable)
        self.table.setHorizontalHeaderLabels([_("Registration / serial"), _("Condition"), _("Remark"), _("Photos")])
        if self.line_no is None:
            self.table.setRowCount(0)
            return
        lines = assets.summary_of(self.controller.workspace, self.controller.inspection_id)["assets"]
        rows = next((line["assets"] for line in lines if line["line"] == self.line_no), [])
        self.table.setRowCount(len(rows))
        for r, asset in enumerate(rows):
            values = (asset["serial"], labels.asset_condition(asset["condition"]), asset["remark"],
                      str(asset["photos"] or ""))
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, asset["id"] if column == SERIAL else asset["condition"])
                self.table.setItem(r, column, cell)
        self.table.resizeColumnsToContents()

    def _selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or self.table.item(row, SERIAL) is None:
            return
        self.serial.setText(self.table.item(row, SERIAL).text())
        self.condition.setCurrentIndex(max(self.condition.findData(self.table.item(row, CONDITION).data(
            Qt.ItemDataRole.UserRole)), 0))
        self.remark.setText(self.table.item(row, REMARK).text())

    def put(self) -> None:
        """Add the asset in the form, or change the line's asset of that serial."""
        if self.line_no is None:
            return
        self._write(lambda: assets.put(self.controller.workspace, self.controller.inspection_id, self.line_no or 0,
                                       self.serial.text(), self.condition.currentData(), self.remark.text()))
        if not self.error.text():
            self.serial.clear()
            self.remark.clear()
            self.condition.setCurrentIndex(0)
            self.serial.setFocus()

    def remove_selected(self) -> None:
        asset_id = self._current_id()
        if asset_id is not None:
            self._write(lambda: assets.remove(self.controller.workspace, asset_id))

    def attach_photo(self, path: str) -> None:
        asset_id = self._current_id()
        if asset_id is None:
            self.error.setText(_("Choose an asset in the table first."))
            return
        self._write(lambda: assets.attach_photo(self.controller.workspace, asset_id, Path(path)))

    def _choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Photo of the asset"), "",
                                                    _("Photos (*.jpg *.jpeg *.png)"))
        if path:
            self.attach_photo(path)

    def _current_id(self) -> str | None:
        row = self.table.currentRow()
        cell = self.table.item(row, SERIAL) if row >= 0 else None
        return None if cell is None else str(cell.data(Qt.ItemDataRole.UserRole))

    def _write(self, action: Callable[[], Any]) -> None:
        self.error.clear()
        try:
            action()
        except InspectorError as exc:
            self.error.setText(str(exc))
            return
        self.controller.reload()  # the line's counts follow from the assets
