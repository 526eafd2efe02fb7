"""A read-only data folder (write-protected key, read-only share) opens read-only: browse, show, report; no edits.

The in-process tests take the folder for read-only (the probe is patched) and so exercise the real read-only
SQLite open; the last test mounts a folder read-only for real (as root, in a private mount namespace).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.errors import StorageError
from inspector_app.paths import DataDir
from inspector_app.services import inspections
from inspector_app.services.installation import open_workspace


@pytest.fixture
def read_only_dir(seeded_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = Path(shutil.copytree(seeded_demo, tmp_path / "ro"))
    monkeypatch.setattr(DataDir, "read_only", property(lambda self: self.root == folder))
    return folder


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _in_progress(capsys: pytest.CaptureFixture[str], folder: Path) -> str:
    _, out, _ = run(capsys, folder, "inspections", "list", "--json")
    return next(r["id"] for r in json.loads(out) if r["status"] == "in_progress")


def test_reading_commands_work_and_say_the_folder_is_read_only(
    capsys: pytest.CaptureFixture[str], read_only_dir: Path, tmp_path: Path
) -> None:
    before = read_only_dir.joinpath("inspector.sqlite").read_bytes()
    code, out, err = run(capsys, read_only_dir, "units", "list")
    assert code == 0 and "SEN FPU 1" in out
    assert f"the data folder {read_only_dir} is read-only: opened read-only" in err
    ident = _in_progress(capsys, read_only_dir)
    assert run(capsys, read_only_dir, "inspections", "show", ident)[0] == 0
    code, out, _ = run(capsys, read_only_dir, "report", ident, "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert read_only_dir.joinpath("inspector.sqlite").read_bytes() == before


def test_writing_commands_are_refused_with_the_reason_and_change_nothing(
    capsys: pytest.CaptureFixture[str], read_only_dir: Path
) -> None:
    ident = _in_progress(capsys, read_only_dir)
    before = read_only_dir.joinpath("inspector.sqlite").read_bytes()
    code, _, err = run(capsys, read_only_dir, "inspections", "new", "--unit", "SEN FPU 1",
                       "--template", "coe-major-equipment", "--type", "periodic")
    assert code == 1
    assert "inspector: error: the data folder is read-only: Inspector cannot save there" in err
    assert "already open" not in err and "restore" not in err and "Traceback" not in err
    code, _, err = run(capsys, read_only_dir, "inspections", "submit", ident)
    assert code == 1 and "read-only" in err
    assert read_only_dir.joinpath("inspector.sqlite").read_bytes() == before


def test_a_read_only_workspace_never_writes(read_only_dir: Path) -> None:
    with open_workspace(read_only_dir) as ws:
        assert ws.read_only
        state = next(s for s in inspections.list_states(ws) if s.inspection.status == "in_progress")
        key = next(iter(state.answers))
        with pytest.raises(StorageError, match="read-only"):
            inspections.set_remark(ws, state.inspection.id, key, "a remark")
        with pytest.raises(StorageError, match="read-only"):  # the answer path (prepared statements) as well
            inspections.answer(ws, state.inspection.id, key, value=inspections.value_of(state.answers[key]))


def test_a_read_only_folder_of_another_version_is_refused_clearly(read_only_dir: Path) -> None:
    import sqlite3

    with contextlib.closing(sqlite3.connect(read_only_dir / "inspector.sqlite")) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    with pytest.raises(StorageError, match="read-only and its database is of another version"):
        open_workspace(read_only_dir)


def _can_mount_read_only() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("unshare") is not None


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and unshare(1) to mount a folder read-only")
def test_a_really_read_only_mount(seeded_demo: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(seeded_demo, tmp_path / "mounted"))
    inspector = shlex.join([sys.executable, "-m", "inspector_app.cli.main", "--data-dir", str(folder)])
    mount = shlex.quote(str(folder))
    script = (f"mount --bind {mount} {mount} && mount -o remount,bind,ro {mount} && {inspector} units list && "
              f"{inspector} inspections new --unit 'SEN FPU 1' --template coe-major-equipment --type periodic")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert "SEN FPU 1" in done.stdout
    assert "is read-only: opened read-only" in done.stderr
    assert "inspector: error: the data folder is read-only" in done.stderr
    assert done.returncode == 1
