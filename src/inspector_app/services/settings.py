"""Installation settings kept in the database (so they travel with a backup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspector_app.storage.models import Setting

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

SERVICEABILITY_THRESHOLD = "serviceability_threshold"
USER_NAME = "user_name"
USER_ROLE = "user_role"
ROLES = ("inspector", "team_leader", "hq")


def get(ws: Workspace, key: str) -> str | None:
    with ws.db.read() as session:
        setting = session.get(Setting, key)
        return setting.value if setting else None


def put(ws: Workspace, key: str, value: str) -> None:
    put_all(ws, {key: value})


def put_all(ws: Workspace, values: dict[str, str]) -> None:
    """Set every key of ``values`` in one transaction, each change audited."""
    with ws.db.session() as session:
        for key, value in values.items():
            setting = session.get(Setting, key)
            old = setting.value if setting else None
            session.add(Setting(key=key, value=value) if setting is None else setting)
            if setting is not None:
                setting.value = value
            ws.audit(session, "setting.set", "setting", key, old=old, new=value)
