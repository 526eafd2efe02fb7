"""The report dialog renders and signs through services.report.produce on its worker, with progress in its bar."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.crypto import keys
from inspector_app.services import inspections, report, signing
from inspector_app.services.report import ProducedReport, Signer
from inspector_app.services.workspace import Workspace
from inspector_app.ui.report_dialog import ReportDialog
from inspector_app.ui.workers import TaskRunner
from tests.conftest import mark_ready_for_review

pytestmark = pytest.mark.gui
PASS = "laptop-secret"


def test_generate_and_sign_go_through_the_service_with_progress(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ws: Workspace, unit_name: str,
) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    calls: list[tuple[str, Signer | None]] = []
    real = report.produce

    def produce(ws: Workspace, ref: str, lang: str = "en", **kwargs: Any) -> ProducedReport:
        calls.append((lang, kwargs.get("sign")))
        return real(ws, ref, lang, **kwargs)

    monkeypatch.setattr(report, "produce", produce)
    dialog = ReportDialog(ws, inspection.id, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    steps: list[tuple[int, int]] = []
    dialog.stepped.connect(lambda done, total: steps.append((done, total)))
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("fr"))
    dialog.generate()
    assert calls == [("fr", None)] and steps == [(0, 1), (1, 1)]
    assert dialog.report is not None and dialog.report.file_name == f"{dialog.report.document_id}.pdf"
    steps.clear()
    assert dialog.sign(PASS) is True
    assert calls[1] == ("fr", Signer(PASS)) and steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert (dialog.ui.progress.maximum(), dialog.ui.progress.value()) == (3, 3)
    assert dialog.pdf == signing.signed_report(ws, inspection.id, "fr")
    dialog.generate()  # the signed rendition: its signed file, read back by the service
    assert calls[2] == ("fr", None) and dialog.pdf == signing.signed_report(ws, inspection.id, "fr")
    assert dialog.ui.status.text() == "This is the report as signed; another signer can co-sign it."
