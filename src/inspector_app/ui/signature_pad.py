"""A pad to sign by hand with a mouse, a pen or a finger; gives the signature as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from inspector_app.ui import theme


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[QPainterPath] = []
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(QSize(360, 140))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def is_empty(self) -> bool:
        return not any(path.elementCount() > 1 for path in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    def to_png(self) -> bytes:
        """The signature in ink on a transparent background, at twice the pad's size for print."""
        image = QImage(self.size() * 2, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(2, 2)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    # -- input: mouse, pen and touch all draw ------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        path = QPainterPath(point)
        self.strokes.append(path)

    def _extend(self, point: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].lineTo(point)
            self.update()

    def _end(self) -> None:
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802  (Qt's name)
        self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._extend(event.position())
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            if event.type() == QTouchEvent.Type.TouchBegin:
                self._begin(point)
            elif event.type() == QTouchEvent.Type.TouchUpdate:
                self._extend(point)
            else:
                self._end()
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.document_colour("paper"))
        painter.setPen(QPen(theme.document_colour("guide"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 30
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        self._draw(painter)

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(theme.document_colour("ink"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for path in self.strokes:
            painter.drawPath(path)
