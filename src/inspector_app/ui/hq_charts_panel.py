"""HQ's charts in a window of their own (HQ mode, "Charts by mission…"): serviceability per quarter, and per mission
(or per unit of the chosen mission) serviceability, women's share against the parity target, open and overdue
improvement actions, and units certified by their latest AOC; filtered by mission, quarter and unit type.

The figures come from ``services.hq_charts`` (read on the HQ window's ``TaskRunner``; the filters redraw without
reading again). Each chart saves itself as a PNG at twice its size on screen, and its figures as CSV (UTF-8 with a
BOM, shares as percentages), from its context menu, or with Ctrl+S and Ctrl+Shift+S once Tab has reached it; the
file name suggested says what it shows (``serviceability-MINUDEM-2026Q3.png``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import hq_charts, hq_export, hq_views
from inspector_app.services.hq_charts import Charts, Filters, Source
from inspector_app.services.workspace import Workspace
from inspector_app.ui.hq_bars import BarChart, Bars
from inspector_app.ui.hq_chart import PaintedChart, Series, TrendChart
from inspector_app.ui.workers import TaskRunner


class HqChartsPanel(QDialog):
    """Filters above five charts; ``load()`` reads the figures again."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.workspace, self.runner = workspace, runner
        self.source: Source | None = None
        self.saving = ChartSaving(self, self.suggested_name, lambda text: self.status.setText(text))
        self.mission, self.quarter, self.unit_type = QComboBox(self), QComboBox(self), QComboBox(self)
        self.labels = [QLabel(self) for _n in range(3)]
        filters = QHBoxLayout()
        for label, combo in zip(self.labels, (self.mission, self.quarter, self.unit_type), strict=True):
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _i: self.redraw())
        self.trend = TrendChart(self)
        self.serviceability, self.women, self.actions, self.aoc = (BarChart(self) for _n in range(4))
        grid = QGridLayout()
        grid.addWidget(self.trend, 0, 0, 1, 2)
        for n, chart in enumerate(self.bar_charts()):
            grid.addWidget(chart, 1 + n // 2, n % 2)
        for chart, key in zip(self.charts(), ("serviceability-trend", "serviceability", "women", "actions", "aoc"),
                              strict=True):
            chart.setObjectName(key)
        self.hint, self.status = QLabel(self), QLabel(self)
        self.hint.setWordWrap(True)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(grid, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1100, 820)
        self._retranslate()

    def charts(self) -> tuple[PaintedChart, ...]:
        return (self.trend, *self.bar_charts())

    def bar_charts(self) -> tuple[BarChart, ...]:
        return self.serviceability, self.women, self.actions, self.aoc

    def load(self) -> None:
        """Read the figures again, off the GUI thread."""
        self.status.setText(_("Reading HQ's database…"))
        self.runner.submit("hq-charts", lambda _p: hq_charts.read(self.workspace), on_success=self.show_source,
                           on_failure=self.status.setText)

    def show_source(self, source: Source) -> None:
        self.source = source
        self._fill_filters()
        self.status.setText("")
        self.redraw()

    def filters(self) -> Filters:
        return Filters(self.mission.currentData(), self.quarter.currentData(), self.unit_type.currentData())

    def redraw(self) -> None:
        """Draw every chart for the filters chosen."""
        if self.source is None:
            return
        filters = self.filters()
        charts = hq_charts.charts(self.source, filters)
        names = _("Unit") if charts.by_unit else _("Mission")
        self.trend.title = _("Serviceability per quarter (indicator)")
        self.trend.set_data([Series(line.name, tuple((hq_views.quarter_dates(p.quarter)[0], p.serviceability)
                                                     for p in line.points), tuple(p.below for p in line.points))
                             for line in charts.lines], charts.threshold, quarters=True, names=names)
        self._draw_bars(charts, names, filters.quarter)

    def suggested_name(self, chart: PaintedChart) -> str:
        """What the chart shows, as a file name without suffix: ``serviceability-MINUDEM-2026Q3``."""
        filters = self.filters()
        return "-".join([chart.objectName(), filters.mission or "all-missions", filters.quarter or "all-quarters",
                         *([filters.unit_type] if filters.unit_type else [])])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- inside ---------------------------------------------------------------------------------
    def _draw_bars(self, charts: Charts, names: str, quarter: str | None) -> None:
        groups = [g.name for g in charts.groups]
        self.serviceability.set_data(
            _("Serviceability in {quarter} (indicator)").format(quarter=quarter) if quarter else
            _("Serviceability, latest settled COE inspection (indicator)"), names, groups,
            [Bars(_("Serviceability"), tuple(g.serviceability for g in charts.groups))], threshold=charts.threshold)
        self.women.set_data(_("Women's share of the roster, now"), names, groups,
                            [Bars(_("Women"), tuple(g.women_share for g in charts.groups))],
                            targets=[g.parity_target for g in charts.groups], target_name=_("parity target"))
        self.actions.set_data(_("Improvement actions, now"), names, groups,
                              [Bars(_("Open actions"), tuple(float(g.open_actions) for g in charts.groups)),
                               Bars(_("Overdue"), tuple(float(g.overdue_actions) for g in charts.groups))],
                              shares=False)
        self.aoc.set_data(_("Units certified by their latest AOC, now"), names, groups,
                          [Bars(_("Certified"), tuple(g.aoc_share for g in charts.groups))])

    def _fill_filters(self) -> None:
        assert self.source is not None
        missions = [(f"{m.code} — {m.name}", m.code) for m in self.source.missions]
        quarters = [(q, q) for q in reversed(self.source.quarters())]
        types = [(kind.upper(), kind) for kind in self.source.unit_types()]
        for combo, everything, items in ((self.mission, _("All missions"), missions),
                                         (self.quarter, _("All quarters"), quarters),
                                         (self.unit_type, _("All unit types"), types)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def _retranslate(self) -> None:
        self.setWindowTitle(_("HQ charts"))
        for label, text in zip(self.labels, (_("&Mission:"), _("&Quarter:"), _("Unit &type:")), strict=True):
            label.setText(text)
        self.hint.setText(_("Right-click a chart to save it as PNG or its figures as CSV; or Tab to it and press "
                            "Ctrl+S (PNG) or Ctrl+Shift+S (CSV). Figures pool every category: indicators, not COE "
                            "results."))
        for chart in self.charts():
            self.saving.add(chart)
        if self.source is not None:
            self._fill_filters()
            self.redraw()


class ChartSaving:
    """Saving charts (``PaintedChart``): a chart's context menu, and Ctrl+S (PNG) and Ctrl+Shift+S (CSV) while it
    has the keyboard; a file dialog offers ``name(chart)`` in the folder used last; ``say`` tells what was written."""

    def __init__(self, parent: QWidget, name: Callable[[PaintedChart], str], say: Callable[[str], None]) -> None:
        self.parent, self.name, self.say = parent, name, say
        self.folder = Path.home()

    def add(self, chart: PaintedChart) -> None:
        """The chart's saving actions, added once, their texts in the current language (call again on a change)."""
        if not chart.actions():
            chart.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for shortcut, save in ((QKeySequence.StandardKey.Save, self.save_png),
                                   (QKeySequence("Ctrl+Shift+S"), self.save_csv)):
                action = QAction(chart)
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                action.triggered.connect(lambda _c=False, c=chart, s=save: s(c))
                chart.addAction(action)
        png, csv = chart.actions()
        png.setText(_("Save as PNG…"))
        csv.setText(_("Save the figures as CSV…"))

    def save_png(self, chart: PaintedChart, path: Path | None = None) -> None:
        """The chart at twice its size on screen, as a PNG file."""
        path = path or self._ask(chart, ".png", _("PNG image (*.png)"))
        if path is None:
            return
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        chart.image().save(buffer, "PNG")
        buffer.close()
        self._write(path, bytes(data.data()))

    def save_csv(self, chart: PaintedChart, path: Path | None = None) -> None:
        """The numbers the chart draws, with a header row."""
        path = path or self._ask(chart, ".csv", _("CSV (*.csv)"))
        if path is None:
            return
        table = chart.table()
        self._write(path, hq_export.csv_bytes(table.header, table.rows, table.shares))

    def _ask(self, chart: PaintedChart, suffix: str, kind: str) -> Path | None:
        name, _chosen = QFileDialog.getSaveFileName(self.parent, _("Save the chart"),
                                                    str(self.folder / f"{self.name(chart)}{suffix}"), kind)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.folder = path.parent
        return path

    def _write(self, path: Path, data: bytes) -> None:
        try:
            hq_export.write(path, data)
        except InspectorError as exc:
            self.say(str(exc))
            return
        self.say(_("Wrote {file}.").format(file=path))
