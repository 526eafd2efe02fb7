"""The window part of ``inspector --self-test-gui``: the main window opens, takes every theme, and closes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from inspector_app.errors import InspectorError
from inspector_app.paths import DataDir
from inspector_app.ui import theme
from inspector_app.ui.app import show_main_window


def window_check(data: DataDir, out: Callable[[str], None]) -> str:
    """Open the main window on ``data`` as on a first run, apply each theme, close it; what was seen.

    Offscreen on Linux without a display.
    """
    if sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    qt = QApplication.instance() or QApplication([sys.argv[0]])
    window = show_main_window(data)
    qt.processEvents()
    first = time.perf_counter() - started
    out("  ...  window: first window shown")
    try:
        from inspector_app.services.installation import open_workspace  # noqa: PLC0415  (after the window)

        window.attach(open_workspace(data.root))
        window.show_home()
        qt.processEvents()
        shown = time.perf_counter() - started
        for name in (*(t for t in theme.THEMES if t != theme.current()), theme.current()):
            theme.apply(qt, name)
            qt.processEvents()
        stock = QTranslator().load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    finally:
        window.close()
        if window.ready:
            window.workspace.close()
    if not stock:
        raise InspectorError("Qt's own French translations (qtbase_fr) are missing")
    return (f"first window {first * 1000:.0f} ms, main window {shown * 1000:.0f} ms, themes "
            f"{', '.join(theme.THEMES)} applied, Qt translations found (Qt platform {qt.platformName()})")
