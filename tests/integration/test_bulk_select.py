"""``storage.bulk.select_in``: the rows whose column is among many values, in one query on SQLite and PostgreSQL,
whatever their number (more than any backend's limit of bound parameters), repeats and unknown values included."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import select

from inspector_app.storage.bulk import CHUNK, select_in
from inspector_app.storage.database import open_url
from inspector_app.storage.models import Mission, Unit, new_id


def test_select_in_finds_every_row_among_many_values_in_one_query(hq_url: str) -> None:
    db = open_url(hq_url)
    missions = [Mission(name=f"Mission {n}", code=f"M{n:05}") for n in range(4_000)]
    units = [Unit(mission_id=missions[n % len(missions)].id, name=f"FPU {n}", contributing_country="Senegal")
             for n in range(3 * CHUNK)]
    with db.session() as session:
        session.add_all(missions)
        session.flush()
        session.add_all(units)
    wanted = [m.id for m in missions[::2]]  # 2,000: beyond SQLite's 999 parameters of old
    statements: list[str] = []
    event.listen(db.reader or db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with db.read() as session:
        every_unit = {u.id for u in session.exec(select(Unit)) if u.mission_id in set(wanted)}
        statements.clear()
        found = select_in(session, Mission, Mission.id, [*wanted, *wanted[:10], new_id(), new_id()])
        by_mission = select_in(session, Unit, Unit.mission_id, wanted)
        assert select_in(session, Unit, Unit.mission_id, []) == []
    db.close()
    assert sorted(m.id for m in found) == sorted(wanted)
    assert {u.id for u in by_mission} == every_unit and len(every_unit) > CHUNK
    assert len(statements) == 2  # one query per call with values; none without
