"""The review page's AOC figures: officers assessed and certified and the women among them, EN and FR."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.review_view import ReviewView
from tests.integration.test_aoc_figures import CHANGES, _aoc


def test_the_review_page_shows_officers_certified_and_women_among_them(
        qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    # three officers (two women): Khady Sow fails first aid, Moussa Fall's pistol n/a -> 2 of 3 certified, 1 woman
    inspection = _aoc(ws, unit_name, date(2026, 10, 1), CHANGES, submit=False)
    view = ReviewView(InspectionController(ws, inspection))
    qtbot.addWidget(view)
    view.show()
    assert view.ui.persons.isVisible()
    assert view.ui.persons.text() == (
        "Officers assessed: 3; certified: 2 (66.7%). Women assessed: 2 (66.7%); certified: 1 (50.0%). "
        "Roster: 3, of whom 2 women (66.7%).")
    assert view.ui.verdict.text() == "Overall outcome: FAIL"
    try:
        switch_language("fr")
        qtbot.waitUntil(lambda: view.ui.persons.text().startswith("Policiers évalués"))
        assert "certifiés : 2 (66,7" in view.ui.persons.text()
        assert "Femmes évaluées : 2 (66,7" in view.ui.persons.text()
    finally:
        switch_language("en")
