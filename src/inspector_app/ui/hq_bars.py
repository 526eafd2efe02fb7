"""Bar charts of HQ mode, painted with QPainter in the style of ``hq_chart`` (why QPainter: see its docstring).

Horizontal bars, one group a row (a mission, or a unit of one mission: names of any length stay readable), one bar
a series in the group (e.g. open and overdue actions). Each series has a theme colour *and* a fill pattern (solid,
hatched, crossed, dotted), so bars read without colour and in high contrast. A standard is a dashed line across the
chart; a target per group (the parity target) a short bar across the group's bars; a value under either is written
in the shortfall colour and said in the description. Shares are drawn on 0..100 %, counts on 0..the largest.
``groups``, ``bars``, ``targets``, ``description()`` and ``table()`` expose what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from inspector_app.i18n import _
from inspector_app.locale_format import format_number
from inspector_app.locale_format import format_percent as percent
from inspector_app.ui import theme
from inspector_app.ui.hq_chart import PAD, SERIES_COLOURS, PaintedChart, Swatch, Table, mix

PATTERNS = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.CrossPattern,
            Qt.BrushStyle.Dense5Pattern)  # a fill a series, over its colour


@dataclass(frozen=True)
class Bars:
    """One series: its name (in the legend) and a value per group, None where there is no figure."""

    name: str
    values: tuple[float | None, ...]


class BarChart(PaintedChart):
    """Values per group as horizontal bars, with an optional standard and per-group targets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: tuple[str, ...] = ()
        self.bars: tuple[Bars, ...] = ()
        self.shares = True  # values are shares (0..1), else counts
        self.threshold: float | None = None
        self.targets: tuple[float | None, ...] = ()
        self.target_name = ""
        self.names = ""  # the header of the groups' names in the table
        self._describe(_("Bar chart"))

    def set_data(self, title: str, names: str, groups: Sequence[str], bars: Sequence[Bars], *, shares: bool = True,
                 threshold: float | None = None, targets: Sequence[float | None] = (), target_name: str = "") -> None:
        """``targets``, one per group (or none), are named ``target_name`` in the legend and the table."""
        self.title, self.names, self.groups, self.bars = title, names, tuple(groups), tuple(bars)
        self.shares, self.threshold, self.target_name = shares, threshold, target_name
        self.targets = tuple(targets) if any(t is not None for t in targets) else ()
        self._describe(title)
        self.update()

    def empty(self) -> bool:
        return all(v is None for b in self.bars for v in b.values)

    def description(self) -> str:
        if self.empty():
            return _("{chart}: no figures for these filters.").format(chart=self.title)
        lines = [f"{self.title}."]
        if self.threshold is not None:
            lines.append(_("Standard: {threshold}.").format(threshold=percent(self.threshold)))
        for g, group in enumerate(self.groups):
            said = []
            for bar in self.bars:
                text = f"{bar.name} {self._text(bar.values[g])}"
                if self._short(g, bar.values[g]):
                    text += " " + _("(below)")
                said.append(text)
            if self.targets and self.targets[g] is not None:
                said.append(f"{self.target_name} {percent(self.targets[g])}")
            lines.append(f"{group}: {', '.join(said)}.")
        return " ".join(lines)

    def table(self) -> Table:
        share = "{} %".format
        header = (self.names, *(share(b.name) if self.shares else b.name for b in self.bars),
                  *((share(self.target_name),) if self.targets else ()))
        rows = tuple((group, *(self._cell(b.values[g]) for b in self.bars),
                      *((self.targets[g],) if self.targets else ()))
                     for g, group in enumerate(self.groups))
        shares = tuple(range(1, len(header))) if self.shares else ((len(header) - 1,) if self.targets else ())
        return Table(header, rows, shares)

    def _cell(self, value: float | None) -> float | int | None:
        """A value as the table gives it: a share, or a whole count."""
        return value if self.shares or value is None else int(value)

    def _text(self, value: float | None) -> str:
        if value is None:
            return "—"
        return percent(value) if self.shares else format_number(int(value))

    def _short(self, group: int, value: float | None) -> bool:
        """Under the group's target, or else under the standard."""
        limit = self.targets[group] if self.targets and self.targets[group] is not None else self.threshold
        return value is not None and limit is not None and value < limit

    def _top(self) -> float:
        """The value at the right end of the axis."""
        if self.shares:
            return 1.0
        return float(max(1, math.ceil(max((v or 0 for b in self.bars for v in b.values), default=1))))

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        painter = QPainter(self)
        ink, paper, metrics = self._begin(painter)
        if self.empty():
            self._paint_note(painter, ink)
            return
        top = self._legend_and_title(painter, metrics, ink)
        names = min(max(metrics.horizontalAdvance(g) for g in self.groups) + 4, self.width() // 3)
        plot = QRectF(self.rect()).adjusted(names + 2 * PAD, top + PAD,
                                            -(PAD + metrics.horizontalAdvance(" 100.0 % ")),
                                            -(metrics.height() + 2 * PAD))
        if plot.width() < 40 or plot.height() < 10 * len(self.groups):
            return
        self._paint_axis(painter, metrics, plot, ink, mix(ink, paper, 0.25))
        band = plot.height() / len(self.groups)
        bar = min(band * 0.8 / len(self.bars), 3.0 * metrics.height())
        for g, group in enumerate(self.groups):
            y = plot.top() + g * band + (band - bar * len(self.bars)) / 2
            painter.setPen(ink)
            painter.drawText(QRectF(PAD, plot.top() + g * band, names, band),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(group, Qt.TextElideMode.ElideRight, names))
            for n, series in enumerate(self.bars):
                self._paint_bar(painter, metrics, plot, n, g, QRectF(plot.left(), y + n * bar, 0, bar),
                                series.values[g], ink)
            if self.targets and self.targets[g] is not None:
                x = self._x(plot, self.targets[g])  # type: ignore[arg-type]
                painter.setPen(QPen(ink, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                painter.drawLine(QPointF(x, y - 3), QPointF(x, y + bar * len(self.bars) + 3))
        if self.threshold is not None:
            painter.setPen(self._threshold_pen())
            x = self._x(plot, self.threshold)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

    def _x(self, plot: QRectF, value: float) -> float:
        return plot.left() + plot.width() * min(value, self._top()) / self._top()

    def _legend_and_title(self, painter: QPainter, metrics: QFontMetrics, ink: QColor) -> int:
        """The title in bold, then the legend: each series' sample, the standard's dashes, the target's mark."""
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink)
        painter.drawText(QRectF(PAD, PAD, self.width() - 2 * PAD, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, self.width() - 2 * PAD))
        painter.setFont(self.font())

        def sample(n: int) -> Swatch:
            return lambda p, box: self._fill(p, box.adjusted(1, 2, -1, -2), n, ink)

        def dashes(p: QPainter, box: QRectF) -> None:
            p.setPen(self._threshold_pen())
            p.drawLine(QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()))

        def mark(p: QPainter, box: QRectF) -> None:
            p.setPen(QPen(ink, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            p.drawLine(QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()))

        entries: list[tuple[Swatch, str, QColor]] = [(sample(n), b.name, ink) for n, b in enumerate(self.bars)]
        if self.threshold is not None:
            entries.append((dashes, _("standard {threshold}").format(threshold=percent(self.threshold)),
                            theme.colour("shortfall")))
        if self.targets:
            entries.append((mark, self.target_name, ink))
        painter.translate(0, metrics.height() + 4)
        bottom = self._paint_legend(painter, metrics, entries)
        painter.translate(0, -(metrics.height() + 4))
        return bottom + metrics.height() + 4

    def _paint_axis(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, ink: QColor, grid: QColor) -> None:
        """Grid lines with their values under the plot: every 25 % for shares, up to five steps for counts."""
        top = self._top()
        step = 0.25 if self.shares else max(1.0, math.ceil(top / 5))
        value = 0.0
        while value <= top + 1e-9:
            x = self._x(plot, value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(ink)
            text = f"{round(100 * value)} %" if self.shares else str(int(value))
            width = metrics.horizontalAdvance(text) + 4
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)
            value += step

    def _paint_bar(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, n: int, g: int, box: QRectF,
                   value: float | None, ink: QColor) -> None:
        """One bar and its value at its end (the shortfall colour, in bold, when under the target or standard)."""
        if value is not None and value > 0:
            box.setRight(self._x(plot, value))
            self._fill(painter, box, n, ink)
        if self.targets and self.targets[g] is not None:  # the figure clear of the target's mark
            box.setRight(max(box.right(), self._x(plot, self.targets[g]) + 2))  # type: ignore[arg-type]
        short = self._short(g, value)
        font = QFont(self.font())
        font.setBold(short)
        painter.setFont(font)
        painter.setPen(theme.colour("shortfall") if short else ink)
        painter.drawText(QRectF(box.right() + 4, box.top(), self.width() - box.right() - 4, box.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._text(value))
        painter.setFont(self.font())

    def _fill(self, painter: QPainter, box: QRectF, n: int, ink: QColor) -> None:
        """The series' colour, its pattern over it in the ink, and an outline."""
        colour = theme.colour(SERIES_COLOURS[n % len(SERIES_COLOURS)])
        painter.fillRect(box, colour)
        pattern = PATTERNS[n % len(PATTERNS)]
        if pattern is not Qt.BrushStyle.SolidPattern:
            painter.fillRect(box, QBrush(mix(ink, colour, 0.7), pattern))
        painter.setPen(QPen(ink, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
