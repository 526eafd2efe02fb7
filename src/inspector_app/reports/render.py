"""Render an inspection's report as PDF: COE verification report, AOC report or AMS results sheet.

``render_report`` reads the inspection, lays out the report in the asked language and returns the PDF
bytes with its document id, content hash (see ``reports.data`` for both definitions) and page count.
It only reads: nothing in the workspace changes. Signing the PDF is ``crypto``'s and ``services``' work.

The language applies to the rendering thread only (``i18n.language``): a report can be rendered in
French on a worker while the window stays in English.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from inspector_app import i18n
from inspector_app.domain.template_model import TemplateKind
from inspector_app.domain.workflow import LOCKED
from inspector_app.i18n import _
from inspector_app.reports import ams, aoc, coe, page, sections
from inspector_app.reports.annex import photo_annex
from inspector_app.reports.data import ReportData, collect
from inspector_app.reports.signatures import signature_blocks

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    document_id: str
    content_sha256: str
    pages: int


def render_report(ws: Workspace, inspection_ref: str, lang: str = "en", *, final: bool = False) -> RenderedReport:
    """The report of inspection ``inspection_ref`` (id or unique prefix) in ``lang`` ("en" or "fr").

    Until the inspection is signed the report is a draft, marked "DRAFT" on every page, unless ``final``:
    the rendering that is about to be signed.
    """
    with i18n.language(lang), tempfile.TemporaryDirectory(prefix="inspector-report-") as scratch:
        data = collect(ws, inspection_ref, lang)
        title = report_title(data.template.kind)
        story = _story(ws, data, title, Path(scratch))
        meta = page.PageMeta(
            header_left=f"{data.summary['mission']} — {data.summary['unit']}",
            header_right=title,
            page_label=_("Page {page} of {pages}"),
            id_line=_("Document id: {id}").format(id=data.document_id),
            hash_line=_("Content SHA-256: {hash}").format(hash=data.content_sha256),
            qr_value=f"{data.document_id} sha256:{data.content_sha256}",
            title=f"{title} — {data.summary['unit']}",
            author=ws.actor,
            subject=f"{data.summary['template']['title']} — {data.summary['unit']} ({data.summary['country']}), "
                    f"{data.summary['start_date'] or ''}",
            keywords=f"{data.document_id} sha256:{data.content_sha256}",
            lang=lang,
            draft="" if final or data.state.status in LOCKED else _("DRAFT"),
        )
        pdf, pages = page.build(story, meta)
    return RenderedReport(pdf, data.document_id, data.content_sha256, pages)


def report_title(kind: TemplateKind) -> str:
    return {
        TemplateKind.COE_MAJOR_EQUIPMENT: _("COE verification report"),
        TemplateKind.COE_SELF_SUSTAINMENT: _("COE verification report"),
        TemplateKind.AOC: _("Assessment of operational capability report"),
        TemplateKind.AMS: _("Assessment for mission service results sheet"),
    }[kind]


def _story(ws: Workspace, data: ReportData, title: str, scratch: Path) -> list[Flowable]:
    story = sections.title_block(data, title) + sections.header_block(data)
    kind = data.template.kind
    if kind in (TemplateKind.COE_MAJOR_EQUIPMENT, TemplateKind.COE_SELF_SUSTAINMENT):
        story += coe.summary(data)
        story += coe.detail(data)
        story += sections.single_items(data, _("Checklist answers"))
    elif kind is TemplateKind.AOC:
        story += aoc.summary(data)
        story += sections.single_items(data, _("Unit-level assessment"))
        story += aoc.per_officer(data)
    else:
        story += ams.summary(data)
        story += ams.results(data)
        story += sections.single_items(data, _("Checklist answers"))
    story += sections.findings(data)
    story += sections.follow_ups(data)
    story += signature_blocks(ws, data)
    story += photo_annex(ws, data, scratch)
    return story


