"""Shipped templates from version 2 on: signature roles as template data; version 1 databases, reports and bundles
go on.

``tests.shipped.v1_shipped`` stands for an installation of the release before: it ships version 1 only.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from sqlmodel import col, select

from inspector_app.paths import DataDir
from inspector_app.reports import kinds
from inspector_app.services import bundle_export, hq_import, inspections, report, templates
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import Inspection, TemplateRecord
from tests import shipped
from tests.conftest import add_test_unit
from tests.integration.field import PASS, Field, make_field

# Today's roles of each shipped template, written out: the reports printed these before version 2 too.
ROLES = {
    "coe-major-equipment": ["inspector", "team_leader", "contingent_commander"],
    "coe-self-sustainment": ["inspector", "team_leader", "contingent_commander"],
    "aoc-fpu": ["assessor", "team_leader", "contingent_commander"],
    "ams": ["assessor", "team_leader"],
}
NEWER = {"fpu-performance-quarterly": ["assessor", "contingent_commander", "police_commissioner"]}  # born with roles
LABELS = {"inspector": "UN inspector", "team_leader": "Team leader", "contingent_commander": "Contingent commander",
          "assessor": "Assessor"}
TYPES = {"coe-major-equipment": "arrival", "coe-self-sustainment": "periodic", "aoc-fpu": "aoc_in_mission",
         "ams": "ams"}


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _blocks(text: str) -> list[str]:
    """The titles of the signature blocks, in order."""
    section = text[text.rindex("Signatures\n") + len("Signatures\n"):].split("\f")[0]  # to the end of its page
    if "Name:" in section:  # a block signed by hand: its name and date follow the titles
        section = section[:section.index("Name:")]
    footer = ("Page ", "Document id:", "Content SHA-256:")
    return [line for line in section.splitlines() if line.strip() and not line.startswith(footer)]


def _versions(ws: Workspace) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    with ws.db.read() as session:
        for record in templates.list_templates(session):
            found.setdefault(record.template_id, []).append(record.version)
    return found


def _no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind's fallback roles become one unknown role, so that a block from the fallback would show."""
    real = kinds.of_template
    monkeypatch.setattr(kinds, "of_template",
                        lambda kind: dataclasses.replace(real(kind), fallback_roles=("Fallback role",)))


def test_a_new_workspace_has_the_shipped_version_of_each_template_naming_its_signature_roles(
        ws: Workspace) -> None:
    assert _versions(ws) == {template_id: [number] for template_id, number in shipped.current_versions().items()}
    assert set(shipped.current_versions()) == set(ROLES) | set(NEWER)
    assert min(shipped.current_versions()[t] for t in ROLES) >= 2
    with ws.db.read() as session:
        for record in templates.list_templates(session):
            assert templates.model(record).signature_roles == (ROLES | NEWER)[record.template_id]


@pytest.mark.parametrize("template_id", sorted(ROLES))
def test_the_report_of_a_fresh_inspection_shows_exactly_its_template_s_signature_blocks(
        ws: Workspace, unit_name: str, template_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_fallback(monkeypatch)
    started = inspections.start(ws, unit_name, template_id, TYPES[template_id])
    assert _blocks(_text(report.render(ws, started.id, "en").pdf)) == [LABELS[r] for r in ROLES[template_id]]


def test_an_existing_database_keeps_version_1_and_its_reports_and_gains_the_shipped_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with shipped.v1_shipped(tmp_path / "v1"), open_workspace(data, actor="tester") as ws:
        assert _versions(ws) == {template_id: [1] for template_id in ROLES}
        unit = add_test_unit(ws)
        older = {t: inspections.start(ws, unit, t, TYPES[t]).id for t in ROLES}
        before = {t: _text(report.render(ws, ref, "en").pdf) for t, ref in older.items()}
    assert all(_blocks(before[t]) == [LABELS[r] for r in ROLES[t]] for t in ROLES)  # the kinds' fallback

    with open_workspace(data, actor="tester") as ws:  # the new release opens it
        current = shipped.current_versions()
        assert _versions(ws) == {template_id: [1, current[template_id]] for template_id in ROLES} | {
            template_id: [current[template_id]] for template_id in NEWER}
        with ws.db.read() as session:
            older_ones = select(TemplateRecord).where(TemplateRecord.version == 1,
                                                      col(TemplateRecord.template_id).in_(ROLES))
            assert {r.sha256 for r in session.exec(older_ones)} == set(shipped.V1_SHA256.values())
        for template_id, ref in older.items():
            assert inspections.load(ws, ref).template.version == 1
            assert _text(report.render(ws, ref, "en").pdf) == before[template_id]
            newer = inspections.start(ws, unit, template_id, TYPES[template_id])
            assert inspections.load(ws, newer.id).template.version == current[template_id]
            assert _blocks(_text(report.render(ws, newer.id, "en").pdf)) == _blocks(before[template_id])


def _hq_import(field: Field, bundle: Path) -> tuple[dict[str, list[int]], set[tuple[str, int]]]:
    """Import ``bundle`` at HQ; HQ's template versions, and those its inspections recorded."""
    with open_workspace(field.hq, actor="HQ registry", db_url=sqlite_url(DataDir(field.hq).hq_database)) as hq:
        batch = hq_import.import_files(hq, [bundle])
        assert batch.refused == [] and len(batch.imported) == 1
        with hq.db.read() as session:
            used = {(t.template_id, t.version) for t in session.exec(
                select(TemplateRecord).join(Inspection, Inspection.template_pk == TemplateRecord.id))}
        return _versions(hq), used


def test_a_bundle_from_a_laptop_on_version_1_imports_at_an_hq_on_version_2(tmp_path: Path) -> None:
    with shipped.v1_shipped(tmp_path / "v1"):
        field = make_field(tmp_path / "field")
        with open_workspace(field.laptop) as laptop:
            bundle_export.export_bundle(laptop, tmp_path / "v1.bundle", PASS)
    versions, used = _hq_import(field, tmp_path / "v1.bundle")
    current = shipped.current_versions()
    assert used and {version for _, version in used} == {1}
    assert all(versions[template_id] == sorted({1, current[template_id]}) for template_id, _ in used)


def test_a_bundle_from_a_laptop_on_the_shipped_versions_imports_at_an_hq_on_version_1(tmp_path: Path) -> None:
    field = make_field(tmp_path / "field")
    with open_workspace(field.laptop) as laptop:
        bundle_export.export_bundle(laptop, tmp_path / "v2.bundle", PASS)
    with shipped.v1_shipped(tmp_path / "v1"):
        versions, used = _hq_import(field, tmp_path / "v2.bundle")
    current = shipped.current_versions()
    assert used and used == {(template_id, current[template_id]) for template_id, _ in used}
    assert all(versions[template_id] == sorted({1, current[template_id]}) for template_id, _ in used)
