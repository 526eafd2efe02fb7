"""What can be answered in an inspection: every item key with its label, answer type, accepted values, current
value and, for per-line or per-person items, the MOU line or the person it is about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inspector_app.domain.answers import accepts, display
from inspector_app.services import inspections

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def list_items(ws: Workspace, ref: str, lang: str = "en", open_only: bool = False) -> list[dict[str, Any]]:
    """One entry per answerable key, in checklist order; ``open_only`` keeps the relevant, unanswered ones."""
    state = inspections.load(ws, ref)
    values = state.values()
    template = state.checklist.template
    rows = []
    for slot in state.checklist.slots:
        item, value = slot.item, values.get(slot.key)
        relevant = state.checklist.relevant(slot, values)
        if open_only and (value is not None or not relevant):
            continue
        answer = state.answers.get(slot.key)
        options = template.options(item)
        line, person = slot.mou_line, slot.person
        rows.append({
            "key": slot.key, "code": item.code, "section": slot.section.code,
            "section_title": slot.section.title.get(lang), "label": item.label.get(lang), "type": item.type.value,
            "required": item.required, "relevant": relevant, "accepts": accepts(item, options),
            "choices": [{"code": o.code, "label": o.label.get(lang)} for o in options] or None,
            "value": value, "text": display(value), "remark": answer.remark if answer else None,
            "mou_line": None if line is None else {"line": line.line_no, "category": line.category,
                                                   "item": line.item, "mou": line.quantity, "lease": line.lease},
            "person": None if person is None else {"id_number": person.id_number, "name": person.name,
                                                   "rank": person.rank},
        })
    return rows
