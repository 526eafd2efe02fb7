"""Issue 12 at the terminal: who is on the record, human output, and finding units, templates and items."""

from __future__ import annotations

import getpass
import json
import re
from pathlib import Path

import pytest

from inspector_app.errors import InspectorError, ValidationError
from inspector_app.services import identity, units
from inspector_app.services.demo import ANNEX_B
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from tests.integration.test_cli import run
from tests.integration.test_reports import info

_NO_PROFILE = ("inspector: warning: no profile: recorded as 'unknown inspector'; "
               "set one with 'inspector profile set --name NAME --role ROLE'\n")


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


def test_an_ambiguous_prefix_lists_the_candidates(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "fpu", "--template", "aoc",
                       "--type", "periodic")
    assert code == 1
    assert err == ("inspector: error: no unit matches 'fpu'; choose one of BGD FPU 2, SEN FPU 1, TGO FPU 3, "
                   "UNPOL candidates Senegal 2024, UNPOL candidates Senegal 2026\n")
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "S", "--template", "coe",
                       "--type", "periodic")
    assert code == 1 and len(err.splitlines()) == 1
    assert "'coe' matches several templates: coe-major-equipment, coe-self-sustainment" in err


def test_an_ambiguous_unit_name_lists_the_units(ws: Workspace) -> None:
    mission = units.create_mission(ws, "Mission", "M")
    for name in ("SEN FPU 1", "SEN FPU 2", "SENEGAL HQ"):
        units.create_unit(ws, mission.id, name=name, contributing_country="Senegal")
    with ws.db.read() as session:
        with pytest.raises(ValidationError, match=r"'sen fpu' matches several units: SEN FPU \d, SEN FPU \d; "):
            units.find_unit(session, "sen fpu")
        assert units.find_unit(session, "senegal").name == "SENEGAL HQ"
        assert units.find_unit(session, "sen fpu 2").name == "SEN FPU 2"


def _new_coe(capsys: pytest.CaptureFixture[str], data: Path) -> str:
    code, out, err = run(capsys, data, "inspections", "new", "--unit", "SEN FPU 1", "--template",
                         "coe-major-equipment", "--type", "periodic")
    assert code == 0, err
    return out.strip()


def test_a_new_inspection_reads_not_inspected(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    coe = _new_coe(capsys, demo_dir)
    _, out, _ = run(capsys, demo_dir, "inspections", "show", coe)
    assert re.search(r"^Armoured personnel carriers\s+(—\s+){9}not inspected$", out, re.MULTILINE), out
    assert not re.search(r"\s(ok|BELOW)$", out, re.MULTILINE)
    assert "Indicator" not in out  # nothing counted: no pooled figure either
    _, out, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
    service = json.loads(out)["serviceability"]
    assert service["indicator"]["status"] == "not_inspected"
    assert {c["status"] for c in service["categories"]} == {"not_inspected"}
    assert {line["status"] for line in service["lines"]} == {"not_inspected"}

    code, out, err = run(capsys, demo_dir, "inspections", "answer", coe, "me.count/1", "found=10 serviceable=10")
    assert (code, out) == (0, "me.count/1 = found=10 serviceable=10 (revision 1)\n"), err
    _, out, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
    service = json.loads(out)["serviceability"]
    first = service["lines"][0]["category"]
    assert service["indicator"]["status"] == "counted" and service["lines"][0]["status"] == "counted"
    assert {c["name"]: c["status"] for c in service["categories"]}[first] == "ok"
    assert [c["status"] for c in service["categories"]].count("not_inspected") == len(service["categories"]) - 1


def test_show_json_gives_the_figures_per_line_and_per_category(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    coe = _new_coe(capsys, demo_dir)
    # demo MOU: line 1 APC MOU 10, line 2 APC MOU 1, line 3 jeep MOU 8, line 4 pick-up MOU 12
    assert [q for _c, _i, q, _l in ANNEX_B[:4]] == [10, 1, 8, 12]
    for key, value in (("me.count/1", "found=7 serviceable=5"), ("me.count/2", "found=3 serviceable=1"),
                       ("me.count/3", "found=0 serviceable=0")):
        assert run(capsys, demo_dir, "inspections", "answer", coe, key, value)[0] == 0
    _, out, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
    service = json.loads(out)["serviceability"]
    keys = ("line", "item", "mou", "deployed", "serviceable", "unserviceable", "shortfall", "surplus",
            "availability", "serviceability", "reimbursable")
    lines = {line["line"]: line for line in service["lines"]}
    # line 1: 7 of 10 deployed (3 short), 5 of the 7 serviceable, 2 not; 5 reimbursed
    assert [lines[1][k] for k in keys] == [1, ANNEX_B[0][1], 10, 7, 5, 2, 3, 0, 0.7, round(5 / 7, 4), 5]
    # line 2: 3 deployed for an MOU of 1 (surplus 2), 1 serviceable: 1/1 available, 1/1 serviceable, 1 reimbursed
    assert [lines[2][k] for k in keys] == [2, ANNEX_B[1][1], 1, 3, 1, 2, 0, 2, 1.0, 1.0, 1]
    # line 3: nothing deployed: availability 0, no serviceability (not 0 %, not 100 %), nothing reimbursed
    assert [lines[3][k] for k in keys] == [3, ANNEX_B[2][1], 8, 0, 0, 0, 8, 0, 0.0, None, 0]
    # line 4 not counted yet
    assert [lines[4][k] for k in ("deployed", "availability", "serviceability", "reimbursable", "status")] == [
        None, None, None, None, "not_inspected"]
    groups = {c["name"]: c for c in service["categories"]}
    apc = groups[ANNEX_B[0][0]]
    # sums of lines 1 and 2; ratios from the sums: available 7 + 1 = 8 of 11, serviceable 5 + 1 = 6 of 8
    assert [apc[k] for k in keys[2:]] == [11, 10, 6, 4, 3, 2, round(8 / 11, 4), 0.75, 6]
    assert apc["below_threshold"] is True and apc["status"] == "below"
    jeeps = groups[ANNEX_B[2][0]]  # line 3 counted, lines 4 to 6 not
    assert [jeeps[k] for k in ("mou", "deployed", "availability", "serviceability", "reimbursable")] == [
        8, 0, 0.0, None, 0]
    assert jeeps["uncounted"] == 3 and jeeps["below_threshold"] is False
    assert service["indicator"]["status"] == "counted" and "below_threshold" not in service["indicator"]


def test_hq_export_format_follows_the_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "hq"
    assert run(capsys, data, "hq", "export", "-o", str(tmp_path / "a.csv"))[0] == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfMission,")
    assert run(capsys, data, "hq", "export", "-o", str(tmp_path / "b.XLSX"))[0] == 0
    assert (tmp_path / "b.XLSX").read_bytes().startswith(b"PK")
    code, out, err = run(capsys, data, "hq", "export", "--format", "xlsx", "-o", str(tmp_path / "x.csv"))
    assert (code, out) == (1, "") and not (tmp_path / "x.csv").exists()
    assert err == ("inspector: error: --format xlsx contradicts the file name 'x.csv': name it x.xlsx, "
                   "or give --format csv\n")
    code, _, err = run(capsys, data, "hq", "export", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "cannot tell the format of 'x.txt'" in err and not (tmp_path / "x.txt").exists()
    assert run(capsys, data, "hq", "export", "--format", "csv", "-o", str(tmp_path / "x.txt"))[0] == 0


def test_the_profile_not_the_os_login_is_on_the_record(
    capsys: pytest.CaptureFixture[str], demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    coe = _new_coe(capsys, demo_dir)

    def answered_by(key: str) -> str:
        _, out, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
        return json.loads(out)["answers"][key]["answered_by"]

    code, _, err = run(capsys, demo_dir, "inspections", "answer", coe, "me.count/1", "found=1 serviceable=1")
    assert code == 0 and err == _NO_PROFILE and answered_by("me.count/1") == "unknown inspector"
    assert run(capsys, demo_dir, "profile", "show")[1].startswith("no profile: recorded as 'unknown inspector'")
    _, out, err = run(capsys, demo_dir, "inspections", "show", coe)
    assert err == ""  # reading needs nobody's name

    code, out, _ = run(capsys, demo_dir, "profile", "set", "--name", " Awa Diop ", "--role", "team_leader")
    assert (code, out) == (0, "profile: Awa Diop (team_leader)\n")
    code, _, err = run(capsys, demo_dir, "inspections", "answer", coe, "me.count/2", "found=1 serviceable=1")
    assert (code, err) == (0, "") and answered_by("me.count/2") == "Awa Diop"
    assert run(capsys, demo_dir, "report", coe, "-o", str(tmp_path / "r.pdf"))[0] == 0
    assert info(tmp_path / "r.pdf")["Author"] == "Awa Diop"

    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "a long enough passphrase")
    assert run(capsys, demo_dir, "keys", "init", "--name", "Awa Diop Ndiaye", "--role", "inspector")[0] == 0
    _, out, _ = run(capsys, demo_dir, "profile", "show", "--json")
    assert json.loads(out) == {"name": "Awa Diop Ndiaye", "role": "inspector", "source": "certificate",
                               "recorded_as": "Awa Diop Ndiaye"}
    _, out, _ = run(capsys, demo_dir, "profile", "set", "--name", "Someone Else", "--role", "hq")
    assert "your certificate names Awa Diop Ndiaye (inspector)" in out
    run(capsys, demo_dir, "inspections", "answer", coe, "me.count/3", "found=1 serviceable=1")
    assert answered_by("me.count/3") == "Awa Diop Ndiaye"


def test_a_bad_profile_is_refused_and_nothing_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = run(capsys, data, "profile", "set", "--name", "  ", "--role", "inspector")
    assert (code, out) == (1, "") and err.count("\n") == 1 and "give the inspector's full name" in err
    code, _, err = run(capsys, data, "profile", "set", "--name", "A\x07B", "--role", "inspector")
    assert code == 1 and "control character U+0007" in err
    _, out, _ = run(capsys, data, "profile", "show", "--json")
    assert json.loads(out)["source"] == "none"


def test_a_signing_key_needs_a_name_first(data_dir: Path) -> None:
    with open_workspace(data_dir) as nobody:
        assert nobody.actor == "unknown inspector"
        with pytest.raises(InspectorError, match="give your name first"):
            identity.create(nobody, "a long enough passphrase")
        assert not (data_dir / "identity.p12").exists()


_WALK = {"mou_count": lambda row: f"found={row['mou_line']['mou']} serviceable={row['mou_line']['mou']}",
         "yes_no": lambda row: "yes", "text": lambda row: "checked"}


def test_items_lets_a_script_walk_a_whole_inspection(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    coe = _new_coe(capsys, demo_dir)
    code, out, _ = run(capsys, demo_dir, "inspections", "items", coe, "--json")
    rows = json.loads(out)
    counts = [r for r in rows if r["code"] == "me.count"]
    assert code == 0 and [r["key"] for r in counts] == [f"me.count/{n}" for n in range(1, len(ANNEX_B) + 1)]
    assert [(r["mou_line"]["category"], r["mou_line"]["item"], r["mou_line"]["mou"], r["mou_line"]["lease"])
            for r in counts] == [tuple(line) for line in ANNEX_B]
    assert counts[0]["accepts"].startswith("write the count as 'found=8 serviceable=7'")
    _, shown, _ = run(capsys, demo_dir, "inspections", "show", coe, "--json")
    required = {r["key"] for r in rows if r["required"] and r["relevant"]}
    assert required == set(json.loads(shown)["missing"]) and all(r["value"] is None for r in rows)

    _, out, _ = run(capsys, demo_dir, "inspections", "items", coe, "--open", "--json")
    for row in json.loads(out):
        if row["required"]:
            assert run(capsys, demo_dir, "inspections", "answer", coe, row["key"], _WALK[row["type"]](row))[0] == 0
    _, out, _ = run(capsys, demo_dir, "inspections", "items", coe, "--json")
    values = {r["key"]: r["text"] for r in json.loads(out)}
    assert values["me.count/1"] == f"found={ANNEX_B[0][2]} serviceable={ANNEX_B[0][2]}"
    assert run(capsys, demo_dir, "inspections", "submit", coe)[0] == 0

    _, out, _ = run(capsys, demo_dir, "inspections", "items", coe)
    assert re.search(rf"^    me\.count/1\s+{re.escape(ANNEX_B[0][1])} \({re.escape(ANNEX_B[0][0])}\), MOU "
                     rf"{ANNEX_B[0][2]}, {ANNEX_B[0][3]}  = found={ANNEX_B[0][2]} serviceable={ANNEX_B[0][2]}$",
                     out, re.MULTILINE), out[:800]
    assert "  me.general.records  " in out and "    answer yes or no" in out


def test_items_lists_choices_and_refuses_an_unknown_inspection(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    code, out, err = run(capsys, demo_dir, "inspections", "new", "--unit", "SEN", "--template", "coe-self",
                         "--type", "periodic")
    _, out, _ = run(capsys, demo_dir, "inspections", "items", out.strip())
    assert "choose one of: met (Met), partially_met (Partially met), not_met (Not met)" in out
    code, out, err = run(capsys, demo_dir, "inspections", "items", "zzzz")
    assert (code, out, err) == (1, "", "inspector: error: no inspection matches 'zzzz'\n")


def test_refusals_name_what_was_given_and_what_is_accepted(
    capsys: pytest.CaptureFixture[str], demo_dir: Path  # noqa: F811
) -> None:
    code, _, err = run(capsys, demo_dir, "inspections", "new", "--unit", "SEN", "--template", "aoc",
                       "--type", "periodic")
    assert code == 1 and err == ("inspector: error: the aoc checklist does not fit a periodic inspection; "
                                 "it serves these types: aoc_pre_deployment, aoc_in_mission\n")
    coe = _new_coe(capsys, demo_dir)
    code, _, err = run(capsys, demo_dir, "inspections", "answer", coe, "me.nothing", "yes")
    assert code == 1 and err.endswith("no item 'me.nothing'; see its item keys with 'inspector inspections items ID'\n")
    code, out, _ = run(capsys, demo_dir, "inspections", "answer", coe, "me.count/2", "found=1 serviceable=0",
                       "--remark", "in repair", "--json")
    assert code == 0 and json.loads(out) == {
        "key": "me.count/2", "value": {"found": 1, "serviceable": 0}, "text": "found=1 serviceable=0",
        "remark": "in repair", "revision": 1, "answered_by": "unknown inspector"}
