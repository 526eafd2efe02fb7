"""The photos panel and the annotation dialog: import with progress and cancel, captions, delete and undo."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from inspector_app.services import attachments, inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui.annotate_dialog import AnnotateDialog
from inspector_app.ui.photos_panel import ID_ROLE, PhotosPanel
from inspector_app.ui.workers import Task, TaskRunner

pytestmark = pytest.mark.gui

PHOTO_ITEM = "me.general.defect_photos"


def _jpeg(path: Path, size: tuple[int, int] = (320, 240), orientation: int | None = None) -> Path:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    Image.new("RGB", size, (90, 120, 140)).save(path, "JPEG", quality=85, exif=exif)
    return path


@pytest.fixture
def inspection_id(ws: Workspace, unit_name: str) -> str:
    return inspections.start(ws, unit_name, "coe-major-equipment", "arrival").id


@pytest.fixture
def panel(qtbot: QtBot, ws: Workspace, inspection_id: str) -> PhotosPanel:
    widget = PhotosPanel(ws, TaskRunner(inline=True))
    qtbot.addWidget(widget)
    widget.set_target(inspection_id, PHOTO_ITEM, editable=True)
    return widget


def _texts(panel: PhotosPanel) -> list[str]:
    return [panel.ui.photos.item(i).text() for i in range(panel.ui.photos.count())]


def _select(panel: PhotosPanel, row: int) -> None:
    panel.ui.photos.clearSelection()
    panel.ui.photos.item(row).setSelected(True)


def test_import_shows_upright_thumbnails(qtbot: QtBot, panel: PhotosPanel, tmp_path: Path) -> None:
    assert panel.ui.emptyLabel.isVisibleTo(panel) and panel.ui.addButton.isEnabled()
    files = [_jpeg(tmp_path / "IMG_1.JPG", (4000, 3000), orientation=6), _jpeg(tmp_path / "IMG_2.JPG")]
    with qtbot.waitSignal(panel.changed):
        task = panel.add_files(files)
    assert task is not None
    assert _texts(panel) == ["IMG_1.JPG", "IMG_2.JPG"]
    assert not panel.ui.emptyLabel.isVisibleTo(panel) and not panel.ui.importRow.isVisibleTo(panel)
    assert (panel.ui.importBar.value(), panel.ui.importBar.maximum()) == (2, 2)
    portrait = panel.ui.photos.item(0).icon().pixmap(128, 128).size()
    assert (portrait.width(), portrait.height()) == (96, 128)  # EXIF orientation applied
    assert panel.selected_ids() == [panel.ui.photos.item(i).data(ID_ROLE) for i in range(2)]


def test_import_runs_off_the_gui_thread(qtbot: QtBot, ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    runner = TaskRunner()
    panel = PhotosPanel(ws, runner)
    qtbot.addWidget(panel)
    panel.set_target(inspection_id, "", editable=True)
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        panel.add_files([_jpeg(tmp_path / "a.jpg"), _jpeg(tmp_path / "b.jpg", (64, 64))])
        assert not panel.ui.addButton.isEnabled()  # one import at a time
    runner.wait()
    assert _texts(panel) == ["a.jpg", "b.jpg"] and panel.ui.addButton.isEnabled()


def test_bad_file_is_reported_and_the_others_imported(qtbot: QtBot, panel: PhotosPanel, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff" + b"\x00" * 100)
    with qtbot.waitSignal(panel.failed) as failure, qtbot.waitSignal(panel.changed):
        panel.add_files([_jpeg(tmp_path / "good.jpg"), broken])
    assert "1 of 2 files refused: broken.jpg is a damaged" in failure.args[0]
    assert _texts(panel) == ["good.jpg"]


def test_cancel_keeps_the_photos_imported_so_far(
    qtbot: QtBot, panel: PhotosPanel, tmp_path: Path, ws: Workspace, inspection_id: str
) -> None:
    def press_cancel_after_the_first(task: Task) -> None:
        task.progressed.connect(lambda done, _total: panel.ui.cancelImportButton.click() if done == 1 else None)

    panel.runner.started.connect(press_cancel_after_the_first)
    files = [_jpeg(tmp_path / f"{n}.jpg", (200 + n, 100)) for n in range(4)]
    with qtbot.waitSignal(panel.changed):
        task = panel.add_files(files)
    assert task is not None
    assert _texts(panel) == ["0.jpg", "1.jpg"]  # the file under way when cancelled is finished
    assert len(attachments.list_for(ws, inspection_id, PHOTO_ITEM)) == 2
    assert not panel.ui.importRow.isVisibleTo(panel) and panel.ui.addButton.isEnabled()


def test_caption_is_saved_when_editing_finishes(
    qtbot: QtBot, panel: PhotosPanel, tmp_path: Path, ws: Workspace, inspection_id: str
) -> None:
    panel.add_files([_jpeg(tmp_path / "a.jpg"), _jpeg(tmp_path / "b.jpg", (100, 100))])
    _select(panel, 1)
    assert panel.ui.caption.isEnabled() and panel.ui.caption.text() == ""
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClicks(panel.ui.caption, "Line 3: flat tyre")
        qtbot.keyClick(panel.ui.caption, Qt.Key.Key_Return)
    assert [a.caption for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)] == ["", "Line 3: flat tyre"]
    assert _texts(panel) == ["a.jpg", "Line 3: flat tyre"]
    _select(panel, 0)
    assert panel.ui.caption.text() == ""


def test_delete_key_and_undo(qtbot: QtBot, panel: PhotosPanel, tmp_path: Path, ws: Workspace,
                             inspection_id: str) -> None:
    stack = QUndoStack()
    panel.set_undo_stack(stack)
    panel.add_files([_jpeg(tmp_path / f"{n}.jpg", (100 + n, 100)) for n in range(3)])
    ids = [a.id for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)]
    _select(panel, 1)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.ui.photos, Qt.Key.Key_Delete)
    assert _texts(panel) == ["0.jpg", "2.jpg"]
    assert inspections.load(ws, inspection_id).values()[PHOTO_ITEM] == [ids[0], ids[2]]
    assert stack.count() == 1 and stack.undoText() == "Delete 1.jpg"
    with qtbot.waitSignal(panel.changed):
        stack.undo()
    assert _texts(panel) == ["0.jpg", "1.jpg", "2.jpg"]
    assert inspections.load(ws, inspection_id).values()[PHOTO_ITEM] == ids
    assert panel.selected_ids() == [ids[1]]
    stack.redo()
    assert [a.id for a in attachments.list_for(ws, inspection_id, PHOTO_ITEM)] == [ids[0], ids[2]]


def test_read_only_target_offers_no_changes(qtbot: QtBot, panel: PhotosPanel, tmp_path: Path,
                                            inspection_id: str) -> None:
    panel.add_files([_jpeg(tmp_path / "a.jpg")])
    panel.set_target(inspection_id, PHOTO_ITEM, editable=False)
    _select(panel, 0)
    buttons = (panel.ui.addButton, panel.ui.annotateButton, panel.ui.deleteButton, panel.ui.caption)
    assert not any(b.isEnabled() for b in buttons)
    assert panel.add_files([_jpeg(tmp_path / "b.jpg")]) is None
    qtbot.keyClick(panel.ui.photos, Qt.Key.Key_Delete)
    assert _texts(panel) == ["a.jpg"]


def test_dropped_files_are_imported(qtbot: QtBot, panel: PhotosPanel, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_jpeg(tmp_path / "dropped.jpg"))),
                  QUrl.fromLocalFile(str(tmp_path / "x.txt"))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.changed):
        panel.dropEvent(drop)
    assert _texts(panel) == ["dropped.jpg"]
    text_only = QMimeData()
    text_only.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    refused = QDragEnterEvent(QPoint(1, 1), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()


def _draw(qtbot: QtBot, dialog: AnnotateDialog, start: QPoint, end: QPoint) -> None:
    viewport = dialog.ui.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_annotating_saves_a_copy_and_keeps_the_original(
    qtbot: QtBot, panel: PhotosPanel, tmp_path: Path, ws: Workspace, inspection_id: str
) -> None:
    original_file = _jpeg(tmp_path / "IMG_9.JPG", (400, 300))
    panel.add_files([original_file])
    _select(panel, 0)
    dialog = panel.annotate_selected()
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    shortcuts = [b.shortcut().toString() for b in (dialog.ui.arrowButton, dialog.ui.circleButton, dialog.ui.textButton)]
    assert shortcuts == ["A", "C", "T"]
    qtbot.mouseClick(dialog.ui.circleButton, Qt.MouseButton.LeftButton)
    view = dialog.ui.view
    _draw(qtbot, dialog, view.mapFromScene(QPointF(100, 80)), view.mapFromScene(QPointF(300, 220)))
    assert len(dialog.marks) == 1 and isinstance(dialog.marks[0], QGraphicsEllipseItem)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    original, copy = attachments.list_for(ws, inspection_id, PHOTO_ITEM)
    assert copy.original_id == original.id and copy.media_type == "image/png"
    assert attachments.media_bytes(ws, original, display=False) == original_file.read_bytes()
    with Image.open(io.BytesIO(attachments.media_bytes(ws, copy))) as image:
        assert image.size == (400, 300)
        red = image.convert("RGB").getpixel((200, 80))  # top of the circle
        assert red[0] > 200 and red[1] < 60 and red[2] < 60
        assert image.convert("RGB").getpixel((200, 150))[0] < 150  # inside: the photo itself
    assert _texts(panel) == ["IMG_9.JPG", "IMG_9-annotated.png"] and panel.selected_ids() == [copy.id]


def test_arrow_text_and_undo_last_mark(qtbot: QtBot, ws: Workspace, inspection_id: str, tmp_path: Path) -> None:
    row = attachments.attach(ws, inspection_id, PHOTO_ITEM, _jpeg(tmp_path / "a.jpg"), caption="APC 2")
    dialog = AnnotateDialog(ws, row)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ui.caption.text() == "APC 2" and not dialog.save_button.isEnabled()
    _draw(qtbot, dialog, QPoint(20, 20), QPoint(120, 90))  # the arrow tool is the default
    dialog.ask_text = lambda: "Crack"
    dialog.ui.textButton.click()
    qtbot.mouseClick(dialog.ui.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
    _draw(qtbot, dialog, QPoint(5, 5), QPoint(6, 6))  # a click with the text tool asks again: cancelled
    assert [type(m) for m in dialog.marks] == [QGraphicsPathItem, QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]
    dialog.ask_text = lambda: None
    qtbot.mouseClick(dialog.ui.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(70, 70))
    assert len(dialog.marks) == 3
    dialog.ui.undoButton.click()
    dialog.ui.undoButton.click()
    assert [type(m) for m in dialog.marks] == [QGraphicsPathItem]
    dialog.ui.caption.setText("APC 2, marked")
    saved = dialog.save()
    assert saved is not None and saved.caption == "APC 2, marked" and saved.original_id == row.id
