"""The main window: the installation's inspections (the full workspace comes with the desktop issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableWidgetItem, QWidget

from inspector_app.domain.workflow import Status
from inspector_app.services import inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.main_window_ui import Ui_MainWindow

COLUMNS = ("Unit", "Template", "Type", "Status", "Started", "Complete")


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        table = self.ui.inspections
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def load(self) -> None:
        states = inspections.list_states(self.workspace)
        table = self.ui.inspections
        table.setRowCount(len(states))
        for row, state in enumerate(states):
            i = state.inspection
            values = (
                state.unit.name,
                f"{state.template.template_id} v{state.template.version}",
                i.type.replace("_", " "),
                Status(i.status).label,
                i.start_date.isoformat() if i.start_date else "",
                f"{state.results().percent_complete:.0f} %",
            )
            for col, text in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(text))
        self.statusBar().showMessage(self.tr("%n inspection(s) in %1", "", len(states)).replace(
            "%1", str(self.workspace.data.root)))
