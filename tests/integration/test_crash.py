"""A process killed (SIGKILL) in the middle of a stream of answers loses no committed answer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from sqlmodel import select

from inspector_app.services import inspections, maintenance
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent

WRITER = textwrap.dedent(
    """
    import sys
    from inspector_app.services import inspections
    from inspector_app.services.installation import open_workspace

    ws = open_workspace(sys.argv[1])
    state = inspections.load(ws, sys.argv[2])
    keys = [s.key for s in state.checklist.slots if s.item.code == "me.count"]
    n = 0
    while True:  # answer again and again until killed
        for key in keys:
            n += 1
            inspections.answer(ws, sys.argv[2], key, f"found={n} serviceable={n // 2}")
            print(key, n, flush=True)  # printed only after the commit returned
    """
)


def test_sigkill_mid_stream_loses_no_committed_answer(ws: Workspace, unit_name: str, tmp_path: Path) -> None:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    ws.close()
    confirmed: dict[str, int] = {}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(ws.data.root), inspection.id],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            key, n = line.split()
            confirmed[key] = int(n)
            if len(confirmed) == 3 and int(n) >= 60:
                break
        proc.kill()  # SIGKILL: no clean-up, no flush, no atexit
        proc.wait(timeout=30)
        assert proc.returncode == -9, proc.stderr.read()

    reopened = open_workspace(ws.data.root)
    try:
        values = inspections.load(reopened, inspection.id).values()
        for key, n in confirmed.items():
            # The answer on disk is the last confirmed one, or a later one committed before the kill.
            assert values[key]["found"] >= n, (key, values[key], n)
        report = maintenance.check(reopened)
        assert report.ok, report.problems
        with reopened.db.session() as session:
            events = session.exec(select(AuditEvent).where(AuditEvent.action == "answer.set")).all()
        assert len(events) >= 60
    finally:
        reopened.close()

