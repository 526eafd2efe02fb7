"""Sync: export for HQ, share with a colleague, import bundles, and settle the conflicts of a team merge.

Exports and imports run on the window's ``TaskRunner`` (off the GUI thread, with progress and cancel); the
view asks for files and the passphrase first, on the GUI thread. Files are imported one after the other, each
whole or not at all; a reference package that this laptop cannot check yet asks for HQ's CA fingerprint and is
tried again. Resolving a conflict is one short transaction, done at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QInputDialog, QLineEdit, QTableWidgetItem, QWidget

from inspector_app.domain import labels
from inspector_app.domain.answers import display
from inspector_app.domain.workflow import Status
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, current_language, ngettext
from inspector_app.locale_format import format_date
from inspector_app.progress import Progress
from inspector_app.services import bundle_export, conflicts, identity, inspections, team_merge
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.conflicts import ConflictView
from inspector_app.services.inspections import InspectionState
from inspector_app.services.reference_package import CaNotAccepted, ReferenceResult
from inspector_app.services.workspace import Workspace
from inspector_app.ui.forms.sync_view_ui import Ui_SyncView
from inspector_app.ui.review_view import subject, type_label
from inspector_app.ui.workers import Task, TaskRunner

SUFFIX = ".inspector-bundle"


def bundle_filter() -> str:
    return _("Inspector bundles (*.inspector-bundle);;All files (*)")


def describe(name: str, result: ImportResult | ReferenceResult) -> str:
    """What one imported file did, as a sentence."""
    if result.already_imported:
        return _("{file}: imported before; nothing changed.").format(file=name)
    if isinstance(result, ReferenceResult):
        text = _("{file}: reference package from {signer}; records added: {added}, updated: {updated}; "
                 "new template versions: {templates}.").format(
            file=name, signer=result.signer, added=sum(c.added for c in result.tables.values()),
            updated=sum(c.updated for c in result.tables.values()), templates=len(result.templates_added))
    else:
        answers = result.counts.get("answer", {})
        text = _("{file}: merged from {sender}; answers added: {added}, updated: {updated}.").format(
            file=name, sender=result.sender, added=answers.get("added", 0), updated=answers.get("updated", 0))
        if result.conflicts:
            text += " " + ngettext("{n} conflict to resolve below.", "{n} conflicts to resolve below.",
                                   result.conflicts).format(n=result.conflicts)
    return " ".join([text, *result.notes])


class SyncView(QWidget):
    """The Sync page of the main window; ``load()`` it each time it is shown."""

    conflictsChanged = Signal(int)  # how many conflicts are open now
    dataChanged = Signal(str)  # an inspection whose records changed; "" when any may have

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.folder = Path.home()  # where the last bundle was saved or opened
        self.open_conflicts: list[ConflictView] = []
        self._task: Task | None = None
        self._return_focus: QWidget | None = None  # where the keyboard was when work started
        self._queue: list[tuple[Path, str | None]] = []  # files still to import, with a CA fingerprint
        self.ui = Ui_SyncView()
        self.ui.setupUi(self)
        header = self.ui.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.browseCertificate.clicked.connect(self.browse_certificate)
        self.ui.exportHq.clicked.connect(self.export_for_hq)
        self.ui.share.clicked.connect(self.share)
        self.ui.importBundles.clicked.connect(self.import_bundles)
        self.ui.keepMine.clicked.connect(lambda: self.resolve(conflicts.Choice.MINE))
        self.ui.keepTheirs.clicked.connect(lambda: self.resolve(conflicts.Choice.THEIRS))
        self.ui.edit.clicked.connect(self.edit)
        self.ui.cancel.clicked.connect(self.cancel)
        self.ui.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self._busy(False)

    # -- showing ------------------------------------------------------------------------------
    def load(self, current_inspection: str | None = None) -> None:
        """Read the inspections and open conflicts again; preselect ``current_inspection`` if given."""
        combo = self.ui.inspection
        chosen = current_inspection or (combo.currentData() if combo.count() else None)
        combo.clear()
        for state in inspections.list_states(self.workspace):
            combo.addItem(f"{_inspection_label(state)} — {Status(state.inspection.status).label}", state.inspection.id)
            combo.setItemData(combo.count() - 1, state.checklist.template.title.get(current_language()),
                              Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        self.refresh_conflicts()

    def focus_first(self) -> None:
        """The conflicts when there are some (the likely task), else the export button."""
        (self.ui.table if self.open_conflicts else self.ui.exportHq).setFocus()

    def refresh_conflicts(self) -> None:
        table = self.ui.table
        row = max(table.currentRow(), 0)
        try:
            self.open_conflicts = conflicts.list_open(self.workspace)
        except InspectorError as exc:
            self.say(str(exc))
            return
        states = {}
        for c in self.open_conflicts:
            if c.inspection_id not in states:
                states[c.inspection_id] = inspections.load(self.workspace, c.inspection_id)
        table.setRowCount(0)
        table.setRowCount(len(self.open_conflicts))
        for r, c in enumerate(self.open_conflicts):
            state = states[c.inspection_id]
            for col, text in enumerate(_cells(c, state)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(self._tooltip(c, col, state))
                table.setItem(r, col, cell)
        self._fit_columns()
        if self.open_conflicts:
            table.setCurrentCell(min(row, len(self.open_conflicts) - 1), 0)
        self._show_count()
        self._update_buttons()
        self.conflictsChanged.emit(len(self.open_conflicts))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The inspection column as wide as its texts but at most a quarter of the table; the item takes the rest."""
        table = self.ui.table
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, min(table.columnWidth(0), max(table.viewport().width() // 4, 120)))

    def say(self, text: str) -> None:
        self.ui.status.setText(text)

    # -- sending ------------------------------------------------------------------------------
    def browse_certificate(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("HQ's transport certificate"), self.ui.certificate.text() or str(self.folder),
            _("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path:
            self.ui.certificate.setText(path)

    def export_for_hq(self) -> None:
        """A signed field-report bundle for HQ: every inspection, or only the chosen one; encrypted if asked."""
        only = self.ui.onlyThis.isChecked()
        if only and not self.ui.inspection.currentData():
            self.say(_("There is no inspection to export yet."))
            return
        refs = [self.ui.inspection.currentData()] if only else None
        try:
            recipient = self._recipient()
        except InspectorError as exc:
            self.say(_("Not exported: {error}").format(error=exc))
            self.ui.certificate.setFocus()
            return
        path = self._save_path(_("Export for HQ"), f"field-report-{datetime.now():%Y%m%d-%H%M}")
        passphrase = self._passphrase() if path else None
        if path is None or passphrase is None:
            return
        sealed = _(" (encrypted for HQ)") if recipient is not None else ""
        self._run(_("Exporting for HQ…"),
                  lambda p: bundle_export.export_bundle(self.workspace, path, passphrase, refs, progress=p,
                                                        encrypt_to=recipient),
                  lambda manifest: self._written(path, manifest, sealed))

    def share(self) -> None:
        """A peer-merge bundle of the chosen inspection, for a colleague of the team."""
        inspection_id = self.ui.inspection.currentData()
        if not inspection_id:
            self.say(_("There is no inspection to share yet."))
            return
        path = self._save_path(_("Share with a colleague"), f"team-{datetime.now():%Y%m%d-%H%M}")
        passphrase = self._passphrase() if path else None
        if path is None or passphrase is None:
            return
        self._run(_("Writing the bundle for your colleague…"),
                  lambda p: team_merge.export_peer(self.workspace, path, passphrase, [inspection_id], progress=p),
                  lambda manifest: self._written(path, manifest, ""))

    # -- receiving ----------------------------------------------------------------------------
    def import_bundles(self) -> None:
        """Ask for bundles (a colleague's, or HQ's reference package) and import them one by one."""
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Import bundles"), str(self.folder), bundle_filter())
        if not paths:
            return
        self.folder = Path(paths[0]).parent
        self.ui.results.clear()
        self._queue = [(Path(p), None) for p in paths]
        self._import_next()

    def _import_next(self) -> None:
        if not self._queue:
            self._imports_done(_("Import finished."))
            return
        path, fingerprint = self._queue.pop(0)
        self._run(_("Importing {file}…").format(file=path.name),
                  lambda p: _import(self.workspace, path, fingerprint, p),
                  lambda result: self._imported(path, fingerprint, result),
                  lambda message: self._import_failed(path, message),
                  lambda: self._import_failed(path, _("Cancelled."), stop=True))

    def _imports_done(self, text: str) -> None:
        self.load()
        self.say(text)
        self.dataChanged.emit("")  # the files before a refusal or a cancel were imported

    def _imported(self, path: Path, fingerprint: str | None, result: Any) -> None:
        if isinstance(result, CaNotAccepted) and fingerprint is None:
            given = self._fingerprint(path, result)
            if given:
                self._queue.insert(0, (path, given))
            else:
                self._add_result(_("{file}: not imported: {error}").format(file=path.name, error=result))
        elif isinstance(result, CaNotAccepted):
            self._add_result(_("{file}: not imported: {error}").format(file=path.name, error=result))
        else:
            self._add_result(describe(path.name, result))
        self._import_next()

    def _import_failed(self, path: Path, message: str, stop: bool = False) -> None:
        self._add_result(_("{file}: not imported: {error}").format(file=path.name, error=message))
        if stop:
            self._queue.clear()
            self._imports_done(_("Cancelled."))
        else:
            self._import_next()

    def _add_result(self, text: str) -> None:
        self.ui.results.addItem(text)
        self.ui.results.setCurrentRow(self.ui.results.count() - 1)

    # -- conflicts ----------------------------------------------------------------------------
    def current_conflict(self) -> ConflictView | None:
        row = self.ui.table.currentRow()
        return self.open_conflicts[row] if 0 <= row < len(self.open_conflicts) else None

    def resolve(self, choice: conflicts.Choice, text: str | None = None) -> bool:
        """Settle the selected conflict; the list is read again and the next conflict selected."""
        conflict = self.current_conflict()
        if conflict is None or self._task is not None:
            return False
        item = self.ui.table.item(self.ui.table.currentRow(), 1).text()
        try:
            answer = conflicts.resolve(self.workspace, conflict.id, choice, text)
        except InspectorError as exc:
            self.say(_("Not resolved: {error}").format(error=exc))
            return False
        done = {conflicts.Choice.MINE: _("{item}: your answer is kept."),
                conflicts.Choice.THEIRS: _("{item}: their answer is kept."),
                conflicts.Choice.EDIT: _("{item}: set to {value}.")}[conflicts.Choice(choice)]
        self.say(done.format(item=item, value=display(inspections.value_of(answer))))
        self.refresh_conflicts()
        self.dataChanged.emit(conflict.inspection_id)
        self.ui.table.setFocus()
        return True

    def edit(self) -> bool:
        """Settle the selected conflict with a new value, typed as in the checklist."""
        conflict = self.current_conflict()
        if conflict is None:
            return False
        text, ok = QInputDialog.getText(
            self, _("Resolve with a new value"),
            _("New value for {item}, typed as in the checklist (for example yes, 12 or found=8 serviceable=7):")
            .format(item=conflict.key), QLineEdit.EchoMode.Normal, display(conflict.mine))
        if not ok:
            return False
        return self.resolve(conflicts.Choice.EDIT, text.strip())

    # -- work ---------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the running export or import at its next check (an import is then not applied at all)."""
        self._queue.clear()
        if self._task is not None:
            self._task.cancel()

    def _run(self, text: str, work: Callable[[Progress], Any], done: Callable[[Any], None],
             failed: Callable[[str], None] | None = None, cancelled: Callable[[], None] | None = None) -> None:
        self._busy(True)
        self.say(text)

        def attach(task: Task) -> None:  # before the task starts: no signal can be missed
            self._task = task
            task.progressed.connect(self._progressed)
            task.cancelled.connect(cancelled or (lambda: self.say(_("Cancelled."))))
            task.ended.connect(lambda: self._ended(task))

        self.runner.started.connect(attach)
        try:
            self.runner.submit("sync", work, on_success=done, on_failure=failed or self.say)
        finally:
            self.runner.started.disconnect(attach)

    def _ended(self, task: Task) -> None:
        if self._task is task:  # not a task that ended after the next one had started
            self._task = None
            self._busy(False)

    def _progressed(self, done: int, total: int) -> None:
        self.ui.progress.setRange(0, max(total, 1))
        self.ui.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        """While work runs, only Cancel is enabled, and it has the keyboard focus; afterwards the focus returns."""
        focus = QApplication.focusWidget()
        if busy:
            self.ui.progress.setRange(0, 0)  # busy until the first report
            self.ui.progress.show()
            self.ui.cancel.show()
            if focus is not None and self.isAncestorOf(focus) and focus is not self.ui.cancel:
                self._return_focus = focus
                self.ui.cancel.setFocus()
        for widget in (self.ui.sendBox, self.ui.importBundles, self.ui.table):
            widget.setEnabled(not busy)
        self._update_buttons()
        if not busy:
            back, self._return_focus = self._return_focus, None
            if back is not None and back.isEnabled() and focus in (None, self.ui.cancel):
                back.setFocus()
            self.ui.progress.hide()
            self.ui.cancel.hide()

    def _update_buttons(self) -> None:
        selected = self._task is None and self.current_conflict() is not None
        for button in (self.ui.keepMine, self.ui.keepTheirs, self.ui.edit):
            button.setEnabled(selected)

    def _written(self, path: Path, manifest: bundle_export.Manifest, sealed: str) -> None:
        self.say(_("Wrote {file}{sealed}; inspections: {inspections}, answers: {answers}.").format(
            file=path, sealed=sealed, inspections=manifest.record_counts.get("inspection", 0),
            answers=manifest.record_counts.get("answer", 0)))

    def _recipient(self) -> Any:
        text = self.ui.certificate.text().strip()
        if not text:
            return None
        # refused before any file is asked for
        return identity.recipient(self.workspace.data, Path(text)).certificate

    def _save_path(self, title: str, stem: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, str(self.folder / f"{stem}{SUFFIX}"),
                                                    bundle_filter())
        if not path:
            return None
        chosen = Path(path)
        if not chosen.suffix:
            chosen = chosen.with_suffix(SUFFIX)
        self.folder = chosen.parent
        return chosen

    def _passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, _("Sign the bundle"), _("Passphrase of your signing key:"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def _fingerprint(self, path: Path, refusal: CaNotAccepted) -> str | None:
        text, ok = QInputDialog.getText(
            self, _("HQ's CA fingerprint"),
            _("{file} comes from a CA this laptop does not trust yet ({error}).\n\nType the fingerprint of HQ's "
              "CA as HQ gave it to you (by phone, letter or in person), not as the package shows it:")
            .format(file=path.name, error=refusal))
        return text.strip() if ok and text.strip() else None

    def _show_count(self) -> None:
        n = len(self.open_conflicts)
        self.ui.conflictsLabel.setText(
            _("&Conflicts to resolve: {n}. Choose a row, then keep mine, keep theirs or edit.").format(n=n)
            if n else _("&Conflicts to resolve: none."))

    def _tooltip(self, conflict: ConflictView, column: int, state: InspectionState) -> str:
        if column in (2, 3):
            return _("Remark: {remark}").format(remark=conflict.mine_remark) if conflict.mine_remark else ""
        if column in (4, 5):
            return _("Remark: {remark}").format(remark=conflict.theirs_remark) if conflict.theirs_remark else ""
        if column == 0:
            return state.checklist.template.title.get(current_language())
        found = f"{format_date(conflict.found_at)} {conflict.found_at:%H:%M}"
        return _("{key}, found in a merge on {date}").format(key=conflict.key, date=found)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.load()
        super().changeEvent(event)


def _cells(conflict: ConflictView, state: InspectionState) -> tuple[str, ...]:
    """Inspection, item, mine, mine by, theirs, theirs by: as words, in the current language."""
    lang, template = current_language(), state.checklist.template
    slot = state.checklist.slot(conflict.key)
    item = ", ".join(t for t in (slot.item.label.get(lang), subject(slot)) if t) if slot else conflict.key
    return (_inspection_label(state), item, labels.answer(template, slot, conflict.mine, lang), conflict.mine_by,
            labels.answer(template, slot, conflict.theirs, lang), conflict.theirs_by)


def _inspection_label(state: InspectionState) -> str:
    """Short enough for a table cell: the unit and the type of inspection (the template title is in a tooltip)."""
    return f"{state.unit.name}, {type_label(state.inspection.type)}"


def _import(ws: Workspace, path: Path, fingerprint: str | None, progress: Progress) -> Any:
    """Run on the worker: the result, or the refusal that asks for HQ's CA fingerprint (returned, not raised)."""
    try:
        return team_merge.import_file(ws, path, accept_ca=fingerprint, progress=progress)
    except CaNotAccepted as exc:
        return exc
