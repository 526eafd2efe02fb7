"""The Sync screen: conflicts settled by keyboard, bundles imported, exported for HQ and shared (offscreen)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from inspector_app.crypto import ca, keys, trust
from inspector_app.crypto.certificates import fingerprint, pem
from inspector_app.paths import DataDir
from inspector_app.progress import Progress
from inspector_app.services import bundle_export, conflicts, inspections, reference_package, team_merge, units
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.installation import open_workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import Conflict
from inspector_app.sync import envelope
from inspector_app.sync.archive import read_bundle
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.sync_view import SyncView
from inspector_app.ui.workers import TaskRunner
from tests.gui.conftest import key
from tests.integration.field import CA_PASS, PASS, Field, issue_identity, make_field
from tests.integration.field import inspections as all_inspections

pytestmark = pytest.mark.gui
ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)
PLANNING, REPORTING, DRIVING = "aoc.c2.planning", "aoc.c2.reporting", "aoc.driving.test/BGD-0069"
HQ_PASS = "hq-transport-secret"


@dataclass(frozen=True)
class Team:
    field: Field
    aoc: str

    @property
    def colleague(self) -> Path:
        return self.field.root / "colleague"

    @property
    def back(self) -> Path:
        """The colleague's peer bundle: one new answer, two answers the leader changed too."""
        return self.field.root / "back.inspector-bundle"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Team:
    """The leader shares the AOC; both change the same two answers; the colleague sends theirs back."""
    field = make_field(tmp_path_factory.mktemp("sync-view"), sign=False)
    colleague_dir = field.root / "colleague"
    keys.create_identity(DataDir(colleague_dir), "Jean Kabila", "inspector", PASS)
    with open_workspace(field.laptop, actor="Awa Diop") as leader, \
            open_workspace(colleague_dir, actor="Jean Kabila") as colleague:
        aoc = next(i.id for i in all_inspections(leader) if i.status == "in_progress")
        team_merge.export_peer(leader, field.root / "share.inspector-bundle", PASS, [aoc])
        team_merge.import_file(colleague, field.root / "share.inspector-bundle")
        for item, value in ((PLANNING, "55"), (REPORTING, "80"), (DRIVING, "pass")):
            inspections.answer(colleague, aoc, item, value)
        for item, value in ((PLANNING, "60"), (REPORTING, "70")):
            inspections.answer(leader, aoc, item, value)
        team_merge.export_peer(colleague, field.root / "back.inspector-bundle", PASS, [aoc])
    return Team(field, aoc)


@pytest.fixture
def team(seeded: Team, tmp_path: Path) -> Team:
    return Team(Field(Path(shutil.copytree(seeded.field.root, tmp_path / "team"))), seeded.aoc)


def answers(window: MainWindow, aoc: str) -> dict[str, object]:
    return inspections.load(window.workspace, aoc).values()


def patch_text(monkeypatch: pytest.MonkeyPatch, *replies: str) -> list[str]:
    """QInputDialog.getText answers ``replies`` in turn; returns the prompts it was shown."""
    prompts: list[str] = []
    queue = list(replies)

    def get_text(_parent: object, _title: str, label: str, *_a: object, **_k: object) -> tuple[str, bool]:
        prompts.append(label)
        return queue.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return prompts


def test_conflicts_are_settled_by_keyboard_and_the_open_inspection_follows(
        qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    with open_workspace(team.field.laptop, actor="Awa Diop") as ws:
        result = team_merge.import_file(ws, team.back)
        assert isinstance(result, ImportResult) and result.conflicts == 2
    window = open_window(team.field.laptop)
    assert window.conflicts_label.isVisible() and "2 merge conflicts" in window.conflicts_label.text()
    window.open_inspection(team.aoc)
    assert window.controller is not None and window.controller.value(REPORTING) == 70
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    key(qtbot, Qt.Key.Key_Y, CTRL | SHIFT)  # Sync
    view = window.sync_view
    assert view is not None and window.ui.stack.currentWidget() is view
    table = view.ui.table
    assert QApplication.focusWidget() is table and table.rowCount() == 2
    assert [table.item(r, 2).text() for r in range(2)] == ["60", "70"]  # mine, by key: planning, reporting
    assert [table.item(r, 4).text() for r in range(2)] == ["55", "80"]  # theirs
    assert table.item(0, 5).text() == "Jean Kabila" and table.item(0, 1).text() != PLANNING  # the item's label

    # Down to the second conflict, Tab to "Keep theirs", Space.
    key(qtbot, Qt.Key.Key_Down)
    assert view.current_conflict() is not None and view.current_conflict().key == REPORTING
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.ui.keepMine
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.ui.keepTheirs
    key(qtbot, Qt.Key.Key_Space)
    assert answers(window, team.aoc)[REPORTING] == 80
    assert window.controller.value(REPORTING) == 80  # the open inspection was read again
    assert table.rowCount() == 1 and QApplication.focusWidget() is table
    assert view.ui.status.text() == "Reporting and communications: their answer is kept."
    assert "1 merge conflict " in window.conflicts_label.text()

    # Alt+D: Edit… with a value the item refuses (nothing settled), then with a good one. A mnemonic
    # clicks its button after a short animation: wait for it.
    prompts = patch_text(monkeypatch, "maybe", "58")
    key(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: "Not resolved" in view.ui.status.text())
    assert len(conflicts.list_open(window.workspace)) == 1 and PLANNING in prompts[0]
    key(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: len(prompts) == 2 and table.rowCount() == 0)
    assert answers(window, team.aoc)[PLANNING] == 58 and window.controller.value(PLANNING) == 58
    assert table.rowCount() == 0 and not view.ui.keepTheirs.isEnabled()
    assert not window.conflicts_label.isVisible()
    with window.workspace.db.read() as session:
        assert sorted(c.resolution for c in session.exec(select(Conflict))) == ["edit", "theirs"]

    key(qtbot, Qt.Key.Key_Escape)  # back to the open inspection
    assert window.ui.stack.currentWidget() is window.tabs


def test_bundles_are_imported_through_the_view_each_with_its_sentence(
        qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    garbage = team.field.root / "garbage.inspector-bundle"
    garbage.write_bytes(b"not a bundle at all")
    chosen = [str(team.back), str(team.back), str(garbage)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: (chosen, "")))
    window = open_window(team.field.laptop)
    assert not window.conflicts_label.isVisible()
    window.show_sync()
    view = window.sync_view
    assert view is not None
    key(qtbot, Qt.Key.Key_I, ALT)  # Import bundles…
    qtbot.waitUntil(lambda: view.ui.status.text() == "Import finished." and view.ui.importBundles.isEnabled())
    lines = [view.ui.results.item(r).text() for r in range(view.ui.results.count())]
    assert lines[0] == ("back.inspector-bundle: merged from Jean Kabila; answers added: 1, updated: 0. "
                        "2 conflicts to resolve below.")
    assert lines[1] == "back.inspector-bundle: imported before; nothing changed."
    assert lines[2].startswith("garbage.inspector-bundle: not imported: ") and len(lines) == 3
    assert view.ui.status.text() == "Import finished." and view.ui.importBundles.isEnabled()
    assert view.ui.table.rowCount() == 2 and "2 merge conflicts" in window.conflicts_label.text()
    assert answers(window, team.aoc)[DRIVING] == "pass"


def test_an_import_runs_off_the_gui_thread_and_can_be_cancelled(
        qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    real_import = team_merge.import_file

    def slow_import(*args: object, progress: Progress, **kwargs: object) -> object:
        started.set()
        assert release.wait(30)
        progress.check()  # where the real import checks too: a cancel stops it here
        return real_import(*args, progress=progress, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(team_merge, "import_file", slow_import)
    chosen = [str(team.back), str(team.back)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: (chosen, "")))
    runner = TaskRunner()
    window = open_window(team.field.laptop, runner=runner)
    view = window.show_sync()
    view.ui.importBundles.setFocus()
    view.ui.importBundles.click()
    assert started.wait(30)
    # The window is free meanwhile: Cancel has the keyboard, everything else waits.
    assert view.ui.cancel.isVisible() and QApplication.focusWidget() is view.ui.cancel
    assert not view.ui.importBundles.isEnabled() and not view.ui.sendBox.isEnabled()
    key(qtbot, Qt.Key.Key_Space)
    release.set()
    qtbot.waitUntil(lambda: view.ui.status.text() == "Cancelled." and view.ui.importBundles.isEnabled(),
                    timeout=30_000)
    runner.wait()
    assert [view.ui.results.item(r).text() for r in range(view.ui.results.count())] == [
        "back.inspector-bundle: not imported: Cancelled."]  # and the second file was not tried
    assert conflicts.list_open(window.workspace) == [] and QApplication.focusWidget() is view.ui.importBundles


def test_a_reference_package_asks_for_hqs_ca_fingerprint(
        qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    package = team.field.root / "reference.inspector-bundle"
    issue_identity(team.field, team.field.hq, "HQ Reference Desk", "hq")
    hq_db = sqlite_url(DataDir(team.field.hq).hq_database)
    with open_workspace(team.field.hq, actor="HQ", db_url=hq_db) as hq:
        mission = units.create_mission(hq, "Test Mission", "TEST")
        units.create_unit(hq, mission.id, name="TST FPU", contributing_country="Testland")
        reference_package.build_package(hq, package, PASS, team.field.ca_dir)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(package)], "")))
    prompts = patch_text(monkeypatch, fingerprint(ca.ca_certificate(team.field.ca_dir)))
    window = open_window(team.colleague, actor="Jean Kabila")  # trusts no CA yet
    view = window.show_sync()
    view.ui.importBundles.click()
    assert len(prompts) == 1 and "fingerprint" in prompts[0]
    line = view.ui.results.item(0).text()
    assert line.startswith("reference.inspector-bundle: reference package from HQ Reference Desk; records added: ")
    assert "TST FPU" in [row.unit.name for row in units.list_units(window.workspace)]


def test_export_for_hq_and_share_run_off_the_gui_thread(
        qtbot: QtBot, team: Team, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    target = team.field.root / "out" / "for-hq"  # no suffix typed: the view adds it
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), "")))
    runner = TaskRunner()  # a real background thread
    threads: list[threading.Thread] = []
    export = bundle_export.export_bundle
    monkeypatch.setattr(bundle_export, "export_bundle",
                        lambda *a, **k: (threads.append(threading.current_thread()), export(*a, **k))[1])
    window = open_window(team.field.laptop, runner=runner)
    window.open_inspection(team.aoc)
    view = window.show_sync()
    assert view.ui.inspection.currentData() == team.aoc  # the open inspection is preselected
    hq_trust = trust.load(DataDir(team.field.hq))  # HQ trusts its CA, which issued the laptop's identity

    patch_text(monkeypatch, "wrong passphrase")
    view.ui.exportHq.click()
    qtbot.waitUntil(lambda: view.ui.exportHq.isEnabled(), timeout=30_000)
    assert "passphrase" in view.ui.status.text() and not target.with_suffix(".inspector-bundle").exists()

    patch_text(monkeypatch, PASS)
    view.ui.onlyThis.setChecked(True)
    view.ui.inspection.setFocus()
    key(qtbot, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: not view.ui.exportHq.isEnabled() or view.ui.status.text().startswith("Wrote"))
    # "succeeded" and then "ended" arrive from the worker thread as two queued events: wait for both.
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Wrote") and view.ui.exportHq.isEnabled(),
                    timeout=30_000)
    runner.wait()
    bundle = read_bundle(target.with_suffix(".inspector-bundle"), hq_trust)
    assert bundle.manifest.kind == "field-report" and bundle.manifest.record_counts["inspection"] == 1
    assert not view.ui.progress.isVisible() and view.ui.exportHq.isEnabled()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert QApplication.focusWidget() is view.ui.inspection  # back where it was (Cancel had it meanwhile)

    # Encrypted for HQ's transport certificate; the CA's own certificate is refused before anything is asked.
    hq_data = DataDir(team.field.hq)
    keys.create_identity(hq_data, "UN HQ Sync", "hq", HQ_PASS, kind="rsa")
    keys.import_certificate(hq_data, ca.issue(team.field.ca_dir, keys.csr_for(hq_data), CA_PASS), HQ_PASS)
    trust.add_ca(DataDir(team.field.laptop), ca.ca_certificate(team.field.ca_dir))  # as HQ's package does
    view.ui.certificate.setText(str(team.field.ca_dir / ca.CA_PEM))
    prompts = patch_text(monkeypatch)
    view.ui.exportHq.click()
    assert view.ui.status.text().startswith("Not exported: ") and prompts == []
    hq_pem = team.field.root / "hq-transport.pem"
    hq_pem.write_bytes(pem(keys.read_certificate(hq_data)))
    view.ui.certificate.setText(str(hq_pem))
    sealed = team.field.root / "out" / "sealed.inspector-bundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(sealed), "")))
    patch_text(monkeypatch, PASS)
    view.ui.exportHq.click()
    qtbot.waitUntil(lambda: "encrypted for HQ" in view.ui.status.text() and view.ui.exportHq.isEnabled(),
                    timeout=30_000)
    runner.wait()
    assert envelope.is_encrypted(sealed)
    opened = envelope.open_bundle(sealed, lambda: keys.load_identity(hq_data, HQ_PASS))
    assert read_bundle(opened, hq_trust).manifest.kind == "field-report"

    # Share with a colleague (Alt+L): a peer-merge bundle the colleague imports.
    shared = team.field.root / "out" / "team.inspector-bundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(shared), "")))
    patch_text(monkeypatch, PASS)
    key(qtbot, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {shared}"), timeout=30_000)
    runner.wait()
    with open_workspace(team.colleague, actor="Jean Kabila") as colleague:
        result = team_merge.import_file(colleague, shared)
    assert isinstance(result, ImportResult) and result.kind == "peer-merge" and not result.already_imported


def test_sync_is_in_the_shortcut_list_and_the_menu(team: Team, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(team.field.laptop)
    assert window.ui.actionSync in window._actions()  # noqa: SLF001  (the list the F1 dialog shows)
    assert window.ui.menuSync.actions()[0] is window.ui.actionSync
    assert isinstance(window.show_sync(), SyncView)
