"""Benchmark: start-up of the desktop app, against a bare PySide6 window, in fresh processes.

Each run is a new Python process (offscreen Qt) running ``inspector --data-dir DIR`` (``cli.main``, then
``ui.app.run``), timed by this script from launch to the moments the child reports:

- usable: the main window is shown on its home page and its event loop runs: a zero-delay timer queued
  after the window showed fires, and the File menu opens from it (the menus answer). The commands that need
  the database are greyed until it is open.
- loaded: the database is open (on the window's background thread) and the home page lists the demo mission.

The baseline is a bare QMainWindow shown in a process of its own, measured in the same run. Bytecode is cached
(as pip and PyInstaller install it), whatever PYTHONDONTWRITEBYTECODE says. Prints figures; asserts nothing.
Run: ``.venv/bin/python bench/bench_startup.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, add_json_option, emit, quiet_stdout

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 780)
window.show()
app.processEvents()
print("shown", flush=True)
"""

# ``inspector --data-dir DIR`` itself (cli.main, then ui.app.run), with two of ui.app's steps wrapped to report
# the moments and to quit once the home page is filled.
APP = """
import sys
from inspector_app.cli.main import main
from inspector_app.ui import app as ui_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
open_data, start = ui_app.open_data, ui_app.start

def usable(window):
    menu = window.ui.menuFile
    menu.popup(window.mapToGlobal(window.rect().center()))
    QApplication.processEvents()
    assert window.isVisible() and window.ui.stack.currentWidget() is window.home and menu.isVisible()
    menu.close()
    print("usable", flush=True)

def opening(window, then, failed):
    open_data(window, then, failed)
    QTimer.singleShot(0, lambda: usable(window))  # after the loading thread has started

def started(window, hq=None, home=None):
    start(window, hq, home)
    QApplication.processEvents()
    print("loaded", window.home.model.rowCount(), flush=True)
    QApplication.quit()

ui_app.open_data, ui_app.start = opening, started
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def timed(code: str, *args: str) -> dict[str, float]:
    """Seconds from launch to each line the child prints (its first word names the moment)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached (pip and PyInstaller compile it)
    start = time.perf_counter()
    marks: dict[str, float] = {}
    with subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            marks[line.split()[0]] = time.perf_counter() - start
    if proc.returncode != 0 or not marks:
        raise SystemExit(f"the child process failed (exit {proc.returncode})")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 runs each")
    add_json_option(parser)
    args = parser.parse_args()
    if args.quick:
        args.repeat = 2
    with quiet_stdout(args.json):
        figures = measure(args.repeat)
    emit(figures, args.json)
    return 0


def measure(repeat: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(data), "demo"],
                       check=True, capture_output=True)
        timed(APP, str(data))  # warm the file cache and write the bytecode once
        bare, runs = [], []
        for _ in range(repeat):  # in turns, so that both see the same load on a shared machine
            bare.append(timed(BARE)["shown"])
            runs.append(timed(APP, str(data)))
    base = statistics.median(bare)
    usable = statistics.median(r["usable"] for r in runs)
    loaded = statistics.median(r["loaded"] for r in runs)
    print(f"{'figure':<22}{'median ms':>10}{'ratio':>9}")
    print(f"{'bare window shown':<22}{base * 1000:>10.0f}{1:>8.2f}x")
    print(f"{'main window usable':<22}{usable * 1000:>10.0f}{usable / base:>8.2f}x")
    print(f"{'inspection list loaded':<22}{loaded * 1000:>10.0f}{loaded / base:>8.2f}x")
    print(f"startup: {repeat} runs each; main window usable {usable * 1000:.0f} ms ({usable / base:.2f}x a bare "
          f"PySide6 window, {base * 1000:.0f} ms); demo inspection list loaded {loaded * 1000:.0f} ms "
          f"({loaded / base:.2f}x)")
    return [Figure("window usable", usable, base), Figure("window list loaded", loaded, base)]


if __name__ == "__main__":
    sys.exit(main())
