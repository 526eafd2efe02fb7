"""The built wheel carries the templates, translations and migrations, and runs from them alone."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    [built] = out.glob("inspector_app-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "resources" / "templates").glob("*.yaml"):
        assert f"inspector_app/resources/templates/{template.name}" in names
    for migration in (ROOT / "db" / "versions").glob("*.py"):
        assert f"inspector_app/migrations/versions/{migration.name}" in names
    assert "inspector_app/migrations/env.py" in names
    for shipped in [*(ROOT / "resources").rglob("*.ttf"), *(ROOT / "resources").rglob("*.qss"),
                    *(ROOT / "resources").rglob("*.svg"), *(ROOT / "resources").rglob("*.mo"),
                    ROOT / "resources" / "fonts" / "LICENSE"]:
        assert f"inspector_app/resources/{shipped.relative_to(ROOT / 'resources').as_posix()}" in names
    for catalogue in (ROOT / "resources" / "translations").rglob("*.mo"):
        assert f"inspector_app/resources/{catalogue.relative_to(ROOT / 'resources').as_posix()}" in names
    for module in (ROOT / "src").rglob("*.py"):
        assert module.relative_to(ROOT / "src").as_posix() in names


@pytest.mark.slow
def test_unpacked_wheel_runs_on_its_own_files(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import inspector_app, sys; from inspector_app.cli.main import main; "
        "print(inspector_app.__file__); sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path / "data"), "templates", "list"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    first, *rest = proc.stdout.splitlines()
    assert first.startswith(str(site))  # the wheel's copy, not the source tree
    assert sum("coe-major-equipment" in line or "aoc-fpu" in line for line in rest) == 2


@pytest.mark.slow
def test_unpacked_wheel_translates_from_its_own_catalogue(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "from inspector_app import i18n; i18n.set_language('fr'); print(i18n._('ready for review'))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(site)})
    assert proc.stdout.strip() == "prête pour revue", proc.stderr
