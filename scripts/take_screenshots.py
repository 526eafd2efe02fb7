"""Screenshots of the main screens for docs/screenshots/, in a real window (run under Xvfb).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_screenshots.py [SCREEN ...]

SCREEN is home, mou-grid, item, review, signed, sync or hq (default: all). The signed screen is the demo COE
once signed digitally: read-only, with its banner and the Amend button. The sync screen is taken after a colleague's
laptop answered the AOC too and its bundle came back with conflicts, in a process of its own: PySide6 6.12 on
Python 3.11 loses a reference to None on every call of a void method, and one process taking every screen in
four looks runs out of them ("Fatal Python error: none_dealloc"). The hq screen (HQ mode, in English light and
French high contrast) also has a process of its own: HQ's database holds the demo mission and a year of
quarterly COE inspections of both units.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from inspector_app.crypto import keys
from inspector_app.paths import DataDir
from inspector_app.services import demo, inspections, report, team_merge, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.engine import sqlite_url
from inspector_app.ui import theme
from inspector_app.ui.i18n_qt import switch_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.preferences import Preferences
from inspector_app.ui.sync_view import describe
from inspector_app.ui.workers import TaskRunner

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SCREENS = ("home", "mou-grid", "item", "review", "signed", "sync", "hq")
FIELD_SCREENS = {"home", "mou-grid", "item", "review"}
HQ_LOOKS = [("en", "light"), ("fr", "high_contrast")]
# Serviceable share of each MOU line in four quarterly COE inspections, a year back from today, per unit.
HQ_HISTORY = {demo.SENEGAL.name: (0.84, 0.93, 0.89, 0.96), demo.BANGLADESH.name: (0.95, 0.86, 0.97, 0.92)}
LOOKS = [(lang, look) for lang in ("en", "fr") for look in ("light", "high_contrast")]
SECRET = "screenshots"  # of the throwaway identities below
SIZE = (1366, 768)  # the usual field laptop's screen


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, window: MainWindow, name: str, wanted: set[str]) -> None:
    if not any(name.startswith(f"{screen}-") for screen in wanted):
        return
    settle(app)
    window.repaint()
    settle(app)
    path = OUT / f"{name}.png"
    window.screen().grabWindow(window.winId()).save(str(path))
    print(path.relative_to(OUT.parent.parent))


def look(app: QApplication, lang: str, name: str) -> str:
    switch_language(lang)
    theme.apply(app, name, 11)
    return f"{lang}-{name.replace('_', '-')}"


def team_merge_back(ws: Workspace, folder: Path, aoc: str) -> Path:
    """A colleague's laptop gets the AOC, answers three items the leader answers differently, sends it back."""
    keys.create_identity(ws.data, ws.actor, "team_leader", SECRET)
    with open_workspace(folder / "colleague", actor="A. Osei") as mate:
        keys.create_identity(mate.data, mate.actor, "inspector", SECRET)
        team_merge.export_peer(ws, folder / "share.inspector-bundle", SECRET, [aoc])
        team_merge.import_file(mate, folder / "share.inspector-bundle")
        for key, theirs, mine in (("aoc.c2.planning", "55", "60"), ("aoc.c2.reporting", "80", "70"),
                                  ("aoc.driving.test/BGD-0069", "pass", "fail")):
            inspections.answer(mate, aoc, key, theirs)
            inspections.answer(ws, aoc, key, mine)
        inspections.answer(mate, aoc, "aoc.driving.test/BGD-0070", "pass")
        team_merge.export_peer(mate, folder / "back.inspector-bundle", SECRET, [aoc])
    return folder / "back.inspector-bundle"


def hq_history(ws: Workspace) -> None:
    """Four settled COE major-equipment inspections of each demo unit over the last year (HQ_HISTORY)."""
    for unit, shares in HQ_HISTORY.items():
        lines = units.scope(ws, unit).mou_lines
        for quarter, share in enumerate(shares):
            started = date.today() - timedelta(days=360 - 90 * quarter)
            coe = inspections.start(ws, unit, "coe-major-equipment", "periodic", start_date=started).id
            for n, line in enumerate(lines):
                kept = min(line.quantity, round(line.quantity * share + (n % 3 - 1) * 0.4))
                inspections.answer(ws, coe, f"me.count/{line.line_no}", value={"found": line.quantity,
                                                                             "serviceable": kept})
            for general in ("records", "self_reports", "spares"):
                inspections.answer(ws, coe, f"me.general.{general}", "yes")
            inspections.submit(ws, coe)


def hq_screens(app: QApplication, tmp: Path) -> None:
    """HQ mode on the data folder's own HQ database: the chosen unit's trend, then every unit's."""
    data = DataDir(tmp / "hq")
    with open_workspace(data.root, actor="HQ registry", db_url=sqlite_url(data.hq_database)) as hq:
        demo.seed(hq)
        hq_history(hq)
    ws = open_workspace(data.root, actor="HQ registry")
    window = MainWindow(ws, Preferences(ws.data), TaskRunner(inline=True))
    window.resize(*SIZE)
    window.show()
    for (lang, name), all_units in zip(HQ_LOOKS, (False, True), strict=True):
        tag = look(app, lang, name)
        window.open_hq_database()
        view = window.hq_view
        assert view is not None, "HQ's database did not open"
        view.ui.table.setCurrentCell(1, 0)  # SEN FPU 1: its open shortfalls
        view.ui.allUnits.setChecked(all_units)
        view.ui.table.setFocus()
        shoot(app, window, f"hq-{tag}", {"hq"})
    window.close()
    ws.close()


def main(argv: list[str]) -> int:
    wanted = set(argv) or set(SCREENS)
    if wanted - set(SCREENS):
        print(f"unknown screen {sorted(wanted - set(SCREENS))}; choose from {', '.join(SCREENS)}", file=sys.stderr)
        return 2
    for alone in ("sync", "hq"):
        if alone in wanted and len(wanted) > 1:
            wanted.discard(alone)
            subprocess.run([sys.executable, __file__, alone], check=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        if wanted == {"hq"}:
            hq_screens(app, Path(tmp))
            return 0
        ws = open_workspace(DataDir(Path(tmp) / "laptop").root, actor="J. Martin")
        demo.seed(ws)
        states = {s.template.template_id: s for s in inspections.list_states(ws)}
        coe, aoc = states["coe-major-equipment"].inspection.id, states["aoc-fpu"].inspection.id
        window = MainWindow(ws, Preferences(ws.data))
        window.resize(*SIZE)
        window.show()
        for lang, name in LOOKS if wanted & FIELD_SCREENS else []:
            tag = look(app, lang, name)
            window.show_home()
            shoot(app, window, f"home-{tag}", wanted)
            window.open_inspection(coe)
            shoot(app, window, f"mou-grid-{tag}", wanted)
            window.open_inspection(aoc, "aoc.c2.planning")
            shoot(app, window, f"item-{tag}", wanted)
            window.open_inspection(coe)
            window.ui.actionReview.trigger()
            shoot(app, window, f"review-{tag}", wanted)
        if "signed" in wanted:
            keys.create_identity(ws.data, ws.actor, "team_leader", SECRET)
            report.produce(ws, coe, "en", sign=report.Signer(SECRET))
            for lang, name in LOOKS:
                tag = look(app, lang, name)
                window.open_inspection(coe)
                shoot(app, window, f"signed-{tag}", wanted)
        if "sync" in wanted:
            back = team_merge_back(ws, Path(tmp), aoc)
            result = team_merge.import_file(ws, back)
            window.open_inspection(aoc)
            for lang, name in LOOKS:
                tag = look(app, lang, name)
                view = window.show_sync()
                view.ui.results.clear()
                view.ui.results.addItem(describe(back.name, result))
                shoot(app, window, f"sync-{tag}", wanted)
        window.close()
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
