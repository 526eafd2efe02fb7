"""``inspector inspections answer`` in a real process: the answer path's modules only, and the same answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from inspector_app.services import inspections
from inspector_app.services.installation import open_workspace
from inspector_app.storage import audit

# What the answer path must never load (issue 17): signing, PDF, images, spreadsheets, migrations, the ORM's tables.
HEAVY = ("pyhanko", "reportlab", "PIL", "openpyxl", "alembic", "cryptography", "inspector_app.storage.models",
         "inspector_app.services.inspections")
RUN = """
import sys
from inspector_app.cli.main import main
code = main(sys.argv[1:])
heavy = sorted({{m.split(".")[0] if not m.startswith("inspector_app") else m for m in sys.modules
                 if m.startswith({heavy!r})}})
print("loaded:", ",".join(heavy))
sys.exit(code)
"""


def _answer(data: Path, *words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN.format(heavy=HEAVY), "--data-dir", str(data), "inspections",
                           "answer", *words], capture_output=True, text=True)


def _open_item(data: Path) -> tuple[str, str, int]:
    """An inspection in progress, one of its yes/no items and that answer's revision."""
    with open_workspace(data, actor="tester") as ws:
        state = next(s for s in inspections.list_states(ws) if s.inspection.status == "in_progress")
        key = next(s.key for s in state.checklist.slots if s.item.type.value == "yes_no")
        answered = state.answers.get(key)
        return state.inspection.id, key, answered.revision if answered else 0


def test_an_answer_from_the_command_line_loads_nothing_heavy(demo_dir: Path) -> None:
    inspection_id, key, revision = _open_item(demo_dir)
    for ref, text in ((inspection_id, "no"), (inspection_id[:8], "yes")):  # the full id, a unique prefix
        done = _answer(demo_dir, ref, key, text, "--remark", "seen on site")
        revision += 1
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [f"{key} = {text} (revision {revision})", "loaded: "]
    with open_workspace(demo_dir, actor="tester") as ws:
        row = inspections.load(ws, inspection_id).answers[key]
        with ws.db.read() as session:
            problems = audit.verify_chains(session)[1]
    assert (row.value_json, row.remark) == ('"yes"', "seen on site")
    assert problems == []


def test_a_refusal_is_one_line_and_an_unknown_id_is_named(demo_dir: Path) -> None:
    inspection_id, key, _ = _open_item(demo_dir)
    bad = _answer(demo_dir, inspection_id, key, "maybe")
    assert (bad.returncode, bad.stderr.strip()) == (1, f"inspector: error: {key.split('/')[0]}: 'maybe' is not yes "
                                                       "or no; answer yes or no")
    unknown = _answer(demo_dir, "0000zz", key, "yes")
    assert (unknown.returncode, unknown.stderr.strip()) == (1, "inspector: error: no inspection matches '0000zz'")
