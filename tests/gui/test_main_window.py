"""The desktop window: shows first, then loads; a first run gets the demo mission."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.services.workspace import Workspace
from inspector_app.ui.app import first_load
from inspector_app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_first_run_shows_the_demo_inspections(qtbot: QtBot, ws: Workspace) -> None:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    assert window.ui.inspections.rowCount() == 0
    first_load(window)
    table = window.ui.inspections
    assert table.rowCount() == 2
    cells = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(2)}
    assert cells == {"SEN FPU 1": "ready for review", "BGD FPU 2": "in progress"}
    assert str(ws.data.root) in window.statusBar().currentMessage()


def test_forms_are_compiled_from_the_current_ui_files() -> None:
    from scripts.gen_forms import compiled, targets

    for form, target in targets().items():
        assert target.read_text(encoding="utf-8") == compiled(form), f"run scripts/gen_forms.py for {form.name}"
