"""HQ import's bulk path: new records written in one insert per table (COPY on PostgreSQL) hold exactly what the
laptop wrote row by row; a bundle mixing new and held inspections merges the held ones; a bundle refused in the
middle of a batch leaves nothing of itself."""

from __future__ import annotations

import gc
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text, tuple_
from sqlmodel import SQLModel, col, func, select

from inspector_app.crypto import keys, trust
from inspector_app.paths import DataDir
from inspector_app.services import hq_import, inspections
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.engine import make_engine
from inspector_app.storage.models import (
    Answer,
    Asset,
    Attachment,
    AuditEvent,
    Finding,
    ImportedBundle,
    Inspection,
    Mission,
    Mou,
    MouLine,
    Person,
    Signature,
    TemplateRecord,
    Unit,
)
from inspector_app.sync.archive import read_bundle, write_bundle
from inspector_app.sync.records import fields
from tests.integration.field import DEMO_INSPECTIONS, PASS, Field, export, make_field
from tests.integration.field import inspections as all_inspections
from tests.integration.gc_counts import collections_started
from tests.integration.old_rows import STAMP, insert_row, unit_of_mission

BULK = (Mission, Unit, Mou, MouLine, Person, Inspection, Answer, Asset, Attachment, Finding, Signature)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_field(tmp_path_factory.mktemp("bulk")).root


def _rows(ws: Workspace, model: type[SQLModel]) -> dict[str, dict[str, Any]]:
    """Every record of ``model`` by id, its columns as the merge compares them (times in UTC); an inspection's
    template by id and version (a template installed here under another id is the same template)."""
    with ws.db.read() as session:
        rows = {r.id: fields(r) for r in session.exec(select(model))}  # type: ignore[attr-defined]
        if model is Inspection:
            names = {t.id: (t.template_id, t.version) for t in session.exec(select(TemplateRecord))}
            for row in rows.values():
                row["template_pk"] = names[row["template_pk"]]
    return rows


def test_bulk_inserted_records_hold_what_the_laptop_wrote(field: Field, hq: Workspace) -> None:
    batch = hq_import.import_files(hq, [export(field, "all.bundle")])
    assert not batch.refused and batch.imported[0].counts["inspection"] == {"added": DEMO_INSPECTIONS}
    with open_workspace(field.laptop) as laptop:
        for model in BULK:
            theirs, ours = _rows(laptop, model), _rows(hq, model)
            carried = {i: ours[i] for i in theirs if i in ours}
            assert carried == {i: theirs[i] for i in carried}, model.__name__
            if model in (Inspection, Answer, Asset, Attachment, Signature):  # every one travels
                assert carried.keys() == theirs.keys(), model.__name__
        events = _rows(laptop, AuditEvent)
        assert {i: e for i, e in _rows(hq, AuditEvent).items() if i in events} == events


def test_bulk_inserted_times_compare_in_sql_as_the_orm_writes_them(field: Field, hq: Workspace) -> None:
    """A time the bulk insert wrote equals, in a query, the same time bound by the ORM (SQLite keeps times as text:
    both must write the same text)."""
    hq_import.import_files(hq, [export(field, "all.bundle")])
    with open_workspace(field.laptop) as laptop, laptop.db.read() as theirs, hq.db.read() as ours:
        for model in BULK:
            table: Any = model
            times = {r.id: (r.created_at, r.updated_at) for r in theirs.exec(select(table))}
            held, same = set(), set()
            for ids in _chunks(list(times)):
                held |= set(ours.exec(select(table.id).where(col(table.id).in_(ids))))
                same |= set(ours.exec(select(table.id).where(col(table.id).in_(ids), tuple_(
                    table.created_at, table.updated_at).in_([times[i] for i in ids]))))
            assert same == held, model.__name__
            assert held or model not in (Inspection, Answer), model.__name__


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[n:n + 200] for n in range(0, len(ids), 200)]


def test_a_bundle_of_new_and_held_inspections_adds_the_new_and_merges_the_held(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop) as ws:
        aoc = next(i for i in all_inspections(ws) if i.status == "in_progress")
    assert not hq_import.import_files(hq, [export(field, "aoc.bundle", [aoc.id])]).refused
    with open_workspace(field.laptop) as ws:
        state = inspections.load(ws, aoc.id)
        key = next(k for k, a in state.answers.items() if a.value_json is not None)
        inspections.set_remark(ws, aoc.id, key, "seen again at the armoury")
        answered = len(state.answers)
    result = hq_import.import_files(hq, [export(field, "all.bundle")]).imported[0]
    assert result.counts["inspection"] == {"added": DEMO_INSPECTIONS - 1, "unchanged": 1}
    assert result.counts["answer"]["updated"] == 1 and result.counts["answer"]["unchanged"] == answered - 1
    assert result.conflicts == 0
    with open_workspace(field.laptop) as laptop:
        assert _rows(hq, Answer) == _rows(laptop, Answer)
    with hq.db.read() as session:
        assert session.exec(inspections.answer_query(aoc.id, key)).one().remark == "seen again at the armoury"


def _with_orphan_answer(field: Field, source: Path, out: Path) -> Path:
    """``source`` with one more answer, to an inspection held nowhere: refused when its insert meets the foreign
    key, after its other records were written."""
    bundle = read_bundle(source, trust.load(DataDir(field.hq)))
    records = {table: [dict(r) for r in rows] for table, rows in bundle.records.items()}
    records["answer"].append({**records["answer"][-1], "id": str(uuid.uuid4()), "inspection_id": str(uuid.uuid4())})
    files = {p: bundle.read(p) for p in bundle.paths if not p.startswith("records/")}
    write_bundle(out, "field-report", records, files, keys.load_identity(DataDir(field.laptop), PASS),
                 sender_name="Awa Diop", device_id=bundle.manifest.source_device)
    return out


def test_a_bundle_refused_in_the_middle_of_a_batch_leaves_nothing_of_itself(field: Field, hq: Workspace) -> None:
    with open_workspace(field.laptop) as ws:
        first, last, *others = [i.id for i in all_inspections(ws)]
    bad = _with_orphan_answer(field, export(field, "all.bundle"), field.root / "bad.bundle")
    batch = hq_import.import_files(hq, [export(field, "first.bundle", [first]), bad,
                                        export(field, "last.bundle", [last])])
    assert [r.path for r in batch.refused] == [bad] and len(batch.imported) == 2
    assert "its records do not fit the records here" in batch.refused[0].reason
    with hq.db.read() as session:
        assert set(session.exec(select(Inspection.id))) == {first, last}
        assert not session.exec(select(Answer).where(col(Answer.inspection_id).in_(others))).first()
        assert session.exec(select(func.count()).select_from(ImportedBundle)).one() == 2
    with open_workspace(field.laptop) as laptop:
        assert _rows(hq, Answer) == {i: a for i, a in _rows(laptop, Answer).items()
                                     if a["inspection_id"] in (first, last)}


def test_migration_0012_rewrites_times_the_bulk_import_wrote_with_an_offset(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'hq.sqlite'}")
    migrations.migrate(engine, "0011")
    with engine.begin() as conn:
        unit_of_mission(conn)  # written as the ORM writes times
        insert_row(conn, "mission", id="m2", name="Two", code="T", created_at="2026-12-05 06:53:32.738004+00:00",
                   updated_at="2026-12-05 06:53:32+00:00")  # as the driver wrote them, without microseconds
    migrations.migrate(engine, migrations.head_revision())
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT id, created_at, updated_at FROM mission ORDER BY id")).all()
        units = conn.execute(text("SELECT created_at, updated_at FROM unit")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("m", STAMP, STAMP),
                                        ("m2", "2026-12-05 06:53:32.738004", "2026-12-05 06:53:32.000000")]
    assert [tuple(r) for r in units] == [(STAMP, STAMP)]


def test_the_import_pauses_the_collector_while_it_reads_and_applies_a_bundle(
        field: Field, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle's records make many small objects, freed by reference counting: the cyclic collector waits."""
    bundle = export(field, "all.bundle")

    def collections(name: str) -> int:
        with (open_workspace(field.hq, actor="HQ", db_url=f"sqlite:///{tmp_path / name}") as ws,
              collections_started() as started):
            assert hq_import.import_files(ws, [bundle]).imported
        return len(started)

    collections("warm.sqlite")  # the import's modules loaded
    paused = collections("paused.sqlite")
    monkeypatch.setattr(gc, "disable", lambda: None)  # a pause that does not pause
    unpaused = collections("unpaused.sqlite")
    assert paused * 10 < unpaused, (paused, unpaused)
