"""Answers to the AMS template (version 3) for tests: every test passed, or one failed."""

from __future__ import annotations

from inspector_app.services import inspections
from inspector_app.services.workspace import Workspace

PASSING = {"ams.language.reading": "pass", "ams.language.listening": "pass", "ams.language.writing": "pass",
           "ams.language.speaking": "pass", "ams.computer.basic": "pass", "ams.driving.eyesight": "pass",
           "ams.driving.handling": "pass", "ams.driving.road": "pass", "ams.weapons.safety": "pass",
           "ams.weapons.assembly": "75", "ams.weapons.hits_5m": "9", "ams.weapons.hits_10m": "8",
           "ams.weapons.hits_15m": "7"}


def answer_candidate(ws: Workspace, ref: str, id_number: str, **changed: str) -> None:
    """Answer every test of candidate ``id_number``: passed, but for ``changed`` (item code's last part: value)."""
    for code, value in PASSING.items():
        inspections.answer(ws, ref, f"{code}/{id_number}", changed.get(code.rsplit(".", 1)[1], value))
