"""Inspections' results as HQ's views read them, kept in the database (``kept_result``) once computed.

``results(db, inspections, template_of, checklists_of, threshold)`` reads the kept figures of each inspection;
those that have none yet (or of an older format) are scored from their answers, a few hundred at a time, and kept,
so the next view reads them only.

Keeping is safe against a concurrent writer without locks. The migration's triggers delete an inspection's row
whenever one of its answers, its status, template or scope changes; so a reader first *claims* the rows it will
fill (a row holding a token of its own, committed), then reads the answers, then writes its figures only into
rows that still hold its token. An answer written after the claim deletes the claim, and the figures computed
from the answers before it are not kept (the view still shows them: they were true when it read them).

A read-only database, or one whose write lock another process holds for long, scores without keeping.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session, col, select

from inspector_app.domain import performance, self_sustainment
from inspector_app.domain.checklist import Checklist
from inspector_app.domain.kept_results import KeptResults, standard
from inspector_app.domain.quarter_status import SsCategory
from inspector_app.domain.results import Results, compute
from inspector_app.domain.template_model import Template, TemplateKind
from inspector_app.errors import StorageError
from inspector_app.storage.database import Database
from inspector_app.storage.models import Answer, KeptResult, new_id

log = logging.getLogger(__name__)
CHUNK = 500  # ids per IN (...) list: well below SQLite's and PostgreSQL's parameter limits


class HasId(Protocol):
    @property
    def id(self) -> str: ...


Row = TypeVar("Row", bound=HasId)  # an inspection, as the caller reads it
T = TypeVar("T")


def results(db: Database, inspections: Sequence[Row], template_of: Callable[[Row], Template],
            checklists_of: Callable[[Sequence[Row]], Mapping[str, Checklist]],
            threshold: float | None) -> dict[str, KeptResults]:
    """The results of ``inspections`` by id, against ``threshold`` (None: each template's standard).
    ``checklists_of`` (each inspection's checklist, by id) is called only for the inspections scored from their
    answers, a chunk at a time."""
    kept = _read(db, [i.id for i in inspections])
    out: dict[str, KeptResults] = {}
    for inspection in inspections:
        data, template = kept.get(inspection.id), template_of(inspection)
        found = KeptResults.load(data, template, standard(template, threshold)) if data else None
        if found is not None:
            out[inspection.id] = found
    missing = [i for i in inspections if i.id not in out]
    if missing:
        out |= _score_and_keep(db, missing, checklists_of, threshold)
    return out


def answers(db: Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Answered values by inspection and key (a withdrawn answer, value NULL, is not an answer)."""
    with db.read() as session:
        return _answers(session, ids)


def _answers(session: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        rows = session.exec(select(Answer.inspection_id, Answer.key, Answer.value_json)
                            .where(col(Answer.inspection_id).in_(chunk), col(Answer.value_json).is_not(None)))
        for inspection_id, key, raw in rows:
            out.setdefault(inspection_id, {})[key] = json.loads(raw or "null")
    return out


def _read(db: Database, ids: Sequence[str]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    with db.read() as session:
        for chunk in chunks(ids):
            for inspection_id, data in session.exec(select(KeptResult.inspection_id, KeptResult.data)
                                                    .where(col(KeptResult.inspection_id).in_(chunk))):
                out[inspection_id] = json.loads(data)
    return out


def _score_and_keep(db: Database, inspections: Sequence[Row],
                    checklists_of: Callable[[Sequence[Row]], Mapping[str, Checklist]],
                    threshold: float | None) -> dict[str, KeptResults]:
    claim = _claim(db, [i.id for i in inspections])
    out = {}
    with db.read() as session:  # begun after the claim is committed: an answer written later deletes the claim
        for chunk in chunks(inspections):  # a chunk's answers and scopes in memory at a time
            checklists, values = checklists_of(chunk), _answers(session, [i.id for i in chunk])
            for inspection in chunk:
                checklist, answered = checklists[inspection.id], values.get(inspection.id, {})
                results = compute(checklist, answered, threshold)
                out[inspection.id] = KeptResults.of(results, standard(checklist.template, threshold),
                                                    _rating(checklist, answered), checklist.scope.period,
                                                    _verdicts(checklist, results))
    if claim is not None:
        _keep(db, claim, out)
    return out


def _verdicts(checklist: Checklist, results: Results) -> tuple[SsCategory, ...]:
    """A self-sustainment inspection's verdict by category (``domain.self_sustainment``); empty for other kinds."""
    if checklist.template.kind is not TemplateKind.COE_SELF_SUSTAINMENT:
        return ()
    return tuple(SsCategory(c.category, c.provider, c.verdict.value if c.verdict else None, c.reimbursement_affected)
                 for c in self_sustainment.categories(checklist, results, {}))


def _rating(checklist: Checklist, answers: Mapping[str, Any]) -> str | None:
    """A performance assessment's overall rating (its option's code); None for other kinds or while unrated."""
    if checklist.template.kind is not TemplateKind.PERFORMANCE:
        return None
    option = performance.assess(checklist, answers).overall.option
    return option.code if option is not None else None


def _claim(db: Database, ids: Sequence[str]) -> str | None:
    """Rows for ``ids`` holding a new claim token (replacing what they held); None when nothing can be kept."""
    if db.read_only:
        return None
    claim = json.dumps({"claim": new_id()})
    try:
        with db.session() as session:
            for chunk in chunks(ids):
                session.execute(delete(KeptResult).where(col(KeptResult.inspection_id).in_(chunk)))
            session.execute(insert(KeptResult), [{"inspection_id": i, "data": claim} for i in ids])
    except StorageError as exc:  # the write lock is held (a long import): show the figures, keep them next time
        log.warning("results not kept this time: %s", exc)
        return None
    return claim


def _keep(db: Database, claim: str, kept: Mapping[str, KeptResults]) -> None:
    """The figures into the rows that still hold ``claim``."""
    statement = (update(KeptResult).where(col(KeptResult.inspection_id) == bindparam("key"),
                                          col(KeptResult.data) == claim).values(data=bindparam("figures")))
    rows = [{"key": i, "figures": json.dumps(k.dump(), separators=(",", ":"))} for i, k in kept.items()]
    try:
        with db.session() as session:
            session.connection().execute(statement, rows)
    except StorageError as exc:
        log.warning("results not kept this time: %s", exc)


def chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    """``items`` in lists short enough for one ``IN (...)``."""
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
