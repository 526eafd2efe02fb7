"""Open HQ's consolidation database: this data folder's SQLite file, another SQLite file, or a PostgreSQL server.

What a person gives becomes a URL and is opened by ``services.hq_database``; the dialog opens the database off
the window's thread, showing a refusal in one line so that the person can correct it. After ``exec()``,
``workspace`` and ``url`` hold the open database.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.paths import DataDir
from inspector_app.services.hq_database import database_place, database_url, open_hq
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.forms.hq_open_dialog_ui import Ui_HqOpenDialog
from inspector_app.ui.workers import TaskRunner


class HqOpenDialog(QDialog):
    """Choose HQ's database; it is opened (off the window's thread) before the dialog closes."""

    def __init__(self, data: DataDir, actor: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data, self.actor, self.runner = data, actor, runner
        self.workspace: Workspace | None = None
        self.url = ""
        self._opening = False
        self.ui = Ui_HqOpenDialog()
        self.ui.setupUi(self)
        self.ui.localPath.setText(str(data.hq_database) if data.hq_database.exists() else _(
            "{path} (created when first opened)").format(path=data.hq_database))
        for choice in (self.ui.local, self.ui.file, self.ui.server):
            choice.toggled.connect(self._choice_changed)
        self.ui.browse.clicked.connect(self.browse)
        self.ui.openButton.clicked.connect(self.open_database)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.progress.hide()
        self._choice_changed()

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("HQ's SQLite database"), self.ui.filePath.text() or str(self.data.root),
            _("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"))
        if path:
            self.ui.filePath.setText(path)
            self.ui.openButton.setFocus()

    def open_database(self) -> None:
        """Check the choice, then open the database on the runner; the dialog closes once it is open."""
        if self.ui.file.isChecked():
            given, field = self.ui.filePath.text().strip(), self.ui.filePath
            missing = _("Choose the SQLite file of HQ's database.")
        elif self.ui.server.isChecked():
            given, field = self.ui.url.text().strip(), self.ui.url
            missing = _("Type the server's URL, like postgresql+psycopg://user:password@host/database.")
        else:
            given, field, missing = "", self.ui.local, ""
        if missing and not given:
            self._tell(missing, field)
            return
        try:
            url = database_url(self.data, given)
        except InspectorError as exc:
            self._tell(str(exc), field)
            return
        self._busy(True)
        self.ui.status.setText(_("Opening {url}…").format(url=database_place(url)))
        self.ui.status.setPalette(self.palette())
        self.runner.submit("hq-open", lambda _p: open_hq(self.data, url, self.actor),
                           on_success=lambda ws: self._opened(ws, url), on_failure=self._failed)

    def reject(self) -> None:
        self._opening = False  # a database that opens after all is closed again (in _opened)
        super().reject()

    def _opened(self, workspace: Workspace, url: str) -> None:
        if not self._opening:
            workspace.close()
            return
        self._busy(False)
        self.workspace, self.url = workspace, url
        self.accept()

    def _failed(self, message: str) -> None:
        if self._opening:
            self._busy(False)
            self._tell(_("Not opened: {error}").format(error=message), self._checked())

    def _tell(self, message: str, field: QWidget) -> None:
        self.ui.status.setText(message)
        palette = self.ui.status.palette()
        palette.setColor(self.ui.status.foregroundRole(), theme.colour("shortfall"))
        self.ui.status.setPalette(palette)
        field.setFocus()

    def _checked(self) -> QWidget:
        return self.ui.filePath if self.ui.file.isChecked() else self.ui.url if self.ui.server.isChecked() \
            else self.ui.local

    def _busy(self, busy: bool) -> None:
        self._opening = busy
        self.ui.progress.setVisible(busy)
        for widget in (self.ui.local, self.ui.file, self.ui.server, self.ui.openButton):
            widget.setEnabled(not busy)
        self._choice_changed()

    def _choice_changed(self) -> None:
        free = not self._opening
        self.ui.filePath.setEnabled(free and self.ui.file.isChecked())
        self.ui.browse.setEnabled(free and self.ui.file.isChecked())
        self.ui.url.setEnabled(free and self.ui.server.isChecked())
