"""Home: the inspections planned for this laptop (to start), the overdue improvement actions, then missions → units
→ inspections, with status, type, dates and completion, and a filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMessageBox, QTreeWidget, QTreeWidgetItem, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.ui.forms.home_view_ui import Ui_HomeView

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace
    from inspector_app.ui.home_data import HomeData

INSPECTION_ID = Qt.ItemDataRole.UserRole + 1
PLAN_ID = Qt.ItemDataRole.UserRole + 2


class HomeView(QWidget):
    openRequested = Signal(str)  # inspection id
    newRequested = Signal()
    planRequested = Signal()

    workspace: Workspace  # set by the main window once the database is open; the page is empty until then

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if workspace is not None:
            self.workspace = workspace
        self.ui = Ui_HomeView()
        self.ui.setupUi(self)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.ui.tree.setModel(self.proxy)
        self.ui.layout.setStretchFactor(self.ui.tree, 1)  # the plans take the height of their rows, the tree the rest
        # Long titles differ at their ends ("… (MOU Annex B)", "… (MOU Annex C)"): elide the middle, tooltip whole.
        self.ui.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.ui.filter.textChanged.connect(self._filter)
        self.ui.filter.returnPressed.connect(self.ui.tree.setFocus)
        self.ui.tree.activated.connect(self._activated)
        self.ui.openButton.clicked.connect(lambda: self._activated(self.ui.tree.currentIndex()))
        self.ui.newButton.clicked.connect(self.newRequested)
        self.ui.planButton.clicked.connect(self.planRequested)
        self.ui.startButton.clicked.connect(self.start_plan)
        self.ui.plans.itemActivated.connect(lambda _item, _column: self.start_plan())
        self._set_headers()
        for empty in (self.ui.plans, self.ui.startButton, self.ui.plansNone, self.ui.overdueHeading,
                      self.ui.overdueActions):
            empty.setVisible(False)  # until the data is read

    def load(self) -> None:
        """Read the plans, missions, units and inspections again (after any change)."""
        from inspector_app.ui import home_data  # noqa: PLC0415  (the services: after the window shows)

        self.show_data(home_data.read(self.workspace))

    def show_data(self, data: HomeData) -> None:
        """Show what ``home_data.read`` read (on any thread)."""
        self._show_plans(data)
        self._show_overdue_actions(data.overdue_actions)
        self.model.removeRows(0, self.model.rowCount())
        missions: dict[str, QStandardItem] = {}
        unit_items: dict[str, QStandardItem] = {}
        for unit in data.units:
            mission = missions.get(unit.mission_id)
            if mission is None:
                mission = missions[unit.mission_id] = _row(self.model.invisibleRootItem(), unit.mission)
            unit_items[unit.id] = unit_item = _row(mission, *unit.texts)
            if unit.ori_overdue:
                flag = unit_item.parent().child(unit_item.row(), 3)
                font = flag.font()
                font.setBold(True)
                flag.setFont(font)
        for inspection in data.inspections:
            _row(unit_items[inspection.unit_id], *inspection.texts).setData(inspection.id, INSPECTION_ID)
        self.ui.tree.expandAll()
        tree, header = self.ui.tree, self.ui.tree.header()
        header.setStretchLastSection(True)
        for column in range(header.count()):
            tree.resizeColumnToContents(column)
        last = header.count() - 1  # stretched: its contents are what it needs
        others = sum(header.sectionSize(c) for c in range(1, last)) + max(tree.sizeHintForColumn(last),
                                                                         header.sectionSizeHint(last))
        # The titles as wide as they are, as long as the other columns stay in view.
        header.resizeSection(0, max(min(header.sectionSize(0), tree.viewport().width() - others), 240))
        self._select_first_inspection()

    def start_plan(self) -> None:
        """Start the selected plan's inspection and open it."""
        from inspector_app.services import planning  # noqa: PLC0415  (the services: after the window shows)

        item = self.ui.plans.currentItem()
        if item is None or self.workspace.read_only:
            return
        try:
            inspection = planning.start(self.workspace, item.data(0, PLAN_ID))
        except InspectorError as exc:
            QMessageBox.warning(self, _("Start the planned inspection"), str(exc))
            return
        self.load()
        self.openRequested.emit(inspection.id)

    def _show_plans(self, data: HomeData) -> None:
        """What is planned for this laptop's inspector and still to start, by date; the overdue said in words."""
        self.ui.plans.clear()
        for plan in data.plans:
            item = QTreeWidgetItem(list(plan.texts))
            item.setData(0, PLAN_ID, plan.id)
            for column in range(item.columnCount()):
                item.setToolTip(column, item.text(column))
            if plan.overdue:
                font = item.font(4)
                font.setBold(True)
                item.setFont(4, font)
            self.ui.plans.addTopLevelItem(item)
        rows = len(data.plans)
        _fit_rows(self.ui.plans, rows)
        if rows:
            self.ui.plans.setCurrentItem(self.ui.plans.topLevelItem(0))
        self.ui.plans.setVisible(bool(rows))
        self.ui.startButton.setVisible(bool(rows))
        self.ui.startButton.setEnabled(not self.workspace.read_only)
        self.ui.plansNone.setText("" if rows else data.no_plans)
        self.ui.plansNone.setVisible(not rows)

    def _show_overdue_actions(self, rows: list[tuple[str, str, str, str]]) -> None:
        """The open improvement actions past their due date, most overdue first; the section hides without any."""
        tree = self.ui.overdueActions
        tree.clear()
        for row in rows:
            item = QTreeWidgetItem(list(row))
            for column in range(item.columnCount()):
                item.setToolTip(column, item.text(column))
            tree.addTopLevelItem(item)
        _fit_rows(tree, len(rows))
        tree.setVisible(bool(rows))
        self.ui.overdueHeading.setVisible(bool(rows))

    def focus_filter(self) -> None:
        self.ui.filter.setFocus()
        self.ui.filter.selectAll()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._set_headers()
            if self.model.rowCount():
                self.load()
        super().changeEvent(event)

    def _set_headers(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [_("Mission / unit / inspection"), _("Type"), _("Status"), _("Dates"), _("Complete")]
        )
        self.ui.plans.setHeaderLabels([_("Date"), _("Unit"), _("Type"), _("Team"), _("Overdue")])
        self.ui.overdueActions.setHeaderLabels([_("Unit"), _("Action"), _("Owner"), _("Due")])

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.ui.tree.expandAll()
        self._select_first_inspection()

    def _select_first_inspection(self) -> None:
        index = self._first_inspection(QModelIndex())
        if index is not None:
            self.ui.tree.setCurrentIndex(index)

    def _first_inspection(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(INSPECTION_ID):
                return index
            found = self._first_inspection(index)
            if found is not None:
                return found
        return None

    def _activated(self, index: QModelIndex) -> None:
        inspection_id = index.siblingAtColumn(0).data(INSPECTION_ID) if index.isValid() else None
        if inspection_id:
            self.openRequested.emit(inspection_id)


def _fit_rows(tree: QTreeWidget, rows: int) -> None:
    """Columns to their contents, and the list as tall as its ``rows``, up to five (then it scrolls)."""
    for column in range(tree.columnCount()):
        tree.resizeColumnToContents(column)
    row_height = tree.sizeHintForRow(0) if rows else 0
    tree.setFixedHeight(tree.header().sizeHint().height() + min(rows, 5) * row_height + 2 * tree.frameWidth() + 2)


def _row(parent: QStandardItem, *texts: str) -> QStandardItem:
    items = [QStandardItem(t) for t in texts]
    for item in items:
        item.setToolTip(item.text())  # whole where the column elides it
    parent.appendRow(items)
    return items[0]
