"""Sign digitally from the report dialog: the passphrase, and a signature drawn on the pad shown in the field."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from inspector_app.crypto import keys
from inspector_app.services import inspections, signing
from inspector_app.services.workspace import Workspace
from inspector_app.ui.report_dialog import ReportDialog, SignDigitallyDialog
from inspector_app.ui.workers import TaskRunner
from tests.conftest import mark_ready_for_review
from tests.gui.conftest import draw_signature
from tests.integration.test_signed_appearance import has_image

pytestmark = pytest.mark.gui
PASS = "laptop-secret"


@pytest.fixture
def dialog(qtbot: QtBot, ws: Workspace, unit_name: str) -> ReportDialog:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    report_dialog = ReportDialog(ws, inspection.id, TaskRunner(inline=True))
    qtbot.addWidget(report_dialog)
    return report_dialog


def test_a_signature_drawn_in_the_sign_flow_is_shown_in_the_signed_field(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ws: Workspace, dialog: ReportDialog,
) -> None:
    asked: list[SignDigitallyDialog] = []

    def answer(self: SignDigitallyDialog) -> int:  # the user types the passphrase and draws, then OK
        asked.append(self)
        assert not self.ok_button.isEnabled()  # no passphrase yet
        self.passphrase_edit.insert(PASS)
        draw_signature(qtbot, self.pad)
        self.clear_button.click()
        assert self.pad.is_empty
        draw_signature(qtbot, self.pad)
        assert self.ok_button.isEnabled() and not self.pad.is_empty
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignDigitallyDialog, "exec", answer)
    assert dialog.sign() is True
    assert len(asked) == 1
    [row] = signing.signatures(ws, dialog.inspection_id, signing.DIGITAL)
    assert row.image_sha256 is not None
    drawn = ws.data.media_path(row.image_sha256).read_bytes()
    assert drawn.startswith(b"\x89PNG") and drawn == asked[0].pad.to_png()
    assert dialog.pdf == signing.signed_report(ws, dialog.inspection_id, dialog.lang)
    field = PdfFileReader(io.BytesIO(dialog.pdf)).embedded_signatures[0].sig_field
    assert [float(v) for v in field["/Rect"]] != [0, 0, 0, 0]  # over its block, not invisible
    assert has_image(field["/AP"]["/N"])


def test_signing_without_a_drawing_and_cancelling(
    monkeypatch: pytest.MonkeyPatch, ws: Workspace, dialog: ReportDialog,
) -> None:
    monkeypatch.setattr(SignDigitallyDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert dialog.sign() is False
    assert not signing.signatures(ws, dialog.inspection_id)

    def passphrase_only(self: SignDigitallyDialog) -> int:
        self.passphrase_edit.insert(PASS)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignDigitallyDialog, "exec", passphrase_only)
    assert dialog.sign() is True
    [row] = signing.signatures(ws, dialog.inspection_id, signing.DIGITAL)
    assert row.image_sha256 is None
    assert not has_image(PdfFileReader(io.BytesIO(dialog.pdf)).embedded_signatures[0].sig_field["/AP"]["/N"])
