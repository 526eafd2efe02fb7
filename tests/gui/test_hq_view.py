"""HQ mode of the desktop app: open HQ's database, its figures and chart, import, export, report, back (offscreen)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QInputDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inspector_app.cli.main import EXIT_USAGE, main
from inspector_app.crypto import ca, keys, pdf_sign, trust, tsa
from inspector_app.crypto.verify import verify_pdf
from inspector_app.domain import verification
from inspector_app.locale_format import format_percent
from inspector_app.paths import DataDir
from inspector_app.services import (
    archive,
    bundle_export,
    demo,
    hq_import,
    hq_views,
    settings,
    verification_report,
)
from inspector_app.services import units as unit_records
from inspector_app.services.hq_database import database_url
from inspector_app.services.installation import open_workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.sync import envelope
from inspector_app.ui import theme
from inspector_app.ui.hq_chart import Series
from inspector_app.ui.hq_open_dialog import HqOpenDialog
from inspector_app.ui.hq_view import HqView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.workers import TaskRunner
from tests.gui.conftest import MessageBoxes, key
from tests.integration.field import (
    CA_PASS,
    DEMO_AMS_UNITS,
    DEMO_INSPECTIONS,
    DEMO_UNITS,
    PASS,
    Field,
    issue_identity,
    make_field,
)
from tests.integration.test_hq_views import _coe

pytestmark = pytest.mark.gui
ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)
PLAIN, SEALED = "field-report.inspector-bundle", "sealed.inspector-bundle"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Field:
    """The demo laptop (its COE signed) sends a field report, and one encrypted for HQ's identity."""
    field = make_field(tmp_path_factory.mktemp("hq-view"))
    issue_identity(field, field.hq, "HQ registry", role="hq", kind="rsa")
    trust.add_ca(DataDir(field.laptop), ca.ca_certificate(field.ca_dir))
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        bundle_export.export_bundle(ws, field.root / PLAIN, PASS)
        bundle_export.export_bundle(ws, field.root / SEALED, PASS, encrypt_to=keys.read_certificate(DataDir(field.hq)))
    return field


@pytest.fixture
def field(seeded: Field, tmp_path: Path) -> Field:
    return Field(Path(shutil.copytree(seeded.root, tmp_path / "field")))


@pytest.fixture(autouse=True)
def _light_afterwards() -> Iterator[None]:
    yield
    switch_language("en")
    theme.apply(QApplication.instance(), "light")


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(p) for p in paths], "")))


def results(view: HqView) -> list[str]:
    return [view.ui.results.item(r).text() for r in range(view.ui.results.count())]


def idle(view: HqView) -> Callable[[], bool]:
    """The view's final state after work: its actions enabled again (the worker's signals come queued)."""
    return lambda: (view.ui.importBundles.isEnabled() and view.ui.refresh.isEnabled()
                    and view._task is None)  # noqa: SLF001


def summary(view: HqView) -> list[hq_views.MissionSummary]:
    return hq_views.mission_summary(view.workspace)


def test_hq_mode_imports_field_reports_and_shows_the_summary_figures(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(field.hq, "HQ registry")
    # File ▸ Open HQ database… (Ctrl+Shift+O); Enter opens the data folder's own HQ database.
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    dialog = window.findChild(HqOpenDialog)
    assert dialog is not None and dialog.ui.local.isChecked()
    assert str(field.hq / "hq.sqlite") in dialog.ui.localPath.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ui.local)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.hq_view is not None and idle(window.hq_view)())
    view = window.hq_view
    assert window.ui.stack.currentWidget() is view and "HQ" in window.windowTitle()
    assert view.ui.table.rowCount() == 0 and "No mission" in view.ui.status.text()
    assert not window.ui.actionNewInspection.isEnabled() and not window.ui.actionSync.isEnabled()
    assert window.ui.actionFieldMode.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.ui.table)  # the keyboard is on the units

    garbage = field.root / "garbage.inspector-bundle"
    garbage.write_bytes(b"not a bundle at all")
    choose_files(monkeypatch, field.root / PLAIN, field.root / PLAIN, garbage)
    key(qtbot, Qt.Key.Key_I, ALT)  # Import field reports…
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and idle(view)())
    lines = results(view)
    assert lines[0] == f"{PLAIN}: imported, from Awa Diop; inspections added: {DEMO_INSPECTIONS}, updated: 0."
    assert lines[1].startswith(f"{PLAIN}: imported before, on ") and lines[1].endswith("; nothing changed.")
    copy = next((field.hq / "quarantine").glob("*-garbage.inspector-bundle"))
    assert lines[2].startswith("garbage.inspector-bundle: refused: ")
    assert lines[2].endswith(f"A copy is in {copy}; the file itself is left as it was.")
    assert garbage.read_bytes() == copy.read_bytes() == b"not a bundle at all" and len(lines) == 3
    assert view.ui.status.text() == ("Import finished: 1 imported, 1 imported before, 1 refused. "
                                     "1 signed report waits for archiving (Archive signed reports…).")

    # The table: the figures of 'inspector hq summary', one row a unit, by name.
    [mission] = summary(view)
    assert view.ui.mission.currentText() == f"{mission.code} — {mission.name}"
    table = view.ui.table
    assert [u.name for u in mission.units] == sorted([*(d.name for d in DEMO_UNITS), *DEMO_AMS_UNITS])
    assert table.rowCount() == len(mission.units)
    for r, unit in enumerate(mission.units):
        row = [table.item(r, c).text() for c in range(table.columnCount())]
        assert row[0] == unit.name and row[1] == unit.country
        assert row[3] == format_percent(unit.serviceability)
        assert row[4] == ({"pass": "PASS", "fail": "FAIL", "pending": "pending"}[unit.aoc.outcome.value]
                          if unit.aoc else "—")
        assert row[5] == (str(len(unit.shortfalls)) if unit.latest_coe else "—")
        assert row[6] == (str(unit.open_actions) if unit.open_actions else "—") or row[6].startswith(
            f"{unit.open_actions} (due ")
        women = format_percent(unit.women_share)
        target = unit.parity_target
        below = unit.women_share is not None and target is not None and unit.women_share < target
        assert row[7] == (f"{women} (target {format_percent(target)})" if below else women)
        if unit.kind == "fpu":  # the AMS candidates' units have no command posts
            assert f"in command positions: {unit.women_in_command} of {unit.in_command}" in table.item(r, 7).toolTip()
    bgd, sen, _tgo = (u for u in mission.units if u.kind == "fpu")
    assert [table.item(r, 4).text() for r in range(3)] == ["pending", "—", "—"]  # the AOC in progress: BGD's
    assert sen.serviceability is not None and len(sen.trend) == 1

    # Arrows move through the units; the chart and the shortfalls follow the selected one.
    table.setFocus()
    table.setCurrentCell(0, 0)
    assert view.ui.chart.series == () and "no settled COE" in view.ui.detailsNote.text()
    key(qtbot, Qt.Key.Key_Down)
    assert view.current_unit() == sen
    assert view.ui.chart.series == (Series(sen.name, ((sen.trend[0].date, sen.trend[0].serviceability),),
                                           (sen.trend[0].below_threshold,)),)
    assert view.ui.shortfalls.rowCount() == len(sen.shortfalls) > 0
    assert [view.ui.shortfalls.item(r, 3).text() for r in range(len(sen.shortfalls))] == [
        str(s.mou_quantity) for s in sen.shortfalls]
    assert format_percent(sen.serviceability) in view.ui.chart.accessibleDescription()


def test_the_chart_shows_serviceability_over_time_with_the_standard(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow]) -> None:
    """A database file chosen by path; several settled COE inspections of SEN FPU 1, a standard of 95 %."""
    other = field.root / "other-hq.sqlite"
    with open_workspace(field.hq, actor="HQ", db_url=sqlite_url(other)) as hq:
        demo.seed(hq)
        from inspector_app.services import units

        scope = units.scope(hq, demo.SENEGAL.name)
        for day, short in ((date(2026, 2, 1), 3), (date(2026, 5, 1), 0), (date(2026, 8, 1), 1)):
            _coe(hq, demo.SENEGAL.name, day, {m.line_no: (m.quantity, m.quantity - (short if m.line_no == 1 else 0))
                                              for m in scope.mou_lines})
        _coe(hq, demo.BANGLADESH.name, date(2026, 6, 1), {m.line_no: (m.quantity, m.quantity)
                                                          for m in scope.mou_lines})
        settings.put(hq, settings.SERVICEABILITY_THRESHOLD, "0.95")
    window = open_window(field.hq, "HQ registry")
    window.open_hq_database(str(other))
    view = window.hq_view
    assert view is not None and view.url == sqlite_url(other.resolve())
    qtbot.waitUntil(idle(view))
    [mission] = summary(view)
    bgd, sen, tgo = (u for u in mission.units if u.kind == "fpu")
    view.ui.table.setCurrentCell(1, 0)
    chart = view.ui.chart
    assert chart.threshold == 0.95
    [line] = chart.series
    assert line.name == sen.name and len(line.points) == len(sen.trend) == 4  # the demo's own COE is the last
    assert line.points == tuple((p.date, p.serviceability) for p in sen.trend)
    assert line.below == tuple(p.below_threshold for p in sen.trend) and any(line.below) and not all(line.below)
    assert [d for d, _v in line.points] == sorted(d for d, _v in line.points)
    text = chart.accessibleDescription()
    assert text.startswith("Standard: 95.0%.") and "1 May 2026 100.0%" in text
    assert view.ui.table.item(1, 3).foreground().color() == theme.colour("shortfall")  # the latest is below

    # Chart all units of the mission (Alt+A): one line a unit.
    view.ui.table.setFocus()
    key(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: len(chart.series) == len(DEMO_UNITS))  # each FPU: TGO FPU 3's COE cycle has its line
    assert [s.name for s in chart.series] == [bgd.name, sen.name, tgo.name]
    assert chart.series[0].points == ((date(2026, 6, 1), 1.0),)
    assert chart.series[2].points == tuple((p.date, p.serviceability) for p in tgo.trend)  # TGO FPU 3's cycle
    # Refresh (F5) reads the database again: another standard set meanwhile (e.g. by another HQ desk).
    with open_workspace(field.hq, actor="HQ", db_url=sqlite_url(other)) as hq:
        settings.put(hq, settings.SERVICEABILITY_THRESHOLD, "0.9")
    key(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: chart.threshold == 0.9 and idle(view)())
    assert len(chart.series) == len(DEMO_UNITS)
    assert view.current_unit() is not None and view.current_unit().name == sen.name
    chart.resize(600, 320)
    assert not chart.grab().isNull()  # painted in this theme and the others
    for look in ("dark", "high_contrast"):
        window.set_theme(look)
        assert not chart.grab().isNull()


def test_export_and_quarterly_report_run_off_the_gui_thread(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    url = sqlite_url(DataDir(field.hq).hq_database)
    with open_workspace(field.hq, actor="HQ", db_url=url) as hq:
        assert not hq_import.import_files(hq, [field.root / PLAIN]).refused
    runner = TaskRunner()  # a real background thread
    window = open_window(field.hq, "HQ registry", runner)
    window.open_hq_database()
    qtbot.waitUntil(lambda: window.hq_view is not None and idle(window.hq_view)(), timeout=30_000)
    view = window.hq_view

    # Export for reimbursement, CSV chosen by the filter: the suffix is added.
    out = field.root / "out" / "reimbursement"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "CSV (*.csv)")))
    key_target = view.ui.export
    key_target.setFocus()
    key(qtbot, Qt.Key.Key_X, ALT)
    written = out.with_suffix(".csv")
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {written}") and idle(view)(), timeout=30_000)
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    coe = [s for s in hq_views.coe_inspections(view.workspace)]
    assert rows[0][:3] == ["Mission", "Unit", "Country"] and len(rows) - 1 == sum(len(s.results.lines) for s in coe)
    assert f"{len(rows) - 1} MOU lines of {len(coe)} COE inspections" in view.ui.status.text()
    assert QApplication.focusWidget() is view.ui.export  # the keyboard is back where it was

    # Quarterly COE status report: a quarter typed wrong is refused before any file is asked for.
    asked: list[str] = []
    report = field.root / "out" / "coe.PDF"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (asked.append("x"), (str(report), ""))[1]))
    view.ui.quarter.setText("Q4")
    view.ui.report.click()
    assert view.ui.status.text() == "Write the quarter like 2026Q4." and asked == []
    [demo_day] = [s.inspection.start_date for s in coe if s.unit.name == demo.SENEGAL.name and s.settled]
    assert demo_day is not None  # dated from today by the demo: not always in today's quarter (on 2 January)
    view.ui.quarter.setText(verification.period_of(demo_day).code)
    view.ui.language.setCurrentIndex(view.ui.language.findData("fr"))
    view.ui.report.click()
    pdf = report.with_suffix(".pdf")
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {pdf}: ") and idle(view)(), timeout=60_000)
    runner.wait()
    assert pdf.read_bytes().startswith(b"%PDF") and asked == ["x"]
    start, end = hq_views.quarter_dates(view.ui.quarter.text())
    inspected = {s.unit.name for s in coe if s.settled and s.inspection.start_date
                 and start <= s.inspection.start_date <= end}  # SEN FPU 1's COE, TGO FPU 3's if in the quarter
    [mission] = summary(view)
    assert re.search(rf"document COE-MINUDEM-\d{{4}}Q\d-[0-9a-f]{{8}}-FR; {len(inspected)} of "
                     rf"{len(DEMO_UNITS)} units inspected", view.ui.status.text())  # FPUs: AMS units hold no COE

    # Signed: the passphrase is asked, the PDF signed and recorded on the worker, with progress.
    steps: list[tuple[int, int]] = []
    monkeypatch.setattr(view, "_progressed", lambda done, total: steps.append((done, total)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (PASS, True)))
    view.ui.signReport.setChecked(True)
    view.ui.report.click()
    qtbot.waitUntil(lambda: "signed by HQ registry as chief_coe_officer" in view.ui.status.text() and idle(view)(),
                    timeout=60_000)
    runner.wait()
    assert pdf_sign.is_certified(pdf.read_bytes()) and (3, 3) in steps

    # Per MOU line for the quarter typed: the verification reports' figures, one row per unit × MOU line.
    lines = field.root / "out" / "lines.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(lines), "")))
    view.ui.exportLines.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {lines}: ") and idle(view)(), timeout=60_000)
    runner.wait()
    quarter = view.ui.quarter.text()
    unit_ids = verification_report.units_with_major_equipment(view.workspace, quarter)  # the demo's TGO, maybe
    expected = sum(len(verification_report.gather(view.workspace, u, quarter).lines) for u in unit_ids)
    assert expected and f"{expected} MOU lines of {len(unit_ids)} units for {quarter}" in view.ui.status.text()


def test_the_global_report_covers_every_mission(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    """Alt+B ticks "Global (every mission)": the quarterly report of every mission, whichever is chosen."""
    url = sqlite_url(DataDir(field.hq).hq_database)
    with open_workspace(field.hq, actor="HQ", db_url=url) as hq:
        assert not hq_import.import_files(hq, [field.root / PLAIN]).refused
        mission = unit_records.create_mission(hq, "Test Mission", "TEST")
        unit_records.create_unit(hq, mission.id, name="TST FPU", contributing_country="Testland")
    runner = TaskRunner()
    window = open_window(field.hq, "HQ registry", runner)
    window.open_hq_database()
    qtbot.waitUntil(lambda: window.hq_view is not None and idle(window.hq_view)(), timeout=30_000)
    view = window.hq_view
    report = field.root / "global.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(report), "")))
    view.ui.quarter.setText("2026Q4")
    view.ui.language.setCurrentIndex(view.ui.language.findData("fr"))
    view.ui.language.setFocus()
    key(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(view.ui.globalReport.isChecked)  # a mnemonic clicks after a short animation
    key(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {report}: ") and idle(view)(), timeout=60_000)
    runner.wait()
    assert re.search(r"document COE-ALL-2026Q4-[0-9a-f]{8}-FR; \d+ of 4 units inspected", view.ui.status.text())
    text = " ".join(subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Toutes les missions" in text and "MINUDEM" in text and "Test Mission (TEST)" in text

    # the performance report of the same scope, as a workbook: every unit of every mission
    book = field.root / "performance.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(book), "")))
    view.ui.performanceReport.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith(f"Wrote {book}: ") and idle(view)(), timeout=60_000)
    runner.wait()
    assert re.search(r"\d+ of 4 units assessed in the quarter", view.ui.status.text()), view.ui.status.text()
    units = [r[1] for r in openpyxl.load_workbook(book)["Unités"].iter_rows(min_row=2, values_only=True)]
    assert len(units) == 4 and "TST FPU" in units


def test_encrypted_field_reports_ask_for_hqs_passphrase_before_the_import(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(field.hq, "HQ registry")
    url = database_url(DataDir(field.hq), "")
    view = window.enter_hq(open_workspace(field.hq, db_url=url), url)
    qtbot.waitUntil(idle(view))
    prompts: list[str] = []

    def get_text(_parent: object, _title: str, label: str, *_a: object, **_k: object) -> tuple[str, bool]:
        prompts.append(label)
        return PASS, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    choose_files(monkeypatch, field.root / PLAIN)
    view.ui.importBundles.click()
    qtbot.waitUntil(idle(view))
    assert prompts == [] and results(view)[0].startswith(f"{PLAIN}: imported, from Awa Diop")  # not encrypted

    assert envelope.is_encrypted(field.root / SEALED)
    choose_files(monkeypatch, field.root / SEALED)
    view.ui.importBundles.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and idle(view)())
    assert len(prompts) == 1 and "HQ's identity" in prompts[0]
    assert results(view) == [f"{SEALED}: imported, from Awa Diop; inspections added: 0, updated: 0."]

    # A wrong passphrase stops the import: the file is no bundle's fault and stays where it is.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("wrong", True)))
    choose_files(monkeypatch, field.root / SEALED, field.root / PLAIN)
    view.ui.importBundles.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and idle(view)())
    [line] = results(view)
    assert line.startswith("Stopped: ") and line.endswith("2 files were not imported.")
    assert (field.root / SEALED).exists()


def test_signed_reports_imported_are_archived_with_the_cas_passphrase(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    """The import says how many signed reports wait; Archive signed reports… asks for the CA folder and its
    passphrase and archives them on the worker (PAdES B-LTA); a wrong passphrase archives nothing."""
    tsa.init_tsa(field.ca_dir, CA_PASS)
    window = open_window(field.hq, "HQ registry")
    url = database_url(DataDir(field.hq), "")
    view = window.enter_hq(open_workspace(field.hq, db_url=url), url)
    qtbot.waitUntil(idle(view))
    choose_files(monkeypatch, field.root / PLAIN)
    view.ui.importBundles.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and idle(view)())
    assert view.ui.status.text().endswith("1 signed report waits for archiving (Archive signed reports…).")

    folders: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: folders.append("asked") or str(field.ca_dir)))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("wrong", True)))
    key(qtbot, Qt.Key.Key_C, ALT)  # Archive signed reports…
    qtbot.waitUntil(lambda: folders == ["asked"] and idle(view)())
    assert "passphrase" in view.ui.status.text() and len(archive.pending(view.workspace)) == 1

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (CA_PASS, True)))
    view.ui.archive.click()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("1 signed report archived") and idle(view)())
    assert results(view) == ["1 signed report archived (PAdES B-LTA); 0 not archived."]
    assert archive.pending(view.workspace) == []
    [row] = archive.archived(view.workspace)
    copy = DataDir(field.hq).media_path(str(row["archived_sha256"])).read_bytes()
    assert verify_pdf(copy, trust.load(DataDir(field.hq)))[0].level == "B-LTA"


def test_an_import_can_be_cancelled_between_files(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    real_import = hq_import.import_files

    def slow_import(*args: object, **kwargs: object) -> object:
        started.set()
        assert release.wait(30)
        return real_import(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hq_import, "import_files", slow_import)
    runner = TaskRunner()
    window = open_window(field.hq, "HQ registry", runner)
    window.open_hq_database()
    qtbot.waitUntil(lambda: window.hq_view is not None and idle(window.hq_view)(), timeout=30_000)
    view = window.hq_view
    choose_files(monkeypatch, field.root / PLAIN, field.root / PLAIN)
    view.ui.importBundles.setFocus()
    view.ui.importBundles.click()
    assert started.wait(30)
    # The window is free meanwhile: Cancel has the keyboard, the other actions wait.
    assert view.ui.cancel.isVisible() and QApplication.focusWidget() is view.ui.cancel
    assert not view.ui.export.isEnabled() and not view.ui.report.isEnabled()
    key(qtbot, Qt.Key.Key_Space)
    release.set()
    qtbot.waitUntil(lambda: view.ui.status.text().startswith("Import finished") and idle(view)(), timeout=30_000)
    runner.wait()
    assert results(view) == [f"{PLAIN}: imported, from Awa Diop; inspections added: {DEMO_INSPECTIONS}, updated: 0.",
                             "Cancelled. 1 file was not imported."]
    assert QApplication.focusWidget() is view.ui.importBundles and not view.ui.cancel.isVisible()


def test_back_to_field_mode_returns_to_the_laptops_own_data(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(field.laptop)
    title = window.windowTitle()
    window.open_hq_database()
    view = window.hq_view
    assert view is not None and window.ui.stack.currentWidget() is view
    assert not window.ui.actionReport.isEnabled() and not window.saved_label.isVisible()
    hq, closed = view.workspace, []
    real_close = hq.close
    monkeypatch.setattr(hq, "close", lambda: (closed.append(True), real_close()))
    assert window.ui.actionFieldMode in window.ui.menuFile.actions()
    window.ui.actionFieldMode.trigger()
    assert window.hq_view is None and window.ui.stack.currentWidget() is window.home
    assert window.windowTitle() == title and window.ui.actionNewInspection.isEnabled()
    assert not window.ui.actionFieldMode.isEnabled() and window.ui.stack.indexOf(view) == -1
    assert window.home.model.rowCount() == 1 and closed == [True]  # the laptop's demo mission; HQ's db closed


def test_the_open_dialog_says_in_one_line_why_a_database_did_not_open(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(field.hq, "HQ registry")
    dialog = window.choose_hq_database()
    ui = dialog.ui

    def refusal(choice: QAbstractButton, text: str, field_widget: QWidget) -> str:
        choice.setChecked(True)
        field_widget.setText(text)  # type: ignore[attr-defined]
        ui.openButton.click()
        qtbot.waitUntil(lambda: ui.openButton.isEnabled())
        assert dialog.isVisible() and window.hq_view is None
        assert "\n" not in ui.status.text()
        return ui.status.text()

    text = refusal(ui.server, "postgresql://inspector:s3cret@127.0.0.1:1/hq", ui.url)
    assert text.startswith("Not opened: cannot open the database 127.0.0.1:1/hq:")  # where, never a URL
    assert "s3cret" not in text
    assert refusal(ui.server, "mysql://u@h/db", ui.url) == (
        "HQ's database is an SQLite file or a PostgreSQL server, not mysql.")
    assert "is not a database URL" in refusal(ui.server, "postgres ql://hq@db/inspector", ui.url)
    assert refusal(ui.file, str(field.root / "none.sqlite"), ui.filePath) == (
        f"Not opened: There is no SQLite file {field.root / 'none.sqlite'}.")
    assert refusal(ui.file, "", ui.filePath) == "Choose the SQLite file of HQ's database."
    assert dialog.focusWidget() is ui.filePath  # where the keyboard is in the dialog
    ui.local.setChecked(True)
    ui.openButton.click()
    assert not dialog.isVisible() and window.hq_view is not None


def test_mnemonics_of_hq_mode_are_unique_in_english_and_french(
        qtbot: QtBot, field: Field, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(field.hq, "HQ registry")
    window.open_hq_database()
    view = window.hq_view
    assert view is not None
    for lang, units in (("fr", "&Unités"), ("en", "&Units")):
        window.set_language(lang)
        qtbot.waitUntil(lambda u=units: view.ui.unitsLabel.text() == u)  # Qt posts the change to every widget
        letters = [_mnemonic(window.ui.menubar.actions()[i].text()) for i in range(len(window.ui.menubar.actions()))]
        for widget in [*view.findChildren(QAbstractButton), *view.findChildren(QLabel)]:
            if widget.isVisible() and _mnemonic(widget.text()):
                letters.append(_mnemonic(widget.text()))
        assert len(letters) == len(set(letters)), (lang, "".join(sorted(letters)))
        file_menu = [_mnemonic(a.text()) for a in window.ui.menuFile.actions() if not a.isSeparator()]
        assert len(file_menu) == len(set(file_menu)), (lang, file_menu)
        if lang == "fr":
            assert window.ui.actionOpenHq.text() == "Ouvrir la base de données du Q&G…"
            assert window.windowTitle().startswith(f"Inspector — QG — {field.hq}")  # a path, not a URL
            assert view.ui.table.horizontalHeaderItem(6).text() == "Mesures en suspens"
            assert view.ui.status.text() == ("Aucune mission dans cette base pour l'instant : "
                                             "importez des rapports de terrain.")


def _mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match[1].lower() if match else ""


def test_inspector_hq_starts_the_window_in_hq_mode(
        qtbot: QtBot, field: Field, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes) -> None:
    from inspector_app.ui import app

    started: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(app, "run", lambda data_dir=None, hq=None: started.append((data_dir, hq)) or 0)
    assert main(["--data-dir", str(field.hq), "--hq"]) == 0
    assert main(["--hq", "postgresql://hq@db.example/inspector"]) == 0
    assert main(["--data-dir", str(field.hq)]) == 0
    assert started == [(str(field.hq), ""), (None, "postgresql://hq@db.example/inspector"), (str(field.hq), None)]
    assert main(["--hq", "hq.sqlite", "units", "list"]) == EXIT_USAGE

    data = DataDir(field.hq)
    assert database_url(data, "") == sqlite_url(data.hq_database)
    assert database_url(data, "postgresql://hq@db/inspector") == (
        "postgresql+psycopg://hq@db/inspector?connect_timeout=10")

    # The start-up itself: straight into HQ mode, no first-run questions on this empty field database.
    ws = open_workspace(field.hq)
    window = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    qtbot.addWidget(window)
    app.start(window, "")
    assert window.hq_view is not None and window.hq_view.url == sqlite_url(data.hq_database)
    window.close()
    message_boxes.allow()
    window = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    qtbot.addWidget(window)
    app.start(window, str(field.root / "missing.sqlite"))
    assert window.hq_view is None and message_boxes.shown == [
        f"Inspector | HQ's database was not opened: There is no SQLite file {field.root / 'missing.sqlite'}."]
    window.close()
    ws.close()
