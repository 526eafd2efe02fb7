"""Where people see the MOU version and the self-sustainment terms in the window: the new-inspection dialog names
the version an inspection will be judged against, HQ mode lists a unit's MOU versions, and the workspace's
self-sustainment pages say who provides each category and the standard the MOU sets. On the demo mission: TGO FPU 3's
MOU has an amendment, and the UN provides EOD."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from inspector_app import i18n
from inspector_app.domain.checklist import MouLineRef, PersonRef, SsTerms
from inspector_app.locale_format import format_date
from inspector_app.services import demo, inspections, templates, units
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui.controller import InspectionController
from inspector_app.ui.hq_view import HqView
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.mou_versions_dialog import MouVersionsDialog
from inspector_app.ui.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.workers import TaskRunner
from inspector_app.ui.workspace_view import WorkspaceView
from tests.conftest import LINES
from tests.gui.test_pseudo_locale import Screen
from tests.integration.field import DEMO_UNIT_COUNT
from tests.pseudo_check import user_data

pytestmark = pytest.mark.gui
AMENDED = date.today() - timedelta(days=demo.AMENDED_DAYS_AGO)  # TGO FPU 3's amendment 1 takes effect
LINE_COUNT = len(demo.ANNEX_B)


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


# -- HQ mode: a unit's MOU versions ----------------------------------------------------------------------------


def rows(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_hq_mode_lists_a_unit_s_mou_versions_and_what_each_changed(qtbot: QtBot, demo_ws: Workspace) -> None:
    """TGO FPU 3: the original; amendment 1 (two more APCs), its catering then given to the UN; amendment 2 drops
    the recovery APC and adds a line."""
    units.set_ss_terms(demo_ws, demo.TOGO.name, SsTerms("catering", "un", "UN contractor, three meals a day"))
    current = units.scope(demo_ws, demo.TOGO.name).mou_lines
    third = [*(m for m in current if m.line_no != 2), MouLineRef(26, "Engineering", "Field kitchen", 2, "dry")]
    with demo_ws.db.session() as session:
        units.amend_mou(demo_ws, session, units.find_unit(session, demo.TOGO.name), third, date.today(),
                        "MOU/MINUDEM/TGO/FPU/A2")
    view = HqView(demo_ws, sqlite_url(demo_ws.data.database), TaskRunner(inline=True))
    qtbot.addWidget(view)
    view.show()
    view.load()
    table = view.ui.table
    qtbot.waitUntil(lambda: table.rowCount() == DEMO_UNIT_COUNT)
    table.setCurrentCell([table.item(r, 0).text() for r in range(table.rowCount())].index(demo.TOGO.name), 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on the unit's row
    qtbot.waitUntil(lambda: view.findChild(MouVersionsDialog) is not None)
    dialog = view.findChild(MouVersionsDialog)
    assert view.ui.status.text() == "TGO FPU 3: 3 MOU versions."
    assert dialog.ui.heading.text().startswith("TGO FPU 3: 3 MOU versions, the original first.")
    categories = ss_categories(demo_ws)
    apcs = demo.ANNEX_B[0][2]
    items = sum(q for _c, _i, q, _l in demo.ANNEX_B)
    assert rows(dialog.ui.versions) == [
        ["1", "MOU/MINUDEM/TGO/FPU", "the start", str(LINE_COUNT), str(items), str(categories), "the original MOU"],
        ["2", "MOU/MINUDEM/TGO/FPU/A1", format_date(AMENDED), str(LINE_COUNT), str(items + 2), str(categories),
         "1 line changed, 1 self-sustainment category's terms"],
        ["3 (in force today)", "MOU/MINUDEM/TGO/FPU/A2", format_date(date.today()), str(LINE_COUNT),
         str(items + 2 - 1 + 2), str(categories), "1 line added, 1 line removed"],
    ]
    changes = dialog.ui.changes
    assert dialog.ui.versions.currentRow() == 2  # the latest amendment first
    assert [changes.item(r).text() for r in range(changes.count())] == [
        "Added line 26: Engineering / Field kitchen, 2, dry lease",
        "Removed line 2: Armoured personnel carriers / APC wheeled, recovery variant, 1, wet lease"]
    qtbot.keyClick(dialog.ui.versions, Qt.Key.Key_Up)
    assert [changes.item(r).text() for r in range(changes.count())] == [
        f"Changed line 1, APC wheeled, class II: quantity {apcs} → {apcs + 2}",
        "Self-sustainment terms (provider or standard) changed: catering"]

    switch_language("fr")
    qtbot.waitUntil(lambda: dialog.ui.versions.horizontalHeaderItem(2).text() == "En vigueur depuis")
    assert changes.item(0).text() == f"Ligne 1 modifiée, APC wheeled, class II : quantité {apcs} → {apcs + 2}"
    assert dialog.ui.versions.item(2, 0).text() == "3 (en vigueur aujourd'hui)"
    assert dialog.ui.versions.item(0, 2).text() == "le début"


# -- the workspace's self-sustainment pages --------------------------------------------------------------------


def tree(view: WorkspaceView) -> dict[str, list[str]]:
    """Each section's title (without its markers) and its pages' labels."""
    out = {}
    for i in range(view.ui.sections.topLevelItemCount()):
        node = view.ui.sections.topLevelItem(i)
        out[node.text(0).split("  ")[0]] = [node.child(j).text(0) for j in range(node.childCount())]
    return out


def test_self_sustainment_pages_say_who_provides_the_category_and_its_standard(
        qtbot: QtBot, demo_ws: Workspace) -> None:
    started = inspections.start(demo_ws, demo.SENEGAL.name, "coe-self-sustainment", "periodic")
    # HQ changes the MOU afterwards: the inspection keeps the terms it started with
    units.set_ss_terms(demo_ws, demo.SENEGAL.name, SsTerms("catering", "un", "UN contractor"))
    view = WorkspaceView(InspectionController(demo_ws, started.id), TaskRunner(inline=True))
    qtbot.addWidget(view)
    view.show()
    sections = tree(view)
    assert sections["Explosive ordnance disposal"] == ["Not asked: provided by UN"]
    assert len(sections["Catering"]) > 1 and "Not asked" not in " ".join(sections["Catering"])

    view.show_key("ss.personnel.strength")  # not a self-sustainment category: nothing to say
    assert view.ui.pages.currentWidget() is view.ui.itemPage and view.ui.itemTerms.isHidden()
    view.show_key("ss.catering.kitchen")
    assert view.ui.itemTerms.isVisible()
    assert view.ui.itemTerms.text() == (f"Self-sustainment, provided by: contingent. Standard in the MOU: "
                                        f"{demo.SS_STANDARDS['catering']}")
    view.show_key("ss.communications.vhf_uhf")
    assert view.ui.itemTerms.text() == ("Self-sustainment, provided by: contingent. The MOU sets no standard in "
                                        "words for it.")
    view.show_key("ss.eod")  # its page, rather than nothing
    assert view.ui.pages.currentWidget() is view.ui.termsPage and view.current_key == "ss.eod"
    assert view.ui.termsTitle.text() == "<b>Explosive ordnance disposal</b>"
    assert view.ui.termsText.text() == (
        "Provided by: UN. The contingent is not judged on a category it does not provide, so this inspection does "
        "not ask about it. The MOU sets no standard in words for it.")

    # Enter's "next item" passes over that page: there is nothing to answer on it
    view.show_key("ss.minor_engineering.waste")
    view.next_item()
    assert view.current_key == "ss.laundry_cleaning.laundry"
    view.next_item(-1)
    assert view.current_key == "ss.minor_engineering.waste"

    switch_language("fr")
    qtbot.waitUntil(lambda: "Neutralisation des explosifs et munitions" in tree(view))
    assert tree(view)["Neutralisation des explosifs et munitions"] == ["Non demandé : fourni par ONU"]
    view.show_key("ss.catering.kitchen")
    assert view.ui.itemTerms.text() == (f"Soutien logistique autonome, fourni par : contingent. Norme du MÉMO : "
                                        f"{demo.SS_STANDARDS['catering']}")


def test_the_three_screens_in_the_pseudo_locale_leave_nothing_untranslated_or_cut_off(
        qtbot: QtBot, demo_ws: Workspace) -> None:
    started = inspections.start(demo_ws, demo.SENEGAL.name, "coe-self-sustainment", "periodic")
    screen = Screen(user_data(demo_ws))
    switch_language(i18n.PSEUDO)
    dialog = NewInspectionDialog(demo_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog, demo.TOGO.name, AMENDED)
    screen.check("new inspection", dialog)
    view = HqView(demo_ws, sqlite_url(demo_ws.data.database), TaskRunner(inline=True))
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    view.load()
    qtbot.waitUntil(lambda: view.ui.table.rowCount() == DEMO_UNIT_COUNT)
    view.ui.table.setCurrentCell(2, 0)  # TGO FPU 3 (the AMS candidates come after it)
    view.show_mou_versions()
    versions = view.findChild(MouVersionsDialog)
    screen.check("MOU versions", versions)
    workspace = WorkspaceView(InspectionController(demo_ws, started.id), TaskRunner(inline=True))
    qtbot.addWidget(workspace)
    workspace.resize(1366, 700)
    workspace.show()
    for key in ("ss.catering.kitchen", "ss.eod"):
        workspace.show_key(key)
        screen.check(key, workspace)
    assert not screen.problems, "\n".join(screen.problems)
