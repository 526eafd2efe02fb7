"""Checklist templates: install the shipped ones, list, load and validate.

``install``, ``list_templates`` and ``latest`` work within the caller's session (other services compose them);
``install_shipped``, ``installed`` and ``choices`` open their own unit of work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from inspector_app.domain.template_loader import load_template_file, parse_template
from inspector_app.domain.template_model import Localized, Template, TemplateKind
from inspector_app.errors import NotFound
from inspector_app.resources_access import shipped_templates
from inspector_app.services import lookup
from inspector_app.storage.models import TemplateRecord

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class TemplateChoice:
    """A template to start an inspection with: its newest version."""

    template_id: str
    kind: TemplateKind
    title: Localized
    sections: tuple[tuple[str, Localized], ...] = ()  # code and title of each section, in order


def installed(ws: Workspace) -> list[TemplateRecord]:
    """Every installed template version, by id then version."""
    with ws.db.read() as session:
        return list_templates(session)


def choices(ws: Workspace) -> list[TemplateChoice]:
    """The newest version of each installed template, by id."""
    with ws.db.read() as session:
        ids = session.exec(select(TemplateRecord.template_id).distinct().order_by(TemplateRecord.template_id))
        newest = [latest(session, template_id) for template_id in ids.all()]
    return [TemplateChoice(r.template_id, TemplateKind(r.kind), m.title, tuple((s.code, s.title) for s in m.sections))
            for r, m in ((r, model(r)) for r in newest)]


def install_shipped(ws: Workspace) -> list[TemplateRecord]:
    """Add each shipped template version the database lacks; existing versions stay as they are."""
    added = []
    with ws.db.session() as session:
        known = set(session.exec(select(TemplateRecord.sha256)).all())
        for resource in shipped_templates():
            text = resource.read_text(encoding="utf-8")
            if _sha(text) not in known:
                record = install(ws, session, text, resource.name)
                if record is not None:
                    added.append(record)
    return added


def install(ws: Workspace, session: Session, text: str, source: str) -> TemplateRecord | None:
    """Store template ``text`` unless its id and version are installed already."""
    template = parse_template(text, source)
    existing = session.exec(
        select(TemplateRecord).where(
            TemplateRecord.template_id == template.id, TemplateRecord.version == template.version
        )
    ).first()
    if existing is not None:
        return None
    record = TemplateRecord(
        template_id=template.id,
        version=template.version,
        kind=template.kind.value,
        title_en=template.title.en,
        title_fr=template.title.fr,
        source=text,
        sha256=_sha(text),
    )
    ws.stamp(record)
    session.add(record)
    ws.audit(session, "template.install", "template", record.id, new=f"{template.id} v{template.version}")
    return record


def list_templates(session: Session) -> list[TemplateRecord]:
    return list(
        session.exec(select(TemplateRecord).order_by(TemplateRecord.template_id, col(TemplateRecord.version)))
    )


def latest(session: Session, ref: str) -> TemplateRecord:
    """The newest version of template ``ref``: its id or a unique, case-insensitive prefix of it, or a record id
    or prefix of one."""
    ids = list(session.exec(select(TemplateRecord.template_id).distinct().order_by(TemplateRecord.template_id)))
    try:
        template_id = lookup.unique_prefix(ids, ref, "template")
    except NotFound:
        try:
            return lookup.find(session, TemplateRecord, ref, "template")
        except NotFound:
            raise NotFound(f"no template {ref!r}; choose one of {lookup.candidates(ids)} "
                           "(see 'inspector templates list')") from None
    return session.exec(
        select(TemplateRecord)
        .where(TemplateRecord.template_id == template_id)
        .order_by(col(TemplateRecord.version).desc())
        .limit(1)
    ).one()


def model(record: TemplateRecord) -> Template:
    return _parse_cached(record.sha256, record.source)


def validate_file(path: Path) -> Template:
    return load_template_file(path)


@lru_cache(maxsize=32)
def _parse_cached(sha256: str, source: str) -> Template:
    return parse_template(source, f"template {sha256[:8]}")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
