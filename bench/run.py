"""Run every benchmark and print one table of figure, value, baseline and ratio (each baseline measured in the
same run as its figure). ``--quick`` for a smoke run of about a minute, ``--json`` for the figures as a JSON list
of ``{"name", "value", "baseline", "ratio", "unit"}``, ``--only WORD`` for the scripts whose name holds WORD.

Each benchmark runs in a process of its own (``bench/bench_*.py --json``); its own lines go to stderr. A script
that fails is named, the others still run, and the exit status is 1. Run: ``.venv/bin/python bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from figures import Figure, add_json_option, emit

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_cli.py", "bench_answers.py", "bench_startup.py", "bench_report.py", "bench_import.py", "hq_scale.py")


def run_script(script: str, quick: bool) -> list[Figure]:
    command = [sys.executable, str(HERE / script), "--json", *(["--quick"] if quick else [])]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed (exit {done.returncode})")
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    return [Figure(r["name"], r["value"], r["baseline"], r["unit"]) for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run of every benchmark (about a minute)")
    parser.add_argument("--only", metavar="WORD", help="only the scripts whose file name holds WORD")
    add_json_option(parser)
    args = parser.parse_args()
    figures: list[Figure] = []
    failed = []
    for script in SCRIPTS:
        if args.only and args.only not in script:
            continue
        start = time.perf_counter()
        try:
            figures += run_script(script, args.quick)
        except (RuntimeError, ValueError, IndexError) as exc:
            failed.append(script)
            print(f"bench: {exc}", file=sys.stderr)
        print(f"bench: {script} took {time.perf_counter() - start:.0f} s", file=sys.stderr)
    emit(figures, args.json)
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
