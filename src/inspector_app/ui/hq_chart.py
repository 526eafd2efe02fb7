"""Serviceability over time: a small line chart of HQ mode, painted with QPainter.

Why QPainter and not a charting library: the window needs one kind of chart (a few lines of dated points and a
threshold), and ~200 lines of painting do it with no new dependency (QtCharts comes only with the large
PySide6-Addons; matplotlib is heavier still). Painted by the widget itself, the chart takes the application's
font and size (Ctrl++ makes it larger too), the theme's palette and named colours (light, dark, high contrast),
and stays sharp at any screen scale. Rendering ReportLab's charts to SVG for QtSvg was the other candidate: it
would share the PDF's look, but the quarterly report draws bars per unit, not a trend, so there is no drawing
code to share, and an SVG drawn at a fixed size in ReportLab's fonts and colours follows neither the theme nor
the font size without being drawn again.

Each series is one unit (its ``hq_views`` trend points, oldest first); colours come from ``theme.colour`` by
name, and each series has its own marker shape as well, so lines stay apart in high contrast and without colour.
Points below the standard are filled with the shortfall colour. ``series``, ``threshold`` and ``description()``
expose what is drawn (tests, and screen readers through the accessible description).

``PaintedChart`` is what this chart and the bar chart (``hq_bars``) share: keyboard focus, the accessible name and
description, the legend row, ``table()`` (the numbers drawn, for CSV) and ``image()`` (the chart at 2×, for PNG).
With ``quarters`` set, the points are quarters (dated by their first day) and labelled ``2026Q3``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from inspector_app.domain.verification import period_of
from inspector_app.i18n import _
from inspector_app.locale_format import format_date
from inspector_app.locale_format import format_percent as percent
from inspector_app.services.hq_views import UnitSummary
from inspector_app.ui import theme

SERIES_COLOURS = ("surplus", "ok", "attention", "muted")  # theme colour names, in turn
SHAPES = ("circle", "square", "triangle", "diamond")
PAD = 8
Place = Callable[[date, float], QPointF]  # where a dated value is drawn
Swatch = Callable[[QPainter, QRectF], None]  # draws a legend entry's sample in its square


@dataclass(frozen=True)
class Table:
    """The numbers a chart draws, for CSV: a header row, the rows, and which columns hold shares (0..1)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    shares: tuple[int, ...] = ()


@dataclass(frozen=True)
class Series:
    """One line: a unit's dated serviceability (0..1), oldest first, and which points are below the standard."""

    name: str
    points: tuple[tuple[date, float], ...]
    below: tuple[bool, ...]


def series_of(unit: UnitSummary) -> Series:
    """A unit's trend as a series; a point without a date cannot be placed in time and is left out."""
    dated = [p for p in unit.trend if p.date is not None]
    return Series(unit.name, tuple((p.date, p.serviceability) for p in dated),  # type: ignore[misc]
                  tuple(p.below_threshold for p in dated))


class PaintedChart(QWidget):
    """A chart painted by the widget: reachable by Tab, its figures in its accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self._exporting = False  # no focus frame in an exported image
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by keyboard: a screen reader reads the figures
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def description(self) -> str:
        """Every figure drawn, as text."""
        raise NotImplementedError

    def table(self) -> Table:
        """The numbers drawn, with a header row."""
        raise NotImplementedError

    def image(self, scale: float = 2.0) -> QImage:
        """The chart as drawn, at ``scale`` times its size on screen (sharp when printed or zoomed)."""
        image = QImage(self.size() * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.white)
        self._exporting = True
        try:
            self.render(image)
        finally:
            self._exporting = False
        return image

    def sizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        return QSize(520, 280)

    def minimumSizeHint(self) -> QSize:  # noqa: N802  (Qt's name)
        return QSize(260, 170)

    def _describe(self, name: str) -> None:
        self.setAccessibleName(self.title or name)
        self.setAccessibleDescription(self.description())
        self.setToolTip(self.description())

    def _begin(self, painter: QPainter) -> tuple[QColor, QColor, QFontMetrics]:
        """The background and focus frame; returns the ink, the paper and the font's metrics."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink, paper = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), paper)
        if self.hasFocus() and not self._exporting:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.setFont(self.font())
        return ink, paper, QFontMetrics(self.font())

    def _paint_note(self, painter: QPainter, ink: QColor) -> None:
        """Nothing to draw: the description says why."""
        painter.setPen(ink)
        painter.drawText(QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.description())

    def _paint_legend(self, painter: QPainter, metrics: QFontMetrics,
                      entries: Sequence[tuple[Swatch, str, QColor]]) -> int:
        """A row of entries (wrapped when needed), each its sample and its text; returns the row's bottom."""
        x, y, row = float(PAD), float(PAD), metrics.height()
        for swatch, text, colour in entries:
            width = 2 * row + metrics.horizontalAdvance(text) + 2 * PAD
            if x > PAD and x + width > self.width() - PAD:
                x, y = float(PAD), y + row + 2
            swatch(painter, QRectF(x, y, row, row))
            painter.setPen(colour)
            painter.drawText(QRectF(x + row + 4, y, width, row), Qt.AlignmentFlag.AlignVCenter, text)
            x += width
        return int(y + row)

    def _threshold_pen(self) -> QPen:
        return QPen(theme.colour("shortfall"), 2 if theme.current() == "high_contrast" else 1.5, Qt.PenStyle.DashLine)


class TrendChart(PaintedChart):
    """Serviceability of one or more units (or missions) over time, with the standard as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: tuple[Series, ...] = ()
        self.threshold = 0.9
        self.quarters = False  # points are quarters, labelled 2026Q3
        self.names = ""  # the header of the series' names in the table ("Mission", "Unit")
        self._describe(_("Serviceability over time"))

    def set_data(self, series: Sequence[Series], threshold: float, *, quarters: bool = False,
                 names: str = "") -> None:
        self.series, self.threshold = tuple(s for s in series if s.points), threshold
        self.quarters, self.names = quarters, names
        self._describe(_("Serviceability over time"))
        self.update()

    def description(self) -> str:
        if not self.series:
            return _("No serviceability figures yet: no settled COE major-equipment inspection.")
        lines = [_("Standard: {threshold}.").format(threshold=percent(self.threshold))]
        for s in self.series:
            points = ", ".join(f"{self._label(day)} {percent(value)}" for day, value in s.points)
            lines.append(f"{s.name}: {points}.")
        return " ".join(lines)

    def table(self) -> Table:
        header = (self.names or _("Unit"), _("Quarter") if self.quarters else _("Date"),
                  _("Serviceability % (indicator)"), _("Below the standard"))
        return Table(header, tuple((s.name, self._label(day) if self.quarters else day, value,
                                    _("yes") if below else _("no"))
                                   for s in self.series
                                   for (day, value), below in zip(s.points, s.below, strict=True)), (2,))

    def _label(self, day: date) -> str:
        return period_of(day).code if self.quarters else format_date(day)

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802  (Qt's name)
        painter = QPainter(self)
        ink, paper, metrics = self._begin(painter)
        if not self.series:
            self._paint_note(painter, ink)
            return
        legend_height = self._paint_legend(painter, metrics, self._legend(ink))
        plot = QRectF(self.rect()).adjusted(metrics.horizontalAdvance("100 %") + 2 * PAD,
                                            legend_height + metrics.height() + PAD,
                                            -(PAD + metrics.horizontalAdvance("0000-00-00") // 2),
                                            -(metrics.height() + 2 * PAD))
        if plot.width() < 40 or plot.height() < 40:
            return
        low = self._lowest()
        first, last = self._days()
        grid = mix(ink, paper, 0.25)

        def at(day: date, value: float) -> QPointF:
            x = plot.left() + plot.width() * (day.toordinal() - first) / max(last - first, 1)
            return QPointF(x, plot.bottom() - plot.height() * (value - low) / (1 - low))

        self._paint_grid(painter, metrics, plot, low, ink, grid)
        self._paint_dates(painter, metrics, plot, at, ink, grid)
        painter.setPen(self._threshold_pen())
        level = at(date.fromordinal(first), self.threshold).y()
        painter.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
        for n, s in enumerate(self.series):
            self._paint_series(painter, metrics, n, s, at, ink)

    def _lowest(self) -> float:
        """The bottom of the value axis: a round tenth below every point and the standard (0 at the least)."""
        values = [v for s in self.series for _d, v in s.points] + [self.threshold]
        return max(0.0, int((min(values) - 0.05) * 10) / 10)

    def _days(self) -> tuple[int, int]:
        days = [d.toordinal() for s in self.series for d, _v in s.points]
        first, last = min(days), max(days)
        if last - first < 30:  # one date, or a few close ones: a month either side
            first, last = first - 30, last + 30
        return first, last

    def _legend(self, ink: QColor) -> list[tuple[Swatch, str, QColor]]:
        """Each series' marker and name, then the standard's dashes."""
        def marker(n: int) -> Swatch:
            return lambda painter, box: self._marker(painter, n, box.center(), _series_colour(n), box.height() / 3)

        def dashes(painter: QPainter, box: QRectF) -> None:
            painter.setPen(self._threshold_pen())
            painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))

        standard = _("standard {threshold}").format(threshold=percent(self.threshold))
        return [*((marker(n), s.name, ink) for n, s in enumerate(self.series)),
                (dashes, standard, theme.colour("shortfall"))]

    def _paint_grid(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, low: float, ink: QColor,
                    grid: QColor) -> None:
        step = 0.1 if 1 - low <= 0.5 else 0.2
        value = 1.0
        while value >= low - 1e-9:
            y = plot.bottom() - plot.height() * (value - low) / (1 - low)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            label = QRectF(0, y - metrics.height() / 2, plot.left() - PAD, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{round(100 * value)} %")
            value -= step

    def _paint_dates(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF, at: Place, ink: QColor,
                     grid: QColor) -> None:
        """A tick at every inspection date, labelled where the label does not run into the previous one."""
        days = sorted({d for s in self.series for d, _v in s.points})
        painter.setPen(QPen(grid, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        right_of_last = -1e9
        for day in days:
            x = at(day, 1.0).x()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            text = self._label(day)
            half = metrics.horizontalAdvance(text) / 2
            left = min(max(x - half, 0), self.width() - 2 * half)
            if left < right_of_last + PAD:
                continue
            painter.setPen(ink)
            painter.drawText(QRectF(left, plot.bottom() + 6, 2 * half, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)
            right_of_last = left + 2 * half

    def _paint_series(self, painter: QPainter, metrics: QFontMetrics, n: int, s: Series, at: Place,
                      ink: QColor) -> None:
        colour = _series_colour(n)
        points = [at(day, value) for day, value in s.points]
        painter.setPen(QPen(colour, 3 if theme.current() == "high_contrast" else 2))
        painter.drawPolyline(QPolygonF(points))
        radius = metrics.height() / 4 + 1
        labelled = len(self.series) == 1 and len(points) <= 12  # one unit: its figures beside the points
        for point, below, (_day, value) in zip(points, s.below, s.points, strict=True):
            fill = theme.colour("shortfall") if below else colour
            self._marker(painter, n, point, fill, radius, outline=colour)
            if labelled:
                painter.setPen(theme.colour("shortfall") if below else ink)
                text = percent(value)
                width = metrics.horizontalAdvance(text) + 2
                box = QRectF(point.x() - width / 2, point.y() - radius - metrics.height() - 2, width,
                             metrics.height())
                box.moveLeft(min(max(box.left(), 0), self.width() - width))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _marker(self, painter: QPainter, n: int, centre: QPointF, fill: QColor, radius: float,
                outline: QColor | None = None) -> None:
        painter.setPen(QPen(outline or fill, 1.5))
        painter.setBrush(fill)
        shape = SHAPES[n % len(SHAPES)]
        x, y, r = centre.x(), centre.y(), radius
        if shape == "circle":
            painter.drawEllipse(centre, r, r)
        elif shape == "square":
            painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        else:
            path = QPainterPath()
            corners = ([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.9), (x - r * 1.1, y + r * 0.9)]
                       if shape == "triangle" else [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3),
                                                    (x - r * 1.3, y)])
            path.addPolygon(QPolygonF([QPointF(*c) for c in corners]))
            path.closeSubpath()
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _series_colour(n: int) -> QColor:
    return theme.colour(SERIES_COLOURS[n % len(SERIES_COLOURS)])


def mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    return QColor.fromRgbF(*(share_of_a * x + (1 - share_of_a) * y
                             for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))
