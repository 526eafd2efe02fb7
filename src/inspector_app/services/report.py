"""Producing reports, the one path the CLI and the GUI take: gather the data, render, sign, record.

An inspection's report in a language is a **rendition** of its own: once signed in a language, the report in
that language is its signed file, never rendered again (a co-signer signs that very file); a draft is never
signed: signing renders the final report. A wrong passphrase, or a signer who signed the rendition already,
is told before anything is rendered. The quarterly COE status report of a mission is made (and signed)
here too, the same way (``services.quarterly_signing`` signs and records it), and HQ's global one of every
mission.

ReportLab loads when a report is rendered, not when this module is imported.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector_app import i18n
from inspector_app.crypto import keys
from inspector_app.errors import ValidationError
from inspector_app.progress import Progress
from inspector_app.services import hq_views, quarterly_signing, signing

if TYPE_CHECKING:
    from inspector_app.reports.render import RenderedReport
    from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class Signer:
    """Who signs, with what: this installation's identity, unlocked by ``passphrase``."""

    passphrase: str
    role: str | None = None  # default: the role in the signer's certificate
    location: str | None = None
    image: bytes | None = None  # a handwritten signature (PNG or JPEG) shown in the digital signature's field


@dataclass(frozen=True)
class ProducedReport:
    """A report as produced: its PDF, and what the user is told about it.

    ``document_id``, ``content_sha256`` and ``pages`` are None for a signed rendition read back as it was
    signed; ``signed_by`` and ``role`` name the signature just added, if any.
    """

    pdf: bytes
    lang: str
    as_signed: bool  # the rendition's signed file (read back, or just signed)
    document_id: str | None = None
    content_sha256: str | None = None
    pages: int | None = None
    signed_by: str | None = None
    role: str | None = None
    file_name: str = "report.pdf"  # suggested: the kind's pattern, once the document id is known


@dataclass(frozen=True)
class QuarterlyReport:
    """The quarterly COE status report of a mission, as PDF or XLSX bytes.

    ``pages`` is None for XLSX and for a signed rendition read back as it was signed; ``signed_by`` and
    ``role`` name the signature just added, if any."""

    data: bytes
    inspected: int
    units: int
    pages: int | None = None  # PDF only
    document_id: str | None = None  # PDF only
    as_signed: bool = False  # the rendition's signed file (read back, or just signed)
    signed_by: str | None = None
    role: str | None = None


def produce(
    ws: Workspace, ref: str, lang: str = "en", *, sign: Signer | None = None, progress: Progress | None = None,
) -> ProducedReport:
    """The report of inspection ``ref`` in ``lang``: its signed file if that rendition is signed, else rendered
    now (a draft until the inspection is signed); with ``sign``, signed and recorded as well."""
    progress = progress or Progress()
    steps = 3 if sign is not None else 1  # (checked,) rendered or read back, (signed and recorded)
    progress.report(0, steps)
    if sign is not None:
        signing.check_can_sign(ws, ref)
        if sign.image is not None:
            signing.check_signature_image(sign.image)  # a bad image is told before the rendering
        identity = keys.load_identity(ws.data, sign.passphrase)  # a wrong passphrase is told before the rendering
        signing.check_signer(ws, ref, identity.name, lang)
        progress.report(1, steps)
    produced: ProducedReport
    boxes = None
    signed = signing.signed_report(ws, ref, lang)
    if signed is not None:
        produced = ProducedReport(signed, lang, as_signed=True)
    else:
        rendered = render(ws, ref, lang, final=sign is not None)
        boxes = rendered.signature_boxes
        produced = ProducedReport(rendered.pdf, lang, False, rendered.document_id, rendered.content_sha256,
                                  rendered.pages, file_name=rendered.file_name)
    if sign is not None:
        progress.report(2, steps)
        pdf = signing.sign_report(ws, ref, produced.pdf, sign.passphrase, role=sign.role, lang=lang,
                                  location=sign.location, boxes=boxes, image=sign.image)
        row = signing.signatures(ws, ref, signing.DIGITAL)[-1]
        produced = replace(produced, pdf=pdf, as_signed=True, signed_by=row.signer_name, role=row.role)
    progress.report(steps, steps)
    return produced


def render(ws: Workspace, ref: str, lang: str = "en", *, final: bool = False) -> RenderedReport:
    """The report of inspection ``ref`` (id or unique prefix) rendered now in ``lang``; it only reads (but for
    a photo's missing print copy, made and kept: ``services.report_photos``).

    Until the inspection is signed the report is a draft, marked "DRAFT" on every page, unless ``final``:
    the rendering that is about to be signed.
    """
    from inspector_app.reports.render import render as render_pdf  # noqa: PLC0415  (ReportLab: load on use)
    from inspector_app.services.report_data import collect  # noqa: PLC0415

    with i18n.language(lang), tempfile.TemporaryDirectory(prefix="inspector-report-") as scratch:
        return render_pdf(collect(ws, ref, lang, Path(scratch), final=final))


def quarterly_coe(ws: Workspace, mission_code: str | None, quarter: str, lang: str = "en", *, xlsx: bool = False,
                  sign: Signer | None = None, progress: Progress | None = None) -> QuarterlyReport:
    """The quarterly COE status report of mission ``mission_code`` in ``quarter`` ("2026Q4"), PDF or XLSX; with
    ``mission_code`` None, HQ's global report of every mission (``reports.coe_global``).

    As an inspection's report: once the PDF of a rendition (the same figures, in ``lang``) is signed, it is
    that signed file; with ``sign``, signed (certified by the first signer) and recorded
    (``services.quarterly_signing``). A wrong passphrase, or a signer who signed it already, is told before
    anything is rendered.
    """
    from inspector_app.reports import coe_global, coe_status  # noqa: PLC0415  (ReportLab: load on use)

    if xlsx and sign is not None:
        raise ValidationError("only the PDF report is signed: name the file FILE.pdf")
    progress = progress or Progress()
    steps = 3 if sign is not None else 1  # (checked,) rendered or read back, (signed and recorded)
    progress.report(0, steps)
    layout: Any
    if mission_code is None:
        status: Any = hq_views.global_status(ws, quarter)
        layout, units = coe_global, status.units
    else:
        status = hq_views.quarter_status(ws, mission_code, quarter)
        layout, units = coe_status, status.units
    counts = sum(1 for u in units if u.inspection is not None), len(units)
    if xlsx:
        return QuarterlyReport(layout.render_xlsx(status, lang), *counts)
    known = layout.identity(status, lang)
    document_id = known[0]
    if sign is not None:
        signer = keys.load_identity(ws.data, sign.passphrase)  # a wrong passphrase is told before the rendering
        quarterly_signing.check_signer(ws, document_id, signer.name)
        progress.report(1, steps)
    signed = quarterly_signing.signed_file(ws, document_id)
    if signed is not None:
        produced = QuarterlyReport(signed, *counts, None, document_id, as_signed=True)
    else:
        rendered = layout.render_pdf(status, lang, ws.actor, known)
        produced = QuarterlyReport(rendered.pdf, *counts, rendered.pages, rendered.document_id)
    if sign is not None:
        progress.report(2, steps)
        pdf, record = quarterly_signing.sign(ws, produced.data, document_id, sign.passphrase, sign.role,
                                             sign.location)
        produced = replace(produced, data=pdf, as_signed=True, signed_by=record.signer, role=record.role)
    progress.report(steps, steps)
    return produced
