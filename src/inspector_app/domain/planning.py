"""Planned inspections: their states, their team lists, whose laptop they are for, and when they are overdue.

A plan names its team by the members' names, as people write them on the record (the inspector's profile or
certificate). A plan is "for this laptop" when the laptop's inspector is among them: names compare without
regard to case, accents or spacing ("Aïcha  N'Diaye" is "aicha n'diaye"). Device ids would be exact, but HQ
plans before it knows which laptop each member will carry, and a laptop changes hands; names are what the team
list holds anyway (docs/planning.md).
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from enum import StrEnum

from inspector_app.errors import ValidationError
from inspector_app.i18n import N_, _

TEAM_SEPARATOR = ";"  # "Awa Diop; Jean Dupont": names may hold commas ("DIOP, Awa"), not semicolons
MAX_MEMBERS = 20
MAX_NAME = 200


class PlanStatus(StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(_STATUS_LABELS[self])


_STATUS_LABELS = {
    PlanStatus.PLANNED: N_("planned"),
    PlanStatus.STARTED: N_("started"),
    PlanStatus.CANCELLED: N_("cancelled"),
}


def name_key(name: str) -> str:
    """A person's name as plans compare it: case, accents and runs of spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def split_team(text: str) -> list[str]:
    """The names of a team typed as ``"A; B"`` (or one per line), as typed; ``clean_team`` checks them."""
    return text.replace("\n", TEAM_SEPARATOR).split(TEAM_SEPARATOR)


def parse_team(text: str) -> list[str]:
    """The members of a team typed as ``"A; B"`` (or one per line), trimmed, each once, in their order."""
    return clean_team(split_team(text))


def clean_team(names: list[str]) -> list[str]:
    """The members, trimmed, without blanks or repeats (by ``name_key``); refused if none or too many."""
    members: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(raw.split())
        if not name or name_key(name) in seen:
            continue
        if len(name) > MAX_NAME:
            raise ValidationError(f"the team member name {name[:40]!r}… is longer than {MAX_NAME} characters")
        seen.add(name_key(name))
        members.append(name)
    if not members:
        raise ValidationError("a plan needs its team: give at least one member's name "
                              f"(several separated by '{TEAM_SEPARATOR}')")
    if len(members) > MAX_MEMBERS:
        raise ValidationError(f"a team of {len(members)} members: at most {MAX_MEMBERS}")
    return members


def team_of(team_json: str) -> list[str]:
    """The members stored in a plan's ``team_json`` (a JSON list of names)."""
    return _strings(team_json)


def sections_of(sections_json: str) -> list[str]:
    """The section codes a planned spot check covers, from its ``sections_json`` (none: the whole template)."""
    return _strings(sections_json)


def as_json(values: list[str]) -> str:
    """A plan's team or sections as stored: a JSON list."""
    return json.dumps(values, ensure_ascii=False)


def _strings(text: str) -> list[str]:
    value = json.loads(text or "[]")
    return [str(n) for n in value] if isinstance(value, list) else []


def team_problem(value: object) -> str:
    """Why ``value`` is not a team as plans store it (a JSON list of non-empty names), or ""."""
    return _list_problem(value, "names")


def sections_problem(value: object) -> str:
    """Why ``value`` is not a plan's sections as stored (a JSON list of section codes), or ""."""
    return _list_problem(value, "section codes")


def _list_problem(value: object, what: str) -> str:
    try:
        members = json.loads(str(value))
    except ValueError:
        return "not JSON"
    if not isinstance(members, list) or not all(isinstance(n, str) and n.strip() for n in members):
        return f"not a JSON list of {what}"
    return ""


def is_member(members: list[str], name: str) -> bool:
    """Whether ``name`` (the laptop's inspector) is one of ``members``; nobody (``""``) is no member."""
    key = name_key(name)
    return bool(key) and any(name_key(m) == key for m in members)


def overdue(status: str, planned_date: date, today: date) -> bool:
    """A plan still to start whose date has passed."""
    return status == PlanStatus.PLANNED and planned_date < today
