"""First run on an empty data folder: who is inspecting, and how to start (demo data, HQ's reference
package, or empty).

A reference package is imported here, off the window's thread, before the dialog closes: a refusal (a wrong
CA fingerprint, a damaged file) is shown in the dialog so that the user can correct it and try again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from inspector_app.i18n import N_, _
from inspector_app.services import identity, profile, reference_package, settings
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.first_run_dialog_ui import Ui_FirstRunDialog
from inspector_app.ui.workers import TaskRunner

ROLE_LABELS = {"inspector": N_("Inspector"), "team_leader": N_("Team leader"), "hq": N_("HQ staff")}


def fill_roles(combo, current: str = "inspector") -> None:  # type: ignore[no-untyped-def]
    combo.clear()
    for role in settings.ROLES:
        combo.addItem(_(ROLE_LABELS[role]), role)
    combo.setCurrentIndex(max(combo.findData(current), 0))


class FirstRunDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner or TaskRunner(self)
        self.imported: reference_package.ReferenceResult | None = None
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        fill_roles(self.ui.role)
        self.ui.name.setText(profile.current(workspace).name)
        # A laptop that trusts no CA yet checks HQ's package through the fingerprint HQ gave out of band.
        self.needs_fingerprint = not identity.trusts_a_ca(workspace.data)
        self.ui.fingerprintLabel.setVisible(self.needs_fingerprint)
        self.ui.fingerprint.setVisible(self.needs_fingerprint)
        self.ui.reference.toggled.connect(self._choice_changed)
        self.ui.browse.clicked.connect(self.browse)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self._choice_changed()

    @property
    def wants_demo(self) -> bool:
        return self.ui.demo.isChecked()

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Reference package from HQ"), self.ui.packagePath.text(),
            _("Inspector bundles (*.inspector-bundle);;All files (*)"))
        if path:
            self.ui.packagePath.setText(path)

    def accept(self) -> None:
        name = self.ui.name.text().strip()
        if name:
            settings.put(self.workspace, settings.USER_NAME, name)
            self.workspace.actor = name
        settings.put(self.workspace, settings.USER_ROLE, self.ui.role.currentData())
        if self.ui.reference.isChecked():
            self._import()
        else:
            super().accept()

    def _import(self) -> None:
        path = self.ui.packagePath.text().strip()
        fingerprint = self.ui.fingerprint.text().strip() if self.needs_fingerprint else ""
        if not path:
            self._tell(_("Choose the reference package file HQ gave you."), self.ui.packagePath)
            return
        if self.needs_fingerprint and not fingerprint:
            self._tell(_("Type the fingerprint of HQ's CA as HQ gave it to you (by phone, letter or in person), "
                         "not as the package shows it: it proves the package comes from HQ."), self.ui.fingerprint)
            return
        self._busy(True)
        self.ui.referenceStatus.setText(_("Importing the reference package…"))
        self.runner.submit(
            "reference",
            lambda _p: reference_package.import_reference(self.workspace, path, accept_ca=fingerprint or None),
            on_success=self._imported, on_failure=self._failed)

    def reject(self) -> None:
        if self.ui.buttons.isEnabled():  # not while a package is being imported
            super().reject()

    def _imported(self, result: reference_package.ReferenceResult) -> None:
        self.imported = result
        self._busy(False)
        super().accept()

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.ui.referenceStatus.setText(_("Not imported: {error}").format(error=message))

    def _tell(self, message: str, field: QWidget) -> None:
        self.ui.referenceStatus.setText(message)
        field.setFocus()

    def _busy(self, busy: bool) -> None:
        for widget in (self.ui.referenceBox, self.ui.buttons, self.ui.demo, self.ui.reference, self.ui.empty):
            widget.setEnabled(not busy)
        if not busy:
            self._choice_changed()

    def _choice_changed(self) -> None:
        self.ui.referenceBox.setEnabled(self.ui.reference.isChecked())
