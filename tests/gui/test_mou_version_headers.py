"""The workspace and review headers name the MOU version an inspection is judged against (issue 15, point 3)."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.domain.checklist import MouLineRef
from inspector_app.services import inspections, units
from inspector_app.services.workspace import Workspace
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.review_view import ReviewView
from inspector_app.ui.workers import TaskRunner
from inspector_app.ui.workspace_view import WorkspaceView

pytestmark = pytest.mark.gui

AMENDED = [MouLineRef(1, "Armoured personnel carriers", "APC wheeled", 7, "wet")]


def test_headers_name_the_version_in_force_on_the_inspection_s_date(
    qtbot: QtBot, ws: Workspace, unit_name: str
) -> None:
    with ws.db.session() as session:
        units.amend_mou(ws, session, units.find_unit(session, unit_name), AMENDED, date(2026, 6, 1), "MOU/T/A1")
    before = inspections.start(ws, unit_name, "coe-major-equipment", "periodic", start_date=date(2026, 5, 31))
    after = inspections.start(ws, unit_name, "coe-major-equipment", "periodic", start_date=date(2026, 6, 1))

    workspace = WorkspaceView(InspectionController(ws, after.id), TaskRunner(inline=True))
    qtbot.addWidget(workspace)
    workspace.rebuild()
    assert "MOU: MOU/T/A1, amendment 1 in force from 1 Jun 2026" in workspace.ui.heading.text()

    review = ReviewView(InspectionController(ws, before.id))
    qtbot.addWidget(review)
    review.show()
    review.refresh()
    assert "MOU: MOU without a reference, original MOU" in review.ui.overview.text()
    switch_language("fr")
    try:
        review.set_language("fr")
        assert "MÉMO : MÉMO sans référence, MÉMO initial" in review.ui.overview.text()
    finally:
        switch_language("en")
