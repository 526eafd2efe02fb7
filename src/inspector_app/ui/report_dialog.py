"""Generate the report off the GUI thread, preview its pages, save it, sign it digitally.

Both go through ``services.report.produce`` on the worker, with progress in the dialog's bar. Each language
is a rendition of its own: once signed in a language, the report in that language is its signed file (which
a co-signer signs again); a draft is never signed: signing renders the final report. Before signing, the
signer gives the passphrase of their key and may draw their signature (mouse or pen, ``SignaturePad``): it is
shown, with their name, role, the date and their certificate's serial, in the signature's field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language
from inspector_app.progress import Progress
from inspector_app.services import report, signing
from inspector_app.services.report import ProducedReport, Signer
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.report_dialog_ui import Ui_ReportDialog
from inspector_app.ui.pdf_preview import PdfPreview
from inspector_app.ui.settings_dialog import LANGUAGE_NAMES
from inspector_app.ui.signature_pad import SignaturePad
from inspector_app.ui.workers import Task, TaskRunner


class SignDigitallyDialog(QDialog):
    """The passphrase of the signing key and, optionally, the signer's drawn signature."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign digitally"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Passphrase of your signing key:"), self.passphrase_edit)
        layout.addLayout(form)
        note = QLabel(_("Your signature, drawn with the mouse or a pen (optional): the signed report "
                        "shows it with your name, role, the date and your certificate's serial."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.pad = SignaturePad(self)
        layout.addWidget(self.pad)
        self.clear_button = QPushButton(_("Clear the drawing"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        layout.addWidget(self.clear_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.passphrase_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))

    def signer(self) -> Signer:
        """Who signs, as given: the passphrase, and the drawing as PNG when there is one."""
        return Signer(self.passphrase_edit.text(), image=None if self.pad.is_empty else self.pad.to_png())


class ReportDialog(QDialog):
    stepped = Signal(int, int)  # the service's progress, from the worker

    def __init__(self, workspace: Workspace, inspection_id: str, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.inspection_id, self.runner = workspace, inspection_id, runner
        self.report: ProducedReport | None = None
        self.pdf = b""
        self.lang = current_language()  # the language of the report shown: the rendition "Sign digitally" signs
        self._task: Task | None = None
        self._generation = 0  # a result is shown only if no cancel or newer request came after it
        self.ui = Ui_ReportDialog()
        self.ui.setupUi(self)
        for code, name in LANGUAGE_NAMES.items():
            self.ui.language.addItem(name, code)
        self.ui.language.setCurrentIndex(self.ui.language.findData(current_language()))
        self.preview = PdfPreview(self.ui.previewHost)
        self.ui.previewLayout.addWidget(self.preview)
        self.ui.generate.clicked.connect(self.generate)
        self.ui.cancel.clicked.connect(self.cancel)
        self.ui.save.clicked.connect(self.save_as)
        self.ui.sign.clicked.connect(self.sign)
        self.stepped.connect(self._stepped)

    def generate(self) -> None:
        """The report in the chosen language: its signed file once that rendition is signed, else a draft."""
        lang = self.ui.language.currentData()
        self._busy(True, _("Rendering the report…"))
        self._generation += 1
        generation = self._generation
        self._task = self.runner.submit("report", self._work(lang),
                                        on_success=lambda produced: self._rendered(produced, generation),
                                        on_failure=self._failed)
        self._task.cancelled.connect(lambda: self._busy(False, _("Cancelled.")))

    def cancel(self) -> None:
        """Rendering runs to its end; a cancelled result is simply not shown."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._generation += 1
        self._busy(False, _("Cancelled."))

    def save_as(self, path: str | None = None) -> Path | None:
        if not path:
            suggested = self.report.file_name if self.report else "report.pdf"
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), suggested, "PDF (*.pdf)")
        if not path:
            return None
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            self.ui.status.setText(_("Could not save: {reason}").format(reason=exc.strerror))
            return None
        self.ui.status.setText(_("Saved to {path}").format(path=path))
        return Path(path)

    def sign(self, passphrase: str | None = None, image: bytes | None = None) -> bool:
        """Sign the report shown (in its language) off the GUI thread; False when refused at once or not asked.

        Without ``passphrase``, the signer is asked for it and may draw their signature (``image``, PNG)."""
        try:
            signing.check_can_sign(self.workspace, self.inspection_id)
        except InspectorError as exc:
            self.ui.status.setText(str(exc))
            return False
        if passphrase is None:
            ask = self.ask_signer()
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            signer = ask.signer()
        else:
            signer = Signer(passphrase, image=image)
        self._busy(True, _("Signing the report…"))
        self._generation += 1
        self._task = self.runner.submit("sign", self._work(self.lang, signer),
                                        on_success=self._signed, on_failure=self._failed)
        return True

    def ask_signer(self) -> SignDigitallyDialog:
        """The dialog asking for the passphrase and the drawn signature (a method: tests answer it)."""
        return SignDigitallyDialog(self)

    def _work(self, lang: str, signer: Signer | None = None) -> Callable[[Progress], ProducedReport]:
        """The service's job, run on the worker; its progress comes back to the bar through ``stepped``."""
        def run(task: Progress) -> ProducedReport:
            def step(done: int, total: int) -> None:
                task.report(done, total)  # stops here once cancelled
                self.stepped.emit(done, total)
            return report.produce(self.workspace, self.inspection_id, lang, sign=signer, progress=Progress(step))
        return run

    def _signed(self, produced: ProducedReport) -> None:
        self._task = None
        self._show(produced.pdf, produced.lang)
        self._busy(False, _("Signed. The inspection is now locked; corrections go into an amendment."))

    def _rendered(self, produced: ProducedReport, generation: int) -> None:
        if generation != self._generation:  # cancelled, or asked again, meanwhile
            return
        self._task = None
        self.report = produced
        self._show(produced.pdf, produced.lang)
        if produced.as_signed:  # a signed rendition is never rendered again: co-signers sign this very file
            self._busy(False, _("This is the report as signed; another signer can co-sign it."))
            return
        self._busy(False, _("{pages} pages · document {doc} · content hash {hash}").format(
            pages=produced.pages, doc=produced.document_id, hash=(produced.content_sha256 or "")[:16]))

    def _stepped(self, done: int, total: int) -> None:
        self.ui.progress.setRange(0, total)
        self.ui.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self._task = None
        self._busy(False, message)

    def _show(self, pdf: bytes, lang: str) -> None:
        self.pdf, self.lang = pdf, lang
        self.preview.show_pdf(pdf)
        self.ui.save.setEnabled(True)
        self.ui.sign.setEnabled(True)

    def _busy(self, busy: bool, text: str) -> None:
        if busy:
            self.ui.progress.setRange(0, 0)  # busy until the service's first report
        self.ui.progress.setVisible(busy)
        self.ui.generate.setEnabled(not busy)
        self.ui.cancel.setEnabled(busy)
        self.ui.status.setText(text)
