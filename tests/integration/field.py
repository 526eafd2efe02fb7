"""A field laptop and HQ for sync tests: HQ's CA, a laptop identity it issued, the demo mission."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas
from sqlmodel import col, select

from inspector_app.crypto import ca, keys, trust
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, demo, demo_ams, signing
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Inspection, TemplateRecord, Unit

DEMO_UNITS = (demo.SENEGAL, demo.BANGLADESH, demo.TOGO)
DEMO_AMS_UNITS = tuple(name for name, _days_ago, _batch in demo_ams.BATCHES)  # candidates, no MOU
DEMO_UNIT_COUNT = len(DEMO_UNITS) + len(DEMO_AMS_UNITS)
# The demo's inspections: SEN FPU 1's COE and BGD FPU 2's AOC, then TGO FPU 3's COE cycle, one a stage and template,
# a year of performance assessments of each FPU, then an AMS of each batch of candidates.
DEMO_INSPECTIONS = (2 + sum(len(templates) for _type, templates, _days_ago in demo.CYCLE)
                    + sum(len(quarters) for quarters in demo.RATING_TRENDS.values()) + len(DEMO_AMS_UNITS))
DEMO_MOU_VERSIONS = len(DEMO_UNITS) + 1  # TGO FPU 3's MOU has an amendment
DEMO_ASSETS = len(demo.ARRIVAL_ASSETS) + len(demo.REPATRIATION_ASSETS)
DEMO_PLANS = 1  # BGD FPU 2's next ORI
PASS = "laptop-secret"
CA_PASS = "hq-ca-secret"


@dataclass(frozen=True)
class Field:
    root: Path

    @property
    def laptop(self) -> Path:
        return self.root / "laptop"

    @property
    def hq(self) -> Path:
        return self.root / "hq"

    @property
    def ca_dir(self) -> Path:
        return self.hq / "ca"


def pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "COE verification report")
    page.showPage()
    page.save()
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 20, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def issue_identity(field: Field, data_dir: Path, name: str, role: str = "inspector", kind: str = "ec") -> None:
    """An identity for the installation in ``data_dir``, certified by HQ's CA."""
    data = DataDir(data_dir)
    keys.create_identity(data, name, role, PASS, kind=kind)
    keys.import_certificate(
        data, ca.issue(field.ca_dir, keys.csr_for(data), CA_PASS) + (field.ca_dir / ca.CA_PEM).read_bytes(), PASS)


def make_field(root: Path, *, sign: bool = True) -> Field:
    """Demo data on a laptop certified by HQ's CA; the COE signed by hand and digitally unless ``sign`` is False."""
    field = Field(root)
    trust.add_ca(DataDir(field.hq), ca.init_ca(field.ca_dir, "UN Police Division CA", CA_PASS))
    issue_identity(field, field.laptop, "Awa Diop")
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        assert demo.seed(ws)
        if sign:
            sign_coe(ws)
    return field


def sign_coe(ws: Workspace) -> str:
    """Sign the demo's COE (SEN FPU 1's, ready for review) by hand and digitally; returns its id."""
    coe = demo_coe(ws)
    assert coe.status == "ready_for_review"
    signing.sign_handwritten(ws, coe.id, "team_leader", "Awa Diop", png())
    signing.sign_report(ws, coe.id, pdf(), PASS)
    return coe.id


def demo_coe(ws: Workspace) -> Inspection:
    """The demo's finished periodic COE inspection of SEN FPU 1 (not one of TGO FPU 3's COE cycle)."""
    with ws.db.read() as session:
        [coe] = session.exec(select(Inspection).join(Unit).join(TemplateRecord).where(
            Unit.name == demo.SENEGAL.name, TemplateRecord.template_id == demo.ME,
            col(Inspection.amends_id).is_(None)))
        return coe


def inspections(ws: Workspace) -> list[Inspection]:
    with ws.db.read() as session:
        return list(session.exec(select(Inspection)))


def export(field: Field, name: str, refs: list[str] | None = None) -> Path:
    """The laptop's field-report bundle (of ``refs``, else of every inspection, with its whole history) at
    ``field.root / name``."""
    out = field.root / name
    with open_workspace(field.laptop) as ws:
        bundle_export.export_bundle(ws, out, PASS, refs, full_history=True)
    return out
