"""A quarterly performance assessment (PAER) from start to HQ: rated on the laptop with its evidence, its report
signed and verified, carried in a bundle, and counted in HQ's quarterly performance report."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from inspector_app.cli.main import main
from inspector_app.crypto import trust
from inspector_app.crypto.verify import verify_pdf
from inspector_app.services import bundle_export, demo, followups, hq_import, inspections, performance_status, planning
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import Signer, produce
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Inspection, TemplateRecord, Unit
from tests.integration.field import PASS, Field, make_field

TEMPLATE = "fpu-performance-quarterly"
SETTLED = ("ready_for_review", "signed", "exported")
QUARTER = f"{date.today().year}Q{(date.today().month - 1) // 3 + 1}"  # the quarter under way: it has begun
RATINGS = {"perf.command.leadership": "meets", "perf.command.reporting": "partially",
           "perf.command.coordination": "exceeds", "perf.operations.tasks": "meets",
           "perf.operations.readiness": "meets", "perf.public_order.management": "meets",
           "perf.public_order.force": "exceeds", "perf.poc.awareness": "meets", "perf.poc.response": "n/a",
           "perf.conduct.sea": "meets", "perf.conduct.discipline": "meets", "perf.sustainment.equipment": "below",
           "perf.sustainment.self": "meets", "perf.training.plan": "meets", "perf.training.skills": "meets",
           "perf.gender.women": "partially", "perf.gender.community": "meets"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo laptop (certified by HQ's CA) with SEN FPU 1's assessment of the quarter rated, its earlier
    actions followed up, a finding on the criterion below standard, ready for review; 'id' holds its id."""
    field = make_field(tmp_path_factory.mktemp("paer"))
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        assessment = inspections.start(ws, demo.SENEGAL.name, TEMPLATE, "performance_assessment", period=QUARTER)
        for key, value in RATINGS.items():
            inspections.answer(ws, assessment.id, key, value)
        for carried in followups.follow_ups(ws, assessment.id):
            followups.follow_up(ws, assessment.id, carried.action.id, "done", "seen repaired")
        followups.add_finding(ws, assessment.id, "Two APCs unserviceable for the whole quarter",
                              key="perf.sustainment.equipment",
                              action=followups.ActionPlan("Repair both APCs", "Unit logistics officer",
                                                          date(date.today().year + 1, 3, 31)))
        inspections.submit(ws, assessment.id)
    (field.root / "id").write_text(assessment.id)
    return field.root


def _id(field: Field) -> str:
    return (field.root / "id").read_text()


def _cli(field: Field, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--data-dir", str(field.laptop), *args])
    return code, out.getvalue()


def _last_settled_coe(ws: Workspace, unit: str, start: date, end: date) -> str | None:
    """The evidence the assessment must show, found here by SQL: the unit's last settled COE major-equipment
    inspection that started in the quarter."""
    with ws.db.read() as session:
        rows = session.exec(select(Inspection).join(Unit).join(TemplateRecord).where(
            Unit.name == unit, TemplateRecord.kind == "coe_major_equipment",
            col(Inspection.status).in_(SETTLED), col(Inspection.start_date) >= start,
            col(Inspection.start_date) <= end).order_by(col(Inspection.start_date), col(Inspection.created_at))).all()
    return rows[-1].id if rows else None


def test_show_gives_the_period_the_ratings_and_the_evidence(field: Field) -> None:
    code, out = _cli(field, "inspections", "show", _id(field), "--json")
    assert code == 0
    found = json.loads(out)["performance"]
    assert found["period"] == QUARTER
    # 16 criteria rated (one n/a): (11 × 0.67 + 2 × 1 + 2 × 0.33 + 0) / 16 = 0.627 → partially (rounded down)
    assert (found["overall"]["rating"], found["overall"]["rated"]) == ("partially", 16)
    assert found["overall"]["mean"] == pytest.approx((11 * 0.67 + 2 + 2 * 0.33) / 16)
    sections = {s["code"]: s["rating"] for s in found["sections"]}
    assert sections["perf.command"] == "meets" and sections["perf.sustainment"] == "partially"
    assert sections["perf.poc"] == "meets"  # n/a left out
    assert found["below_standard"] == ["perf.command.reporting", "perf.sustainment.equipment",
                                       "perf.gender.women"]
    with open_workspace(field.laptop) as ws:
        start, end = (date(int(QUARTER[:4]), 3 * int(QUARTER[-1]) - 2, 1), date.today())
        expected = _last_settled_coe(ws, demo.SENEGAL.name, start, end)
    coe = found["evidence"]["coe_major_equipment"]
    assert (coe["inspection"] if coe else None) == expected
    assert set(found["evidence"]) == {"coe_major_equipment", "coe_self_sustainment", "aoc"}


def test_the_text_of_show_names_the_quarter_and_the_overall_rating(field: Field) -> None:
    code, out = _cli(field, "inspections", "show", _id(field))
    assert code == 0
    assert f"Quarter assessed: Q{QUARTER[-1]} {QUARTER[:4]}" in out
    assert "Overall rating: Partially meets the standard" in out


def test_the_paer_is_signed_verified_carried_to_hq_and_counted_there(field: Field, hq_url: str,
                                                                     tmp_path: Path) -> None:
    assessment = _id(field)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        signed = produce(ws, assessment, "fr", sign=Signer(PASS, role="assessor"))
        assert signed.as_signed and signed.role == "assessor"
        bundle_export.export_bundle(ws, tmp_path / "field.bundle", PASS)
    with open_workspace(field.hq, actor="HQ registry", db_url=hq_url) as hq:
        checks = verify_pdf(signed.pdf, trust.load(hq.data))
        assert [(c.field, c.intact, c.trusted) for c in checks] == [("Signature_assessor", True, True)]
        batch = hq_import.import_files(hq, [tmp_path / "field.bundle"])
        assert not batch.refused
        state = inspections.load(hq, assessment)
        assert state.checklist.scope.period == QUARTER
        status = performance_status.performance_status(hq, QUARTER)
        [mission] = status.missions
        units = {u.name: u for u in mission.units}
        senegal = units[demo.SENEGAL.name]
        assert senegal.rating is not None and senegal.rating.code == "partially"
        assert not senegal.rating.meets_standard and senegal.assessment is not None
        assert senegal.assessment.id == assessment
        assert senegal.open_actions >= 1  # the new finding's action, raised in the quarter
        assert {u.rating for n, u in units.items() if n != demo.SENEGAL.name} == {None}
        assert mission.tally.assessed == 1 and mission.tally.below_standard == 1

        produced = performance_status.report(hq, QUARTER, lang="fr", xlsx=True)
        (tmp_path / "perf.xlsx").write_bytes(produced.data)
        sheet = load_workbook(tmp_path / "perf.xlsx")["Unités"]
        rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows[demo.SENEGAL.name][3] == "Satisfait partiellement à la norme"
        pdf = performance_status.report(hq, QUARTER, demo.MISSION_CODE, "en")
        assert pdf.pages and pdf.document_id and pdf.document_id.startswith(f"PERF-{demo.MISSION_CODE}-{QUARTER}-")


def test_a_period_is_asked_of_an_assessment_only(field: Field) -> None:
    before = _count(field)
    code, _out = _cli(field, "inspections", "new", "--unit", demo.SENEGAL.name, "--template", TEMPLATE,
                      "--type", "performance_assessment")
    assert code == 1
    code, _out = _cli(field, "inspections", "new", "--unit", demo.SENEGAL.name, "--template", "coe-major-equipment",
                      "--type", "periodic", "--period", QUARTER)
    assert code == 1
    assert _count(field) == before  # nothing started by the refusals


def _count(field: Field) -> int:
    with open_workspace(field.laptop) as ws, ws.db.read() as session:
        return len(session.exec(select(Inspection.id)).all())


def test_a_planned_assessment_starts_on_the_quarter_it_is_held_in(field: Field) -> None:
    held = date(int(QUARTER[:4]), 3 * int(QUARTER[-1]) - 2, 2)  # the quarter under way has begun by then
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        plan = planning.plan(ws, demo.BANGLADESH.name, TEMPLATE, "performance_assessment", held, ["Awa Diop"])
        started = planning.start(ws, plan.id, held)
        assert inspections.load(ws, started.id).checklist.scope.period == QUARTER
