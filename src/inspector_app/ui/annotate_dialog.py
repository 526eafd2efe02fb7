"""Mark a defect on a photo with arrows, circles and text; saving adds an annotated copy, the original stays."""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QFont,
    QImage,
    QImageReader,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QInputDialog,
    QPushButton,
    QWidget,
)

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import attachments
from inspector_app.services.attachments import Attachment
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.forms.annotate_dialog_ui import Ui_AnnotateDialog

# The marks become part of the evidence image, so their colour is the same in every UI theme.


class Tool(Enum):
    ARROW = "arrow"
    CIRCLE = "circle"
    TEXT = "text"


class AnnotateDialog(QDialog):
    """Shows ``attachment``'s photo; Save renders photo and marks to PNG and stores an annotated copy."""

    saved = Signal(object)  # the new Attachment

    def __init__(self, workspace: Workspace, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.attachment = attachment
        self.saved_attachment: Attachment | None = None
        self.ask_text: Callable[[], str | None] = self._ask_text  # tests replace the question
        self.ui = Ui_AnnotateDialog()
        self.ui.setupUi(self)
        self.marks: list[QGraphicsItem] = []
        self._drawing: QGraphicsItem | None = None
        self._start = QPointF()
        try:
            self.image = read_image(attachments.media_bytes(workspace, attachment, display=True))
        except InspectorError as exc:
            self.image = QImage()
            self._show_error(str(exc))
        self.scene = QGraphicsScene(self)
        self.scene.addPixmap(QPixmap.fromImage(self.image))
        self.scene.setSceneRect(QRectF(self.image.rect()))
        self.ui.view.setScene(self.scene)
        self.ui.view.viewport().installEventFilter(self)
        self.ui.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        side = max(self.image.width(), self.image.height(), 1)
        self.pen = QPen(theme.document_colour("annotation"), max(3.0, side / 250), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        self.text_size = max(16, round(side / 22))
        self.ui.caption.setText(attachment.caption)
        palette = self.ui.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.colour("shortfall"))
        self.ui.message.setPalette(palette)
        self._set_shortcuts()
        self.ui.undoButton.clicked.connect(self.undo_mark)
        self.save_button.clicked.connect(self.save)
        self._update_buttons()

    @property
    def save_button(self) -> QPushButton:
        return self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def tool(self) -> Tool:
        if self.ui.circleButton.isChecked():
            return Tool.CIRCLE
        if self.ui.textButton.isChecked():
            return Tool.TEXT
        return Tool.ARROW

    # -- drawing ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if watched is not self.ui.view.viewport() or self.image.isNull():
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._fit()
        elif isinstance(event, QMouseEvent) and (
            kind == QEvent.Type.MouseMove or event.button() == Qt.MouseButton.LeftButton
        ):
            point = self._scene_point(event)
            if kind == QEvent.Type.MouseButtonPress:
                self._press(point)
                return True
            if kind == QEvent.Type.MouseMove and self._drawing is not None:
                self._drag(point)
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._drawing is not None:
                self._release(point)
                return True
        return super().eventFilter(watched, event)

    def _scene_point(self, event: QMouseEvent) -> QPointF:
        point = self.ui.view.mapToScene(event.position().toPoint())
        rect = self.scene.sceneRect()
        return QPointF(min(max(point.x(), rect.left()), rect.right()), min(max(point.y(), rect.top()), rect.bottom()))

    def _press(self, point: QPointF) -> None:
        if self.tool is Tool.TEXT:
            words = (self.ask_text() or "").strip()
            if words:
                self._add_text(words, point)
            return
        self._start = point
        item: QGraphicsItem
        if self.tool is Tool.ARROW:
            item = QGraphicsPathItem()
            item.setBrush(QBrush(theme.document_colour("annotation")))
        else:
            item = QGraphicsEllipseItem()
        item.setPen(self.pen)
        self.scene.addItem(item)
        self._drawing = item
        self._drag(point)

    def _drag(self, point: QPointF) -> None:
        if isinstance(self._drawing, QGraphicsPathItem):
            self._drawing.setPath(arrow_path(self._start, point, self.pen.widthF() * 5))
        elif isinstance(self._drawing, QGraphicsEllipseItem):
            self._drawing.setRect(QRectF(self._start, point).normalized())

    def _release(self, point: QPointF) -> None:
        assert self._drawing is not None
        self._drag(point)
        item, self._drawing = self._drawing, None
        if QLineF(self._start, point).length() < self.pen.widthF() * 2:  # a click, not a drag
            self.scene.removeItem(item)
            return
        self.marks.append(item)
        self._update_buttons()

    def _add_text(self, words: str, point: QPointF) -> None:
        item = QGraphicsSimpleTextItem(words)
        font = QFont(self.font())
        font.setPixelSize(self.text_size)
        font.setBold(True)
        item.setFont(font)
        item.setBrush(QBrush(theme.document_colour("annotation")))
        item.setPos(point)
        self.scene.addItem(item)
        self.marks.append(item)
        self._update_buttons()

    def _ask_text(self) -> str | None:
        words, ok = QInputDialog.getText(self, _("Write on the photo"), _("Words to write:"))
        return words if ok else None

    def undo_mark(self) -> None:
        if self.marks:
            self.scene.removeItem(self.marks.pop())
        self._update_buttons()

    # -- saving -------------------------------------------------------------------------------
    def render_png(self) -> bytes:
        """The photo with its marks, at the photo's own size, as PNG bytes."""
        out = QImage(self.image.size(), QImage.Format.Format_RGB32)
        out.fill(0)
        painter = QPainter(out)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                               | QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(out.rect()), self.scene.sceneRect())
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        out.save(buffer, "PNG")
        return bytes(buffer.data().data())

    def save(self) -> Attachment | None:
        """Store the annotated copy and close; on a refusal the dialog stays open with the reason."""
        if not self.marks:
            return None
        try:
            row = attachments.annotated_copy(self.workspace, self.attachment.id, self.render_png(),
                                             self.ui.caption.text())
        except InspectorError as exc:
            self._show_error(str(exc))
            return None
        self.saved_attachment = row
        self.saved.emit(row)
        self.accept()
        return row

    # -- helpers ------------------------------------------------------------------------------
    def _set_shortcuts(self) -> None:
        """After each (re)translation: a button's setText resets its shortcut to the text's mnemonic."""
        for button, keys in ((self.ui.arrowButton, "A"), (self.ui.circleButton, "C"), (self.ui.textButton, "T"),
                             (self.ui.undoButton, QKeySequence.StandardKey.Undo)):
            button.setShortcut(QKeySequence(keys))

    def _update_buttons(self) -> None:
        self.ui.undoButton.setEnabled(bool(self.marks))
        self.save_button.setEnabled(bool(self.marks))

    def _show_error(self, message: str) -> None:
        self.ui.message.setText(message)

    def _fit(self) -> None:
        if not self.image.isNull():
            self.ui.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._set_shortcuts()
        super().changeEvent(event)


def arrow_path(start: QPointF, tip: QPointF, head: float) -> QPainterPath:
    """A shaft from ``start`` to ``tip`` and a filled head of length ``head`` at the tip."""
    path = QPainterPath(start)
    path.lineTo(tip)
    if QLineF(start, tip).length() > 0:
        back = math.atan2(start.y() - tip.y(), start.x() - tip.x())
        wings = [QPointF(tip.x() + head * math.cos(back + s * 0.45), tip.y() + head * math.sin(back + s * 0.45))
                 for s in (-1, 1)]
        path.addPolygon(QPolygonF([tip, wings[0], wings[1], tip]))
    return path


def read_image(data: bytes, fit: int | None = None) -> QImage:
    """Decode ``data`` upright (EXIF orientation applied), scaled to fit ``fit`` pixels if given."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if fit is not None and size.isValid() and max(size.width(), size.height()) > fit:
        reader.setScaledSize(size.scaled(fit, fit, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()
