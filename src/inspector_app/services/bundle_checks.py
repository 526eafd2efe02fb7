"""What an inspection bundle claims, checked before it is merged: templates, answers, signed work.

The archive reader proved who sent the bundle and that nothing changed on the way; these checks refuse a
bundle whose content, validly signed or not, would put into the database what the app itself never writes:
a template that does not parse, an answer to no item or of the wrong type, or an inspection called signed
without the signature and the signed report that make it so.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from inspector_app.crypto import trust, verify
from inspector_app.domain.answers import check_remark, check_value
from inspector_app.domain.checklist import Checklist, Scope
from inspector_app.errors import InspectorError
from inspector_app.services import signing, templates
from inspector_app.storage.models import Answer, Inspection, Signature, TemplateRecord
from inspector_app.sync import BundleError
from inspector_app.sync.archive import Bundle
from inspector_app.sync.records import Tables

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def check_template(row: TemplateRecord) -> None:
    """A template new to this database must be the text its hash names, and a valid template."""
    if hashlib.sha256(row.source.encode("utf-8")).hexdigest() != row.sha256:
        raise BundleError(f"the bundle is refused: its template {row.template_id} v{row.version} does not match "
                          "its SHA-256")
    try:
        templates.model(row)
    except InspectorError as exc:
        raise BundleError(f"the bundle is refused: its template {row.template_id} v{row.version} is invalid "
                          f"({exc})") from None


def check_answers(session: Session, tables: Tables, local: dict[str, Inspection]) -> None:
    """Every answer names an item of its inspection's checklist and holds a value (and a remark) that it accepts:
    the rules of ``domain.answers``, as on entry."""
    inspections = {**local, **{r.id: r for r in tables[Inspection]}}
    bundled = {r.id: r for r in tables[TemplateRecord]}
    checklists: dict[tuple[str, str], Checklist] = {}
    valid: set[tuple[Any, ...]] = set()  # answers found valid: the same value for the same item is valid again
    for row in tables[Answer]:
        inspection = inspections.get(row.inspection_id)
        if inspection is None:
            continue  # no such inspection: the foreign key refuses the bundle when it is written
        cache = (inspection.template_pk, inspection.scope_json)
        answer = (cache, row.key, row.value_json, row.remark)
        if answer in valid:
            continue
        checklist = checklists.get(cache)
        if checklist is None:
            record = bundled.get(inspection.template_pk) or session.get(TemplateRecord, inspection.template_pk)
            if record is None:
                continue  # as above
            checklist = Checklist(templates.model(record), Scope.from_dict(json.loads(inspection.scope_json)))
            checklists[cache] = checklist
        slot = checklist.slot(row.key)
        if slot is None:
            raise BundleError(f"the bundle is refused: inspection {inspection.id[:8]} has no item {row.key!r}")
        try:
            if row.value_json is not None:
                check_value(slot.item, json.loads(row.value_json), checklist.template.options(slot.item))
            check_remark(row.key, row.remark or "")
        except InspectorError as exc:
            raise BundleError(f"the bundle is refused: its answer to {row.key} in inspection "
                              f"{inspection.id[:8]} is not valid ({exc})") from None
        valid.add(answer)


def check_signed_claims(ws: Workspace, session: Session, bundle: Bundle, tables: Tables,
                        claimed: list[Inspection]) -> None:
    """An inspection the bundle brings signed must carry its signature and its intact signed report."""
    store = trust.load(ws.data)
    for inspection in claimed:
        digest = inspection.report_sha256
        signatures = [s for s in tables[Signature] if s.inspection_id == inspection.id]
        signatures += signing.digital(session, inspection.id)
        documents = {s.document_sha256 for s in signatures if s.kind == signing.DIGITAL and s.document_sha256}
        if not digest or digest not in documents:
            raise _unsigned(inspection, "no digital signature of its report")
        path = f"reports/{inspection.id}.pdf"
        if path in bundle.paths:
            pdf = bundle.read(path)
        elif ws.data.media_path(digest).is_file():
            pdf = ws.data.media_path(digest).read_bytes()
        else:
            raise _unsigned(inspection, "its signed report is missing")
        if not signing.extends(pdf, {digest}):
            raise _unsigned(inspection, "its report is not the document that was signed")
        checks = verify.verify_pdf(pdf, store)
        if not checks or not all(c.intact for c in checks):
            raise _unsigned(inspection, "its report's signature does not verify")


def _unsigned(inspection: Inspection, why: str) -> BundleError:
    return BundleError(f"the bundle is refused: it brings inspection {inspection.id[:8]} as signed, but {why}")
