"""The Candidates page (Ctrl+4): the AMS registry, searched as one types, expired and soon-expiring passes marked,
eligibility in English and French; in HQ mode, HQ's registry in a window of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inspector_app.domain.checklist import PersonRef
from inspector_app.services import inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui import theme
from inspector_app.ui.candidates_view import CandidatesView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from tests.ams_answers import answer_candidate
from tests.conftest import mark_ready_for_review
from tests.gui.test_planning_gui import _mnemonic

pytestmark = pytest.mark.gui
TODAY = date(2026, 4, 1)
PERSONS = [PersonRef("IPO-1", "Aïcha Traoré", "Police Inspector", "female"),
           PersonRef("IPO-2", "Bakary Keita", "Police Sergeant", "male"),
           PersonRef("IPO-3", "Chantal Mbaye", "Police Inspector", "female")]


@pytest.fixture
def window(tmp_path: Path, open_window: Callable[..., MainWindow]) -> Iterator[MainWindow]:
    """IPO-1 cleared on 2024-03-10 (expired by TODAY), IPO-2 on 2024-05-01 (expires within 90 days), IPO-3 not
    cleared on 2026-01-05 (failed the road test; may retake from 2026-07-05)."""
    with open_workspace(tmp_path / "data", actor="Awa Diop") as ws:
        _assess(ws, "Mali", PERSONS, ((date(2024, 3, 10), "IPO-1", {}), (date(2024, 5, 1), "IPO-2", {}),
                                      (date(2026, 1, 5), "IPO-3", {"road": "fail"})))
    yield open_window(tmp_path / "data")
    switch_language("en")


def _assess(ws: Workspace, country: str, persons: list[PersonRef],
            assessed: tuple[tuple[date, str, dict[str, str]], ...]) -> None:
    """A MINUSCA unit "AMS <country>" of ``persons``, each assessed on its day with the results ``changed``."""
    mission = units.create_mission(ws, "MINUSCA", "MINUSCA")
    name = f"AMS {country}"
    units.create_unit(ws, mission.id, name=name, contributing_country=country, kind="ipo", persons=persons)
    for day, person, changed in assessed:
        ref = inspections.start(ws, name, "ams", "ams", start_date=day).id
        answer_candidate(ws, ref, person, **changed)
        mark_ready_for_review(ws, ref)


def _open(qtbot: QtBot, win: MainWindow, page: QWidget | None = None) -> CandidatesView:
    """Ctrl+4 from where the keyboard is: the registry's page, or in HQ mode (``page``: HQ's) its window."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = win.candidates_view if page is None else win.hq_view.candidates.view  # type: ignore[union-attr]
    assert view is not None and win.ui.stack.currentWidget() is (page or view)
    view.today = TODAY
    view.show_found()
    return view


def _rows(view: CandidatesView) -> list[list[str]]:
    table = view.ui.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_registry_lists_marks_and_searches(qtbot: QtBot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    assert view.ui.search.hasFocus()
    assert _rows(view) == [
        ["Aïcha Traoré", "IPO-1", "Police Inspector", "female", "Mali", "yes", "10 Mar 2026 (expired)",
         "pass expired: eligible for reassessment"],
        ["Bakary Keita", "IPO-2", "Police Sergeant", "male", "Mali", "yes", "1 May 2026 (expires soon)",
         "eligible for mission service"],
        ["Chantal Mbaye", "IPO-3", "Police Inspector", "female", "Mali", "no: Road test", "—",
         "not cleared: may retake from 2026-07-05"]]
    table = view.ui.table
    assert table.item(0, 6).foreground().color() == theme.colour("shortfall")
    assert table.item(1, 6).foreground().color() == theme.colour("attention")
    assert view.ui.count.text() == "3 candidates of 3"

    qtbot.keyClicks(view.ui.search, "keit")
    assert [r[0] for r in _rows(view)] == ["Bakary Keita"]
    view.ui.search.clear()
    qtbot.keyClicks(view.ui.search, "Inspector")
    assert [r[0] for r in _rows(view)] == ["Aïcha Traoré", "Chantal Mbaye"]
    view.ui.search.clear()

    qtbot.keyClick(view.ui.search, Qt.Key.Key_Tab)  # to the expiry filter
    assert view.ui.expiringOnly.hasFocus()
    qtbot.keyClick(view.ui.expiringOnly, Qt.Key.Key_Space)
    assert [r[1] for r in _rows(view)] == ["IPO-1", "IPO-2"] and view.ui.count.text() == "2 candidates of 3"
    qtbot.keyClick(view.ui.expiringOnly, Qt.Key.Key_Tab)
    assert view.ui.table.hasFocus()


def test_the_registry_in_french(qtbot: QtBot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    window.set_language("fr")
    qtbot.waitUntil(lambda: view.ui.table.horizontalHeaderItem(0).text() == "Nom")  # Qt posts the change
    headers = [view.ui.table.horizontalHeaderItem(c).text() for c in range(view.ui.table.columnCount())]
    assert headers[0] == "Nom" and "Valide jusqu'au" in headers
    rows = _rows(view)
    assert rows[0][6] == "10 mars 2026 (expirée)" and rows[0][7] == "aptitude expirée : peut être réévalué"
    assert rows[2][5] == "non : Épreuve sur route"
    assert window.ui.actionCandidates.text() == "C&andidats (AMS)"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mnemonics_of_the_page_and_menu_are_unique(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    view = _open(qtbot, window)
    window.set_language(lang)
    qtbot.waitUntil(lambda: window.ui.actionCandidates.text() == ("C&andidats (AMS)" if lang == "fr" else
                                                                   "C&andidates (AMS)"))
    letters = [_mnemonic(a.text()) for a in window.ui.menubar.actions()]
    letters += [_mnemonic(w.text()) for w in (view.ui.searchLabel, view.ui.expiringOnly)]
    assert len(letters) == len(set(letters)) == 7, letters
    view_menu = [_mnemonic(a.text()) for a in window.ui.menuView.actions() if not a.isSeparator()]
    assert view_menu.count(_mnemonic(window.ui.actionCandidates.text())) == 1, view_menu
    qtbot.keyClick(view.ui.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Alt+R: to the search box
    assert view.ui.search.hasFocus()


def test_hq_mode_offers_hq_s_registry_in_a_window_of_its_own(qtbot: QtBot, tmp_path: Path,
                                                                window: MainWindow) -> None:
    """HQ's database holds two other candidates: Ctrl+4 and the HQ page's button show those, not the laptop's."""
    hq_file = tmp_path / "hq.sqlite"
    with open_workspace(tmp_path / "hq-data", db_url=sqlite_url(hq_file), actor="HQ registry") as hq:
        _assess(hq, "Senegal", [PersonRef("SEN-7", "Mamadou Sow", "Police Captain", "male"),
                                PersonRef("SEN-8", "Fatou Ndiaye", "Police Lieutenant", "female")],
                ((date(2025, 6, 1), "SEN-7", {}), (date(2024, 2, 1), "SEN-8", {})))
    window.open_hq_database(str(hq_file))
    hq_view = window.hq_view
    assert hq_view is not None and window.ui.actionCandidates.isEnabled()
    assert hq_view.candidates_button.text() == "Candidates (AMS)…" and "Ctrl+4" in hq_view.candidates_button.toolTip()

    view = _open(qtbot, window, page=hq_view)
    registry = hq_view.candidates
    assert registry is not None and registry.isVisible() and registry.windowTitle() == (
        f"Candidates (AMS) — HQ — {hq_file}")
    qtbot.waitUntil(view.ui.search.hasFocus)  # once the window is active
    assert _rows(view) == [
        ["Fatou Ndiaye", "SEN-8", "Police Lieutenant", "female", "Senegal", "yes", "1 Feb 2026 (expired)",
         "pass expired: eligible for reassessment"],
        ["Mamadou Sow", "SEN-7", "Police Captain", "male", "Senegal", "yes", "1 Jun 2027",
         "eligible for mission service"]]
    assert view.ui.table.item(0, 6).foreground().color() == theme.colour("shortfall")
    assert view.ui.count.text() == "2 candidates of 2"
    qtbot.keyClicks(view.ui.search, "sow")
    assert [r[0] for r in _rows(view)] == ["Mamadou Sow"]
    view.ui.search.clear()
    qtbot.keyClick(view.ui.search, Qt.Key.Key_Tab)
    qtbot.keyClick(view.ui.expiringOnly, Qt.Key.Key_Space)
    assert [r[1] for r in _rows(view)] == ["SEN-8"] and view.ui.count.text() == "1 candidate of 2"

    window.set_language("fr")
    qtbot.waitUntil(lambda: registry.windowTitle().startswith("Candidats (AMS) — QG — "))
    assert hq_view.candidates_button.text() == "Candidats (AMS)…"
    window.set_language("en")
    qtbot.keyClick(view.ui.table, Qt.Key.Key_Escape)  # closes the window; the HQ page stays
    assert not registry.isVisible() and window.ui.stack.currentWidget() is hq_view
    reassessed = inspections.start(hq_view.workspace, "AMS Senegal", "ams", "ams", start_date=date(2026, 3, 2)).id
    answer_candidate(hq_view.workspace, reassessed, "SEN-8")
    mark_ready_for_review(hq_view.workspace, reassessed)
    hq_view.candidates_button.click()  # the page's button opens it again, read again: SEN-8 cleared anew
    assert registry.isVisible() and view.ui.expiringOnly.isChecked() and view.ui.count.text() == "0 candidates of 2"
    qtbot.keyClick(view.ui.expiringOnly, Qt.Key.Key_Space)
    assert _rows(view)[0][6] == "2 Mar 2028"

    window.leave_hq()  # the registry's window closes; back on the laptop, Ctrl+4 shows its own registry as a page
    assert not registry.isVisible()
    with qtbot.waitActive(window):  # as the window manager gives the keyboard back to the main window
        window.activateWindow()
    laptop = _open(qtbot, window)
    assert [r[1] for r in _rows(laptop)] == ["IPO-1", "IPO-2", "IPO-3"]
