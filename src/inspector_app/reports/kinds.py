"""The kinds of report, each named once: title, layout, file name, signature reason and default signature roles.

A kind's **layout** is the name of the module in ``inspector_app.reports`` that lays out its body
(``body(data) -> list[Flowable]``); it is imported when a report is rendered, so that this registry loads
without ReportLab. The services keep the matching data builders, keyed by the same codes.

Signature roles are template data: a template names them (``signature_roles``, docs/templates.md), as every
shipped template does from its version 2. A kind's ``fallback_roles`` serve only a template that names none,
one published before the field (the shipped version 1 and copies of it), so that its reports stay as they
were. They stay per kind, not one generic default, because those reports differed by kind. The quarterly COE
status report has no template: its ``fallback_roles`` are its signers (the chief COE officer certifies it, the
HQ reviewer co-signs), ``services.quarterly_signing`` creates their fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.domain.template_model import Template, TemplateKind
from inspector_app.i18n import N_


@dataclass(frozen=True)
class ReportKind:
    code: str
    title: str  # msgid: translate with _() in the report's language
    layout: str  # module of inspector_app.reports with body(data)
    file_name: str  # pattern for a suggested file name, e.g. "{document_id}.pdf"
    reason: str = ""  # the reason a PDF signature states (English, as the signature's metadata)
    fallback_roles: tuple[str, ...] = ()  # the signature blocks of a template that names none


COE_VERIFICATION = N_("COE verification report")
COE_ROLES = ("inspector", "team_leader", "contingent_commander")

KINDS: dict[str, ReportKind] = {k.code: k for k in (
    ReportKind(TemplateKind.COE_MAJOR_EQUIPMENT.value, COE_VERIFICATION, "coe", "{document_id}.pdf",
               "COE verification report", COE_ROLES),
    ReportKind(TemplateKind.COE_SELF_SUSTAINMENT.value, COE_VERIFICATION, "coe", "{document_id}.pdf",
               "COE verification report", COE_ROLES),
    ReportKind(TemplateKind.AOC.value, N_("Assessment of operational capability report"), "aoc",
               "{document_id}.pdf", "Assessment of operational capability report",
               ("assessor", "team_leader", "contingent_commander")),
    ReportKind(TemplateKind.AMS.value, N_("Assessment for mission service results sheet"), "ams",
               "{document_id}.pdf", "Assessment for mission service results", ("assessor", "team_leader")),
    ReportKind(TemplateKind.PERFORMANCE.value, N_("Performance assessment and evaluation report"), "performance",
               "{document_id}.pdf", "Performance assessment and evaluation report",
               ("assessor", "contingent_commander", "police_commissioner")),
    ReportKind("coe_quarterly_status", N_("Quarterly COE status report"), "coe_status",
               "COE-{mission}-{quarter}", "Quarterly COE status report", ("chief_coe_officer", "hq_reviewer")),
)}
QUARTERLY_COE = KINDS["coe_quarterly_status"]
INSPECTION_REASON = "Inspection report"  # the signature's reason for a kind that names none


def of_template(kind: TemplateKind | str) -> ReportKind:
    """The report kind of an inspection made with a template of ``kind``."""
    return KINDS[TemplateKind(kind).value]


def signature_roles(template: Template) -> tuple[str, ...]:
    """The roles whose signature blocks the report of ``template`` shows: the template's, else (a template
    published before ``signature_roles``) its kind's fallback."""
    if template.signature_roles:
        return tuple(template.signature_roles)
    return of_template(template.kind).fallback_roles


def file_name(kind: ReportKind, **fields: str) -> str:
    """A suggested file name for a report of ``kind`` (``fields`` fill its pattern)."""
    return kind.file_name.format(**fields)
