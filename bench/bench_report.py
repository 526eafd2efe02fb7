"""Benchmark: a large signed COE verification report (300 MOU lines, 60 photos) against bare ReportLab + Pillow.

A child process prepares a temporary data folder (a unit whose MOU has ``--lines`` Annex B lines, one COE
inspection with every item answered and ``--photos`` 12-megapixel JPEGs attached, and a twin inspection
without photos); this process then renders both with ``services.report.render`` and signs the first. The
baseline is the same MOU table with bare ReportLab (SimpleDocTemplate + Table) plus a bare Pillow downscale of
the same photos. Prints figures (wall and CPU seconds) only; never asserts timings.
Run: ``.venv/bin/python bench/bench_report.py [--quick]``.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figures import Figure, add_json_option, emit, quiet_stdout
from PIL import Image

TEMPLATE = "coe-major-equipment"
PHOTO_ITEM = "me.general.defect_photos"
PHOTO_SIZE = (4000, 3000)  # 12 megapixels
CATEGORIES = ("Armoured personnel carriers", "Support vehicles (commercial pattern)",
              "Support vehicles (military pattern)", "Communications", "Electrical", "Engineering", "Medical",
              "Observation", "Accommodation")


def mou_rows(lines: int) -> list[tuple[int, str, str, int, str]]:
    """(line, category, item, quantity, lease) of the benchmark MOU."""
    return [(n, CATEGORIES[(n - 1) * len(CATEGORIES) // lines], f"Item {n:03d}, pattern {n % 7}", 2 + n % 9,
             "dry" if n % 5 == 0 else "wet") for n in range(1, lines + 1)]


def make_photos(folder: Path, count: int) -> list[Path]:
    """``count`` distinct 12-megapixel JPEGs of smooth gradients (they compress like photos), made once."""
    width, height = PHOTO_SIZE
    across = Image.linear_gradient("L").resize((width, height))
    down = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((width, height))
    paths = []
    for n in range(count):
        level = Image.new("L", (width, height), 40 + (n * 37) % 180)
        bands = [(across, down, level), (level, across, down), (down, level, across)][n % 3]
        path = folder / f"photo-{n + 1:02d}.jpg"
        Image.merge("RGB", bands).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def answer_everything(ws: Any, inspection_id: str) -> int:
    """Answer every slot of the inspection in one transaction (setup, not timed); the number answered."""
    from inspector_app.domain.template_model import AnswerType
    from inspector_app.services import inspections

    with ws.db.session() as session:
        inspection = inspections.find(session, inspection_id)
        checklist = inspections.checklist_of(ws, session, inspection)
        answered: dict[str, Any] = {}
        for n, slot in enumerate(checklist.slots):
            if not checklist.relevant(slot, answered):
                continue
            item = slot.item
            if item.type is AnswerType.MOU_COUNT and slot.mou_line is not None:
                qty = slot.mou_line.quantity
                found = qty - (1 if n % 11 == 0 else 0) + (1 if n % 17 == 0 else 0)
                value: Any = {"found": found, "serviceable": max(found - (1 if n % 4 == 0 else 0), 0)}
            elif item.type is AnswerType.YES_NO:
                value = "no" if n % 13 == 0 else "yes"
            elif item.type is AnswerType.TEXT:
                value = "Checked with the contingent's logistics officer; records complete."
            else:
                continue  # photos are attached below
            remark = "Awaiting spare parts." if n % 23 == 0 else None
            inspections.store_answer(ws, session, inspection, slot.key, value, remark)
            answered[slot.key] = value
    return len(answered)


def prepare(folder: Path, lines: int, photos: int) -> dict[str, Any]:
    """Build the data folder; runs in a child process so that its memory does not count below."""
    from inspector_app.domain.checklist import MouLineRef
    from inspector_app.services import attachments, inspections, units
    from inspector_app.services.installation import open_workspace

    start = time.perf_counter()
    photo_dir = folder / "photos"
    photo_dir.mkdir()
    paths = make_photos(photo_dir, photos)
    made = time.perf_counter() - start
    with open_workspace(folder / "data", actor="bench") as ws:
        mission = units.create_mission(ws, "Benchmark Mission", "BENCH")
        units.create_unit(ws, mission.id, name="BENCH FPU", contributing_country="Senegal", commander="Col. Bench",
                          mou=[MouLineRef(*row) for row in mou_rows(lines)], mou_reference="MOU/BENCH")
        ids = {}
        for name in ("photos", "plain"):
            ref = inspections.start(ws, "BENCH FPU", TEMPLATE, "periodic", team="Bench team").id
            answers = answer_everything(ws, ref)
            ids[name] = ref
        for n, path in enumerate(paths, 1):
            attachments.attach(ws, ids["photos"], PHOTO_ITEM, path, f"Photo {n}: line {n * 5} defect")
    return {"ids": ids, "answers": answers, "photo_bytes": sum(p.stat().st_size for p in paths),
            "make_photos_s": made, "prepare_s": time.perf_counter() - start}


def bare_reportlab(rows: list[tuple[int, str, str, int, str]]) -> tuple[bytes, int]:
    """The baseline: the same MOU table, 10 columns, with plain ReportLab (Helvetica, repeated header)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data: list[list[object]] = [["Line", "Category", "Item", "Lease", "MOU", "Found", "Serv.", "%", "+/-", "Remarks"]]
    for line, category, item, qty, lease in rows:
        data.append([line, category[:24], item, lease, qty, qty, qty - 1, f"{100 * (qty - 1) / qty:.1f} %", "", ""])
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 7),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
    doc.build([table])
    return out.getvalue(), doc.page


def bare_downscale(paths: list[Path]) -> int:
    """The photos' part of the baseline: each original opened and downscaled by Pillow as the report prints it
    (``thumbnail`` to the PDF size, JPEG at the PDF quality), one after the other; the bytes made."""
    from inspector_app.reports.images import PDF_MAX, PDF_QUALITY

    made = 0
    for path in paths:
        with Image.open(path) as image:
            image.thumbnail((PDF_MAX, PDF_MAX))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=PDF_QUALITY)
            made += out.tell()
    return made


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU seconds (this process's threads included) of some calls."""

    wall: float
    cpu: float


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Timing, Any]:
    """Median wall and CPU seconds of ``repeat`` calls of ``fn``, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(statistics.median(walls), statistics.median(cpus)), result


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run(lines: int, photos: int, repeat: int, tmp_parent: str | None) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="inspector-bench-report-", dir=tmp_parent) as tmp:
        child = subprocess.run(
            [sys.executable, __file__, "--prepare-into", tmp, "--lines", str(lines), "--photos", str(photos)],
            capture_output=True, text=True, check=False,
        )
        if child.returncode != 0:
            raise SystemExit(f"preparing the data folder failed:\n{child.stderr}")
        setup = json.loads(child.stdout.splitlines()[-1])
        rss_before = peak_rss_mb()

        from inspector_app.crypto.keys import create_identity
        from inspector_app.crypto.pdf_sign import sign_pdf
        from inspector_app.services import attachments, report_data
        from inspector_app.services.installation import open_workspace
        from inspector_app.services.report import render as render_report

        with open_workspace(Path(tmp) / "data", actor="bench") as ws:
            with_photos, plain = setup["ids"]["photos"], setup["ids"]["plain"]
            cold, first = timed(lambda: render_report(ws, with_photos, "en"), 1)
            full, report = timed(lambda: render_report(ws, with_photos, "en"), repeat)
            table_only, plain_report = timed(lambda: render_report(ws, plain, "en"), repeat)
            collect, _ = timed(lambda: report_data.collect(ws, plain, "en", Path(tmp)), repeat)
            french, fr_report = timed(lambda: render_report(ws, with_photos, "fr"), 1)
            identity = create_identity(ws.data, "Bench Signer", "team_leader", "bench passphrase")
            signing_s, signed = timed(lambda: sign_pdf(report.pdf, identity, reason="benchmark"), repeat)
            for row in attachments.list_for(ws, with_photos, None):  # as photos attached before print copies
                attachments.print_copy_path(ws, row).unlink(missing_ok=True)
            remade, remade_report = timed(lambda: render_report(ws, with_photos, "en"), 1)
        rss_after = peak_rss_mb()  # the baselines below decode the 12-megapixel originals: not counted
        baseline_tables, (bare_pdf, bare_pages) = timed(lambda: bare_reportlab(mou_rows(lines)), repeat)
        originals = sorted((Path(tmp) / "photos").glob("*.jpg"))
        baseline_photos, _made = timed(lambda: bare_downscale(originals), repeat)
    assert first.content_sha256 == report.content_sha256 == remade_report.content_sha256
    baseline = Timing(baseline_tables.wall + baseline_photos.wall, baseline_tables.cpu + baseline_photos.cpu)
    signed_report = Timing(full.wall + signing_s.wall, full.cpu + signing_s.cpu)

    print(f"setup (child process, not timed below): {lines} MOU lines, {setup['answers']} answers, {photos} photos "
          f"of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} px ({setup['photo_bytes'] / 2**20:.1f} MB of JPEG); "
          f"photos made in {setup['make_photos_s']:.1f} s, data folder ready in {setup['prepare_s']:.1f} s "
          f"(attaching makes each photo's display and print copies)")
    print()
    print(f"{'figure':<34} {'wall s':>7} {'CPU s':>7} {'pages':>6} {'PDF size':>9} {'vs tables':>9} "
          f"{'vs baseline':>11}")
    rows = [
        ("report with photos, cold", cold, first.pages, len(first.pdf)),
        ("report with photos", full, report.pages, len(report.pdf)),
        ("report with photos, fr", french, fr_report.pages, len(fr_report.pdf)),
        ("PAdES signature of it", signing_s, 0, len(signed)),
        ("signed report with photos", signed_report, report.pages, len(signed)),
        ("report, print copies made now", remade, remade_report.pages, len(remade_report.pdf)),
        ("report without photos", table_only, plain_report.pages, len(plain_report.pdf)),
        ("  of which reading data", collect, 0, 0),
        ("bare ReportLab tables", baseline_tables, bare_pages, len(bare_pdf)),
        (f"bare Pillow downscale of {len(originals)} photos", baseline_photos, 0, 0),
        ("baseline: tables + downscale", baseline, 0, 0),
    ]
    for figure, seconds, pages, size in rows:
        shown_pages = str(pages) if pages else ""
        shown_size = f"{size / 2**20:.2f} MB" if size else ""
        print(f"{figure:<34} {seconds.wall:>7.3f} {seconds.cpu:>7.3f} {shown_pages:>6} {shown_size:>9} "
              f"{seconds.cpu / baseline_tables.cpu:>8.1f}x {seconds.cpu / baseline.cpu:>10.2f}x")
    print()
    print(f"signed report: {lines} lines + {photos} photos rendered and signed in {signed_report.cpu:.2f} s of CPU "
          f"({signed_report.wall:.2f} s wall, median of {repeat}), {report.pages} pages, signed PDF "
          f"{len(signed) / 2**20:.2f} MB; baseline (bare tables {baseline_tables.cpu:.3f} s + Pillow downscale "
          f"{baseline_photos.cpu:.2f} s) {baseline.cpu:.2f} s of CPU: ratio {signed_report.cpu / baseline.cpu:.2f}x "
          f"(wall {signed_report.wall / baseline.wall:.2f}x); against the bare tables alone "
          f"{signed_report.cpu / baseline_tables.cpu:.1f}x")
    print(f"memory: peak RSS {rss_after:.0f} MB (before rendering {rss_before:.0f} MB)")
    return [Figure("report signed, with photos", signed_report.wall, baseline.wall),
            Figure("report signed, with photos (CPU)", signed_report.cpu, baseline.cpu),
            Figure("report with photos, print copies made now", remade.wall, baseline.wall),
            Figure("report without photos", table_only.wall, baseline_tables.wall),
            Figure("report signature", signing_s.wall, baseline_tables.wall),
            Figure("report peak memory", rss_after, 500, "MB")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300, help="Annex B lines of the MOU (default 300)")
    parser.add_argument("--photos", type=int, default=60, help="12-megapixel photos attached (default 60)")
    parser.add_argument("--repeat", type=int, default=3, help="renders of each figure; the median counts")
    parser.add_argument("--quick", action="store_true", help="smoke run: 40 lines, 3 photos, 1 repeat")
    parser.add_argument("--tmp-dir", help="where to create the temporary data folder (default: system temp)")
    parser.add_argument("--prepare-into", help=argparse.SUPPRESS)  # the child process's job
    add_json_option(parser)
    args = parser.parse_args(argv)
    if args.quick:
        args.lines, args.photos, args.repeat = 40, 3, 1
    if args.lines < 1 or args.photos < 0 or args.repeat < 1:
        parser.error("--lines and --repeat must be at least 1, --photos at least 0")
    if args.prepare_into:
        print(json.dumps(prepare(Path(args.prepare_into), args.lines, args.photos)))
        return
    with quiet_stdout(args.json):
        figures = run(args.lines, args.photos, args.repeat, args.tmp_dir)
    emit(figures, args.json)


if __name__ == "__main__":
    main()
