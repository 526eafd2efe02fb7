"""First run: import HQ's reference package from the welcome dialog, with the CA fingerprint HQ gave."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from inspector_app.crypto import ca, keys, trust
from inspector_app.crypto.certificates import fingerprint
from inspector_app.paths import DataDir
from inspector_app.services import reference_package, settings, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui.first_run_dialog import FirstRunDialog
from inspector_app.ui.workers import TaskRunner
from tests.conftest import LINES, PERSONS

pytestmark = pytest.mark.gui
PASS = "hq-identity-secret"


@pytest.fixture
def hq(tmp_path: Path) -> tuple[Path, str]:
    """A small reference package from HQ (one unit with its MOU and roster) and HQ's CA fingerprint."""
    data = DataDir(tmp_path / "hq")
    keys.create_identity(data, "HQ Reference Desk", "hq", PASS)
    folder = data.root / "hq-ca"
    cert = ca.init_ca(folder, "UN Police Division CA", PASS)
    keys.import_certificate(data, ca.issue(folder, keys.csr_for(data), PASS), PASS)
    package = tmp_path / "reference.inspector-bundle"
    with open_workspace(data.root, actor="HQ", db_url=sqlite_url(data.hq_database)) as ws:
        mission = units.create_mission(ws, "Test Mission", "TEST")
        units.create_unit(ws, mission.id, name="TST FPU", contributing_country="Testland",
                          mou=LINES, ss_categories=["catering"], persons=PERSONS)
        reference_package.build_package(ws, package, PASS, folder)
    return package, fingerprint(cert)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "laptop") as ws:
        yield ws


def _dialog(qtbot: QtBot, ws: Workspace) -> FirstRunDialog:
    dialog = FirstRunDialog(ws, runner=TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    return dialog


def _unit_names(ws: Workspace) -> list[str]:
    return [row.unit.name for row in units.list_units(ws)]


def test_first_run_imports_the_package_once_the_fingerprint_matches(
        qtbot: QtBot, laptop: Workspace, hq: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    package, expected = hq
    dialog = _dialog(qtbot, laptop)
    assert dialog.ui.reference.isEnabled() and not dialog.ui.referenceBox.isEnabled()
    assert dialog.needs_fingerprint and not dialog.ui.fingerprint.isHidden()
    dialog.ui.name.setText("Awa Diop")
    dialog.ui.reference.setChecked(True)
    assert dialog.ui.referenceBox.isEnabled()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(package), "")))
    dialog.ui.browse.click()
    assert dialog.ui.packagePath.text() == str(package)

    dialog.accept()  # no fingerprint typed: asked for, nothing imported
    assert dialog.result() != QDialog.DialogCode.Accepted and "fingerprint" in dialog.ui.referenceStatus.text()
    dialog.ui.fingerprint.setText(("AB:" * 32)[:-1])
    dialog.accept()  # a fingerprint that does not match: refused, the package's own is shown to compare
    status = dialog.ui.referenceStatus.text()
    assert dialog.result() != QDialog.DialogCode.Accepted and "Not imported" in status and expected in status
    assert _unit_names(laptop) == [] and not trust.load(laptop.data).roots
    assert dialog.ui.buttons.isEnabled() and dialog.ui.referenceBox.isEnabled()  # free to try again

    dialog.ui.fingerprint.setText(expected.lower())
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.wants_demo
    assert dialog.imported is not None and dialog.imported.tables["unit"].added == 1
    assert _unit_names(laptop) == ["TST FPU"]
    assert [fingerprint(c) for c in trust.load(laptop.data).roots] == [expected]
    assert settings.get(laptop, settings.USER_NAME) == "Awa Diop"


def test_a_laptop_that_trusts_hq_is_not_asked_for_the_fingerprint(
        qtbot: QtBot, laptop: Workspace, hq: tuple[Path, str]) -> None:
    package, _expected = hq
    trust.add_ca(laptop.data, ca.ca_certificate(package.parent / "hq" / "hq-ca"))
    dialog = _dialog(qtbot, laptop)
    assert not dialog.needs_fingerprint and dialog.ui.fingerprint.isHidden()
    dialog.ui.reference.setChecked(True)
    dialog.accept()  # no file chosen yet
    assert dialog.result() != QDialog.DialogCode.Accepted and "Choose" in dialog.ui.referenceStatus.text()
    dialog.ui.packagePath.setText(str(package))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and _unit_names(laptop) == ["TST FPU"]


def test_a_damaged_package_is_refused_in_the_dialog(
        qtbot: QtBot, laptop: Workspace, hq: tuple[Path, str], tmp_path: Path) -> None:
    package, expected = hq
    damaged = tmp_path / "damaged.inspector-bundle"
    damaged.write_bytes(package.read_bytes()[:-200])
    dialog = _dialog(qtbot, laptop)
    dialog.ui.reference.setChecked(True)
    dialog.ui.packagePath.setText(str(damaged))
    dialog.ui.fingerprint.setText(expected)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "Not imported" in dialog.ui.referenceStatus.text()
    assert _unit_names(laptop) == []
