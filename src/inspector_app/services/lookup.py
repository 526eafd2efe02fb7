"""Find a record by its id or a unique prefix of it (as git does with hashes), or by a name or a unique,
case-insensitive prefix of it.

For services, within the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from inspector_app.errors import NotFound, ValidationError
from inspector_app.storage.models import Record

R = TypeVar("R", bound=Record)
_SHOWN = 5


def find(session: Session, model: type[R], ref: str, what: str, *names: Any) -> R:
    """The one ``model`` whose id starts with ``ref``, or whose name column equals or starts with it (any case).

    An exact name wins over longer names that start with it; several matches are refused with the candidates.
    """
    ref = ref.strip()
    if not ref:
        raise ValidationError(f"give a {what} id{' or name' if names else ''}")
    exact = session.get(model, ref)
    if exact is not None:
        return exact
    folded = ref.lower()
    prefixes = [func.lower(n).startswith(folded, autoescape=True) for n in names]
    matches = list(
        session.exec(select(model).where(or_(col(model.id).startswith(ref, autoescape=True), *prefixes)).limit(50))
    )
    named = [m for m in matches if any(str(getattr(m, n.key)).lower() == folded for n in names)]
    if len(named) == 1:
        return named[0]
    if not matches:
        known = [str(v) for v in session.exec(select(names[0]).order_by(names[0]))] if names else []
        raise NotFound(f"no {what} matches {ref!r}" + (f"; choose one of {candidates(known)}" if known else ""))
    if len(matches) > 1:
        shown = [" ".join(str(getattr(m, n.key)) for n in names) or m.id[:8] for m in matches]
        hint = "give more of the name or id" if names else "give more of the id"
        raise ValidationError(f"{ref!r} matches several {what}s: {candidates(shown)}; {hint}")
    return matches[0]


def unique_prefix(values: Sequence[str], ref: str, what: str) -> str:
    """The one of ``values`` that equals ``ref`` or starts with it, ignoring case; refuses none or several."""
    folded = ref.strip().lower()
    exact = [v for v in values if v.lower() == folded]
    matches = exact or [v for v in values if v.lower().startswith(folded)]
    if not folded or not matches:
        raise NotFound(f"no {what} matches {ref!r}; choose one of {candidates(values)}")
    if len(matches) > 1:
        raise ValidationError(f"{ref!r} matches several {what}s: {candidates(matches)}; give more of it")
    return matches[0]


def candidates(values: Sequence[str]) -> str:
    """``values`` as a short list for a message: the first few, and how many more."""
    shown = ", ".join(values[:_SHOWN])
    return shown if len(values) <= _SHOWN else f"{shown} … and {len(values) - _SHOWN} more"
