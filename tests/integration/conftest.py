"""Fixtures the integration tests share: the demo data folder, seeded once per module as a user would."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app.cli.main import main
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from tests.integration.field import Field


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


@pytest.fixture
def field(seeded: Path, tmp_path: Path) -> Field:
    """A private copy of the module's field folder (laptop, HQ and CA; the module's ``seeded`` fixture makes it)."""
    return Field(Path(shutil.copytree(seeded, tmp_path / "field")))


@pytest.fixture
def hq(field: Field, hq_url: str) -> Iterator[Workspace]:
    """HQ's workspace in that copy, on SQLite or on the PostgreSQL server (``hq_url``)."""
    with open_workspace(field.hq, actor="HQ registry", db_url=hq_url) as ws:
        yield ws
