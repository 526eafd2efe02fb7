"""Benchmark: HQ import of field-report bundles into SQLite and PostgreSQL, against a bare bulk insert.

Synthetic field data: ``--laptops`` bundles (one per laptop: its own device and audit chain) of
``--per-laptop`` inspections each, every inspection of the same 25-line MOU unit with one answer per line
plus a few general answers, cloned from a real inspection made through the services. Each bundle is written
and signed with ``write_bundle`` by an identity HQ's CA issued. The import (``hq_import.import_files``:
signature and trust, hashes, record validation, merge, audit chains, one transaction per bundle) is timed
into a fresh database; the baseline inserts the same rows, already parsed, with one executemany per table
per bundle into another fresh database of the same kind, in the same run. Prints figures; never asserts.

Run: ``.venv/bin/python bench/bench_import.py [--quick] [--postgres URL]`` (default server as the tests:
``$INSPECTOR_TEST_POSTGRES_URL`` or postgresql+psycopg://inspector:inspector@127.0.0.1/inspector_test,
used to create and drop scratch databases; skipped with a message when unreachable).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figures import Figure, add_json_option, emit, quiet_stdout
from sqlalchemy import create_engine, insert, make_url, text
from sqlmodel import delete

from inspector_app.crypto import ca, keys, trust
from inspector_app.domain.checklist import MouLineRef
from inspector_app.paths import DataDir
from inspector_app.services import bundle_export, hq_import, inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.storage import audit
from inspector_app.storage.database import open_url
from inspector_app.storage.engine import sqlite_url
from inspector_app.storage.models import AuditEvent, TemplateRecord, new_id, utcnow
from inspector_app.sync.archive import read_bundle, write_bundle
from inspector_app.sync.records import INSPECTION_TABLES, REFERENCE_TABLES, parse_tables, table_name

PASS = "bench-secret"
LINES = 25
DEFAULT_PG = "postgresql+psycopg://inspector:inspector@127.0.0.1/inspector_test"
Records = dict[str, list[dict[str, Any]]]


def prototype(root: Path) -> tuple[Records, Any]:
    """A laptop certified by a fresh HQ CA, with one answered COE inspection; its bundle records and identity."""
    hq = DataDir(root / "hq")
    trust.add_ca(hq, ca.init_ca(root / "ca", "Bench CA", PASS))
    laptop = DataDir(root / "laptop")
    keys.create_identity(laptop, "Bench Inspector", "inspector", PASS)
    keys.import_certificate(laptop, ca.issue(root / "ca", keys.csr_for(laptop), PASS)
                            + (root / "ca" / ca.CA_PEM).read_bytes(), PASS)
    with open_workspace(laptop.root, actor="Bench Inspector") as ws:
        refs = [MouLineRef(n, "Vehicles", f"Item {n}", 5, "wet") for n in range(1, LINES + 1)]
        mission = units.create_mission(ws, "Bench Mission", "BENCH")
        unit_id = units.create_unit(ws, mission.id, name="FPU Bench", contributing_country="Senegal",
                                    mou=refs, mou_reference="MOU Bench").id
        inspection = inspections.start(ws, unit_id, "coe-major-equipment", "periodic")
        for slot in inspections.load(ws, inspection.id).checklist.slots:
            if slot.item.code == "me.count":
                inspections.answer(ws, inspection.id, slot.key, "found=5 serviceable=4")
        path = root / "prototype.bundle"
        bundle_export.export_bundle(ws, path, PASS)
    bundle = read_bundle(path, trust.load(hq))
    return {t: [dict(r) for r in rows] for t, rows in bundle.records.items()}, keys.load_identity(laptop, PASS)


def laptop_records(proto: Records, count: int) -> Records:
    """``count`` clones of the prototype inspection and its answers, as written by one new laptop."""
    device = new_id()
    records: Records = {t: list(rows) for t, rows in proto.items()}
    records["inspection"], records["answer"], records["audit_event"] = [], [], []
    prev = audit.GENESIS
    for seq in range(1, count + 1):
        inspection = {**proto["inspection"][0], "id": new_id(), "device_id": device}
        records["inspection"].append(inspection)
        for answer in proto["answer"]:
            records["answer"].append({**answer, "id": new_id(), "inspection_id": inspection["id"],
                                      "device_id": device, "clock": json.dumps({device: 1})})
        event = AuditEvent(device_id=device, seq=seq, at=utcnow(), actor="Bench Inspector",
                           action="inspection.start", entity="inspection", entity_id=inspection["id"],
                           prev_hash=prev, hash="")
        event.hash = prev = audit.event_hash(event)
        records["audit_event"].append(event.model_dump(mode="json"))
    return records


def write_bundles(root: Path, proto: Records, identity: Any, laptops: int, per_laptop: int) -> list[Path]:
    paths = []
    for n in range(laptops):
        records = laptop_records(proto, per_laptop)
        path = root / "bundles" / f"laptop-{n:03}.inspector-bundle"
        write_bundle(path, "field-report", records, {}, identity, sender_name="Bench Inspector",
                     device_id=records["audit_event"][0]["device_id"])
        paths.append(path)
    return paths


@dataclass
class Clock:
    """Wall time (the figure) and this process's CPU time (steadier on a busy machine; a server's is not in it)."""

    wall: float = 0.0
    cpu: float = 0.0

    @contextmanager
    def running(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall, self.cpu = time.perf_counter() - wall, time.process_time() - cpu


def time_import(data: DataDir, url: str, paths: list[Path]) -> Clock:
    took = Clock()
    with open_workspace(data.root, actor="HQ", db_url=url) as ws, took.running():
        batch = hq_import.import_files(ws, paths)
    if batch.refused or len(batch.imported) != len(paths):
        raise SystemExit(f"import refused a bundle: {batch.refused[:1]}")
    return took


def time_bulk_insert(url: str, paths: list[Path], store: trust.TrustStore) -> Clock:
    """The same rows, parsed beforehand, inserted bare: one executemany per table, one transaction per bundle."""
    batches = []
    for number, path in enumerate(paths):
        tables = parse_tables(read_bundle(path, store).records, INSPECTION_TABLES)
        batches.append([(model, [r.model_dump() for r in rows]) for model, rows in tables.items()
                        if rows and (number == 0 or model not in REFERENCE_TABLES)])
    db = open_url(url)
    template = batches[0][[table_name(m) for m, _ in batches[0]].index("template")][1][0]
    with db.session() as session:  # the shipped template is already installed under another id
        session.exec(delete(TemplateRecord).where(TemplateRecord.template_id == template["template_id"],
                                                   TemplateRecord.version == template["version"]))
    took = Clock()
    with took.running():
        for batch in batches:
            with db.engine.begin() as conn:
                for model, rows in batch:
                    conn.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]
    db.close()
    return took


@contextmanager
def postgres_databases(admin_url: str) -> Iterator[Callable[[], str] | str]:
    """A maker of fresh scratch databases on the server (dropped afterwards), or why there is none."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001  (any failure: PostgreSQL is not measured)
        yield str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return
    made: list[str] = []

    def fresh() -> str:
        name = f"inspector_bench_{uuid.uuid4().hex[:10]}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    try:
        yield fresh
    finally:
        with engine.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def report(backend: str, inspections_count: int, imported: Clock, bulk: Clock) -> Figure:
    print(f"{backend:10} import {inspections_count} inspections: {imported.wall:.2f} s, "
          f"{inspections_count / imported.wall:.0f} inspections/s; bare bulk insert {bulk.wall:.2f} s "
          f"({inspections_count / bulk.wall:.0f}/s); ratio {imported.wall / bulk.wall:.1f}x; "
          f"CPU here {imported.cpu:.2f} s against {bulk.cpu:.2f} s ({imported.cpu / bulk.cpu:.1f}x)")
    return Figure(f"import {inspections_count} inspections, {backend}", imported.wall, bulk.wall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--per-laptop", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 laptops of 10 inspections")
    parser.add_argument("--postgres", default=os.environ.get("INSPECTOR_TEST_POSTGRES_URL", DEFAULT_PG))
    parser.add_argument("--tmp-dir", type=Path, default=None)
    add_json_option(parser)
    args = parser.parse_args()
    laptops, per_laptop = (2, 10) if args.quick else (args.laptops, args.per_laptop)
    with quiet_stdout(args.json):
        figures = measure(laptops, per_laptop, args.postgres, args.tmp_dir)
    emit(figures, args.json)
    return 0


def measure(laptops: int, per_laptop: int, postgres: str, tmp_dir: Path | None) -> list[Figure]:
    figures = []
    total = laptops * per_laptop
    with tempfile.TemporaryDirectory(dir=tmp_dir) as tmp:
        root = Path(tmp)
        proto, identity = prototype(root)
        start = time.perf_counter()
        paths = write_bundles(root, proto, identity, laptops, per_laptop)
        size = sum(p.stat().st_size for p in paths)
        print(f"bundles: {laptops} laptops x {per_laptop} inspections x {len(proto['answer'])} answers; "
              f"{size / 1e6:.1f} MB written in {time.perf_counter() - start:.1f} s")
        hq = DataDir(root / "hq")
        store = trust.load(hq)
        imported = time_import(hq, sqlite_url(root / "import.sqlite"), paths)
        figures.append(report("sqlite", total, imported,
                              time_bulk_insert(sqlite_url(root / "bulk.sqlite"), paths, store)))
        with postgres_databases(postgres) as fresh:
            if isinstance(fresh, str):
                print(f"postgresql NOT MEASURED: {fresh}")
            else:
                imported = time_import(hq, fresh(), paths)
                figures.append(report("postgresql", total, imported, time_bulk_insert(fresh(), paths, store)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: peak RSS {peak:.0f} MB")
    return figures


if __name__ == "__main__":
    sys.exit(main())
