"""Self-sustainment terms set by HQ (``hq mou ss``) and spot checks covering part of the template, from the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.services import inspections, report
from inspector_app.services.workspace import Workspace
from tests.conftest import add_test_unit


def run(capsys: pytest.CaptureFixture[str], ws: Workspace, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(ws.data.root), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _db(ws: Workspace) -> str:
    return f"sqlite:///{ws.data.root / 'inspector.sqlite'}"


def test_hq_sets_who_provides_a_category_and_a_new_inspection_freezes_it(
        ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    unit = add_test_unit(ws)  # its MOU lists catering and medical, both the contingent's
    code, out, err = run(capsys, ws, "hq", "mou", "ss", "medical", "--unit", unit, "--provider", "un",
                         "--standard", "Mission level 1 hospital", "--db", _db(ws), "--json")
    assert code == 0, err
    assert json.loads(out)["before"] == {"category": "medical", "provider": "contingent", "standard": ""}
    started = inspections.start(ws, unit, "coe-self-sustainment", "periodic")
    state = inspections.load(ws, started.id)
    assert not [s for s in state.checklist.slots if s.section.mou_category == "medical"]  # not asked
    code, out, _ = run(capsys, ws, "inspections", "show", started.id, "--json")
    medical = next(c for c in json.loads(out)["self_sustainment"]["categories"] if c["category"] == "medical")
    assert medical == {"category": "medical", "title": "Medical", "provider": "un",
                       "standard": "Mission level 1 hospital", "verdict": None, "score": None,
                       "reimbursement_affected": False, "remarks": []}


def test_a_category_the_mou_lacks_is_added_and_a_wrong_provider_or_unit_changes_nothing(
        ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    unit = add_test_unit(ws)
    code, out, _ = run(capsys, ws, "hq", "mou", "ss", "fire_detection", "--unit", unit, "--db", _db(ws))
    assert code == 0 and out.startswith("fire_detection: not listed -> contingent")
    with pytest.raises(SystemExit):
        run(capsys, ws, "hq", "mou", "ss", "catering", "--unit", unit, "--provider", "nobody", "--db", _db(ws))
    code, _, err = run(capsys, ws, "hq", "mou", "ss", "catering", "--unit", "NO SUCH", "--db", _db(ws))
    assert code != 0 and "no unit matches 'NO SUCH'" in err
    scope = inspections.load(ws, inspections.start(ws, unit, "coe-self-sustainment", "periodic").id).checklist.scope
    assert scope.ss_categories == ("catering", "fire_detection", "medical")
    assert {t.category: t.provider for t in scope.ss_terms} == {"catering": "contingent",
                                                              "fire_detection": "contingent",
                                                              "medical": "contingent"}


def test_a_spot_check_covers_the_sections_chosen_and_the_report_says_so(
        ws: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    unit = add_test_unit(ws)
    code, _, err = run(capsys, ws, "inspections", "new", "--unit", unit, "--template", "coe-self-sustainment",
                       "--type", "periodic", "--sections", "ss.catering")
    assert code != 0 and "only a spot check covers part of the template" in err
    code, _, err = run(capsys, ws, "inspections", "new", "--unit", unit, "--template", "coe-self-sustainment",
                       "--type", "spot_check", "--sections", "ss.catering,ss.nothing")
    assert code != 0 and "has no section ss.nothing" in err
    assert inspections.list_states(ws) == []  # nothing was started
    code, out, err = run(capsys, ws, "inspections", "new", "--unit", unit, "--template", "coe-self-sustainment",
                         "--type", "spot_check", "--sections", "ss.medical, ss.catering")
    assert code == 0, err
    spot = out.strip()
    state = inspections.load(ws, spot)
    assert {s.section.code for s in state.checklist.slots} == {"ss.catering", "ss.medical"}
    code, out, _ = run(capsys, ws, "inspections", "show", spot, "--json")
    data = json.loads(out)
    # the unit's MOU lists catering and medical: the template's other category sections do not apply to it
    applying = ["ss.personnel", "ss.catering", "ss.medical", "ss.general"]
    assert data["spot_check"] == {"sections": ["ss.catering", "ss.medical"], "titles": ["Catering", "Medical"],
                                  "of": len(applying)}
    assert [c["category"] for c in data["self_sustainment"]["categories"]] == ["catering", "medical"]
    pdf = tmp_path / "spot.pdf"
    pdf.write_bytes(report.render(ws, spot, "en").pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert f"Spot check: 2 of {len(applying)} sections (Catering, Medical)" in text
