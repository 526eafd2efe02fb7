"""HQ mode lists the signed verification reports that the field's bundles brought (offscreen)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from inspector_app.services import demo
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from tests.gui.conftest import key
from tests.integration.field import Field
from tests.integration.test_verification_sync import CHIEF, signed_field

pytestmark = pytest.mark.gui
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return signed_field(tmp_path_factory.mktemp("vsync-gui")).root


@pytest.fixture
def field(seeded: Path, tmp_path: Path) -> Field:
    return Field(Path(shutil.copytree(seeded, tmp_path / "field")))


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    switch_language("en")


def test_hq_mode_lists_the_signed_verification_reports_of_the_mission(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(field.hq, "HQ registry")
    window.open_hq_database()
    view = window.hq_view
    assert view is not None
    qtbot.waitUntil(lambda: view._task is None and view.ui.importBundles.isEnabled())  # noqa: SLF001
    box = view.signed
    assert box.isVisible() and box.table.rowCount() == 0

    bundle = field.root / "countersigned.bundle"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(bundle)], "")))
    key(qtbot, Qt.Key.Key_I, ALT)  # Import field reports…
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and view._task is None)  # noqa: SLF001
    qtbot.waitUntil(lambda: box.table.rowCount() == 1)
    _unit_id, period = (field.root / "unit").read_text().split()
    row = [box.table.item(0, c).text() for c in range(box.table.columnCount())]
    assert row[:5] == [demo.SENEGAL.name, period, "Français", "countersigned",
                       f"Awa Diop (coe_inspector), {CHIEF} (chief_coe_officer)"]
    assert row[5].startswith("VER-SEN-FPU-1-") and row[5].endswith("-FR")

    window.set_language("fr")
    qtbot.waitUntil(lambda: box.label.text() == "Rapports de vérification signés")
    assert box.table.horizontalHeaderItem(3).text() == "Statut"
    assert box.table.item(0, 3).text() == "contresigné"
