"""A field laptop's 1366×768 screen: a way back home, the whole MOU grid, coloured rows, no blank report pane."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector_app.domain.template_loader import load_template_file
from inspector_app.resources_access import resource
from inspector_app.services import demo, inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.item_editors import editor_for
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.mou_grid import MouGrid
from inspector_app.ui.pdf_preview import PdfPreview
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.workers import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, ws: Workspace) -> Iterator[MainWindow]:
    """The main window at a field laptop's size, on the demo mission."""
    switch_language("en")
    demo.seed(ws)
    win = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.show_home()
    yield win
    switch_language("en")
    theme.apply(QApplication.instance(), "light")


def coe_id(ws: Workspace) -> str:
    """The demo's COE: SEN FPU 1's (TGO FPU 3's COE cycle has older ones)."""
    return next(s.inspection.id for s in inspections.list_states(ws)
                if s.template.template_id == "coe-major-equipment" and s.unit.name == demo.SENEGAL.name)


def test_back_is_visible_and_alt_left_returns_home(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    back = window.ui.actionBack
    assert not back.isEnabled()  # home already
    window.open_inspection(coe_id(ws))
    assert back.isEnabled() and back.isVisible() and window.ui.navigation.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.ui.stack.currentWidget() is window.home
    window.show_sync()
    back.trigger()
    assert window.ui.stack.currentWidget() is window.home


@pytest.mark.parametrize(("lang", "look"), [("en", "light"), ("fr", "high_contrast")])
def test_the_mou_grid_fits_a_field_laptop_screen(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                                 lang: str, look: str) -> None:
    window.set_language(lang)
    window.set_theme(look)
    window.open_inspection(coe_id(ws))
    assert window.workspace_view is not None
    grid = window.workspace_view.findChild(MouGrid)
    assert grid is not None and grid.isVisible()
    qtbot.waitUntil(lambda: grid.view.viewport().width() > 0)
    bar = grid.view.horizontalScrollBar()
    assert bar.maximum() == 0, f"the grid scrolls sideways by {bar.maximum()} px at 1366x768"
    item = grid.model.index(0, 1)
    assert item.data(Qt.ItemDataRole.ToolTipRole) == item.data()  # an elided text is whole in its tooltip


def test_every_counted_row_has_a_colour_and_the_legend_names_the_standard(qtbot: QtBot, ws: Workspace) -> None:
    demo.seed(ws)
    inspection = inspections.start(ws, demo.SENEGAL.name, "coe-major-equipment", "periodic")
    grid = MouGrid(InspectionController(ws, inspection.id), "me.count")
    qtbot.addWidget(grid)
    model = grid.model
    for row in range(model.rowCount()):  # none serviceable: 0 %
        quantity = model.slots[row].mou_line.quantity
        model.controller.set_value(model.slots[row].key, {"found": quantity, "serviceable": 0})
    for row in range(model.rowCount()):
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None, f"row {row} is white"
    assert "90.0%" in grid.legend.text()


def test_the_report_pane_is_never_blank(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show()
    assert preview.placeholder.isVisible()
    assert "Generate" in preview.placeholder.text()


def test_a_score_shows_its_range_with_a_value_in_it(qtbot: QtBot) -> None:
    template = load_template_file(resource("templates", "aoc-fpu.yaml"))
    item = next(i for _s, i in template.items() if i.code == "aoc.c2.planning")
    editor = editor_for(item, template.options(item), "en")
    qtbot.addWidget(editor)
    editor.show()
    editor.set_value(55)
    assert editor.range.isVisible() and editor.range.text() == "(0 to 100, pass mark 70)"


def test_coe_titles_stay_apart_in_french_and_are_whole_in_their_tooltips(
        qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    inspections.start(ws, demo.SENEGAL.name, "coe-self-sustainment", "periodic")
    window.set_language("fr")
    window.show_home()
    tree, titles = window.home.ui.tree, {}
    for unit in range(tree.model().rowCount(tree.model().index(0, 0))):
        parent = tree.model().index(unit, 0, tree.model().index(0, 0))
        for row in range(tree.model().rowCount(parent)):
            index = tree.model().index(row, 0, parent)
            text = index.data()
            if text.startswith("Vérification"):
                width = tree.visualRect(index).width() - 2 * tree.style().pixelMetric(
                    tree.style().PixelMetric.PM_FocusFrameHMargin) - 8
                titles[text] = tree.fontMetrics().elidedText(text, tree.textElideMode(), width)
                assert index.data(Qt.ItemDataRole.ToolTipRole) == text
    assert len(titles) == 2 and len(set(titles.values())) == 2, titles
    assert tree.horizontalScrollBar().maximum() == 0  # every column in view
