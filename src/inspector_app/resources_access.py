"""Files shipped inside the package (``resources/`` and ``db/`` of the source tree).

Both are installed as folders of files (a wheel, an editable install and the PyInstaller build alike), so each
is found through its package's folder: cheaper at start-up than ``importlib.resources``, and a real path that
gettext, Qt and Alembic can open.
"""

from __future__ import annotations

from pathlib import Path

import inspector_app.migrations
import inspector_app.resources


def resource(*parts: str) -> Path:
    """A shipped file or folder, e.g. ``resource("themes", "light.qss")``."""
    return Path(next(iter(inspector_app.resources.__path__)), *parts)


def shipped_templates() -> list[Path]:
    return sorted(resource("templates").glob("*.yaml"), key=lambda f: f.name)


def migrations_dir() -> Path:
    """The Alembic script folder."""
    return Path(next(iter(inspector_app.migrations.__path__)))


