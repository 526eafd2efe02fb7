"""HQ's planned inspections in the HQ window: the chosen mission's plans by date, with unit, type, team, status and
whether each is overdue (said in words, not by colour alone). Read on the window's ``TaskRunner``, like every
read of HQ's database; the plans that laptops send back arrive with their field reports (docs/planning.md)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from inspector_app.domain.workflow import InspectionType
from inspector_app.i18n import _
from inspector_app.locale_format import format_date
from inspector_app.services import planning
from inspector_app.services.planning import PlanRow
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.workers import TaskRunner


class HqPlans(QWidget):
    """The plans of the mission chosen in ``missions`` (a combo box whose item data are mission codes)."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, missions: QComboBox,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.missions = workspace, runner, missions
        self.rows: list[PlanRow] = []
        self.label = QLabel(self)
        self.table = QTableWidget(0, 6, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the team
        self.label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table)
        missions.currentIndexChanged.connect(lambda _i: self._fill())
        self._retranslate()

    def load(self) -> None:
        """Read the plans again, off the GUI thread."""
        self.runner.submit("hq-plans", lambda _p: planning.list_plans(self.workspace), on_success=self.show_rows)

    def show_rows(self, rows: list[PlanRow]) -> None:
        self.rows = rows
        self._fill()

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.label.setText(_("Pla&nned inspections"))
        self.table.setAccessibleName(_("Planned inspections"))
        self.table.setHorizontalHeaderLabels([_("Unit"), _("Date"), _("Type"), _("Team"), _("Status"), _("Overdue")])
        self._fill()

    def _fill(self) -> None:
        code = self.missions.currentData()
        rows = [r for r in self.rows if r.mission.code == code]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.unit.name, format_date(row.plan.planned_date), InspectionType(row.plan.type).label,
                     "; ".join(row.team), row.status.label, _("OVERDUE") if row.overdue else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if row.overdue:
                    item.setForeground(theme.colour("shortfall"))
                self.table.setItem(r, c, item)
