"""Self-sustainment (MOU Annex C) per category: who provides it, its standard, the verdict and whether the
reimbursement is affected (docs/coe-rules.md, "Self-sustainment (Annex C)").

The verdict of a category is its section's compliance (``domain.results``: met when every judged sub-item is met,
not met when none is, partly met otherwise, not applicable when every sub-item is). A category the UN or another
party provides is not the contingent's to judge: its section is not asked and it never affects the reimbursement.
Which verdicts affect the contingent's reimbursement is the template's rule (``rules.self_sustainment``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inspector_app.domain.checklist import Checklist, SsTerms
from inspector_app.domain.kept_results import KeptResults
from inspector_app.domain.results import Compliance, Results
from inspector_app.i18n import N_, _

CONTINGENT = "contingent"
PROVIDERS = (CONTINGENT, "un", "other")
_PROVIDER_LABELS = {CONTINGENT: N_("contingent"), "un": N_("UN"), "other": N_("other party")}


def provider_label(provider: str) -> str:
    """Who provides a category, in the current language."""
    return _(_PROVIDER_LABELS.get(provider, provider))


def verdict_label(verdict: str | None, provider: str) -> str:
    """A category's verdict in words, or why it has none, in the current language."""
    if verdict is not None:
        return Compliance(verdict).label
    return _("not verified (not the contingent's)") if provider != CONTINGENT else _("not in the checklist")


@dataclass(frozen=True)
class CategoryVerdict:
    category: str
    section_code: str | None  # None when the template has no section for the category
    provider: str
    standard: str
    verdict: Compliance | None  # None: not judged (provided by the UN or another party, or not in the checklist)
    score: float | None
    reimbursement_affected: bool
    remarks: tuple[str, ...]


def categories(checklist: Checklist, results: Results | KeptResults,
               remarks: Mapping[str, str]) -> list[CategoryVerdict]:
    """Every category the MOU lists, in the template's order (then any the template lacks), with its verdict.

    ``remarks`` are the answers' remarks by key; a category collects those of its section's items."""
    rule = checklist.template.rules.self_sustainment
    compliance = {c.section.code: c for c in results.compliance}
    sections = {s.mou_category: s for s in checklist.template.sections if s.mou_category}
    terms = {t.category: t for t in checklist.scope.ss_terms}
    listed = list(checklist.scope.ss_categories)
    if checklist.scope.sections:  # a spot check: the categories it covers only
        listed = [c for c in listed if c in sections and sections[c].code in checklist.scope.sections]
    order = [c for c in sections if c in listed] + [c for c in listed if c not in sections]
    out = []
    for category in order:
        term = terms.get(category, SsTerms(category))
        section = sections.get(category)
        judged = term.provider == CONTINGENT and section is not None
        found = compliance.get(section.code) if judged and section is not None else None
        verdict = (found.status if found else Compliance.UNANSWERED) if judged else None
        notes = tuple(text for key, text in sorted(remarks.items())
                      if text and section is not None and _in_section(checklist, key, section.code))
        out.append(CategoryVerdict(
            category, section.code if section else None, term.provider, term.standard, verdict,
            found.score if found else None, verdict is not None and verdict.value in rule.affected_by, notes))
    return out


def strength(checklist: Checklist, values: Mapping[str, Any]) -> int | None:
    """The personnel strength recorded on the inspection date (the template's ``rules.strength_item``)."""
    key = checklist.template.rules.strength_item
    value = values.get(key) if key else None
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _in_section(checklist: Checklist, key: str, code: str) -> bool:
    slot = checklist.slot(key)
    return slot is not None and slot.section.code == code
