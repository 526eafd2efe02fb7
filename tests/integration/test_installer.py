"""The desktop build: ``inspector --self-test`` in the source tree, and the PyInstaller build of
build_installer.spec (scripts/build-installer.sh) run from its archive on its own, without Python."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from inspector_app import i18n
from inspector_app.cli.main import main
from inspector_app.services import report

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("commands", "database", "templates", "report", "signature", "preview", "translations", "spreadsheets",
          "postgresql driver", "stored data")


def self_test(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_self_test_passes_in_a_new_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = self_test(capsys, "--self-test", "--data-dir", str(tmp_path / "check"))
    assert code == 0, out + err
    assert err == ""
    for check in CHECKS:
        assert f"  ok   {check}: " in out
    assert "COE report in French" in out and "PAdES signature made and verified" in out
    assert out.splitlines()[-1].startswith(f"self-test passed: {len(CHECKS)} checks in ")
    assert (tmp_path / "check" / "inspector.sqlite").is_file()  # kept: --data-dir was given


def test_self_test_uses_a_temporary_folder_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = self_test(capsys, "--self-test")
    assert code == 0
    folder = Path(out.splitlines()[0].rsplit(" in ", 1)[1])
    assert "inspector-self-test-" in folder.name and not folder.exists()


def test_self_test_never_touches_a_folder_with_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "inspector.sqlite").write_bytes(b"precious")
    code, out, err = self_test(capsys, "--data-dir", str(tmp_path / "data"), "--self-test")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("inspector: error: self-test cannot start: ")
    assert (tmp_path / "data" / "inspector.sqlite").read_bytes() == b"precious"


def test_self_test_takes_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = self_test(capsys, "--self-test", "units", "list")
    assert code == 2 and out == ""
    assert err == "inspector: error: --self-test takes no command or option but --data-dir: units list\n"


def test_a_failing_check_is_one_line_and_skips_what_depends_on_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code128'")

    monkeypatch.setattr(report, "render", broken)
    monkeypatch.setattr(i18n, "translations", lambda _lang: gettext.NullTranslations())
    code, out, err = self_test(capsys, "--self-test", "--data-dir", str(tmp_path / "check"))
    assert code == 1
    assert "  FAIL report: ModuleNotFoundError: No module named 'reportlab.graphics.barcode.code128'" in out
    assert "  skip signature: needs report" in out
    assert "  FAIL translations: InspectorError: the French catalogue (inspector.mo) is missing" in out
    assert "  ok   spreadsheets: " in out and "self-test passed" not in out
    assert err == ("inspector: error: self-test failed: report: ModuleNotFoundError: No module named "
                   "'reportlab.graphics.barcode.code128' (and 1 more failure(s) above)\n")


@pytest.mark.gui
def test_self_test_gui_opens_the_main_window_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, qtbot: object
) -> None:
    code, out, err = self_test(capsys, "--self-test-gui", "--data-dir", str(tmp_path / "check"))
    assert code == 0, out + err
    lines = out.splitlines()
    assert lines[1] == "  ...  window: first window shown"
    assert lines[2].startswith("  ok   window: first window ") and "Qt translations found" in lines[2]
    assert lines[-1].startswith(f"self-test passed: {len(CHECKS) + 1} checks")


# --- the built program ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """scripts/build-installer.sh into a temporary folder: the archive, and what the script printed."""
    if shutil.which("bash") is None:
        pytest.skip("scripts/build-installer.sh needs bash")
    dist, work = tmp_path_factory.mktemp("dist"), tmp_path_factory.mktemp("work")
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-installer.sh"), "--dist", str(dist), "--work", str(work)],
        capture_output=True, text=True, timeout=1200, env={**os.environ, "PYTHON": sys.executable},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [archive] = dist.glob("inspector-*.tar.gz")
    shutil.rmtree(work)
    return archive, proc.stdout


def clean_env(home: Path) -> dict[str, str]:
    """No virtual environment, no PYTHONPATH, no Python on PATH: a machine without Python."""
    return {"HOME": str(home), "PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir()),
            "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture(scope="module")
def installed(built: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked elsewhere, as a user installs it: the program in it."""
    place = tmp_path_factory.mktemp("installed")
    with tarfile.open(built[0]) as tar:
        tar.extractall(place, filter="tar")
    program = place / "inspector" / ("inspector.exe" if sys.platform == "win32" else "inspector")
    assert program.is_file() and os.access(program, os.X_OK)
    return program


@pytest.mark.slow
def test_build_script_checks_the_build_and_measures_it(built: tuple[Path, str]) -> None:
    archive, printed = built
    assert "self-test (built program, " in printed and f"self-test passed: {len(CHECKS)} checks" in printed
    assert f"archive {archive} (" in printed
    assert archive.stat().st_size < 200 * 2**20  # about 115 MiB with Qt, ICU and Python


@pytest.mark.slow
def test_built_program_passes_its_self_test_without_python(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([str(installed), "--self-test-gui", "--data-dir", str(tmp_path / "check")],
                          capture_output=True, text=True, timeout=300, cwd=elsewhere, env=clean_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test (built program, Python " in proc.stdout
    for check in ("window", *CHECKS):
        assert f"  ok   {check}: " in proc.stdout
    assert "(binary, libpq " in proc.stdout  # psycopg's C implementation and its libpq came along
    assert proc.stdout.splitlines()[-1].startswith(f"self-test passed: {len(CHECKS) + 1} checks")


@pytest.mark.slow
def test_built_program_runs_commands_on_its_own_files(installed: Path, tmp_path: Path) -> None:
    env, data = clean_env(tmp_path), str(tmp_path / "data")
    version = subprocess.run([str(installed), "--version"], capture_output=True, text=True, env=env, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("inspector ")
    proc = subprocess.run([str(installed), "--data-dir", data, "templates", "list"], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "coe-major-equipment" in proc.stdout and "aoc-fpu" in proc.stdout
    assert (tmp_path / "data" / "logs" / "inspector.log").is_file()
    proc = subprocess.run([str(installed), "--data-dir", data, "inspections", "show", "nope"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, env=env)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_installer_benchmark_runs_on_the_build(built: tuple[Path, str]) -> None:
    bench = ROOT / "bench" / "bench_installer.py"
    proc = subprocess.run([sys.executable, str(bench), "--dist", str(built[0].parent), "--repeat", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "built folder inspector/" in proc.stdout and f"archive {built[0].name}" in proc.stdout
    for row in ("--self-test (all checks)", "first window (main window)", "main window with data, 3 themes"):
        assert row in proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("installer: folder ")
