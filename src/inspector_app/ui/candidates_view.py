"""Candidates: the AMS registry (``services.candidates``) of this laptop or of HQ's database, searchable, with
each candidate's clearance, its expiry and their eligibility; expired and soon-expiring passes are marked.

On the laptop it is a page of the main window (Ctrl+4); in HQ mode, a window of its own (``CandidatesWindow``)
whose registry is read on the HQ window's ``TaskRunner``, like every read of HQ's database."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidgetItem, QVBoxLayout, QWidget

from inspector_app.domain import ams, labels
from inspector_app.i18n import _, current_language, ngettext
from inspector_app.locale_format import NONE, format_date
from inspector_app.services import candidates
from inspector_app.services.candidates import Candidate
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.forms.candidates_view_ui import Ui_CandidatesView
from inspector_app.ui.workers import TaskRunner

VALID_UNTIL = 6  # the column marked when a pass has expired or expires soon


class CandidatesView(QWidget):
    """The registry page; ``load()`` reads the database again, on ``runner`` when given. ``today`` fixes the day
    (tests)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today, self.runner = workspace, today, runner
        self.found: list[Candidate] = []
        self.ui = Ui_CandidatesView()
        self.ui.setupUi(self)
        self.ui.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.table.verticalHeader().setVisible(False)
        self.ui.search.textChanged.connect(self.show_found)
        self.ui.search.returnPressed.connect(self.ui.table.setFocus)
        self.ui.expiringOnly.toggled.connect(self.show_found)

    def load(self) -> None:
        if self.runner is None:
            self.show_registry(candidates.registry(self.workspace))
            return
        self.ui.count.setText(_("Reading the registry…"))
        self.runner.submit("candidates", lambda _p: candidates.registry(self.workspace),
                           on_success=self.show_registry, on_failure=self.ui.count.setText)

    def show_registry(self, found: list[Candidate]) -> None:
        self.found = found
        self.show_found()

    def focus_first(self) -> None:
        self.ui.search.setFocus()

    def day(self) -> date:
        return self.today or date.today()

    def show_found(self) -> None:
        """Fill the table with the candidates that the search text and the expiry filter let through."""
        day = self.day()
        before = day + timedelta(days=ams.SOON_DAYS + 1) if self.ui.expiringOnly.isChecked() else None
        shown = candidates.search(self.found, self.ui.search.text().strip(), expiring_before=before)
        table = self.ui.table
        table.clearContents()
        headers = [_("Name"), _("National id"), _("Rank"), _("Gender"), _("Country"), _("Cleared for service"),
                   _("Valid until"), _("Eligibility")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(shown))
        for row, candidate in enumerate(shown):
            for col, cell in enumerate(self._cells(candidate, day)):
                table.setItem(row, col, cell)
        self.ui.count.setText(ngettext("{n} candidate of {total}", "{n} candidates of {total}", len(shown)).format(
            n=len(shown), total=len(self.found)))

    def _cells(self, c: Candidate, day: date) -> list[QTableWidgetItem]:
        lang = current_language()
        failed = c.failed_label.get(lang) if c.failed_label else ""
        cleared = _("yes") if c.cleared else (_("no: {test}").format(test=failed) if failed else _("no"))
        found = c.eligibility(day)
        cells = [QTableWidgetItem(text) for text in (
            c.name, c.id_number, c.rank, labels.gender(c.gender), c.country, cleared,
            _valid_until(c, day, lang), found.text() if found else NONE)]
        if c.valid_until is not None and (not c.valid_on(day) or ams.expiring_soon(c.valid_until, day)):
            marked = cells[VALID_UNTIL]
            marked.setForeground(theme.colour("shortfall" if not c.valid_on(day) else "attention"))
            font = marked.font()
            font.setBold(True)
            marked.setFont(font)
        cells[-1].setToolTip(cells[-1].text())
        cells[0].setToolTip(_("{unit}, {mission}; assessed {day}").format(
            unit=c.unit, mission=c.mission, day=format_date(c.assessed_on, lang)))
        return cells

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.show_found()
        super().changeEvent(event)


class CandidatesWindow(QDialog):
    """HQ mode: the registry of HQ's database (named by ``place``) in a window of its own; Esc closes it."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.place = place
        self.view = CandidatesView(workspace, self, runner=runner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(1100, 640)
        self._retranslate()

    def present(self) -> None:
        """Shown in front, and given the keyboard once the window system has shown it."""
        self.show()
        self.raise_()
        QTimer.singleShot(0, self.activateWindow)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Candidates (AMS) — HQ — {database}").format(database=self.place))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _valid_until(c: Candidate, day: date, lang: str) -> str:
    """The last valid day, and "(expired)" or "(expires soon)" when it applies."""
    if c.valid_until is None:
        return NONE
    shown = format_date(c.valid_until, lang)
    if not c.valid_on(day):
        return _("{day} (expired)").format(day=shown)
    return _("{day} (expires soon)").format(day=shown) if ams.expiring_soon(c.valid_until, day) else shown
