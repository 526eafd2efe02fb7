"""Where people see the MOU version and the self-sustainment terms in the window: the new-inspection dialog names
the version an inspection will be judged against, HQ mode lists a unit's MOU versions, and the workspace's
self-sustainment pages say who provides each category and the standard the MOU sets. On the demo mission: TGO FPU 3's
MOU has an amendment, and the UN provides EOD."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from inspector_app.domain.checklist import PersonRef
from inspector_app.locale_format import format_date
from inspector_app.services import demo, inspections, templates, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.new_inspection_dialog import NewInspectionDialog
from tests.conftest import LINES

pytestmark = pytest.mark.gui
AMENDED = date.today() - timedelta(days=demo.AMENDED_DAYS_AGO)  # TGO FPU 3's amendment 1 takes effect
LINE_COUNT = len(demo.ANNEX_B)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mou-ss-gui") / "data"
    with open_workspace(root, actor="Awa Diop") as ws:
        demo.seed(ws)
    return root


@pytest.fixture
def demo_ws(seeded: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the demo laptop's data, in English."""
    switch_language("en")
    with open_workspace(Path(shutil.copytree(seeded, tmp_path / "data")), actor="Awa Diop") as ws:
        yield ws
    switch_language("en")


def ss_categories(ws: Workspace) -> int:
    """How many Annex C categories the demo MOUs list: the template's, less its last."""
    with ws.db.read() as session:
        template = templates.model(templates.latest(session, "coe-self-sustainment"))
    return sum(1 for s in template.sections if s.mou_category) - 1


# -- the new-inspection dialog ---------------------------------------------------------------------------------


def choose(dialog: NewInspectionDialog, unit: str, start: date) -> str:
    dialog.ui.unit.setCurrentIndex(dialog.ui.unit.findText(unit + " — ", Qt.MatchFlag.MatchStartsWith))
    dialog.ui.startDate.setDate(QDate(start.year, start.month, start.day))
    return dialog.ui.mou.text()


def test_the_new_inspection_dialog_names_the_version_in_force_on_the_start_date(
        qtbot: QtBot, demo_ws: Workspace) -> None:
    categories = ss_categories(demo_ws)
    dialog = NewInspectionDialog(demo_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    tail = f" — {LINE_COUNT} MOU lines, {categories} self-sustainment categories."
    assert choose(dialog, demo.TOGO.name, AMENDED - timedelta(days=1)) == (
        "Version 1: MOU/MINUDEM/TGO/FPU, original MOU" + tail)
    assert choose(dialog, demo.TOGO.name, AMENDED) == (
        f"Version 2: MOU/MINUDEM/TGO/FPU/A1, amendment 1 in force from {format_date(AMENDED)}" + tail)
    assert choose(dialog, demo.SENEGAL.name, AMENDED) == "Version 1: MOU/MINUDEM/SEN/FPU, original MOU" + tail

    # The inspection started freezes the version the dialog named.
    choose(dialog, demo.TOGO.name, AMENDED + timedelta(days=3))
    dialog.ui.type.setCurrentIndex(dialog.ui.type.findData("periodic"))
    dialog.ui.template.setCurrentIndex(dialog.ui.template.findData("coe-major-equipment"))
    dialog.ui.endDate.setDate(dialog.ui.startDate.date().addDays(1))
    dialog.accept()
    assert dialog.inspection_id, dialog.ui.error.text()
    scope = inspections.load(demo_ws, dialog.inspection_id).checklist.scope
    assert scope.mou_version is not None and scope.mou_version.version == 2
    assert scope.mou_lines[0].quantity == demo.ANNEX_B[0][2] + 2  # the amendment's two more APCs

    switch_language("fr")
    qtbot.waitUntil(lambda: dialog.ui.mouLabel.text() == "MÉMO de référence")  # the language change is an event
    assert dialog.ui.mou.text().startswith(f"Version 2 : MOU/MINUDEM/TGO/FPU/A1, avenant 1 en vigueur depuis le "
                                           f"{format_date(AMENDED, 'fr')}")
    assert dialog.ui.mou.text().endswith(f" — {LINE_COUNT} lignes du MÉMO, {categories} catégories de soutien "
                                         "logistique autonome.")


def test_the_dialog_says_when_the_unit_has_no_mou_in_force(qtbot: QtBot, demo_ws: Workspace) -> None:
    mission = units.list_units(demo_ws)[0].mission
    units.create_unit(demo_ws, mission.id, name="NEW FPU 4", contributing_country="Newland",
                      persons=[PersonRef("N-1", "Ana Lima", "Police Captain", "female", "Commander")])
    units.create_unit(demo_ws, mission.id, name="LATE FPU 5", contributing_country="Lateland", mou=LINES,
                      ss_categories=["catering"], mou_reference="MOU/LATE")
    with demo_ws.db.session() as session:  # its first MOU takes effect on 1 March 2027 only
        late = units.find_unit(session, "LATE FPU 5")
        [first] = units.mou_versions(session, late)
        first.effective_from = date(2027, 3, 1)
    dialog = NewInspectionDialog(demo_ws)
    qtbot.addWidget(dialog)
    assert choose(dialog, "NEW FPU 4", date(2026, 11, 2)) == (
        "No MOU in force on 2 Nov 2026: the unit has no MOU, so there are no MOU lines or self-sustainment "
        "categories to judge.")
    assert choose(dialog, "LATE FPU 5", date(2027, 2, 28)) == (
        "No MOU in force yet on 28 Feb 2027: the inspection will be judged against the unit's first MOU. "
        "Version 1: MOU/LATE, original MOU in force from 1 Mar 2027 — 3 MOU lines, 1 self-sustainment category.")
    assert choose(dialog, "LATE FPU 5", date(2027, 3, 1)) == (
        "Version 1: MOU/LATE, original MOU in force from 1 Mar 2027 — 3 MOU lines, 1 self-sustainment category.")
    choose(dialog, "NEW FPU 4", date(2026, 11, 2))
    switch_language("fr")
    qtbot.waitUntil(lambda: dialog.ui.mou.text().startswith("Aucun MÉMO en vigueur le 2 nov. 2026 : l'unité "))
