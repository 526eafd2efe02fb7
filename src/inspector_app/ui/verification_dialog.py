"""The verification report of a unit for a month or quarter: choose both, preview, save, sign in a role.

The report window's layout and behaviour (``ui.report_dialog.ReportDialog``: rendering on the worker with
progress, preview, save), with a unit, a period and the role to sign as; the work goes through
``services.verification_report.produce``. The report reads "PROVISIONAL" until the countersigning role signed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QWidget

from inspector_app.domain import verification
from inspector_app.errors import InspectorError
from inspector_app.i18n import N_, _
from inspector_app.progress import Progress
from inspector_app.services import units, verification_report
from inspector_app.services.report import Signer
from inspector_app.services.verification_report import ProducedVerification
from inspector_app.services.workspace import Workspace
from inspector_app.ui.report_dialog import ReportDialog, SignDigitallyDialog
from inspector_app.ui.workers import TaskRunner

ROLE_LABELS = {
    "coe_inspector": N_("COE inspector"),
    "contingent_commander": N_("Contingent commander"),
    "chief_coe_officer": N_("Chief COE officer"),
}


class VerificationReportDialog(ReportDialog):
    def __init__(self, workspace: Workspace, runner: TaskRunner, unit_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, "", runner, parent)
        self.setWindowTitle(_("Verification report"))
        self.produced: ProducedVerification | None = None
        row = QHBoxLayout()
        self.unit = QComboBox(self)
        for entry in units.list_units(workspace):
            self.unit.addItem(f"{entry.unit.name} ({entry.unit.contributing_country})", entry.unit.id)
        if unit_id is not None and (index := self.unit.findData(unit_id)) >= 0:
            self.unit.setCurrentIndex(index)
        self.period = QLineEdit(verification.period_of(date.today()).code, self)
        self.period.setPlaceholderText("2026Q4 / 2026-11")
        self.period.setToolTip(_("A quarter like 2026Q4 or a month like 2026-11"))
        self.role = QComboBox(self)
        self.role.setEnabled(False)
        for label, widget in ((_("&Unit:"), self.unit), (_("&Period:"), self.period), (_("Sign &as:"), self.role)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addStretch(1)
        self.ui.layout.insertLayout(0, row)

    def generate(self) -> None:
        if not self._checked():
            return
        super().generate()

    def sign(self, passphrase: str | None = None, image: bytes | None = None) -> bool:
        """Sign the report shown in the role chosen; False when refused at once or not asked."""
        if self.produced is None or not self._checked():
            return False
        if passphrase is None:
            ask = SignDigitallyDialog(self)
            ask.pad.hide()  # the verification report's blocks hold the digital signature itself
            ask.clear_button.hide()
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            passphrase = ask.signer().passphrase
        signer = Signer(passphrase, self.role.currentData())
        self._busy(True, _("Signing the report…"))
        self._generation += 1
        self._task = self.runner.submit("sign", self._work(self.lang, signer),
                                        on_success=self._signed, on_failure=self._failed)
        return True

    def _checked(self) -> bool:
        try:
            verification.parse_period(self.period.text())
        except InspectorError:
            self.ui.status.setText(_("Write the period like 2026Q4 (a quarter) or 2026-11 (a month)."))
            return False
        if self.unit.currentData() is None:
            self.ui.status.setText(_("There is no unit to report on yet."))
            return False
        return True

    def _work(self, lang: str, signer: Signer | None = None) -> Callable[[Progress], Any]:
        unit, period = self.unit.currentData(), self.period.text()

        def run(task: Progress) -> ProducedVerification:
            def step(done: int, total: int) -> None:
                task.report(done, total)
                self.stepped.emit(done, total)
            return verification_report.produce(self.workspace, unit, period, lang, sign=signer,
                                               progress=Progress(step))
        return run

    def _rendered(self, produced: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._take(produced)
        state = _("provisional") if produced.provisional else _("countersigned")
        if produced.as_signed:
            self._busy(False, _("This is the report as signed ({state}); another signer can co-sign it.").format(
                state=state))
            return
        self._busy(False, _("{pages} pages · document {doc} · {state}").format(
            pages=produced.pages, doc=produced.document_id, state=state))

    def _signed(self, produced: Any) -> None:
        self._task = None
        self._take(produced)
        state = _("provisional") if produced.provisional else _("countersigned")
        self._busy(False, _("Signed by {name} as {role}; the report is {state}.").format(
            name=produced.signed_by, role=_role(produced.role or ""), state=state))

    def _take(self, produced: ProducedVerification) -> None:
        self.produced = produced
        self._show(produced.pdf, produced.lang)
        current = self.role.currentData()
        self.role.clear()
        for role in produced.roles:
            self.role.addItem(_role(role), role)
        if current is not None and (index := self.role.findData(current)) >= 0:
            self.role.setCurrentIndex(index)
        self.role.setEnabled(True)

    def save_as(self, path: str | None = None) -> Any:
        if self.produced is not None and not path:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), self.produced.file_name,
                                                        "PDF (*.pdf)")
            if not path:
                return None
        return super().save_as(path)


def _role(code: str) -> str:
    return _(ROLE_LABELS[code]) if code in ROLE_LABELS else code
