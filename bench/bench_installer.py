"""Benchmark: the built desktop program (PyInstaller, build_installer.spec) against the same code run from
the virtual environment: size on disk and start-up, in fresh processes, in the same run.

Sizes: the built folder and its archive, against the virtual environment it was built from. Start-up
(offscreen Qt, medians of ``--repeat`` runs after one warm-up run each, file cache warm):
``inspector --version``, ``inspector --self-test`` (database, templates, report, signature, …: every check
in a new temporary folder) and ``inspector --self-test-gui``, timed from launch to the moment its first
window (the main window, before its database opens) is shown and to the moment the main window shows its data
and is styled in the three themes. Bytecode is cached on both sides (PYTHONDONTWRITEBYTECODE is dropped).
Baselines in the same run: ``python -c pass`` and a bare PySide6 window in a process of its own.
Prints figures only; asserts nothing.

Run: ``.venv/bin/python bench/bench_installer.py [--dist DIST] [--repeat 5]``. DIST holds ``inspector/``
(and the archive) from ``scripts/build-installer.sh``; default ``dist/``; without a build there, the script
builds one in a temporary folder first and times the build.
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

from bench_startup import BARE as BARE_WINDOW  # the same bare PySide6 window as the start-up benchmark

ROOT = Path(__file__).resolve().parents[1]
MIB = 2**20


def timed(command: list[str], env: dict[str, str], cwd: Path, moment: str) -> float:
    """Seconds from launch to the first output line that starts with ``moment`` (stripped), or to the exit."""
    start = time.perf_counter()
    seen = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                          cwd=cwd) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if seen is None and moment != "exit" and line.strip().startswith(moment):
                seen = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {proc.returncode})")
    if moment == "exit":
        return time.perf_counter() - start
    if seen is None:
        raise SystemExit(f"{' '.join(command)} never printed {moment!r}")
    return seen


def median(command: list[str], env: dict[str, str], cwd: Path, repeat: int, moment: str = "exit") -> float:
    timed(command, env, cwd, moment)  # warm-up: file cache, bytecode
    return statistics.median(timed(command, env, cwd, moment) for _ in range(repeat))


def size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``, symbolic links not followed or counted."""
    files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
    return sum(f.stat().st_size for f in files), len(files)


def build(dist: Path) -> float:
    work = dist.parent / "work"
    start = time.perf_counter()
    subprocess.run(["bash", str(ROOT / "scripts" / "build-installer.sh"), "--dist", str(dist), "--work", str(work)],
                   check=True, capture_output=True, env={**os.environ, "PYTHON": sys.executable})
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="holds inspector/ (default: dist/)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inspector-bench-") as tmp_name:
        tmp = Path(tmp_name)
        dist, built_in = args.dist.resolve(), None
        if not (dist / "inspector").is_dir():
            dist = tmp / "dist"
            built_in = build(dist)
        report(dist, tmp, args.repeat, built_in)
    return 0


def report(dist: Path, tmp: Path, repeat: int, built_in: float | None) -> None:
    program = dist / "inspector" / ("inspector.exe" if sys.platform == "win32" else "inspector")
    source = Path(sys.executable).with_name("inspector.exe" if sys.platform == "win32" else "inspector")
    home = tmp / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the build holds compiled modules: so may the venv

    folder, files = size(dist / "inspector")
    venv, venv_files = size(Path(sys.prefix))
    archives = sorted(dist.glob("inspector-*.tar.gz")) + sorted(dist.glob("inspector-*.zip"))
    print(f"{'size':<48}{'MiB':>6}{'files':>8}{'vs venv':>9}")
    print(f"{'virtual environment (baseline)':<48}{venv / MIB:>6.0f}{venv_files:>8}{1:>8.2f}x")
    print(f"{'built folder inspector/':<48}{folder / MIB:>6.0f}{files:>8}{folder / venv:>8.2f}x")
    for archive in archives:
        print(f"{'archive ' + archive.name:<48}{archive.stat().st_size / MIB:>6.0f}{1:>8}"
              f"{archive.stat().st_size / venv:>8.2f}x")
    if built_in is not None:
        print(f"build (scripts/build-installer.sh, with the archive and its self-test): {built_in:.0f} s")

    def run(moment: str, *command: str) -> float:
        return median(list(command), env, tmp, repeat, moment)

    python = run("exit", sys.executable, "-c", "pass")
    bare = run("shown", sys.executable, "-c", BARE_WINDOW)
    rows = []
    for label, option, moment, base in (
        ("--version", "--version", "exit", python),
        ("--self-test (all checks)", "--self-test", "exit", python),
        ("first window (main window)", "--self-test-gui", "...  window: first window shown", bare),
        ("main window with data, 3 themes", "--self-test-gui", "ok   window:", bare),
        ("--self-test-gui (all checks)", "--self-test-gui", "exit", bare),
    ):
        rows.append((label, run(moment, str(source), option), run(moment, str(program), option), base))
    print()
    print(f"{f'start-up, ms (median of {repeat})':<34}{'venv':>8}{'built':>8}{'built/venv':>12}{'built/base':>12}")
    print(f"{'python -c pass (baseline)':<34}{python * 1000:>8.0f}")
    print(f"{'bare PySide6 window (baseline)':<34}{bare * 1000:>8.0f}")
    for label, from_venv, from_build, base in rows:
        print(f"{label:<34}{from_venv * 1000:>8.0f}{from_build * 1000:>8.0f}{from_build / from_venv:>11.2f}x"
              f"{from_build / base:>11.2f}x")
    first = next(r for r in rows if r[0].startswith("first window"))
    print(f"installer: folder {folder / MIB:.0f} MiB ({folder / venv:.2f}x the venv), "
          + ", ".join(f"{a.name} {a.stat().st_size / MIB:.0f} MiB" for a in archives)
          + f"; first window {first[2] * 1000:.0f} ms built vs {first[1] * 1000:.0f} ms from the venv "
          f"({first[2] / first[1]:.2f}x)")


if __name__ == "__main__":
    sys.exit(main())
