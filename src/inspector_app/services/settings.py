"""Installation settings kept in the database (so they travel with a backup)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from inspector_app.domain import gender
from inspector_app.errors import ValidationError

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

SERVICEABILITY_THRESHOLD = "serviceability_threshold"
USER_NAME = "user_name"
USER_ROLE = "user_role"
ROLES = ("inspector", "team_leader", "hq")
ORI_INTERVAL_MONTHS = "ori_interval_months"
"""Months between a unit's operational readiness inspections (docs/coe-rules.md)."""

PARITY_TARGETS = "parity_targets"
"""Women's share the UN aims at, per unit type and first year (JSON; domain/gender.py)."""

DEFAULTS: dict[str, str] = {
    ORI_INTERVAL_MONTHS: "6",  # "at least every six months" (COE Manual)
    PARITY_TARGETS: json.dumps(gender.DEFAULT_TARGETS),  # our reading of the parity strategy (docs/hq.md)
}
"""Documented defaults for settings the installation has not set."""


def get(ws: Workspace, key: str) -> str | None:
    return ws.db.setting(key)


def get_or_default(ws: Workspace, key: str) -> str:
    """The setting, or its documented default (``DEFAULTS``) when the installation has not set it."""
    value = get(ws, key)
    return DEFAULTS[key] if value is None or not value.strip() else value


def ori_interval_months(ws: Workspace) -> int:
    """The ORI interval in whole months (at least one)."""
    raw = get_or_default(ws, ORI_INTERVAL_MONTHS)
    try:
        months = int(raw)
    except ValueError:
        months = 0
    if months < 1:
        raise ValidationError(f"the ORI interval must be a whole number of months, at least 1, not {raw!r}")
    return months


def parity_targets(ws: Workspace) -> gender.Targets:
    """The parity targets in force (``PARITY_TARGETS``, else the default)."""
    return gender.parse_targets(get_or_default(ws, PARITY_TARGETS))


def set_parity_target(ws: Workspace, unit_type: str, year: int, value: float) -> None:
    """Aim at ``value`` (a share) of women in units of ``unit_type`` from ``year`` on (audited)."""
    put(ws, PARITY_TARGETS, gender.with_target(parity_targets(ws), unit_type.strip().lower(), year, value))


def put(ws: Workspace, key: str, value: str) -> None:
    put_all(ws, {key: value})


def put_all(ws: Workspace, values: dict[str, str]) -> None:
    """Set every key of ``values`` in one transaction, each change audited."""
    from inspector_app.storage.models import Setting  # noqa: PLC0415  (the tables only to write: reads are lean)

    with ws.db.session() as session:
        for key, value in values.items():
            setting = session.get(Setting, key)
            old = setting.value if setting else None
            session.add(Setting(key=key, value=value) if setting is None else setting)
            if setting is not None:
                setting.value = value
            ws.audit(session, "setting.set", "setting", key, old=old, new=value)
