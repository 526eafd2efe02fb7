"""Render an inspection's report as PDF: report data in (``reports.data``), PDF bytes out, in the data's language.

The kind of report (``reports.kinds``) gives the title and the layout of the body; every report has the same
title and header block, findings, follow-up, signature blocks and photo annex. The language applies to the
rendering thread only (``i18n.language``): a report can be rendered in French on a worker while the window
stays in English.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from inspector_app import i18n
from inspector_app.i18n import _
from inspector_app.reports import kinds, page, sections
from inspector_app.reports.annex import photo_annex
from inspector_app.reports.data import ReportData
from inspector_app.reports.signatures import Boxes, signature_blocks


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    document_id: str
    content_sha256: str
    pages: int
    file_name: str  # suggested, as the kind names it
    # where each role's place to sign is drawn, by role code: (page, 0 = first, (x1, y1, x2, y2) in points)
    signature_boxes: Boxes = field(default_factory=dict)


def render(data: ReportData) -> RenderedReport:
    """The PDF report of ``data``, in ``data.lang``."""
    with i18n.language(data.lang):
        kind = kinds.of_template(data.template.kind)
        title = _(kind.title)
        summary = data.summary
        meta = page.PageMeta(
            header_left=f"{summary['mission']} — {summary['unit']}",
            header_right=title,
            page_label=_("Page {page} of {pages}"),
            id_line=_("Document id: {id}").format(id=data.document_id),
            hash_line=_("Content SHA-256: {hash}").format(hash=data.content_sha256),
            qr_value=page.qr_text(data.document_id, data.content_sha256),
            title=f"{title} — {summary['unit']}",
            author=data.author,
            subject=f"{summary['template']['title']} — {summary['unit']} ({summary['country']}), "
                    f"{summary['start_date'] or ''}",
            keywords=page.keywords(data.document_id, data.content_sha256),
            lang=data.lang,
            draft=_("DRAFT") if data.draft else "",
            document_id=data.document_id,
        )
        boxes: Boxes = {}
        pdf, pages = page.build(_story(data, kind, title, boxes), meta)
    return RenderedReport(pdf, data.document_id, data.content_sha256, pages,
                          kinds.file_name(kind, document_id=data.document_id), boxes)


def _story(data: ReportData, kind: kinds.ReportKind, title: str, boxes: Boxes) -> list[Flowable]:
    layout = importlib.import_module(f"inspector_app.reports.{kind.layout}")
    body: list[Flowable] = layout.body(data)
    return [
        *sections.title_block(data, title), *sections.header_block(data), *body,
        *sections.findings(data), *sections.follow_ups(data), *signature_blocks(data, boxes), *photo_annex(data),
    ]
