"""The command-line contract of design.md: outputs, --json, unique prefixes, one-line errors."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from inspector_app.cli.context import hq_url
from inspector_app.cli.main import main
from inspector_app.errors import ValidationError
from inspector_app.services import demo
from inspector_app.services.demo import ANNEX_B
from inspector_app.services.installation import open_workspace
from tests.integration.field import DEMO_AMS_UNITS, DEMO_INSPECTIONS


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _demo_rows(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """By template, the demo's SEN FPU 1 COE and BGD FPU 2 AOC (not TGO FPU 3's COE cycle nor the assessments)."""
    return {r["template"]: r for r in rows if r["unit"] in (demo.SENEGAL.name, demo.BANGLADESH.name)
            and r["template"] != demo.PERFORMANCE}


def _ids(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, str]:
    _, out, _ = run(capsys, data_dir, "inspections", "list", "--json")
    return {template: row["id"] for template, row in _demo_rows(json.loads(out)).items()}


def test_demo_is_safe_to_run_twice(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    code, out, _ = run(capsys, demo_dir, "demo")
    assert code == 0 and "already present; nothing changed" in out
    _, out, _ = run(capsys, demo_dir, "units", "list", "--json")
    units = json.loads(out)
    assert [u["name"] for u in units] == ["BGD FPU 2", "SEN FPU 1", "TGO FPU 3", *DEMO_AMS_UNITS]
    fpus = [u for u in units if u["name"] not in DEMO_AMS_UNITS]
    assert {u["mou_lines"] for u in fpus} == {len(ANNEX_B)} and {u["strength"] for u in fpus} == {140}
    _, out, _ = run(capsys, demo_dir, "inspections", "list", "--json")
    listed = json.loads(out)
    assert len(listed) == DEMO_INSPECTIONS
    rows = _demo_rows(listed)
    assert len(rows) == 2  # SEN FPU 1's COE and BGD FPU 2's AOC, one each
    assert rows["coe-major-equipment"]["status"] == "ready_for_review"
    assert rows["aoc-fpu"]["status"] == "in_progress" and 0 < rows["aoc-fpu"]["completion"] < 100


def test_show_prints_the_demo_serviceability_table(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    coe = _ids(capsys, demo_dir)["coe-major-equipment"]
    _, out, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
    answers = json.loads(out)["answers"]
    # Independent arithmetic from the stored counts and the MOU, per category: MOU, deployed, deployed up to the
    # MOU, serviceable up to the MOU, unserviceable, shortfall, surplus.
    totals: dict[str, list[int]] = {}
    for line, (category, _item, quantity, _lease) in enumerate(ANNEX_B, 1):
        count = answers[f"me.count/{line}"]["value"]
        t = totals.setdefault(category, [0] * 7)
        for i, n in enumerate((quantity, count["found"], min(count["found"], quantity),
                               min(count["serviceable"], quantity), count["found"] - count["serviceable"],
                               max(quantity - count["found"], 0), max(count["found"] - quantity, 0))):
            t[i] += n
    code, out, _ = run(capsys, demo_dir, "inspections", "show", coe[:8])
    assert code == 0 and "Major equipment per category (serviceability standard 90.0% per category)" in out
    for category, (mou, found, available, serviceable, broken, short, extra) in totals.items():
        flag = "BELOW" if serviceable / available < 0.9 else "ok"
        pattern = (rf"^{re.escape(category)}\s+{mou}\s+{found}\s+{serviceable}\s+{broken}\s+{short}\s+{extra}\s+"
                   rf"{100 * available / mou:.1f}%\s+{100 * serviceable / available:.1f}%\s+{serviceable}\s+{flag}$")
        assert re.search(pattern, out, re.MULTILINE), f"{category}: {totals[category]}"
    available = sum(t[2] for t in totals.values())
    serviceable = sum(t[3] for t in totals.values())
    assert f"(not a COE result): availability {100 * available / sum(t[0] for t in totals.values()):.1f}%, " \
           f"serviceability {100 * serviceable / available:.1f}%" in out
    assert not re.search(r"^overall", out, re.MULTILINE | re.IGNORECASE)


def test_show_aoc_outcomes_and_french(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    aoc = _ids(capsys, demo_dir)["aoc-fpu"]
    code, out, _ = run(capsys, demo_dir, "inspections", "show", aoc, "--lang", "fr")
    assert code == 0 and "Résultat :" in out and "effectif 140" in out and "statut en cours" in out
    assert "Commandement" in out or "commandement" in out
    code, out, _ = run(capsys, demo_dir, "inspections", "list")  # the next command is in English again
    assert "in progress" in out


def test_new_answer_submit_cycle(capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, demo_dir, "inspections", "new", "--unit", "BGD FPU 2",
                       "--template", "coe-major-equipment", "--type", "spot_check", "--date", "2026-11-20")
    assert code == 0
    new_id = out.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", new_id)
    code, out, _ = run(capsys, demo_dir, "inspections", "answer", new_id[:10], "me.count/1",
                       "found=10 serviceable=9", "--remark", "one tyre flat")
    assert code == 0 and "revision 1" in out
    code, _, err = run(capsys, demo_dir, "inspections", "submit", new_id[:10])
    assert code == 1 and re.match(r"inspector: error: \d+ required items are still unanswered", err)
    assert err.count("\n") == 1
    photo = tmp_path / "p.png"
    from PIL import Image

    Image.new("RGB", (8, 8)).save(photo)
    code, out, _ = run(capsys, demo_dir, "inspections", "attach", new_id, "me.general.defect_photos", str(photo),
                       "--caption", "flat tyre")
    assert code == 0 and out.startswith("attached p.png")
    code, out, _ = run(capsys, demo_dir, "db", "check")
    assert code == 0 and out.startswith("ok: database intact")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["inspections", "show", "zzzz"], "no inspection matches 'zzzz'"),
        (["inspections", "new", "--unit", "Nobody", "--template", "ams", "--type", "ams"], "no unit matches"),
        (["templates", "validate", "missing.yaml"], "cannot read the template"),
    ],
)
def test_errors_are_one_line_with_nonzero_exit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, tmp_path / "data", *args)
    assert code == 1 and out == ""
    assert err.startswith("inspector: error: ") and message in err and err.count("\n") == 1


def test_an_argument_that_is_not_utf8_is_a_clear_refusal(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    code, out, _ = run(capsys, demo_dir, "inspections", "new", "--unit", "BGD FPU 2",
                       "--template", "coe-major-equipment", "--type", "spot_check")
    new_id = out.strip()
    latin1 = b"Groupe \xe9lectrog\xe8ne".decode("utf-8", "surrogateescape")  # as Python gets such an argument
    code, out, err = run(capsys, demo_dir, "inspections", "answer", new_id, "me.general.remarks", latin1)
    assert code == 1 and out == "" and err.count("\n") == 1 and "internal error" not in err
    assert err.startswith("inspector: error: me.general.remarks: 'Groupe \\udce9lectrog") and "not valid text" in err
    code, _, err = run(capsys, demo_dir, "inspections", "answer", new_id, "me.general.records", "yes",
                       "--remark", "nul\x00")
    assert code == 1 and "the remark 'nul\\x00' holds the control character U+0000" in err
    code, out, _ = run(capsys, demo_dir, "inspections", "show", new_id, "--json")
    assert code == 0 and "Groupe" not in out and "revision" not in out


def test_malformed_template_names_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\nversion: 1\nkind: aoc\ntitle: {en: T, fr: T}\nsections:\n"
                   "  - code: s\n    title: {en: S, fr: S}\n    items:\n"
                   "      - {code: a, type: colour, label: {en: A, fr: A}}\n")
    code, _, err = run(capsys, tmp_path / "data", "templates", "validate", str(bad))
    assert code == 1
    assert f"{bad}:10: sections[0].items[0].type:" in err


def test_templates_list_shows_the_shipped_ones(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path / "data", "templates", "list", "--json")
    assert code == 0
    assert {t["id"] for t in json.loads(out)} == {"coe-major-equipment", "coe-self-sustainment", "aoc-fpu", "ams",
                                                  "fpu-performance-quarterly"}


def test_corrupt_database_gives_one_clear_line_in_a_real_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "inspector.sqlite").write_bytes(b"garbage" * 1000)
    proc = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(data), "units", "list"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("inspector: error: cannot open the database")
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and re.match(r"inspector \d+\.\d+\.\d+", capsys.readouterr().out)


def test_a_group_without_its_action_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, tmp_path / "data", "inspections")
    assert code == 2 and "needs an action" in err and err.count("\n") == 1


def test_like_wildcards_in_an_id_prefix_match_nothing(capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    for ref in ("%", "_", "________"):
        code, _, err = run(capsys, demo_dir, "inspections", "show", ref)
        assert code == 1 and "no inspection matches" in err


def test_a_duplicate_record_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from inspector_app.services import units

    with open_workspace(tmp_path / "data") as ws:
        units.create_mission(ws, "M", "M1")
        with pytest.raises(ValidationError, match="conflicts with a record that exists already"):
            units.create_mission(ws, "M again", "M1")


def test_the_window_without_a_display_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 1 and "no display" in proc.stderr and proc.stderr.count("\n") == 1


def test_hq_db_is_read_as_the_hq_window_reads_it(tmp_path: Path) -> None:
    """One reading of HQ's database for the commands and the window: nothing, a file, or a URL."""
    data = tmp_path / "data"

    def url(db: str | None) -> str:
        return hq_url(argparse.Namespace(data_dir=str(data), db=db))

    assert url(None) == f"sqlite:///{data.resolve() / 'hq.sqlite'}"
    assert url(str(tmp_path / "other.sqlite")) == f"sqlite:///{(tmp_path / 'other.sqlite').resolve()}"
    assert url("postgresql://hq@server/inspector") == (
        "postgresql+psycopg://hq@server/inspector?connect_timeout=10")
    with pytest.raises(ValidationError, match="not mysql"):
        url("mysql://hq@server/inspector")
