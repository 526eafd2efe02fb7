"""A table header whose titles wrap onto the lines it has, and end in "…" where they still do not fit."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

PADDING = 8  # each side of a title, as the themes draw it


class WrappedHeader(QHeaderView):
    """Horizontal titles in up to ``lines`` lines; a title cut short keeps its whole text in its tooltip."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.lines = lines
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    def fit_height(self) -> None:
        self.setFixedHeight(self.fontMetrics().height() * self.lines + 2 * PADDING)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:  # noqa: N802  (Qt's name)
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical_index)
        option.rect = rect
        option.text = fitted(option.text, self.fontMetrics(), rect.width() - 2 * PADDING, self.lines)
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()


def fitted(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """``text`` broken into at most ``lines`` lines of ``width`` pixels; a word or the last line cut with "…"."""
    rows: list[str] = []
    words = text.split()
    while words and len(rows) < lines:
        row = words.pop(0)
        while words and metrics.horizontalAdvance(f"{row} {words[0]}") <= width:
            row = f"{row} {words.pop(0)}"
        if len(rows) == lines - 1 and words:
            row = " ".join([row, *words])
            words = []
        rows.append(metrics.elidedText(row, Qt.TextElideMode.ElideRight, max(width, 0)))
    return "\n".join(rows)
