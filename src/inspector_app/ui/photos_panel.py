"""Photos of one checklist item (or of the whole inspection): thumbnails, captions, import, annotate, delete.

Imports run on the task runner with progress and cancel; a delete goes on the undo stack when one is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QStyle, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.progress import Progress
from inspector_app.services import attachments
from inspector_app.services.attachments import Attachment
from inspector_app.services.workspace import Workspace
from inspector_app.ui.annotate_dialog import AnnotateDialog, read_image
from inspector_app.ui.forms.photos_panel_ui import Ui_PhotosPanel
from inspector_app.ui.workers import Task, TaskRunner

SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf")
THUMBNAIL = 128
ID_ROLE = Qt.ItemDataRole.UserRole


class PhotosPanel(QWidget):
    """Widgets call the attachments service; ``changed`` tells the host to reload what it shows."""

    changed = Signal()  # photos, captions or the item's answer changed (edit, import, undo or redo)
    failed = Signal(str)  # a message for the user

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.ui = Ui_PhotosPanel()
        self.ui.setupUi(self)
        self.inspection_id = ""
        self.key = ""
        self.editable = False
        self.undo_stack: QUndoStack | None = None
        self._rows: dict[str, Attachment] = {}
        self._icons: dict[str, QIcon] = {}  # by the sha256 shown
        self._caption_for: str | None = None  # the attachment whose caption the line edit holds
        self._task: Task | None = None
        self.setAcceptDrops(True)
        self.ui.photos.viewport().setAcceptDrops(False)  # drops go to the panel, not to the list
        self.ui.photos.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.ui.photos.installEventFilter(self)
        self.ui.importRow.hide()
        self.ui.addButton.clicked.connect(self.choose_files)
        self.ui.annotateButton.clicked.connect(self.annotate_selected)
        self.ui.deleteButton.clicked.connect(self.delete_selected)
        self.ui.cancelImportButton.clicked.connect(self.cancel_import)
        self.ui.caption.editingFinished.connect(self._save_caption)
        self.ui.photos.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    # -- target -------------------------------------------------------------------------------
    def set_target(self, inspection_id: str, key: str, editable: bool) -> None:
        """Show the photos of item ``key`` ("" for the whole inspection) of ``inspection_id``."""
        self._save_caption()
        self.inspection_id, self.key, self.editable = inspection_id, key, editable
        self.reload()

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        self.undo_stack = stack

    def reload(self, select: Sequence[str] = ()) -> None:
        """Read the attachments again; ``select`` the given ids (else keep the current selection)."""
        keep = set(select) or set(self.selected_ids())
        photos = self.ui.photos
        photos.blockSignals(True)
        photos.clear()
        try:
            rows = attachments.list_for(self.workspace, self.inspection_id, self.key) if self.inspection_id else []
        except InspectorError as exc:
            rows = []
            self.failed.emit(str(exc))
        self._rows = {row.id: row for row in rows}
        for row in rows:
            item = QListWidgetItem(self._icon(row), row.caption or row.filename)
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.filename if not row.caption else f"{row.caption}\n{row.filename}")
            photos.addItem(item)
            if row.id in keep:
                item.setSelected(True)
                photos.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        photos.blockSignals(False)
        self.ui.emptyLabel.setVisible(not rows)
        self.ui.addButton.setEnabled(self.editable and bool(self.inspection_id) and self._task is None)
        self._selection_changed()

    def selected_ids(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.ui.photos.selectedItems()]

    # -- import -------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Add photos"), "", _("Photos and PDF documents") + " (*.jpg *.jpeg *.png *.pdf)")
        if names:
            self.add_files(names)

    def add_files(self, paths: Sequence[str | Path]) -> Task | None:
        """Import ``paths`` on the task runner; None when nothing can be imported now."""
        files = [str(p) for p in paths]
        if not files or not self.editable or not self.inspection_id or self._task is not None:
            return None
        ws, inspection_id, key = self.workspace, self.inspection_id, self.key

        def work(progress: Progress) -> list[Attachment]:
            return attachments.attach_many(ws, inspection_id, key, files, progress=progress)

        self.ui.importBar.setRange(0, len(files))
        self.ui.importBar.setValue(0)
        self.ui.importRow.show()
        self.ui.addButton.setEnabled(False)
        # Connect before the task runs (an inline runner runs it within submit).
        self.runner.started.connect(self._import_started)
        try:
            task = self.runner.submit(_("Import photos"), work, self._imported, self._import_failed)
        finally:
            self.runner.started.disconnect(self._import_started)
        return task

    def cancel_import(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.ui.cancelImportButton.setEnabled(False)

    def _import_started(self, task: Task) -> None:
        self._task = task
        self.ui.cancelImportButton.setEnabled(True)
        task.progressed.connect(self._import_progressed)
        task.ended.connect(self._import_ended)

    def _import_progressed(self, done: int, total: int) -> None:
        self.ui.importBar.setRange(0, total)
        self.ui.importBar.setValue(done)

    def _imported(self, rows: list[Attachment]) -> None:
        self.reload(select=[row.id for row in rows])

    def _import_failed(self, message: str) -> None:
        self.failed.emit(message)

    def _import_ended(self) -> None:
        self._task = None
        self.ui.importRow.hide()
        self.reload()
        self.changed.emit()

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802  (Qt's name)
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = self._dropped_files(event)
        if files and self.add_files(files) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def _dropped_files(self, event: QDropEvent) -> list[str]:
        if not self.editable or not self.inspection_id or self._task is not None or not event.mimeData().hasUrls():
            return []
        return [
            url.toLocalFile() for url in event.mimeData().urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUFFIXES
        ]

    # -- caption, annotate, delete ------------------------------------------------------------
    def _selection_changed(self) -> None:
        self._save_caption()
        ids = self.selected_ids()
        one = self._rows.get(ids[0]) if len(ids) == 1 else None
        self._caption_for = one.id if one else None
        self.ui.caption.setText(one.caption if one else "")
        self.ui.caption.setEnabled(self.editable and one is not None)
        self.ui.annotateButton.setEnabled(
            self.editable and one is not None and one.media_type.startswith("image/"))
        self.ui.deleteButton.setEnabled(self.editable and bool(ids))

    def _save_caption(self) -> None:
        row = self._rows.get(self._caption_for or "")
        text = self.ui.caption.text().strip()
        if row is None or not self.editable or text == row.caption:
            return
        try:
            self._rows[row.id] = attachments.set_caption(self.workspace, row.id, text)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            return
        item = self._item(row.id)
        if item is not None:
            item.setText(text or row.filename)
        self.changed.emit()

    def annotate_selected(self) -> AnnotateDialog | None:
        """Open the annotation dialog (window-modal, not blocking) for the one selected photo."""
        ids = self.selected_ids()
        row = self._rows.get(ids[0]) if len(ids) == 1 else None
        if row is None or not self.editable or not row.media_type.startswith("image/"):
            return None
        dialog = AnnotateDialog(self.workspace, row, self)
        dialog.saved.connect(self._annotated)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _annotated(self, row: Attachment) -> None:
        self.reload(select=[row.id])
        self.changed.emit()

    def delete_selected(self) -> bool:
        """Delete the selected attachments (one undoable step); False when refused."""
        ids = self.selected_ids()
        if not ids or not self.editable:
            return False
        removed = self.remove_ids(ids)
        if removed and self.undo_stack is not None:
            self.undo_stack.push(_DeleteCommand(self, removed))
        return len(removed) == len(ids)

    def remove_ids(self, ids: Sequence[str]) -> list[Attachment]:
        removed: list[Attachment] = []
        try:
            for attachment_id in ids:
                removed.append(attachments.remove(self.workspace, attachment_id))
        except InspectorError as exc:
            self.failed.emit(str(exc))
        self._caption_for = None
        self.reload()
        self.changed.emit()
        return removed

    def restore_rows(self, rows: Sequence[Attachment]) -> bool:
        try:
            for row in reversed(rows):
                attachments.restore(self.workspace, row)
        except InspectorError as exc:
            self.failed.emit(str(exc))
            ok = False
        else:
            ok = True
        self.reload(select=[row.id for row in rows])
        self.changed.emit()
        return ok

    # -- events -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.ui.photos
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
        super().changeEvent(event)

    # -- helpers ------------------------------------------------------------------------------
    def _item(self, attachment_id: str) -> QListWidgetItem | None:
        photos = self.ui.photos
        return next((photos.item(i) for i in range(photos.count()) if photos.item(i).data(ID_ROLE) == attachment_id),
                    None)

    def _icon(self, row: Attachment) -> QIcon:
        if not row.media_type.startswith("image/"):
            return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        sha = row.display_sha256 or row.sha256
        if sha not in self._icons:
            self._icons[sha] = thumbnail(self.workspace, row) or self.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._icons[sha]


def thumbnail(ws: Workspace, row: Attachment, size: int = THUMBNAIL) -> QIcon | None:
    """An upright thumbnail of the photo's display copy (or original); None when it cannot be read."""
    try:
        image = read_image(attachments.media_bytes(ws, row, display=True), fit=size)
    except InspectorError:
        return None
    return None if image.isNull() else QIcon(QPixmap.fromImage(image))


class _DeleteCommand(QUndoCommand):
    """Undo puts the deleted attachments back (same ids); redo deletes them again."""

    def __init__(self, panel: PhotosPanel, removed: list[Attachment]) -> None:
        text = _("Delete {name}").format(name=removed[0].filename) if len(removed) == 1 else _(
            "Delete {n} photos").format(n=len(removed))
        super().__init__(text)
        self.panel, self.removed = panel, removed
        self._done = True  # deleted before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if len(self.panel.remove_ids([row.id for row in self.removed])) != len(self.removed):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.panel.restore_rows(self.removed):
            self.setObsolete(True)
