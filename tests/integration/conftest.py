"""Fixtures the integration tests share: the demo data folder, seeded once per module as a user would."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from inspector_app.cli.main import main


@pytest.fixture(scope="module")
def seeded_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", str(data), "demo"]) == 0
    return data


@pytest.fixture
def demo_dir(seeded_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the demo data folder (seeded once per module)."""
    return Path(shutil.copytree(seeded_demo, tmp_path / "demo"))
