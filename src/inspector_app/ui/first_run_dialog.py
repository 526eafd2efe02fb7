"""First run on an empty data folder: who is inspecting, and how to start (demo data or empty)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from inspector_app.i18n import N_, _
from inspector_app.services import settings
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.first_run_dialog_ui import Ui_FirstRunDialog

ROLE_LABELS = {"inspector": N_("Inspector"), "team_leader": N_("Team leader"), "hq": N_("HQ staff")}


def fill_roles(combo, current: str = "inspector") -> None:  # type: ignore[no-untyped-def]
    combo.clear()
    for role in settings.ROLES:
        combo.addItem(_(ROLE_LABELS[role]), role)
    combo.setCurrentIndex(max(combo.findData(current), 0))


class FirstRunDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        fill_roles(self.ui.role)
        self.ui.name.setText(workspace.actor)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    @property
    def wants_demo(self) -> bool:
        return self.ui.demo.isChecked()

    def accept(self) -> None:
        name = self.ui.name.text().strip()
        if name:
            settings.put(self.workspace, settings.USER_NAME, name)
            self.workspace.actor = name
        settings.put(self.workspace, settings.USER_ROLE, self.ui.role.currentData())
        super().accept()
