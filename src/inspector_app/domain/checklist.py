"""An inspection's checklist: a template expanded over what it inspects (MOU lines, roster).

A *slot* is one answerable question. A single item gives one slot whose key is the item
code; an item ``per: mou_line`` gives one slot per MOU line (key ``code/LINE``), an item
``per: person`` one per person of the roster (key ``code/IDNUMBER``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.template_model import Item, Per, Section, Template


@dataclass(frozen=True)
class MouLineRef:
    line_no: int
    category: str
    item: str
    quantity: int
    lease: str
    registered: bool = False  # registered items (vehicles, generators, weapons): counted asset by asset


@dataclass(frozen=True)
class PersonRef:
    id_number: str
    name: str
    rank: str = ""
    gender: str = ""
    role: str = ""


@dataclass(frozen=True)
class SsTerms:
    """What the MOU says of one self-sustainment (Annex C) category: who provides it, and its standard."""

    category: str
    provider: str = "contingent"  # contingent | un | other
    standard: str = ""


@dataclass(frozen=True)
class Scope:
    """What an inspection inspects, frozen when it starts."""

    mou_lines: tuple[MouLineRef, ...] = ()
    persons: tuple[PersonRef, ...] = ()
    ss_categories: tuple[str, ...] = ()
    ss_terms: tuple[SsTerms, ...] = ()  # provider and standard per category (none in scopes before 2026-12)
    sections: tuple[str, ...] = ()  # a spot check's chosen section codes; empty: the whole template
    mou_version: MouVersionRef | None = None  # the MOU version in force on the inspection's date; None in old scopes
    period: str | None = None  # the quarter a performance assessment covers ("2026Q3"); None for other kinds

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mou_version"] = self.mou_version.to_dict() if self.mou_version else None
        if self.period is None:
            del data["period"]  # the scopes of other inspections stay as they were
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scope:
        return cls(
            mou_lines=tuple(MouLineRef(**m) for m in data.get("mou_lines", ())),
            persons=tuple(PersonRef(**p) for p in data.get("persons", ())),
            ss_categories=tuple(data.get("ss_categories", ())),
            ss_terms=tuple(SsTerms(**t) for t in data.get("ss_terms", ())),
            sections=tuple(data.get("sections", ())),
            mou_version=MouVersionRef.from_dict(data["mou_version"]) if data.get("mou_version") else None,
            period=data.get("period"),
        )

    def provider(self, category: str) -> str:
        """Who provides ``category``: the contingent unless the MOU says otherwise."""
        return next((t.provider for t in self.ss_terms if t.category == category), "contingent")


@dataclass(frozen=True)
class Slot:
    key: str
    section: Section
    item: Item
    mou_line: MouLineRef | None = None
    person: PersonRef | None = None

    @property
    def subject(self) -> str:
        if self.mou_line is not None:
            return str(self.mou_line.line_no)
        return self.person.id_number if self.person is not None else ""


@dataclass
class Checklist:
    """A template over a scope. Its slots are expanded on first use: reading a kept inspection's figures needs the
    template and scope only, and an AOC's slots (items × officers) are many."""

    template: Template
    scope: Scope

    @cached_property
    def slots(self) -> list[Slot]:
        scope = self.scope
        return [slot for section in self.template.sections
                if section_applies(section, scope) and not (scope.sections and section.code not in scope.sections)
                for item in section.items for slot in _expand(section, item, scope)]

    @cached_property
    def by_key(self) -> dict[str, Slot]:
        return {slot.key: slot for slot in self.slots}

    def slot(self, key: str) -> Slot | None:
        return self.by_key.get(key)

    def relevant(self, slot: Slot, answers: Mapping[str, Any]) -> bool:
        """Whether ``slot`` applies, given the answers so far (values by key)."""
        cond = slot.item.when
        if cond is None:
            return True
        if cond.lease is not None and (slot.mou_line is None or slot.mou_line.lease != cond.lease):
            return False
        if cond.item is not None and cond.in_ is not None:
            return _as_text(answers.get(cond.item)) in cond.in_
        return True


def section_applies(section: Section, scope: Scope) -> bool:
    """A self-sustainment section applies when the MOU lists its category (or lists none) and the contingent
    provides it: a category the UN or another party provides is not the contingent's to be judged."""
    if not section.mou_category:
        return True
    if scope.ss_categories and section.mou_category not in scope.ss_categories:
        return False
    return scope.provider(section.mou_category) == "contingent"


def _expand(section: Section, item: Item, scope: Scope) -> list[Slot]:
    if item.per is Per.MOU_LINE:
        return [Slot(f"{item.code}/{m.line_no}", section, item, mou_line=m) for m in scope.mou_lines]
    if item.per is Per.PERSON:
        return [Slot(f"{item.code}/{p.id_number}", section, item, person=p) for p in scope.persons]
    return [Slot(item.code, section, item)]


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
