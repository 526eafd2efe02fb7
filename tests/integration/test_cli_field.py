"""Issue 12 at the terminal: who is on the record, human output, and finding units, templates and items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.errors import ValidationError
from inspector_app.services import units
from inspector_app.services.workspace import Workspace
from tests.integration.test_cli import demo_dir, run, seeded_demo  # noqa: F401  (fixtures)


def test_units_and_templates_resolve_by_case_insensitive_prefix(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    code, out, err = run(capsys, demo_dir, "inspections", "new", "--unit", "SEN", "--template", "coe-self",
                         "--type", "periodic")
    assert code == 0, err
    _, shown, _ = run(capsys, demo_dir, "inspections", "show", out.strip(), "--json")
    data = json.loads(shown)
    assert data["unit"] == "SEN FPU 1" and data["template"]["id"] == "coe-self-sustainment"
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "sen fpu", "--template", "AOC",
                       "--type", "aoc_in_mission")
    assert code == 0, err


def test_an_ambiguous_prefix_lists_the_candidates(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:  # noqa: F811
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "fpu", "--template", "aoc",
                       "--type", "periodic")
    assert code == 1 and err == "inspector: error: no unit matches 'fpu'; choose one of BGD FPU 2, SEN FPU 1\n"
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "S", "--template", "coe",
                       "--type", "periodic")
    assert code == 1 and len(err.splitlines()) == 1
    assert "'coe' matches several templates: coe-major-equipment, coe-self-sustainment" in err


def test_an_ambiguous_unit_name_lists_the_units(ws: Workspace) -> None:
    with ws.db.session() as session:
        mission = units.create_mission(ws, session, "Mission", "M")
        for name in ("SEN FPU 1", "SEN FPU 2", "SENEGAL HQ"):
            units.create_unit(ws, session, mission, name=name, contributing_country="Senegal")
    with ws.db.read() as session:
        with pytest.raises(ValidationError, match=r"'sen fpu' matches several units: SEN FPU \d, SEN FPU \d; "):
            units.find_unit(session, "sen fpu")
        assert units.find_unit(session, "senegal").name == "SENEGAL HQ"
        assert units.find_unit(session, "sen fpu 2").name == "SEN FPU 2"
