"""Benchmark: the command line's start-up and one command that writes, against bare Python, in fresh processes.

Figures (medians of ``--repeat`` runs, each a new process, timed from launch to exit):
- ``cli version`` / ``cli help``: ``inspector --version`` / ``--help`` against ``python -c pass``;
- ``cli answer``: ``inspector inspections answer ID KEY yes|no`` on the demo data folder (each run changes the
  answer: one durable, audited commit) against a bare script that starts Python, imports ``sqlalchemy.orm`` and
  makes one durable SQLite commit (WAL, ``synchronous=FULL``) of a row in a database of its own.
Prints figures only; asserts nothing. Run: ``.venv/bin/python bench/bench_cli.py [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, add_json_option, emit, quiet_stdout

INSPECTOR = str(Path(sys.executable).with_name("inspector"))
BARE_COMMIT = """
import sqlite3, sys
import sqlalchemy.orm
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for pragma in ("journal_mode=WAL", "synchronous=FULL"):
    conn.execute(f"PRAGMA {pragma}")
conn.execute("CREATE TABLE IF NOT EXISTS answer (key TEXT PRIMARY KEY, value TEXT)")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO answer VALUES ('k', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
             (sys.argv[2],))
conn.execute("COMMIT")
"""


def median_run(commands: list[list[str]]) -> float:
    """The median wall time of running each command once, in turn, in a new process."""
    return statistics.median(_wall(command) for command in commands)


def paired_runs(commands: list[list[str]], baselines: list[list[str]]) -> tuple[float, float]:
    """The median wall times of ``commands`` and ``baselines``, run in turns (one, then the other), so that a
    change in the machine's speed hits both."""
    times = [(_wall(command), _wall(baseline)) for command, baseline in zip(commands, baselines, strict=True)]
    return statistics.median(t for t, _ in times), statistics.median(b for _, b in times)


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def answer_target(data: Path) -> tuple[str, str]:
    """An open inspection of the demo and one of its yes/no items."""
    from inspector_app.domain.template_model import AnswerType  # noqa: PLC0415
    from inspector_app.services import inspections  # noqa: PLC0415
    from inspector_app.services.installation import open_workspace  # noqa: PLC0415

    with open_workspace(data, actor="bench") as ws:
        for state in inspections.list_states(ws):
            if state.inspection.status in ("draft", "in_progress"):
                slot = next(s for s in state.checklist.slots if s.item.type is AnswerType.YES_NO)
                return state.inspection.id, slot.key
    raise SystemExit("the demo has no open inspection")


def measure(repeat: int) -> list[Figure]:
    python = [sys.executable, "-c", "pass"]
    bare = median_run([python] * repeat)
    version = median_run([[INSPECTOR, "--version"]] * repeat)
    helped = median_run([[INSPECTOR, "--help"]] * repeat)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([INSPECTOR, "--data-dir", str(data), "demo"], check=True, capture_output=True)
        inspection, key = answer_target(data)
        values = ["yes" if n % 2 else "no" for n in range(repeat)]
        answer, commit = paired_runs(
            [[INSPECTOR, "--data-dir", str(data), "inspections", "answer", inspection, key, v] for v in values],
            [[sys.executable, "-c", BARE_COMMIT, str(Path(tmp) / "bare.sqlite"), v] for v in values])
    print(f"cli: medians of {repeat} runs; python -c pass {bare * 1000:.0f} ms, --version {version * 1000:.0f} ms, "
          f"--help {helped * 1000:.0f} ms; inspections answer {answer * 1000:.0f} ms against a bare "
          f"import-and-commit script {commit * 1000:.0f} ms")
    return [Figure("cli version", version, bare), Figure("cli help", helped, bare),
            Figure("cli answer", answer, commit)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="runs of each command; the median counts")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 runs of each")
    add_json_option(parser)
    args = parser.parse_args()
    if args.quick:
        args.repeat = 3
    with quiet_stdout(args.json):
        figures = measure(args.repeat)
    emit(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
