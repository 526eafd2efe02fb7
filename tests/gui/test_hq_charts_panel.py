"""HQ charts window (offscreen): opened from HQ mode by keyboard, filters redraw, PNG and CSV exports, French."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from inspector_app.services import demo, hq_charts
from inspector_app.ui.hq_charts_panel import HqChartsPanel
from inspector_app.ui.hq_view import HqView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.workers import TaskRunner
from tests.gui.conftest import key
from tests.integration import test_hq_views
from tests.integration.test_hq_views import Hq

pytestmark = pytest.mark.gui
hq = test_hq_views.hq  # its HQ database: MINUDEM (the demo) and TEST, whose TST FPU's COE is 16 of 18 serviceable


@pytest.fixture
def view(hq: Hq, qtbot: QtBot) -> Iterator[HqView]:
    """HQ mode on that database, the keyboard on its units."""
    with hq.open() as ws:
        view = HqView(ws, hq.url, TaskRunner(inline=True))
        qtbot.addWidget(view)
        view.show()
        view.load()
        qtbot.waitExposed(view)
        with qtbot.waitActive(view):
            view.activateWindow()
        view.focus_first()
        yield view
        if view.charts is not None:
            view.charts.close()
    switch_language("en")


@pytest.fixture
def panel(view: HqView, qtbot: QtBot) -> HqChartsPanel:
    """The charts window opened from HQ mode with Alt+Y."""
    key(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Charts by mission…
    qtbot.waitUntil(lambda: view.charts is not None and view.charts.isVisible())
    assert view.charts is not None
    return view.charts


def choose(combo_owner: HqChartsPanel, combo: str, data: str | None) -> None:
    box = getattr(combo_owner, combo)
    box.setCurrentIndex(box.findData(data))


def test_filters_redraw(panel: HqChartsPanel, hq: Hq) -> None:
    assert [s.name for s in panel.trend.series] == ["MINUDEM", "TEST"]
    assert panel.serviceability.groups == ("MINUDEM", "TEST")
    assert panel.mission.itemText(0) == "All missions" and panel.quarter.itemData(1) == max(
        [hq.quarters["demo"].code, "2026Q4"])  # the newest quarter first

    choose(panel, "mission", "TEST")
    assert [s.name for s in panel.trend.series] == ["TST FPU"]  # TST FPU 2 has no settled COE inspection
    [(day, value)] = panel.trend.series[0].points
    assert (panel.trend.table().rows[0][1], value) == ("2026Q4", pytest.approx(16 / 18))
    assert panel.serviceability.groups == ("TST FPU", "TST FPU 2")
    assert panel.serviceability.bars[0].values == (pytest.approx(16 / 18), None)
    assert panel.women.bars[0].values == (pytest.approx(2 / 3), None) and panel.women.targets[1] is None
    overdue = int(date.today() > date(2026, 12, 1))  # TST FPU's action is due on 1 December 2026
    assert [b.values for b in panel.actions.bars] == [(1, 0), (overdue, 0)]
    assert panel.aoc.bars[0].values == (0.0, None)  # TST FPU's latest AOC failed
    assert "TST FPU: Serviceability 88.9% (below)" in panel.serviceability.accessibleDescription()

    choose(panel, "quarter", "2026Q3")
    assert panel.trend.series == () and panel.serviceability.bars[0].values == (None, None)
    assert panel.serviceability.title == "Serviceability in 2026Q3 (indicator)"
    assert panel.women.bars[0].values[0] == pytest.approx(2 / 3)  # the roster as held now

    choose(panel, "quarter", None)
    choose(panel, "mission", None)
    choose(panel, "unit_type", "fpu")
    assert panel.unit_type.currentText() == "FPU" and panel.serviceability.groups == ("MINUDEM", "TEST")


def test_png_is_twice_the_chart(panel: HqChartsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    choose(panel, "mission", "TEST")
    choose(panel, "quarter", "2026Q4")
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(tmp_path / "chart"), ""  # no suffix typed: .png is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    png, _csv = panel.serviceability.actions()
    png.trigger()  # the context menu's "Save as PNG…"
    assert asked == ["serviceability-TEST-2026Q4.png"]
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.size() == panel.serviceability.size() * 2
    assert panel.status.text() == f"Wrote {tmp_path / 'chart.png'}."


def test_csv_rows_are_the_figures_drawn(panel: HqChartsPanel, tmp_path: Path, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    choose(panel, "mission", "TEST")
    target = tmp_path / "actions.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    panel.actions.setFocus()  # Tab reaches it; Ctrl+Shift+S saves its figures
    qtbot.keyClick(panel.actions, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Unit", "Open actions", "Overdue"]
    assert rows[1:] == [[g, *(str(int(b.values[n])) for b in panel.actions.bars)]  # type: ignore[arg-type]
                        for n, g in enumerate(panel.actions.groups)]

    panel.saving.save_csv(panel.women, tmp_path / "women.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "women.csv").read_text(encoding="utf-8-sig"))))
    target_share = panel.women.targets[0]
    assert target_share is not None
    assert rows == [["Unit", "Women %", "parity target %"], ["TST FPU", "66.7", f"{100 * target_share:.1f}"],
                    ["TST FPU 2", "", ""]]

    panel.saving.save_csv(panel.trend, tmp_path / "trend.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "trend.csv").read_text(encoding="utf-8-sig"))))
    assert rows == [["Unit", "Quarter", "Serviceability % (indicator)", "Below the standard"],
                    ["TST FPU", "2026Q4", "88.9", "yes"]]


def test_french(panel: HqChartsPanel, hq: Hq) -> None:
    switch_language("fr")
    QApplication.processEvents()
    assert panel.windowTitle() == "Graphiques du QG" and panel.mission.itemText(0) == "Toutes les missions"
    assert panel.serviceability.title.startswith("Disponibilité") and panel.trend.table().header[1] == "Trimestre"
    assert [s.name for s in panel.trend.series] == ["MINUDEM", "TEST"]
    assert demo.MISSION_CODE in panel.serviceability.accessibleDescription()


def test_keyboard_reaches_the_charts(panel: HqChartsPanel, qtbot: QtBot, hq: Hq) -> None:
    panel.activateWindow()
    panel.mission.setFocus()
    reached = []
    for _n in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert all(chart in reached for chart in panel.charts())


def test_the_hq_windows_own_chart_saves_too(view: HqView, qtbot: QtBot, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    view.ui.mission.setCurrentIndex(view.ui.mission.findData("TEST"))
    view.ui.table.setCurrentCell(0, 0)  # TST FPU
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    view.ui.chart.setFocus()
    qtbot.keyClick(view.ui.chart, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["serviceability-TEST-TST-FPU.csv"]
    rows = list(csv.reader(io.StringIO((tmp_path / asked[0]).read_text(encoding="utf-8-sig"))))
    assert rows == [["Unit", "Date", "Serviceability % (indicator)", "Below the standard"],
                    ["TST FPU", "2026-10-05", "88.9", "yes"]]
    assert view.ui.status.text() == f"Wrote {tmp_path / asked[0]}."


def test_refresh_reads_the_charts_again(view: HqView, panel: HqChartsPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[object] = []
    read = hq_charts.read
    monkeypatch.setattr(hq_charts, "read", lambda ws: reads.append(ws) or read(ws))
    view.refresh()  # F5 in HQ mode: the open charts window reads too
    assert reads == [view.workspace] and panel.serviceability.groups == ("MINUDEM", "TEST")
    panel.close()
    view.refresh()
    assert len(reads) == 1  # a closed window waits until it is opened again
