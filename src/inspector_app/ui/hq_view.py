"""HQ mode: HQ's consolidation database in the window.

Per mission and unit, the figures of ``inspector hq summary`` (``services.hq_views.mission_summary``; docs/hq.md
says which inspections count), serviceability over time for the selected unit or every unit of the mission
(``hq_chart``), and the selected unit's open shortfalls; Enter on a unit (or "MOU versions…") lists its MOU versions
(``mou_versions_dialog``, read-only); "Charts by mission…" opens HQ's charts (``hq_charts_panel``), and the chart's
context menu saves it as PNG or CSV; "Candidates (AMS)…" (or Ctrl+4) opens HQ's AMS registry (``candidates_view``).
Actions: import field-report bundles, export for reimbursement (CSV or XLSX), the quarterly COE status report of a
mission or of every mission (PDF or XLSX, English or French; the PDF signed when asked), refresh.

Every read and write of HQ's database runs on the window's ``TaskRunner`` (the work itself is in ``hq_tasks``): one
background thread, one queue, so the summary read after an import sees it. Files and passphrases are asked first,
on the GUI thread: HQ's identity passphrase only when a chosen file is encrypted (``services.hq_import.any_encrypted``),
so the worker never waits for a person. Bundles are imported one call per file: each file says in one sentence what
it did, a cancel stops before the next file, and a refusal names its reason and its copy in quarantine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from inspector_app.domain import verification
from inspector_app.domain.quarter_status import quarter_of
from inspector_app.domain.template_model import Rules
from inspector_app.domain.workflow import Status
from inspector_app.errors import InspectorError
from inspector_app.i18n import N_, _, current_language, ngettext
from inspector_app.locale_format import format_date, format_percent
from inspector_app.progress import Progress
from inspector_app.services import archive, hq_export, hq_import, hq_views
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.hq_database import database_place
from inspector_app.services.hq_import import Refusal
from inspector_app.services.hq_views import InspectionRef, MissionSummary, UnitSummary
from inspector_app.services.report import Signer
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.candidates_view import CandidatesView, CandidatesWindow
from inspector_app.ui.forms.hq_view_ui import Ui_HqView
from inspector_app.ui.hq_chart import PaintedChart, series_of
from inspector_app.ui.hq_charts_panel import ChartSaving, HqChartsPanel
from inspector_app.ui.hq_plans import HqPlans
from inspector_app.ui.hq_tasks import (
    ImportRun,
    Snapshot,
    Written,
    archive_reports,
    describe,
    describe_archived,
    import_bundles,
    read,
    write_performance,
    write_report,
)
from inspector_app.ui.mou_grid import ColouredDelegate
from inspector_app.ui.mou_versions_dialog import MouVersionsDialog
from inspector_app.ui.review_view import type_label
from inspector_app.ui.settings_dialog import LANGUAGE_NAMES
from inspector_app.ui.signed_verifications_box import SignedVerificationsBox
from inspector_app.ui.sync_view import bundle_filter
from inspector_app.ui.workers import Task, TaskRunner

AOC_LABELS = {"pass": N_("PASS"), "fail": N_("FAIL"), "pending": N_("pending")}
NUMBERS = (3, 5, 6, 7)  # right-aligned columns of the unit table


def current_quarter(today: date | None = None) -> str:
    today = today or date.today()
    return quarter_of(today)


class HqView(QWidget):
    """The HQ page of the main window; ``load()`` reads the database again."""

    def __init__(self, workspace: Workspace, url: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.url, self.runner = workspace, url, runner
        self.snapshot = Snapshot((), Rules().serviceability_threshold)
        self.folder = Path.home()  # where the last file was saved or opened
        self.ca_folder: Path | None = None  # HQ's CA folder, once chosen (to archive signed reports)
        self._task: Task | None = None
        self._return_focus: QWidget | None = None  # where the keyboard was when work started
        self._moved_to: QWidget | None = None
        self._shut = False  # the page is going: results that still come are dropped
        self.ui = Ui_HqView()
        self.ui.setupUi(self)
        for code, name in LANGUAGE_NAMES.items():
            self.ui.language.addItem(name, code)
        self.ui.language.setCurrentIndex(max(self.ui.language.findData(current_language()), 0))
        self.ui.quarter.setText(current_quarter())
        for table in (self.ui.table, self.ui.shortfalls):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.setItemDelegate(_Delegate(table))
        self.ui.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # category, item: elided when narrow, whole in the tooltip
            self.ui.shortfalls.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.signed = SignedVerificationsBox(self.ui.splitter)  # the mission's signed verification reports
        self.plans = HqPlans(workspace, runner, self.ui.mission, self)  # the chosen mission's planned inspections
        self.ui.splitter.addWidget(self.plans)
        self.charts_button = QPushButton(self)  # HQ's charts, in a window of their own
        self.ui.topRow.addWidget(self.charts_button)
        self.charts_button.clicked.connect(self.show_charts)
        self.charts: HqChartsPanel | None = None
        self.candidates_button = QPushButton(self)  # HQ's AMS registry, in a window of its own
        self.ui.topRow.addWidget(self.candidates_button)
        self.candidates_button.clicked.connect(self.show_candidates)
        self.candidates: CandidatesWindow | None = None
        self.saving = ChartSaving(self, self._chart_name, self.say)  # the chart's PNG and CSV
        self.ui.splitter.setSizes([200, 500, 150])
        self.ui.lower.setSizes([500, 500])
        self.ui.results.hide()  # until files are imported
        self.refresh_action = QAction(self)  # F5 as well as Alt+R; listed in the shortcuts (F1)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.ui.mission.currentIndexChanged.connect(lambda _i: (self._fill_units(), self._fill_signed()))
        self.ui.table.currentCellChanged.connect(lambda *_a: self._unit_changed())
        self.ui.table.activated.connect(lambda _index: self.show_mou_versions())
        self.ui.mouVersions.clicked.connect(self.show_mou_versions)
        self.ui.allUnits.toggled.connect(lambda _c: self._draw_chart())
        self.ui.refresh.clicked.connect(self.refresh)
        self.ui.importBundles.clicked.connect(self.import_bundles)
        self.ui.archive.clicked.connect(self.archive_signed)
        self.ui.export.clicked.connect(self.export)
        self.ui.exportLines.clicked.connect(lambda: self.export_per_line())
        self.ui.report.clicked.connect(lambda: self.write_report())
        self.ui.performanceReport.clicked.connect(self.write_performance_report)
        self.ui.cancel.clicked.connect(self.cancel)
        self._actions = (self.ui.mission, self.ui.allUnits, self.ui.refresh, self.ui.importBundles, self.ui.archive,
                         self.ui.export, self.ui.exportLines, self.ui.mouVersions,
                         self.ui.quarter, self.ui.language, self.ui.signReport, self.ui.globalReport,
                         self.ui.report, self.ui.performanceReport)
        self._set_heading()
        self._busy(False)

    # -- showing ------------------------------------------------------------------------------
    def load(self, then: str = "") -> None:
        """Read the summary again off the GUI thread; ``then`` is the status to show once it is read."""
        self._run(_("Reading HQ's database…"), lambda _p: read(self.workspace),
                  lambda snap: self.show_snapshot(snap, then))
        self.plans.load()
        if self.charts is not None and self.charts.isVisible():
            self.charts.load()
        if self.candidates is not None and self.candidates.isVisible():
            self.candidates.view.load()

    def show_charts(self) -> None:
        """The charts window, its figures read again."""
        self.charts = self.charts or HqChartsPanel(self.workspace, self.runner, self)
        self.charts.show()
        self.charts.raise_()
        self.charts.load()

    def show_candidates(self) -> CandidatesView:
        """The AMS candidate registry of HQ's database in its window, read again, the keyboard in its search."""
        self.candidates = self.candidates or CandidatesWindow(self.workspace, self.runner, database_place(self.url),
                                                              self)
        self.candidates.present()
        self.candidates.view.load()
        self.candidates.view.focus_first()
        return self.candidates.view

    def _chart_name(self, _chart: PaintedChart) -> str:
        """``serviceability-MINUDEM-SEN-FPU-1``, or ``…-all-units``."""
        mission, unit = self.current_mission(), self.current_unit()
        shown = "all-units" if self.ui.allUnits.isChecked() or unit is None else unit.name.replace(" ", "-")
        return f"serviceability-{mission.code if mission else 'hq'}-{shown}"

    def show_snapshot(self, snapshot: Snapshot, status: str = "") -> None:
        self.snapshot = snapshot
        combo, chosen = self.ui.mission, self.ui.mission.currentData()
        combo.blockSignals(True)
        combo.clear()
        for mission in snapshot.missions:
            combo.addItem(f"{mission.code} — {mission.name}", mission.code)
            combo.setItemData(combo.count() - 1, mission.name, Qt.ItemDataRole.ToolTipRole)  # when it is elided
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self._fill_units()
        self._fill_signed()
        units = sum(len(m.units) for m in snapshot.missions)
        self.say(status or (ngettext("{n} mission", "{n} missions", len(snapshot.missions)).format(
            n=len(snapshot.missions)) + ", " + ngettext("{n} unit.", "{n} units.", units).format(n=units)
            if snapshot.missions else _("No mission in this database yet: import field reports.")))

    def focus_first(self) -> None:
        self.ui.table.setFocus()

    def current_mission(self) -> MissionSummary | None:
        code = self.ui.mission.currentData()
        return next((m for m in self.snapshot.missions if m.code == code), None)

    def current_unit(self) -> UnitSummary | None:
        mission, row = self.current_mission(), self.ui.table.currentRow()
        return mission.units[row] if mission is not None and 0 <= row < len(mission.units) else None

    def say(self, text: str) -> None:
        self.ui.status.setText(text)

    def restyle(self) -> None:
        """The theme changed: colours are chosen by meaning when cells are filled."""
        self._fill_units()

    def _fill_units(self) -> None:
        table, mission = self.ui.table, self.current_mission()
        previous = self.current_unit()
        units = mission.units if mission is not None else ()
        table.setRowCount(0)
        table.setRowCount(len(units))
        for r, unit in enumerate(units):
            for c, (text, tip, colour) in enumerate(_unit_cells(unit, self.snapshot.threshold)):
                _put(table, r, c, text, tip, colour, right=c in NUMBERS)
        if units:
            ids = [u.unit_id for u in units]
            table.setCurrentCell(ids.index(previous.unit_id) if previous and previous.unit_id in ids else 0, 0)
        self._unit_changed()

    def _fill_signed(self) -> None:
        code = self.ui.mission.currentData()
        self.signed.show_reports([r for r in self.snapshot.signed if r.mission_code == code])

    def _unit_changed(self) -> None:
        self._draw_chart()
        self._show_details(self.current_unit())

    def _draw_chart(self) -> None:
        mission, unit = self.current_mission(), self.current_unit()
        units = (mission.units if mission else ()) if self.ui.allUnits.isChecked() else (unit,) if unit else ()
        self.ui.chart.set_data([series_of(u) for u in units], self.snapshot.threshold)

    def _show_details(self, unit: UnitSummary | None) -> None:
        table = self.ui.shortfalls
        table.setRowCount(0)
        if unit is None:
            self.ui.detailsNote.setText("")
            return
        if unit.latest_coe is None:
            note = _("{unit}: no settled COE major-equipment inspection yet, so no shortfall to show.").format(
                unit=unit.name)
        else:
            note = _("{unit}: latest settled COE inspection: {inspection}.").format(
                unit=unit.name, inspection=inspection_text(unit.latest_coe))
            if not unit.shortfalls:
                note += " " + _("No MOU line is short.")
        if unit.open_actions:
            note += " " + ngettext("{n} open improvement action.", "{n} open improvement actions.",
                                   unit.open_actions).format(n=unit.open_actions)
        self.ui.detailsNote.setText(note)
        table.setRowCount(len(unit.shortfalls))
        for r, s in enumerate(unit.shortfalls):
            for c, text in enumerate((s.line_no, s.category, s.item, s.mou_quantity, s.found, s.serviceable,
                                      s.shortfall)):
                _put(table, r, c, str(text), str(text) if c in (1, 2) else "",
                     "shortfall" if c == 6 else None, right=c not in (1, 2))

    # -- actions ------------------------------------------------------------------------------
    def import_bundles(self) -> None:
        """Ask for field-report bundles (and HQ's passphrase if one is encrypted), then import them."""
        names, _filter = QFileDialog.getOpenFileNames(self, _("Import field reports"), str(self.folder),
                                                      bundle_filter())
        if not names:
            return
        paths = [Path(n) for n in names]
        self.folder = paths[0].parent
        secret = None
        if hq_import.any_encrypted(paths):
            secret, ok = QInputDialog.getText(
                self, _("Encrypted field reports"),
                _("Some files are encrypted for HQ. Passphrase of HQ's identity:"), QLineEdit.EchoMode.Password)
            if not ok:
                return
        self.ui.results.clear()
        self.ui.results.show()
        self._run(ngettext("Importing {n} file…", "Importing {n} files…", len(paths)).format(n=len(paths)),
                  lambda p: import_bundles(self.workspace, paths, secret, p), self._imported, cancellable=True)

    def archive_signed(self) -> None:
        """Ask for HQ's CA folder and the CA's passphrase, then archive the signed reports that wait (B-LTA)."""
        chosen = QFileDialog.getExistingDirectory(self, _("HQ's CA folder (with its timestamp authority)"),
                                                  str(self.ca_folder or self.folder))
        if not chosen:
            return
        self.ca_folder = Path(chosen)
        secret, ok = QInputDialog.getText(self, _("Archive signed reports"), _("Passphrase of HQ's CA:"),
                                          QLineEdit.EchoMode.Password)
        if not ok:
            return
        folder = self.ca_folder
        self.ui.results.clear()
        self.ui.results.show()
        self._run(_("Archiving signed reports…"), lambda p: archive_reports(self.workspace, folder, secret, p),
                  self._archived)

    def export(self) -> None:
        """Every COE major-equipment inspection × MOU line, for reimbursement staff."""
        path = self._save_path(_("Export for reimbursement"), f"coe-export-{date.today():%Y%m%d}",
                               {".csv": _("CSV (*.csv)"), ".xlsx": _("Excel workbook (*.xlsx)")})
        if path is None:
            return
        self._run(_("Exporting…"), lambda _p: hq_export.export(self.workspace, path, path.suffix[1:]),
                  lambda done: self.say(_("Wrote {file}: {rows} MOU lines of {n} COE inspections.").format(
                      file=path, rows=done.rows, n=done.inspections)))

    def export_per_line(self, path: Path | None = None) -> None:
        """The verification reports' figures for the period in the quarter field (a quarter, or a month like
        2026-11): one row per unit × MOU line, CSV or XLSX."""
        period = self.ui.quarter.text().strip()
        try:
            code = verification.parse_period(period).code
        except InspectorError:
            self.say(_("Write the period like 2026Q4 (a quarter) or 2026-11 (a month)."))
            return
        path = path or self._save_path(_("Export per MOU line"), f"coe-lines-{code}",
                                       {".csv": _("CSV (*.csv)"), ".xlsx": _("Excel workbook (*.xlsx)")})
        if path is None:
            return
        target = path
        self._run(_("Exporting…"),
                  lambda _p: hq_export.export_per_line(self.workspace, target, target.suffix[1:], code),
                  lambda done: self.say(_("Wrote {file}: {rows} MOU lines of {n} units for {period}.").format(
                      file=target, rows=done.rows, n=done.inspections, period=code)))

    def write_report(self, passphrase: str | None = None) -> None:
        """The quarterly COE status report of the chosen mission, or of every mission when "Global" is ticked, as
        PDF or XLSX; the PDF signed when "Sign the PDF" is ticked (the passphrase asked unless given), off the GUI
        thread with progress."""
        chosen = self._report_scope()
        if chosen is None:
            return
        code, quarter = chosen
        lang = self.ui.language.currentData()
        path = self._save_path(_("Quarterly COE status report"), f"COE-{code or 'ALL'}-{quarter.upper()}",
                               {".pdf": _("PDF (*.pdf)"), ".xlsx": _("Excel workbook (*.xlsx)")})
        if path is None:
            return
        signer = None
        if self.ui.signReport.isChecked():
            if path.suffix.lower() != ".pdf":
                self.say(_("Only the PDF report is signed: save it as PDF, or untick “Sign the PDF”."))
                return
            if passphrase is None:
                passphrase, ok = QInputDialog.getText(self, _("Sign digitally"), _("Passphrase of your signing key:"),
                                                      QLineEdit.EchoMode.Password)
                if not ok:
                    return
            signer = Signer(passphrase)
        self._run(_("Signing the report…") if signer else _("Writing the report…"),
                  lambda progress: write_report(self.workspace, code, quarter, path, lang, signer, progress),
                  self._written)

    def write_performance_report(self) -> None:
        """The quarterly performance report of the chosen mission, or of every mission when "Global" is ticked, as
        PDF or XLSX (not signed), off the GUI thread."""
        chosen = self._report_scope()
        if chosen is None:
            return
        code, quarter = chosen
        path = self._save_path(_("Quarterly performance report"), f"PERF-{code or 'ALL'}-{quarter.upper()}",
                               {".pdf": _("PDF (*.pdf)"), ".xlsx": _("Excel workbook (*.xlsx)")})
        if path is None:
            return
        lang = self.ui.language.currentData()
        self._run(_("Writing the report…"),
                  lambda _p: write_performance(self.workspace, code, quarter, path, lang),
                  lambda done: self.say(_("Wrote {file}: {assessed} of {units} units assessed in the quarter.").format(
                      file=done.path, assessed=done.inspected, units=done.units)))

    def _report_scope(self) -> tuple[str | None, str] | None:
        """The mission code (None: every mission, "Global" ticked) and the quarter a report covers; None, said,
        when there is no mission or the quarter is not written like 2026Q4."""
        mission, quarter = self.current_mission(), self.ui.quarter.text().strip()
        if mission is None:
            self.say(_("There is no mission to report on yet."))
            return None
        try:
            hq_views.quarter_dates(quarter)
        except InspectorError:
            self.say(_("Write the quarter like 2026Q4."))
            self.ui.quarter.setFocus()
            return None
        return (None if self.ui.globalReport.isChecked() else mission.code), quarter

    def show_mou_versions(self) -> None:
        """Read the selected unit's MOU versions, then show them in a dialog."""
        unit = self.current_unit()
        if unit is None or self._task is not None:
            return
        self._run(_("Reading the MOU versions of {unit}…").format(unit=unit.name),
                  lambda _p: hq_views.mou_versions(self.workspace, unit.unit_id),
                  lambda found: self._mou_versions_read(unit.name, found[1]))

    def _mou_versions_read(self, name: str, versions: list[hq_views.MouVersionView]) -> None:
        self.say(ngettext("{unit}: {n} MOU version.", "{unit}: {n} MOU versions.", len(versions)).format(
            unit=name, n=len(versions)))
        MouVersionsDialog(name, versions, self).open()

    def shut(self) -> None:
        """Before the page goes: a running import stops before its next file, nothing more is shown, and its windows
        (charts, candidates) close."""
        self._shut = True
        self.cancel()
        for window in (self.charts, self.candidates):
            if window is not None:
                window.close()

    def refresh(self) -> None:
        if self._task is None:
            self.load()

    def cancel(self) -> None:
        """The import stops before its next file (only imports offer Cancel: the rest is quick)."""
        if self._task is not None:
            self._task.cancel()

    def _written(self, done: Written) -> None:
        inspected = _("{inspected} of {units} units inspected in the quarter.").format(
            inspected=done.inspected, units=done.units)
        if done.signed_by is not None:
            self.say(_("Wrote {file}: document {id}, signed by {signer} as {role}; {inspected}").format(
                file=done.path, id=done.document_id, signer=done.signed_by, role=done.role, inspected=inspected))
        elif done.pages is None and done.document_id is not None:
            self.say(_("Wrote {file}: the signed report, document {id}; {inspected}").format(
                file=done.path, id=done.document_id, inspected=inspected))
        elif done.pages is None:
            self.say(_("Wrote {file}: {inspected}").format(file=done.path, inspected=inspected))
        else:
            self.say(_("Wrote {file}: {pages} pages, document {id}; {inspected}").format(
                file=done.path, pages=done.pages, id=done.document_id, inspected=inspected))

    def _imported(self, run: ImportRun) -> None:
        for path, outcome in run.outcomes:
            self.ui.results.addItem(describe(path, outcome))
        if run.untried:
            reason = _("Cancelled.") if run.error is None else _("Stopped: {error}.").format(
                error=run.error.rstrip("."))
            self.ui.results.addItem(" ".join([reason, ngettext(
                "{n} file was not imported.", "{n} files were not imported.", run.untried).format(n=run.untried)]))
        self.ui.results.setCurrentRow(self.ui.results.count() - 1)
        refused = sum(isinstance(o, Refusal) for _p, o in run.outcomes)
        before = sum(isinstance(o, ImportResult) and bool(o.already_imported) for _p, o in run.outcomes)
        finished = _("Import finished: {imported} imported, {before} imported before, {refused} refused.").format(
            imported=len(run.outcomes) - refused - before, before=before, refused=refused)
        if run.waiting:
            finished += " " + ngettext(
                "{n} signed report waits for archiving (Archive signed reports…).",
                "{n} signed reports wait for archiving (Archive signed reports…).", run.waiting).format(n=run.waiting)
        self.load(then=finished)

    def _archived(self, run: archive.Run) -> None:
        lines = describe_archived(run)
        self.ui.results.addItems(lines)
        self.ui.results.setCurrentRow(self.ui.results.count() - 1)
        self.say(lines[-1])

    # -- work ---------------------------------------------------------------------------------
    def _run(self, text: str, work: Callable[[Progress], Any], done: Callable[[Any], None],
             cancellable: bool = False) -> None:
        if self._shut:
            return
        self._busy(True, cancellable)
        self.say(text)
        first: list[Task] = []

        def attach(task: Task) -> None:  # before the task starts, so no signal is missed; only the task
            if not first:                # submitted here, not one that its result (run inline) submits
                first.append(task)
                self._attach(task)

        self.runner.started.connect(attach)
        try:
            self.runner.submit("hq", work, on_success=self._live(done), on_failure=self._live(self.say))
        finally:
            self.runner.started.disconnect(attach)

    def _attach(self, task: Task) -> None:
        self._task = task
        task.progressed.connect(self._live(self._progressed))
        task.cancelled.connect(self._live(lambda: self.say(_("Cancelled."))))
        task.ended.connect(self._live(lambda: self._ended(task)))

    def _live(self, slot: Callable[..., None]) -> Callable[..., None]:
        """``slot``, unless the page has gone meanwhile (a result queued before it went arrives after)."""
        def call(*args: Any) -> None:
            if not self._shut:
                slot(*args)

        return call

    def _ended(self, task: Task) -> None:
        if self._task is task:  # not one that ended after the next one (a refresh after an import) started
            self._task = None
            self._busy(False)

    def _progressed(self, done: int, total: int) -> None:
        self.ui.progress.setRange(0, max(total, 1))
        self.ui.progress.setValue(done)

    def _busy(self, busy: bool, cancellable: bool = False) -> None:
        """While work runs the actions wait (Cancel, for an import, has the keyboard); then the focus goes back."""
        focus = QApplication.focusWidget()
        if busy and self._return_focus is None and focus is not None and self.isAncestorOf(focus):
            self._return_focus = focus
        for widget in self._actions:
            widget.setEnabled(not busy)
        self.ui.progress.setVisible(busy)
        self.ui.cancel.setVisible(busy and cancellable)
        if busy:
            self.ui.progress.setRange(0, 0)  # busy until the first report
            if cancellable and self._return_focus is not None:
                self.ui.cancel.setFocus()
            self._moved_to = QApplication.focusWidget()  # where the focus went: Cancel, or past a disabled widget
            return
        back, self._return_focus = self._return_focus, None
        if back is not None and back.isEnabled() and focus in (None, self.ui.cancel, self._moved_to):
            back.setFocus()

    def _save_path(self, title: str, stem: str, kinds: dict[str, str]) -> Path | None:
        """A file to write, its suffix one of ``kinds`` (added from the chosen filter when none is typed)."""
        suffixes = list(kinds)
        name, chosen = QFileDialog.getSaveFileName(self, title, str(self.folder / f"{stem}{suffixes[0]}"),
                                                   ";;".join(kinds.values()))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in suffixes:
            path = path.with_name(path.name + next((s for s, k in kinds.items() if k == chosen), suffixes[0]))
        self.folder = path.parent
        return path.with_suffix(path.suffix.lower())

    def _set_heading(self) -> None:
        self.refresh_action.setText(self.ui.refresh.text())
        self.charts_button.setText(_("Charts b&y mission…"))
        self.candidates_button.setText(_("Candidates (AMS)…"))
        self.candidates_button.setToolTip(_("The AMS candidate registry of HQ's database: clearances, their expiry "
                                            "and eligibility (Ctrl+4)"))
        self.saving.add(self.ui.chart)
        self.ui.heading.setText(_("HQ's database {url}. Figures come from the settled inspections (ready for "
                                  "review, signed or exported) of the field reports imported into it.").format(
            url=database_place(self.url)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._set_heading()
            self.show_snapshot(self.snapshot)  # the figures and the status in the new language
        super().changeEvent(event)


def inspection_text(ref: InspectionRef | None) -> str:
    """'periodic, 2026-08-10 (signed)' in the current language."""
    if ref is None:
        return "—"
    state = Status(ref.status).label if ref.status in list(Status) else ref.status
    return _("{type}, {date} ({status})").format(type=type_label(ref.type),
                                                 date=format_date(ref.date), status=state)


def aoc_tooltip(u: UnitSummary) -> str:
    """The latest AOC, and once settled its officers certified and the women among them."""
    if u.aoc is None:
        return ""
    text = inspection_text(u.aoc.inspection)
    if u.certified_share is not None:
        text += "\n" + _("{share} of the officers assessed certified; women: {assessed} of those assessed, {certified} "
                         "of those certified").format(share=format_percent(u.certified_share),
                                                      assessed=format_percent(u.women_assessed_share),
                                                      certified=format_percent(u.women_certified_share))
    return text


def _unit_cells(u: UnitSummary, threshold: float) -> list[tuple[str, str, str | None]]:
    """(text, tooltip, theme colour name) of each column of a unit's row."""
    below = bool(u.trend) and u.trend[-1].below_threshold
    trend = " → ".join(format_percent(p.serviceability) for p in u.trend[-6:])
    aoc = u.aoc.outcome.value if u.aoc else None
    actions = str(u.open_actions) if u.open_actions else "—"
    if u.open_actions and u.oldest_action_due:
        actions = _("{n} (due {date})").format(n=u.open_actions, date=format_date(u.oldest_action_due))
    overdue = ngettext("{n} overdue", "{n} overdue", u.overdue_actions).format(n=u.overdue_actions)
    return [
        (u.name, u.kind, None),
        (u.country, "", None),
        (inspection_text(u.last_inspection), inspection_text(u.last_inspection), None),  # whole where elided
        (format_percent(u.serviceability),
         _("Indicator, every category pooled (not a COE result). Trend: {points}; standard {threshold}").format(
             points=trend, threshold=format_percent(threshold)) if trend else "", "shortfall" if below else None),
        (_(AOC_LABELS[aoc]) if aoc else "—", aoc_tooltip(u), {"pass": "ok", "fail": "shortfall"}.get(aoc or "")),
        (str(len(u.shortfalls)) if u.latest_coe else "—", "", "shortfall" if u.shortfalls else None),
        (f"{actions}, {overdue}" if u.overdue_actions else actions, overdue if u.overdue_actions else "",
         "shortfall" if u.overdue_actions else None),
        women_cell(u),
        ori_cell(u.next_ori_due, u.ori_overdue),
    ]


def women_cell(u: UnitSummary) -> tuple[str, str, str | None]:
    """The women's share, "below the target" in words when under the parity target; command positions in the
    tooltip."""
    below = u.women_share is not None and u.parity_target is not None and u.women_share < u.parity_target
    shown = format_percent(u.women_share)
    if below:
        shown = _("{share} (target {target})").format(share=shown, target=format_percent(u.parity_target))
    tip = [_("{women} women of {persons}").format(women=u.women, persons=u.strength)] if u.strength else []
    if u.in_command:
        tip.append(_("in command positions: {women} of {persons} ({share})").format(
            women=u.women_in_command, persons=u.in_command, share=format_percent(u.women_in_command_share)))
    if u.parity_target is not None:
        tip.append(_("parity target this year: {target}").format(target=format_percent(u.parity_target)))
    return shown, "; ".join(tip), "shortfall" if below else None


def ori_cell(due: date | None, overdue: bool) -> tuple[str, str, str | None]:
    """The next operational readiness inspection: its date, flagged in words (not colour alone) when overdue."""
    if due is None:
        return "—", _("No arrival inspection yet, or the unit is repatriated: no ORI due."), None
    if overdue:
        return (_("{date} — OVERDUE").format(date=format_date(due)),
                _("The operational readiness inspection was due on {date}.").format(date=format_date(due)), "shortfall")
    return format_date(due), _("Next operational readiness inspection due by {date}.").format(
        date=format_date(due)), None


class _Delegate(ColouredDelegate):
    """Cell colours show through the theme's stylesheet, except on the selected row: its colours stay legible."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            QStyledItemDelegate.paint(self, painter, option, index)
        else:
            super().paint(painter, option, index)


def _put(table: QTableWidget, row: int, column: int, text: str, tip: str, colour: str | None, right: bool) -> None:
    cell = QTableWidgetItem(text)
    cell.setToolTip(tip)
    if colour is not None:
        cell.setForeground(theme.colour(colour))
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    table.setItem(row, column, cell)
