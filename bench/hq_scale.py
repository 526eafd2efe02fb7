"""Benchmark: every HQ screen and report on the HQ demo database at 1×, 2× and 4× (``inspector hq demo --scale``),
on SQLite and PostgreSQL, each figure with its growth from the smallest scale against the growth of the rows.

For each database and scale: the demo is built (``services.hq_demo.build``, timed), then timed, median of
``--repeat``: ``hq summary`` (``services.hq_views.mission_summary``), the quarterly COE report of one mission as
PDF and as XLSX and of every mission as PDF (``services.report.quarterly_coe``, the last quarter of the demo), the
quarterly performance report of every mission (``services.performance_status.report``), the charts' data
(``services.hq_charts.read``), and the HQ window's page opening with its unit table filled (``ui.hq_view.HqView`` +
``load()``, offscreen Qt, tasks run inline); these read the results the demo kept (``services.kept_results``). Then
once: ``hq summary`` with no result kept, as the first opening after a bulk import, which scores every answer and
keeps the results. A figure's
baseline is the same figure at the smallest scale of the same run, so its ratio is its growth; the line printed
above the table gives the row growth (inspections) to compare with. Goal (issue 16): every screen and report
under 2 s at every scale on both databases, growing at most linearly.

Run: ``.venv/bin/python bench/hq_scale.py [--scales 1,2,4] [--repeat 3] [--quick] [--postgres URL] [--json]``
(``--quick``: scales 0.05,0.1,0.2). Without a PostgreSQL server it prints ``NOT MEASURED`` and why.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_import import DEFAULT_PG, postgres_databases  # noqa: E402  (after the Qt platform is chosen)
from figures import Figure, add_json_option, emit, quiet_stdout  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from inspector_app.services import hq_charts, hq_demo, hq_views, performance_status, report  # noqa: E402
from inspector_app.services.installation import open_workspace  # noqa: E402
from inspector_app.services.workspace import Workspace  # noqa: E402
from inspector_app.storage.engine import sqlite_url  # noqa: E402
from inspector_app.storage.models import KeptResult  # noqa: E402

CPU: dict[str, float] = {}  # this process's CPU time of the last timing of each figure: steadier on a busy machine


def timed(name: str, work: Callable[[], Any], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``work`` (its CPU time in ``CPU[name]``)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def open_window(ws: Workspace, url: str) -> int:
    """The HQ page opened and its unit table filled, as the main window does; the rows shown."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415  (Qt only where the window is timed)

    from inspector_app.ui.hq_view import HqView  # noqa: PLC0415
    from inspector_app.ui.workers import TaskRunner  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    view = HqView(ws, url, TaskRunner(inline=True))
    view.load()
    app.processEvents()
    rows = view.ui.table.rowCount()
    view.deleteLater()
    app.processEvents()
    return rows


def summary_unkept(ws: Workspace) -> None:
    """``hq summary`` with no results kept (as just after a bulk import): it scores every answer, and keeps."""
    with ws.db.session() as session:
        session.execute(delete(KeptResult))
    hq_views.mission_summary(ws)


NAMES = ("build", "hq summary", "COE report PDF, one mission", "COE report XLSX, one mission",
         "COE report PDF, every mission", "performance report PDF, every mission", "HQ charts",
         "HQ window with its unit table", "hq summary, nothing kept")


def measure_one(root: Path, url: str, scale: float, repeat: int) -> dict[str, float]:
    """The figures of one database at one scale."""
    with open_workspace(root, db_url=url) as ws:
        counts = hq_demo.DemoCounts(0, 0, 0, 0, 0, 0, False, scale)

        def build() -> None:
            nonlocal counts
            counts = hq_demo.build(ws, scale)

        built = timed("build", build, 1)
        mission = hq_demo.MISSIONS[0][0]
        start_q, _end = hq_demo.quarters_before(date.today())[-1]
        quarter = f"{start_q.year}Q{(start_q.month - 1) // 3 + 1}"
        out = {
            "inspections": counts.inspections, "answers": counts.answers, "build": built,
            "hq summary": timed("hq summary", lambda: hq_views.mission_summary(ws), repeat),
            "COE report PDF, one mission": timed("COE report PDF, one mission",
                                                 lambda: report.quarterly_coe(ws, mission, quarter), repeat),
            "COE report XLSX, one mission": timed("COE report XLSX, one mission",
                                                  lambda: report.quarterly_coe(ws, mission, quarter, xlsx=True),
                                                  repeat),
            "COE report PDF, every mission": timed("COE report PDF, every mission",
                                                   lambda: report.quarterly_coe(ws, None, quarter), repeat),
            "performance report PDF, every mission": timed(
                "performance report PDF, every mission", lambda: performance_status.report(ws, quarter), repeat),
            "HQ charts": timed("HQ charts", lambda: hq_charts.read(ws), repeat),
            "HQ window with its unit table": timed("HQ window with its unit table", lambda: open_window(ws, url),
                                                   repeat),
            "hq summary, nothing kept": timed("hq summary, nothing kept", lambda: summary_unkept(ws), 1),
        }
    print(f"  scale {scale:g}: {counts.units} units, {counts.inspections} inspections, {counts.answers} answers; "
          + ", ".join(f"{k} {v:.2f} s (CPU {CPU[k]:.2f} s)" for k, v in out.items()
                      if k not in ("inspections", "answers")), flush=True)
    return out


def figures_of(backend: str, scales: list[float], runs: list[dict[str, float]]) -> list[Figure]:
    first = runs[0]
    print(f"{backend}: rows grow {runs[-1]['inspections'] / first['inspections']:.2f}x (inspections) from scale "
          f"{scales[0]:g} to {scales[-1]:g}; each figure's ratio below is its growth from scale {scales[0]:g}")
    out = []
    for name in NAMES:
        for scale, run in zip(scales, runs, strict=True):
            label = "demo built" if name == "build" else name
            out.append(Figure(f"{label}, {backend} {scale:g}x", run[name], first[name]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,2,4", help="demo scales, comma-separated (default 1,2,4)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is shown")
    parser.add_argument("--quick", action="store_true", help="smoke run: scales 0.05,0.1,0.2, one run each")
    parser.add_argument("--postgres", default=os.environ.get("INSPECTOR_TEST_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--tmp-dir", type=Path, default=None)
    add_json_option(parser)
    args = parser.parse_args()
    scales = [0.05, 0.1, 0.2] if args.quick else [float(s) for s in args.scales.split(",")]
    repeat = 1 if args.quick else args.repeat
    figures: list[Figure] = []
    with quiet_stdout(args.json), tempfile.TemporaryDirectory(dir=args.tmp_dir) as tmp:
        root = Path(tmp)
        print("sqlite:", flush=True)
        runs = [measure_one(root / f"sqlite-{s:g}", sqlite_url(root / f"hq-{s:g}.sqlite"), s, repeat) for s in scales]
        figures += figures_of("sqlite", scales, runs)
        with postgres_databases(args.postgres) as fresh:
            if isinstance(fresh, str):
                print(f"postgresql: NOT MEASURED ({fresh})")
            else:
                print("postgresql:", flush=True)
                runs = [measure_one(root / f"pg-{s:g}", fresh(), s, repeat) for s in scales]
                figures += figures_of("postgresql", scales, runs)
    emit(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
