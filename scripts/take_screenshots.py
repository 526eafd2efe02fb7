"""Screenshots of the main screens for docs/screenshots/, in a real window (run under Xvfb).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from inspector_app.paths import DataDir
from inspector_app.services import demo, inspections
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.preferences import Preferences

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, window: MainWindow, name: str) -> None:
    settle(app)
    window.repaint()
    settle(app)
    path = OUT / f"{name}.png"
    window.screen().grabWindow(window.winId()).save(str(path))
    print(path.relative_to(OUT.parent.parent))


def main() -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(DataDir(Path(tmp)).root, actor="J. Martin")
        demo.seed(ws)
        states = {s.template.template_id: s for s in inspections.list_states(ws)}
        coe, aoc = states["coe-major-equipment"].inspection.id, states["aoc-fpu"].inspection.id
        window = MainWindow(ws, Preferences(ws.data))
        window.resize(1360, 860)
        window.show()
        for lang in ("en", "fr"):
            for look in ("light", "high_contrast"):
                switch_language(lang)
                theme.apply(app, look, 11)
                tag = f"{lang}-{look.replace('_', '-')}"
                window.show_home()
                shoot(app, window, f"home-{tag}")
                window.open_inspection(coe)
                shoot(app, window, f"mou-grid-{tag}")
                window.open_inspection(aoc, "aoc.c2.planning")
                shoot(app, window, f"item-{tag}")
                window.open_inspection(coe)
                window.ui.actionReview.trigger()
                shoot(app, window, f"review-{tag}")
        window.close()
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
