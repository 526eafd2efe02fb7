"""MOU versions: the signed original and its amendments, each in force from its effective date.

An inspection is judged against the version *in force on its date*: the latest version whose ``effective_from``
is on or before that date (a version with no date is in force from the start). The inspection's date is its
start date, else its end date, else today. Version 1 is the original MOU; version N is amendment N - 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar


@dataclass(frozen=True)
class MouVersionRef:
    """Which MOU version an inspection was judged against (frozen into its scope)."""

    reference: str
    version: int
    effective_from: date | None = None

    @property
    def amendment(self) -> int:
        """0 for the original MOU, N for its Nth amendment."""
        return self.version - 1

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference, "version": self.version,
                "effective_from": self.effective_from.isoformat() if self.effective_from else None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MouVersionRef:
        when = data.get("effective_from")
        return cls(str(data.get("reference") or ""), int(data["version"]),
                   date.fromisoformat(when) if isinstance(when, str) else when)


class Versioned(Protocol):
    @property
    def version(self) -> int: ...

    @property
    def effective_from(self) -> date | None: ...


V = TypeVar("V", bound=Versioned)


def inspection_date(start: date | None, end: date | None, today: date) -> date:
    """The date an inspection is judged on: its start date, else its end date, else today."""
    return start or end or today


def in_force(versions: Iterable[V], on: date) -> V | None:
    """The version in force on ``on``: the latest (by effective date, then version) dated on or before ``on``.

    A version without a date is in force from the start. None when every version takes effect after ``on``
    (an inspection dated before the MOU's first effective date): the caller decides (HQ uses the earliest).
    """
    eligible = [v for v in versions if v.effective_from is None or v.effective_from <= on]
    if not eligible:
        return None
    return max(eligible, key=lambda v: (v.effective_from or date.min, v.version))


def latest(versions: Iterable[V]) -> V | None:
    """The latest version (the highest number): the unit's MOU "now", and the one an amendment amends."""
    return max(versions, key=lambda v: v.version, default=None)


def check_amendment(versions: Iterable[V], effective_from: date) -> str | None:
    """Why an amendment in force from ``effective_from`` cannot follow ``versions`` (None: it can).

    Its date must be after the latest version's effective date, so versions stay in date order.
    """
    last = latest(versions)
    if last is not None and last.effective_from is not None and effective_from <= last.effective_from:
        return (f"an amendment must take effect after the version it amends: version {last.version} is in force "
                f"from {last.effective_from.isoformat()}, so {effective_from.isoformat()} is too early")
    return None
