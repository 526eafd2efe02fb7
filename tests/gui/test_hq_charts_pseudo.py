"""HQ's charts window in the pseudo-locale: every text it shows (and its charts' menus and descriptions) translated,
none cut off (offscreen)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector_app import i18n
from inspector_app.services.hq_database import open_hq
from inspector_app.services.installation import open_workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from tests.gui import test_pseudo_locale
from tests.gui.test_pseudo_locale import Screen, plain
from tests.pseudo_check import untranslated, user_data

pytestmark = pytest.mark.gui
seeded, laptop = test_pseudo_locale.seeded, test_pseudo_locale.laptop  # the demo laptop, copied for HQ


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    switch_language("en")


def test_hq_charts_in_the_pseudo_locale(qtbot: QtBot, laptop: Path, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(laptop)
    hq_data = Path(shutil.copytree(laptop, laptop.parent / "hq"))
    url = sqlite_url(hq_data / "inspector.sqlite")
    window.enter_hq(open_hq(window.workspace.data, url, "HQ"), url)
    qtbot.waitUntil(lambda: window.hq_view is not None and window.hq_view.ui.table.rowCount() > 0)
    view = window.hq_view
    assert view is not None
    window.set_language(i18n.PSEUDO)
    QApplication.processEvents()
    view.show_charts()
    panel = view.charts
    assert panel is not None
    qtbot.waitUntil(lambda: panel.source is not None and bool(panel.serviceability.groups))
    with open_workspace(laptop, actor="Awa Diop") as ws:
        screen = Screen(user_data(ws))
    screen.check("HQ charts", panel)
    for chart in [*panel.charts(), view.ui.chart]:
        for text in [chart.accessibleName(), chart.accessibleDescription(), *(a.text() for a in chart.actions()),
                     *chart.table().header]:
            if left := untranslated(plain(text), screen.data):
                screen.problems.append(f"{chart.objectName()}: {text!r}: untranslated {left!r}")
    assert not screen.problems, "\n".join(screen.problems)
