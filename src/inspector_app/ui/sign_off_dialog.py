"""Sign-off: the contingent commander and the team sign by hand on the laptop."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import N_, _
from inspector_app.services import signing
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.sign_off_dialog_ui import Ui_SignOffDialog
from inspector_app.ui.signature_pad import SignaturePad

SIGNATORIES = {
    "contingent_commander": N_("Contingent commander"),
    "un_inspector": N_("UN inspector"),
    "team_leader": N_("Team leader"),
    "chief_coe_officer": N_("Chief COE officer"),
}


class SignOffDialog(QDialog):
    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.inspection_id = workspace, inspection_id
        self.ui = Ui_SignOffDialog()
        self.ui.setupUi(self)
        for role, label in SIGNATORIES.items():
            self.ui.role.addItem(_(label), role)
        self.pad = SignaturePad(self.ui.padHost)
        self.ui.padLayout.addWidget(self.pad)
        self.ui.clear.clicked.connect(self.pad.clear)
        self.save_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.pad.changed.connect(self._enable)
        self.ui.name.textChanged.connect(self._enable)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        try:
            signing.sign_handwritten(self.workspace, self.inspection_id, self.ui.role.currentData(),
                                     self.ui.name.text().strip(), self.pad.to_png())
        except InspectorError as exc:
            self.ui.error.setText(str(exc))
            return
        super().accept()

    def _enable(self) -> None:
        self.save_button.setEnabled(bool(self.ui.name.text().strip()) and not self.pad.is_empty)
