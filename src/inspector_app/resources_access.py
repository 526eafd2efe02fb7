"""Files shipped inside the package (``resources/`` and ``db/`` of the source tree)."""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    return files("inspector_app.resources").joinpath(*parts)


def shipped_templates() -> list[Traversable]:
    folder = resource("templates")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def migrations_dir() -> Path:
    """The Alembic script folder; the package is installed as files, so this is a real path."""
    with as_file(files("inspector_app.migrations")) as path:
        return Path(path)


def resource_path(*parts: str) -> Path:
    """A shipped folder as a real path (gettext and Alembic want paths, not resource readers)."""
    with as_file(resource(*parts)) as path:
        return Path(path)
