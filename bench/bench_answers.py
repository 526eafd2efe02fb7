"""Benchmark: answering items one by one, and opening a large inspection, against raw sqlite3.

Every figure is measured in the same run as its baseline, in a temporary data folder, with the
real services (Workspace, units, inspections) and the app's durability settings. Prints figures
only; never asserts timings. Run: ``.venv/bin/python bench/bench_answers.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from figures import Figure, add_json_option, emit, quiet_stdout

from inspector_app.domain.checklist import MouLineRef
from inspector_app.services import inspections, templates, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace

TEMPLATE = "coe-major-equipment"
COUNT_ITEM = "me.count"  # the per-MOU-line mou_count item of the template
TEXT = "found=5 serviceable=4"
VALUE_JSON = json.dumps({"found": 5, "serviceable": 4})
PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000")


def make_inspection(ws: Workspace, code: str, lines: int) -> str:
    """A draft inspection of a new unit whose MOU has ``lines`` Annex B lines (alternately wet, dry)."""
    refs = [MouLineRef(n, "Vehicles", f"Item {n}", 5, "wet" if n % 2 else "dry") for n in range(1, lines + 1)]
    mission = units.create_mission(ws, f"Mission {code}", code)
    unit_id = units.create_unit(ws, mission.id, name=f"FPU {code}", contributing_country="Senegal",
                                mou=refs, mou_reference=f"MOU {code}").id
    return inspections.start(ws, unit_id, TEMPLATE, "periodic").id


def count_keys(ws: Workspace, inspection_id: str, n: int) -> list[str]:
    """The first ``n`` keys of the inspection's mou_count slots; fails unless there are ``n``."""
    keys = [s.key for s in inspections.load(ws, inspection_id).checklist.slots if s.item.code == COUNT_ITEM]
    if len(keys) < n:
        raise SystemExit(f"only {len(keys)} {COUNT_ITEM} slots, {n} wanted")
    return keys[:n]


BLOCK = 50  # answers per turn: service and baseline take turns, so a change in the machine's speed hits both


def bench_answers(ws: Workspace, inspection_id: str, keys: list[str], raw: Path) -> tuple[list[float], float]:
    """Seconds of each service call answering ``keys`` one by one (each its own committed, audited transaction),
    and seconds of the baseline: one BEGIN IMMEDIATE + upsert + COMMIT per key on a fresh database file, in
    turns of ``BLOCK`` answers."""
    conn = raw_connect(raw)
    conn.execute(
        "CREATE TABLE answer (id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL, key TEXT NOT NULL,"
        " value_json TEXT, revision INTEGER NOT NULL, updated_at TEXT NOT NULL, UNIQUE (inspection_id, key))"
    )
    conn.execute("CREATE INDEX ix_answer_inspection_id ON answer (inspection_id)")
    raw_id = str(uuid.uuid4())
    calls, baseline = [], 0.0
    for first in range(0, len(keys), BLOCK):
        block = keys[first:first + BLOCK]
        for key in block:
            start = time.perf_counter()
            inspections.answer(ws, inspection_id, key, TEXT)
            calls.append(time.perf_counter() - start)
        start = time.perf_counter()
        for key in block:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO answer VALUES (?, ?, ?, ?, 1, datetime('now')) ON CONFLICT (inspection_id, key)"
                " DO UPDATE SET value_json = excluded.value_json, revision = revision + 1",
                (str(uuid.uuid4()), raw_id, key, VALUE_JSON),
            )
            conn.execute("COMMIT")
        baseline += time.perf_counter() - start
    conn.close()
    return calls, baseline


def raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)  # autocommit: BEGIN/COMMIT issued below
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def fill_answers(ws: Workspace, inspection_id: str, keys: list[str]) -> None:
    """Answer ``keys`` with the service's own write path, in one transaction (setup only, not timed)."""
    with ws.db.session() as session:
        inspection = inspections.find(session, inspection_id)
        for key in keys:
            inspections.store_answer(ws, session, inspection, key, {"found": 5, "serviceable": 4})


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def open_and_score(ws: Workspace, inspection_id: str, n: int) -> None:
    state = inspections.load(ws, inspection_id)
    state.results()
    assert len(state.answers) == n, f"{len(state.answers)} answers loaded, {n} expected"


def cold_open(data: Path, inspection_id: str, n: int) -> float:
    """Seconds of load + results on a just-opened Workspace (empty checklist and template caches)."""
    with open_workspace(data, actor="bench") as ws:
        templates._parse_cached.cache_clear()  # module-level cache: otherwise warm across Workspaces
        return timed(lambda: open_and_score(ws, inspection_id, n), 1)


def raw_open(conn: sqlite3.Connection, inspection_id: str, n: int) -> None:
    """SELECT the inspection's answer rows on an open sqlite3 connection and decode each value."""
    rows = conn.execute("SELECT key, value_json FROM answer WHERE inspection_id = ?", (inspection_id,))
    values = {key: json.loads(value) for key, value in rows}
    assert len(values) == n, f"{len(values)} rows selected, {n} expected"


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run(n: int, m: int, repeat: int, tmp_parent: str | None) -> list[Figure]:
    rows: list[tuple[str, str, float, float]] = []  # figure, unit, service, baseline
    with tempfile.TemporaryDirectory(prefix="inspector-bench-", dir=tmp_parent) as tmp:
        data = Path(tmp) / "data"
        with open_workspace(data, actor="bench") as ws:
            answer_id = make_inspection(ws, "ANS", n)
            keys = count_keys(ws, answer_id, n)
            calls, baseline = bench_answers(ws, answer_id, keys, Path(tmp) / "raw.sqlite")
            service, tenth = sum(calls), max(1, n // 10)
            drift = (sum(calls[:tenth]) / tenth * 1e3, sum(calls[-tenth:]) / tenth * 1e3)
            assert len(inspections.load(ws, answer_id).answers) == n
            rows.append(("answer", "ms/answer", service / n * 1e3, baseline / n * 1e3))
            open_id = make_inspection(ws, "OPN", m)
            fill_answers(ws, open_id, count_keys(ws, open_id, m))
            slots = len(inspections.load(ws, open_id).checklist.slots)
        cold = statistics.median(cold_open(data, open_id, m) for _ in range(repeat))
        with open_workspace(data, actor="bench") as ws:
            open_and_score(ws, open_id, m)
            warm = timed(lambda: open_and_score(ws, open_id, m), repeat)
        conn = raw_connect(data / "inspector.sqlite")  # the same rows the service reads
        raw = timed(lambda: raw_open(conn, open_id, m), repeat)
        conn.close()
        rows += [("open cold", "ms", cold * 1e3, raw * 1e3), ("open warm", "ms", warm * 1e3, raw * 1e3)]
    print(f"{'figure':<10} {'unit':<10} {'service':>10} {'baseline':>10} {'ratio':>8}")
    for figure, unit, svc, base in rows:
        print(f"{figure:<10} {unit:<10} {svc:>10.2f} {base:>10.2f} {svc / base:>7.1f}x")
    print()
    svc, base = rows[0][2], rows[0][3]
    print(
        f"answer: {n} answers, service {svc:.2f} ms/answer ({1e3 / svc:.0f}/s), "
        f"baseline {base:.2f} ms/answer ({1e3 / base:.0f}/s), ratio {svc / base:.2f}x"
    )
    print(f"answer drift: service first 10% {drift[0]:.2f} ms/answer, last 10% {drift[1]:.2f} ms/answer")
    for figure, _, svc, base in rows[1:]:
        print(
            f"{figure}: {m} answers ({slots} slots), load+results {svc:.1f} ms, "
            f"baseline select+json {base:.1f} ms, ratio {svc / base:.1f}x"
        )
    print(f"memory: peak RSS {peak_rss_mb():.0f} MB")
    names = {"answer": "answer autosave", "open cold": "answer open cold", "open warm": "answer open warm"}
    return [Figure(names[figure], svc, base, unit) for figure, unit, svc, base in rows]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000, help="answers to write one by one (default 2000)")
    parser.add_argument("--open-items", type=int, default=1500, help="answers of the opened inspection")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each open figure; the median counts")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 answers, open 150, 2 repeats")
    parser.add_argument("--tmp-dir", help="where to create the temporary data folder (default: system temp)")
    add_json_option(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.items, args.open_items, args.repeat = 200, 150, 2
    if args.items < 1 or args.open_items < 1 or args.repeat < 1:
        parser.error("--items, --open-items and --repeat must be at least 1")
    with quiet_stdout(args.json):
        figures = run(args.items, args.open_items, args.repeat, args.tmp_dir)
    emit(figures, args.json)


if __name__ == "__main__":
    main()
