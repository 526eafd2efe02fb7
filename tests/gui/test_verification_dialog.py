"""The verification report window: unit and period, preview, sign in a role, through
services.verification_report.produce on the worker; the main window's File menu opens it; HQ exports per line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from inspector_app.crypto import keys
from inspector_app.paths import DataDir
from inspector_app.services import inspections, verification_report
from inspector_app.services.report import Signer
from inspector_app.services.workspace import Workspace
from inspector_app.ui.pdf_preview import RENDER_SCALE, PdfPreview
from inspector_app.ui.verification_dialog import VerificationReportDialog
from inspector_app.ui.workers import TaskRunner
from tests.conftest import mark_ready_for_review

pytestmark = pytest.mark.gui
PASS = "laptop-secret"


def _watermarked(pdf: bytes | None, preview: PdfPreview) -> bool:
    """True when the middle of the preview's first page (where only the watermark may cross) differs from the
    page drawn without its form fields."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    bare = pdfium.PdfDocument(pdf)
    try:
        raw = bare[0].render(scale=RENDER_SCALE).to_pil().convert("RGB")
    finally:
        bare.close()
    shown = preview.page_image(0)
    assert (shown.width(), shown.height()) == raw.size
    box = (raw.width // 3, raw.height // 3, 2 * raw.width // 3, 2 * raw.height // 3)
    return any(shown.pixelColor(x, y).getRgb()[:3] != raw.getpixel((x, y))
               for x in range(box[0], box[2], 3) for y in range(box[1], box[3], 3))


def test_choose_unit_and_period_preview_and_countersign(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ws: Workspace, unit_name: str, tmp_path: Path,
) -> None:
    ref = inspections.start(ws, unit_name, "coe-major-equipment", "periodic", start_date=date(2026, 11, 3)).id
    inspections.answer(ws, ref, "me.count/1", "found=9 serviceable=8")
    mark_ready_for_review(ws, ref)
    calls: list[tuple[str, str, str, Signer | None]] = []
    real = verification_report.produce

    def produce(ws: Workspace, unit: str, period: str, lang: str = "en", **kwargs: Any) -> Any:
        calls.append((unit, period, lang, kwargs.get("sign")))
        return real(ws, unit, period, lang, **kwargs)

    monkeypatch.setattr(verification_report, "produce", produce)
    dialog = VerificationReportDialog(ws, TaskRunner(inline=True))
    qtbot.addWidget(dialog)
    assert dialog.unit.currentText() == "TST FPU (Testland)" and not dialog.role.isEnabled()
    dialog.period.setText("2026-13")
    dialog.generate()
    assert calls == [] and "2026Q4 (a quarter) or 2026-11 (a month)" in dialog.ui.status.text()
    dialog.period.setText("2026Q4")
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("fr"))
    dialog.generate()
    unit_id = dialog.unit.currentData()
    assert calls == [(unit_id, "2026Q4", "fr", None)]
    assert dialog.produced is not None and dialog.produced.provisional and dialog.pdf == dialog.produced.pdf
    assert "provisional" in dialog.ui.status.text() and dialog.ui.sign.isEnabled()
    assert _watermarked(dialog.pdf, dialog.preview)  # the preview draws the provisional marks
    assert [dialog.role.itemData(i) for i in range(dialog.role.count())] == [
        "coe_inspector", "contingent_commander", "chief_coe_officer"]
    other = tmp_path / "chief"
    other.mkdir()
    keys.create_identity(DataDir(other), "Chief Officer", "hq", PASS)
    shutil.copyfile(keys.identity_path(DataDir(other)), keys.identity_path(ws.data))
    dialog.role.setCurrentIndex(dialog.role.findData("chief_coe_officer"))
    assert dialog.sign(PASS) is True
    assert calls[-1] == (unit_id, "2026Q4", "fr", Signer(PASS, "chief_coe_officer"))
    assert dialog.produced is not None and not dialog.produced.provisional
    assert dialog.ui.status.text() == "Signed by Chief Officer as Chief COE officer; the report is countersigned."
    assert not _watermarked(dialog.pdf, dialog.preview)
    saved = dialog.save_as(str(tmp_path / "v.pdf"))
    assert saved is not None and saved.read_bytes() == dialog.produced.pdf


def test_the_file_menu_opens_it_on_the_open_inspection_s_unit(
    qtbot: QtBot, open_window: Any, tmp_path: Path,
) -> None:
    from inspector_app.services import demo  # noqa: PLC0415
    from inspector_app.services.installation import open_workspace  # noqa: PLC0415

    with open_workspace(tmp_path / "laptop", actor="Awa Diop") as seed:
        assert demo.seed(seed)
        [ref] = [s.inspection.id for s in inspections.list_states(seed)
                 if s.unit.name == "BGD FPU 2" and s.checklist.template.id == "aoc-fpu"]
    window = open_window(tmp_path / "laptop")
    window.open_inspection(ref)
    window.ui.actionVerificationReport.trigger()
    dialog = window.findChild(VerificationReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.unit.currentText() == "BGD FPU 2 (Bangladesh)"
    dialog.close()
