"""Sign-off by hand on the pad, and the report generated off the GUI thread with its preview."""

from __future__ import annotations

import re
import subprocess

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import select

from inspector_app.crypto import keys
from inspector_app.services import inspections, signing
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Signature
from inspector_app.ui.report_dialog import ReportDialog
from inspector_app.ui.sign_off_dialog import SignOffDialog
from inspector_app.ui.workers import TaskRunner
from tests.conftest import mark_ready_for_review
from tests.gui.conftest import draw_signature

pytestmark = pytest.mark.gui
PASS = "laptop-secret"


def test_handwritten_signature_is_stored(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    dialog = SignOffDialog(ws, inspection.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.ui.name, "Col. Mamadou Ndiaye")
    draw_signature(qtbot, dialog.pad)
    assert dialog.save_button.isEnabled() and not dialog.pad.is_empty
    png = dialog.pad.to_png()
    assert png.startswith(b"\x89PNG")
    dialog.accept()
    with ws.db.session() as session:
        [signature] = session.exec(select(Signature).where(Signature.inspection_id == inspection.id)).all()
    assert (signature.kind, signature.role, signature.signer_name) == (
        "handwritten", "contingent_commander", "Col. Mamadou Ndiaye")
    assert ws.data.media_path(signature.image_sha256 or "").exists()


def test_report_is_generated_off_the_gui_thread_and_previewed(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    inspections.answer(ws, inspection.id, "me.count/1", "found=9 serviceable=8")
    runner = TaskRunner()  # a real background thread
    dialog = ReportDialog(ws, inspection.id, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("fr"))
    dialog.generate()
    assert dialog.ui.cancel.isEnabled()  # the window is free while it renders
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    runner.wait()
    assert dialog.pdf.startswith(b"%PDF") and dialog.preview.page_count >= 1
    assert dialog.ui.save.isEnabled() and dialog.report is not None
    assert dialog.report.document_id in dialog.ui.status.text()


def test_a_cancelled_report_is_not_shown_and_a_new_one_is(qtbot: QtBot, ws: Workspace, unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    dialog = ReportDialog(ws, inspection.id, TaskRunner(inline=True))  # the result arrives during generate()
    qtbot.addWidget(dialog)
    dialog.generate()
    assert dialog.report is not None and dialog.ui.save.isEnabled()
    first = dialog.report
    dialog.cancel()
    assert dialog.ui.status.text() == "Cancelled." and dialog.report is first


def test_sign_digitally_is_refused_before_review_naming_what_is_missing(qtbot: QtBot, ws: Workspace,
                                                                        unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    dialog = ReportDialog(ws, inspection.id, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.generate()
    assert dialog.sign(PASS) is False
    assert re.fullmatch(r"the inspection is draft and cannot be signed: \d+ required items are still unanswered: "
                        r"me\.[^;]+; answer them, then submit it for review", dialog.ui.status.text())
    assert not signing.signatures(ws, inspection.id)


def test_sign_digitally_signs_the_final_report_in_the_chosen_language(qtbot: QtBot, ws: Workspace,
                                                                      unit_name: str) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    dialog = ReportDialog(ws, inspection.id, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("fr"))
    dialog.generate()
    draft = dialog.pdf
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("en"))  # not generated: the French one is shown
    assert dialog.sign(PASS) is True
    signed = signing.signed_report(ws, inspection.id, "fr")
    assert signed is not None and dialog.pdf == signed and signing.signed_report(ws, inspection.id, "en") is None
    assert dialog.ui.status.text().startswith("Signed.")
    text = subprocess.run(["pdftotext", "-", "-"], input=signed, capture_output=True, check=True).stdout
    assert b"Page 1 sur" in text and b"PROJET" not in text and b"PROJET" in subprocess.run(
        ["pdftotext", "-", "-"], input=draft, capture_output=True, check=True).stdout
    assert dialog.sign(PASS) is True  # asked again: refused in one line, nothing signed
    assert dialog.ui.status.text() == "Awa Diop has already signed the French report of this inspection"
    assert len(signing.signatures(ws, inspection.id)) == 1
