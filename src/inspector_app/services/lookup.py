"""Find a record by its id or a unique prefix of it (as git does with hashes), or by a name."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, col, or_, select

from inspector_app.errors import NotFound, ValidationError
from inspector_app.storage.models import Record

R = TypeVar("R", bound=Record)


def find(session: Session, model: type[R], ref: str, what: str, *names: Any) -> R:
    """The one ``model`` whose id starts with ``ref``, or whose name column equals it."""
    ref = ref.strip()
    if not ref:
        raise ValidationError(f"give a {what} id")
    exact = session.get(model, ref)
    if exact is not None:
        return exact
    matches = list(
        session.exec(
            select(model).where(or_(col(model.id).startswith(ref, autoescape=True), *(n == ref for n in names))).limit(6)
        )
    )
    if not matches:
        raise NotFound(f"no {what} matches {ref!r}")
    if len(matches) > 1:
        ids = ", ".join(m.id[:8] for m in matches[:5])
        raise ValidationError(f"{ref!r} matches several {what}s ({ids}…); give more of the id")
    return matches[0]
