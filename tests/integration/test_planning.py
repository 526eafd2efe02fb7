"""Planned inspections: plan, list, move, cancel and start on a laptop; HQ plans, its package carries them."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.crypto import ca, keys, trust
from inspector_app.crypto.certificates import fingerprint
from inspector_app.errors import NotFound, ValidationError
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, demo, inspections, planning, profile, reference_package
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import AuditEvent, Inspection, PlannedInspection
from inspector_app.sync import BundleError
from inspector_app.sync.archive import read_bundle, write_bundle
from tests.integration.field import DEMO_PLANS

PASS = "hq-identity-secret"
COE = "coe-major-equipment"


def _events(ws: Workspace, entity_id: str) -> list[str]:
    with ws.db.read() as session:
        return [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.entity_id == entity_id)
                                               .order_by(AuditEvent.seq))]  # type: ignore[arg-type]


def test_plan_list_move_cancel_each_audited(ws: Workspace, unit_name: str) -> None:
    profile.save(ws, "Aïcha N'Diaye", "inspector")
    today = date(2026, 5, 10)
    mine = planning.plan(ws, unit_name, "coe-major", "periodic", date(2026, 5, 9), ["aicha n'diaye", "Jean Dupont"])
    other = planning.plan(ws, unit_name, COE, "spot_check", date(2026, 6, 1), ["Jean Dupont"])
    assert mine.template_id == COE  # the family, from a prefix
    rows = planning.list_plans(ws, today=today)
    assert [(r.plan.id, r.mine, r.overdue) for r in rows] == [(mine.id, True, True), (other.id, False, False)]
    assert [r.plan.id for r in planning.list_plans(ws, mine=True, today=today)] == [mine.id]
    assert [r.plan.id for r in planning.list_plans(ws, date_from=date(2026, 5, 10))] == [other.id]
    assert [r.plan.id for r in planning.list_plans(ws, date_to=date(2026, 5, 9))] == [mine.id]

    moved = planning.reschedule(ws, mine.id[:8], date(2026, 5, 20), ["Aïcha N'Diaye"])
    assert (moved.planned_date, planning.team_of(moved.team_json)) == (date(2026, 5, 20), ["Aïcha N'Diaye"])
    assert not planning.list_plans(ws, mine=True, today=today)[0].overdue
    planning.cancel(ws, other.id)
    assert [r.plan.id for r in planning.list_plans(ws, status="cancelled")] == [other.id]
    assert [r.plan.id for r in planning.for_this_laptop(ws, today)] == [mine.id]  # cancelled ones are not listed
    with pytest.raises(ValidationError, match="is cancelled"):
        planning.reschedule(ws, other.id, date(2026, 7, 1))
    assert _events(ws, mine.id) == ["plan.create", "plan.reschedule"]
    assert _events(ws, other.id) == ["plan.create", "plan.cancel"]


def test_plan_is_refused_for_unknown_unit_template_type_or_empty_team(ws: Workspace, unit_name: str) -> None:
    day = date(2026, 6, 1)
    with pytest.raises(NotFound):
        planning.plan(ws, "NO SUCH UNIT", COE, "periodic", day, ["A"])
    with pytest.raises(NotFound, match="no template"):
        planning.plan(ws, unit_name, "no-such-template", "periodic", day, ["A"])
    with pytest.raises(ValidationError, match="unknown inspection type"):
        planning.plan(ws, unit_name, COE, "inspection", day, ["A"])
    with pytest.raises(ValidationError, match="does not fit"):
        planning.plan(ws, unit_name, COE, "ams", day, ["A"])
    with pytest.raises(ValidationError, match="needs its team"):
        planning.plan(ws, unit_name, COE, "periodic", day, [" ", ""])
    with ws.db.read() as session:
        assert session.exec(select(PlannedInspection)).all() == []


def test_start_creates_the_inspection_and_links_the_plan(ws: Workspace, unit_name: str) -> None:
    row = planning.plan(ws, unit_name, COE, "operational_readiness", date(2026, 6, 1), ["Awa Diop", "Jean Dupont"])
    inspection = planning.start(ws, row.id[:8], date(2026, 6, 2))
    state = inspections.load(ws, inspection.id)
    assert (state.unit.name, state.template.template_id, state.inspection.type) == (
        unit_name, COE, "operational_readiness")
    assert (state.inspection.team, state.inspection.start_date) == ("Awa Diop; Jean Dupont", date(2026, 6, 2))
    (listed,) = planning.list_plans(ws)
    assert (listed.plan.status, listed.plan.inspection_id) == ("started", inspection.id)
    assert _events(ws, row.id) == ["plan.create", "plan.start"]
    with pytest.raises(ValidationError, match="is started"):
        planning.start(ws, row.id)
    with ws.db.read() as session:
        assert len(session.exec(select(Inspection)).all()) == 1  # the refused second start wrote nothing


def test_cli_plan_list_start(data_dir: Path, ws: Workspace, unit_name: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    ws.close()
    d = ["--data-dir", str(data_dir)]
    assert main(["profile", "set", *d, "--name", "Élodie Brûlé", "--role", "inspector"]) == 0
    yesterday = date.today() - timedelta(days=1)
    capsys.readouterr()
    assert main(["inspections", "plan", "new", *d, "--unit", unit_name, "--template", COE, "--type", "periodic",
                 "--date", yesterday.isoformat(), "--team", "elodie brule; DIOP, Awa"]) == 0
    plan_id = capsys.readouterr().out.strip()
    assert main(["inspections", "plan", "new", *d, "--unit", unit_name, "--template", COE, "--type", "periodic",
                 "--date", "2030-01-01", "--team", "Someone Else"]) == 0
    capsys.readouterr()
    assert main(["inspections", "plan", "list", *d, "--mine", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["team"], row["mine"], row["overdue"]) == (plan_id, ["elodie brule", "DIOP, Awa"], True,
                                                                     True)
    assert main(["inspections", "plan", "list", *d]) == 0
    assert "OVERDUE" in capsys.readouterr().out
    assert main(["inspections", "plan", "start", *d, plan_id[:8]]) == 0
    inspection_id = capsys.readouterr().out.strip()
    assert main(["inspections", "plan", "list", *d, "--json", "--status", "started"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["inspection_id"]) == (plan_id, inspection_id)
    assert main(["inspections", "plan", "new", *d, "--unit", unit_name, "--template", COE, "--type", "periodic",
                 "--date", "2030-01-01", "--team", " ; "]) != 0
    assert "needs its team" in capsys.readouterr().err


# --- HQ plans, its reference package carries them to the team's laptops ------------------------------------

@pytest.fixture
def hq(tmp_path: Path) -> Path:
    """HQ's data folder: CA, an identity the CA issued for the 'hq' role, the demo mission in hq.sqlite."""
    root = tmp_path / "hq"
    data = DataDir(root)
    keys.create_identity(data, "HQ Planning Desk", "hq", PASS)
    folder = root / "hq-ca"
    trust.add_ca(data, ca.init_ca(folder, "UN Police Division CA", "ca-secret"))
    keys.import_certificate(data, ca.issue(folder, keys.csr_for(data), "ca-secret")
                            + (folder / ca.CA_PEM).read_bytes(), PASS)
    with open_workspace(root, actor="HQ", db_url=sqlite_url(data.hq_database)) as ws:
        assert demo.seed(ws)
    (root / "pass.txt").write_text(PASS + "\n", encoding="utf-8")
    return root


def _hq(hq: Path, *args: str) -> str:
    return " ".join(["hq", *args, "--data-dir", str(hq)])


def _package(hq: Path, name: str, capsys: pytest.CaptureFixture[str]) -> Path:
    out = hq / name
    assert main(["hq", "package", "--data-dir", str(hq), "-o", str(out), "--passphrase-file",
                 str(hq / "pass.txt")]) == 0
    capsys.readouterr()
    return out


def test_hq_plans_travel_in_the_package_to_the_team_laptop(hq: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    h = ["--data-dir", str(hq)]
    capsys.readouterr()
    assert main(["hq", "plan", "new", *h, "--unit", "BGD FPU 2", "--template", COE, "--type",
                 "operational_readiness", "--date", "2026-06-01", "--team", "Aïcha N'Diaye; Jean Dupont"]) == 0
    ours = capsys.readouterr().out.strip()
    assert main(["hq", "plan", "new", *h, "--unit", "SEN FPU 1", "--template", COE, "--type", "periodic",
                 "--date", "2026-06-03", "--team", "Jean Dupont"]) == 0
    theirs = capsys.readouterr().out.strip()
    first = _package(hq, "1.inspector-bundle", capsys)
    assert read_bundle(first, trust.load(DataDir(hq))).manifest.record_counts["planned_inspection"] == 2 + DEMO_PLANS
    accept = fingerprint(ca.ca_certificate(hq / "hq-ca"))

    with open_workspace(tmp_path / "laptop", actor="x") as laptop:
        profile.save(laptop, "aicha n'diaye", "inspector")
        result = reference_package.import_reference(laptop, first, accept_ca=accept)
        assert result.tables["planned_inspection"].added == 2 + DEMO_PLANS
        rows = planning.for_this_laptop(laptop, date(2026, 5, 1))
        assert [(r.plan.id, r.unit.name, r.team) for r in rows] == [
            (ours, "BGD FPU 2", ["Aïcha N'Diaye", "Jean Dupont"])]
        listed = {r.plan.id for r in planning.list_plans(laptop)}
        assert {ours, theirs} <= listed and len(listed) == 2 + DEMO_PLANS

        # HQ moves the plan: the next package moves it on the laptop.
        time.sleep(1.1)  # manifests carry whole seconds
        assert main(["hq", "plan", "move", *h, ours[:8], "--date", "2026-06-08"]) == 0
        second = _package(hq, "2.inspector-bundle", capsys)
        result = reference_package.import_reference(laptop, second)
        moved = result.tables["planned_inspection"]
        assert (moved.updated, moved.unchanged) == (1, 1 + DEMO_PLANS)
        assert planning.for_this_laptop(laptop, date(2026, 5, 1))[0].plan.planned_date == date(2026, 6, 8)

        # The team starts it; HQ, not knowing, cancels it: the laptop keeps its start and link.
        inspection = planning.start(laptop, ours, date(2026, 6, 8))
        time.sleep(1.1)
        assert main(["hq", "plan", "cancel", *h, ours[:8]]) == 0
        assert main(["hq", "plan", "cancel", *h, theirs[:8]]) == 0
        third = _package(hq, "3.inspector-bundle", capsys)
        result = reference_package.import_reference(laptop, third)
        assert (result.tables["planned_inspection"].updated, result.tables["planned_inspection"].kept) == (1, 1)
        by_id = {r.plan.id: r.plan for r in planning.list_plans(laptop)}
        assert (by_id[ours].status, by_id[ours].inspection_id) == ("started", inspection.id)
        assert by_id[theirs].status == "cancelled"
        assert planning.for_this_laptop(laptop, date(2026, 5, 1)) == []


def test_a_plan_started_on_another_laptop_arrives_without_its_link(hq: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hq", "plan", "new", "--data-dir", str(hq), "--unit", "BGD FPU 2", "--template", COE, "--type",
                 "periodic", "--date", "2026-06-01", "--team", "Jean Dupont"]) == 0
    plan_id = capsys.readouterr().out.strip()
    package = _package(hq, "p.inspector-bundle", capsys)
    elsewhere = _resigned(hq, package, tmp_path / "started.inspector-bundle", plan_id,
                          status="started", inspection_id="0d2c2b5e-0000-4000-8000-000000000001")
    with open_workspace(tmp_path / "laptop", actor="x") as laptop:
        reference_package.import_reference(laptop, elsewhere, accept_ca=fingerprint(ca.ca_certificate(hq / "hq-ca")))
        row = next(r for r in planning.list_plans(laptop) if r.plan.id == plan_id)
        assert (row.plan.status, row.plan.inspection_id) == ("started", None)


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("team_json", '"Jean Dupont"', "not a JSON list of names"),
    ("status", "done", "'done' is not one of planned, started, cancelled"),
    ("type", "visit", "'visit' is not one of"),
])
def test_package_with_a_bad_plan_is_refused(hq: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            column: str, value: str, problem: str) -> None:
    assert main(["hq", "plan", "new", "--data-dir", str(hq), "--unit", "BGD FPU 2", "--template", COE, "--type",
                 "periodic", "--date", "2026-06-01", "--team", "Jean Dupont"]) == 0
    plan_id = capsys.readouterr().out.strip()
    package = _package(hq, "p.inspector-bundle", capsys)
    bad = _resigned(hq, package, tmp_path / "bad.inspector-bundle", plan_id, **{column: value})
    with open_workspace(tmp_path / "laptop", actor="x") as laptop:
        with pytest.raises(BundleError, match=rf"planned_inspection.jsonl line \d+, column {column}: {problem}"):
            reference_package.import_reference(laptop, bad, accept_ca=fingerprint(ca.ca_certificate(hq / "hq-ca")))


def _resigned(hq: Path, source: Path, out: Path, plan_id: str, **plan: object) -> Path:
    """HQ's package with plan ``plan_id``'s columns changed, signed again by HQ."""
    bundle = read_bundle(source, trust.load(DataDir(hq)))
    records = {table: [dict(r) for r in rows] for table, rows in bundle.records.items()}
    next(r for r in records["planned_inspection"] if r["id"] == plan_id).update(plan)
    files = {p: bundle.read(p) for p in bundle.paths if p.startswith("trust/")}
    signer = keys.load_identity(DataDir(hq), PASS)
    write_bundle(out, "reference", records, files, signer, signer.name, "hq-device")
    return out


# --- plans changed on a laptop travel back in its bundles; HQ merges them ---------------------------------

def _laptop(hq: Path, root: Path) -> Path:
    """A laptop with an identity HQ's CA issued, and HQ's package applied."""
    data = DataDir(root)
    keys.create_identity(data, "Awa Diop", "inspector", PASS)
    keys.import_certificate(data, ca.issue(hq / "hq-ca", keys.csr_for(data), "ca-secret")
                            + (hq / "hq-ca" / ca.CA_PEM).read_bytes(), PASS)
    return root


def _hq_plan(hq: Path, capsys: pytest.CaptureFixture[str], unit: str, type_: str, day: str, *more: str) -> str:
    capsys.readouterr()
    assert main(["hq", "plan", "new", "--data-dir", str(hq), "--unit", unit, "--template", more[0] if more else COE,
                 "--type", type_, "--date", day, "--team", "Awa Diop", *more[1:]]) == 0
    return capsys.readouterr().out.strip()


def _hq_plans(hq: Path) -> dict[str, PlannedInspection]:
    with open_workspace(hq, actor="HQ", db_url=sqlite_url(DataDir(hq).hq_database)) as ws:
        return {r.plan.id: r.plan for r in planning.list_plans(ws)}


def test_plans_changed_on_a_laptop_travel_back_and_a_start_outweighs_hq_s_later_move(
        hq: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = _hq_plan(hq, capsys, "BGD FPU 2", "periodic", "2026-06-01")
    moved = _hq_plan(hq, capsys, "SEN FPU 1", "periodic", "2026-06-02")
    cancelled = _hq_plan(hq, capsys, "SEN FPU 1", "periodic", "2026-06-03")
    untouched = _hq_plan(hq, capsys, "BGD FPU 2", "periodic", "2026-06-04")
    package = _package(hq, "1.inspector-bundle", capsys)
    laptop_dir = _laptop(hq, tmp_path / "laptop")
    with open_workspace(laptop_dir, actor="Awa Diop") as laptop:
        reference_package.import_reference(laptop, package, accept_ca=fingerprint(ca.ca_certificate(hq / "hq-ca")))
        inspection = planning.start(laptop, started, date(2026, 6, 1))
        planning.reschedule(laptop, moved, date(2026, 7, 2), ["Awa Diop", "Jean Dupont"])
        planning.cancel(laptop, cancelled)
        own = planning.plan(laptop, "SEN FPU 1", "coe-self-sustainment", "spot_check", date(2026, 6, 9),
                            ["Awa Diop"], ["ss.medical"])
    # Meanwhile, later by HQ's clock, HQ moves the plan the laptop has started.
    assert main(["hq", "plan", "move", "--data-dir", str(hq), started[:8], "--date", "2026-06-20"]) == 0
    out = tmp_path / "field.inspector-bundle"
    with open_workspace(laptop_dir, actor="Awa Diop") as laptop:
        bundle_export.export_bundle(laptop, out, PASS, [inspection.id])
    carried = read_bundle(out, trust.load(DataDir(hq))).records["planned_inspection"]
    assert sorted(r["id"] for r in carried) == sorted([started, moved, cancelled, own.id])  # changed there only
    assert untouched not in {r["id"] for r in carried}

    capsys.readouterr()
    assert main(["hq", "import", "--data-dir", str(hq), str(out), "--json"]) == 0
    (imported,) = json.loads(capsys.readouterr().out)["imported"]
    assert imported["counts"]["planned_inspection"] == {"added": 1, "updated": 3}
    plans = _hq_plans(hq)
    assert (plans[started].status, plans[started].inspection_id) == ("started", inspection.id)
    assert plans[started].planned_date == date(2026, 6, 1)  # the laptop's copy, as it was started
    assert (plans[moved].planned_date, planning.team_of(plans[moved].team_json)) == (
        date(2026, 7, 2), ["Awa Diop", "Jean Dupont"])
    assert plans[cancelled].status == "cancelled"
    assert (plans[own.id].status, planning.sections_of(plans[own.id].sections_json)) == ("planned", ["ss.medical"])
    assert (plans[untouched].status, plans[untouched].planned_date) == ("planned", date(2026, 6, 4))

    # HQ's next package finds the laptop's plans as the laptop has them: nothing changes there.
    time.sleep(1.1)  # manifests carry whole seconds
    second = _package(hq, "2.inspector-bundle", capsys)
    with open_workspace(laptop_dir, actor="Awa Diop") as laptop:
        before = {r.plan.id: r.plan.model_dump() for r in planning.list_plans(laptop)}
        result = reference_package.import_reference(laptop, second)
        assert result.tables["planned_inspection"].updated == 0
        assert {r.plan.id: r.plan.model_dump() for r in planning.list_plans(laptop)} == before


def test_a_laptop_bundle_started_elsewhere_keeps_hq_s_own_start(hq: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Two laptops start the same plan: HQ keeps the start it merged first (the second inspection still arrives)."""
    plan_id = _hq_plan(hq, capsys, "BGD FPU 2", "periodic", "2026-06-01")
    package = _package(hq, "p.inspector-bundle", capsys)
    accept = fingerprint(ca.ca_certificate(hq / "hq-ca"))
    firsts = []
    for name in ("one", "two"):
        with open_workspace(_laptop(hq, tmp_path / name), actor=name) as laptop:
            reference_package.import_reference(laptop, package, accept_ca=accept)
            firsts.append(planning.start(laptop, plan_id, date(2026, 6, 1)).id)
            bundle_export.export_bundle(laptop, tmp_path / f"{name}.inspector-bundle", PASS)
    for name in ("one", "two"):
        assert main(["hq", "import", "--data-dir", str(hq), str(tmp_path / f"{name}.inspector-bundle")]) == 0
    assert _hq_plans(hq)[plan_id].inspection_id == firsts[0]
