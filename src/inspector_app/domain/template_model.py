"""Typed model of a checklist template (file format version 1, see docs/templates.md)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from inspector_app.i18n import localized

FORMAT_VERSION = 1
CODE_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


class TemplateKind(StrEnum):
    COE_MAJOR_EQUIPMENT = "coe_major_equipment"
    COE_SELF_SUSTAINMENT = "coe_self_sustainment"
    AOC = "aoc"
    AMS = "ams"
    PERFORMANCE = "performance"


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    NUMBER = "number"
    MOU_COUNT = "mou_count"
    CHOICE = "choice"
    TEXT = "text"
    DATE = "date"
    SCORE = "score"
    PHOTO = "photo"
    SIGNATURE = "signature"


class Per(StrEnum):
    """What an item repeats for: one answer per MOU line or per person of the roster."""

    MOU_LINE = "mou_line"
    PERSON = "person"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A text in every language the app ships."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return localized(self.en, self.fr, lang)


def _yaml_word(value: object) -> object:
    """YAML 1.1 reads unquoted yes/no as booleans; in a template they mean the words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


class Option(Strict):
    """One choice of a choice item or scale.

    ``score`` (0 to 1) feeds compliance; ``None`` means "not applicable" and is left out.
    ``passes`` makes the choice count as a pass or a fail.
    """

    code: str = Field(pattern=CODE_PATTERN)
    label: Localized
    score: float | None = Field(default=None, ge=0, le=1)
    passes: bool | None = None

    _code = field_validator("code", mode="before")(_yaml_word)


class Condition(Strict):
    """When an item is relevant: another item's answer is one of ``in``, or the MOU line's lease."""

    item: str | None = Field(default=None, pattern=CODE_PATTERN)
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    lease: Literal["wet", "dry"] | None = None

    @field_validator("in_", mode="before")
    @classmethod
    def _words(cls, values: object) -> object:
        return [str(_yaml_word(v)) for v in values] if isinstance(values, list) else values

    @model_validator(mode="after")
    def _complete(self) -> Condition:
        if (self.item is None) != (self.in_ is None):
            raise ValueError("a condition on an item needs both 'item' and 'in'")
        if self.item is None and self.lease is None:
            raise ValueError("a condition needs 'item' and 'in', or 'lease'")
        return self


class Item(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    type: AnswerType
    label: Localized
    guidance: Localized | None = None
    required: bool = True
    allow_na: bool = False
    per: Per | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    options: list[Option] | None = None
    scale: str | None = None
    pass_mark: float | None = None
    pass_max: float | None = None  # a limit not to exceed, e.g. a time: passes when value <= pass_max
    expected: Literal["yes", "no"] | None = None
    when: Condition | None = None

    _expected = field_validator("expected", mode="before")(_yaml_word)

    @model_validator(mode="after")
    def _consistent(self) -> Item:
        t = self.type
        if t is AnswerType.MOU_COUNT and self.per is not Per.MOU_LINE:
            raise ValueError("a mou_count item must have 'per: mou_line'")
        if t is AnswerType.CHOICE and (self.options is None) == (self.scale is None):
            raise ValueError("a choice item needs either 'options' or 'scale', not both")
        if t is not AnswerType.CHOICE and (self.options is not None or self.scale is not None):
            raise ValueError("'options' and 'scale' belong to choice items only")
        if t is AnswerType.SCORE and (self.min is None or self.max is None):
            raise ValueError("a score item needs 'min' and 'max'")
        if (self.min is not None and self.max is not None) and self.min > self.max:
            raise ValueError("'min' is greater than 'max'")
        if self.pass_mark is not None:
            if t not in (AnswerType.SCORE, AnswerType.NUMBER):
                raise ValueError("'pass_mark' belongs to score and number items only")
            if (self.min is not None and self.pass_mark < self.min) or (
                self.max is not None and self.pass_mark > self.max
            ):
                raise ValueError("'pass_mark' lies outside 'min'..'max'")
        if self.pass_max is not None:
            if t not in (AnswerType.SCORE, AnswerType.NUMBER):
                raise ValueError("'pass_max' belongs to score and number items only")
            if self.pass_mark is not None:
                raise ValueError("an item has either 'pass_mark' or 'pass_max', not both")
            if (self.min is not None and self.pass_max < self.min) or (
                self.max is not None and self.pass_max > self.max
            ):
                raise ValueError("'pass_max' lies outside 'min'..'max'")
        if self.expected is not None and t is not AnswerType.YES_NO:
            raise ValueError("'expected' belongs to yes_no items only")
        if self.when and self.when.lease and self.per is not Per.MOU_LINE:
            raise ValueError("a 'lease' condition needs 'per: mou_line'")
        if self.options is not None:
            _unique([o.code for o in self.options], "option code")
        return self


EvidenceKind = Literal["coe_major_equipment", "coe_self_sustainment", "aoc"]


class Section(Strict):
    """A section of the checklist: a COE category, a self-sustainment category, an AOC component, or a group of
    criteria of a performance assessment (``evidence``: the unit's results of the period shown with it)."""

    code: str = Field(pattern=CODE_PATTERN)
    title: Localized
    guidance: Localized | None = None
    scored: bool = True
    pass_rate: float | None = Field(default=None, gt=0, le=1)
    mou_category: str | None = None
    evidence: tuple[EvidenceKind, ...] = ()
    items: list[Item] = Field(min_length=1)


class ReimbursableBasis(StrEnum):
    """Which count of an MOU line is reimbursed (always up to the MOU quantity: surplus never is)."""

    SERVICEABLE = "serviceable"
    DEPLOYED = "deployed"


class Reimbursement(Strict):
    """The rule for a line's reimbursable quantity (docs/coe-rules.md).

    Default: the serviceable quantity, up to the MOU quantity. ``by_lease`` overrides the basis for one
    lease type, e.g. ``{dry: deployed}`` where the UN maintains dry-leased equipment.
    """

    basis: ReimbursableBasis = ReimbursableBasis.SERVICEABLE
    by_lease: dict[Literal["wet", "dry"], ReimbursableBasis] = Field(default_factory=dict)

    def basis_for(self, lease: str) -> ReimbursableBasis:
        return self.by_lease.get(lease, self.basis)  # type: ignore[call-overload, no-any-return]


class SelfSustainmentRule(Strict):
    """Which verdicts of a contingent-provided category affect its reimbursement (docs/coe-rules.md)."""

    affected_by: tuple[Literal["partially_met", "not_met", "unanswered"], ...] = ("partially_met", "not_met")


class Rules(Strict):
    """Thresholds and rules that decide results; data, so a mission can correct them."""

    serviceability_threshold: float = Field(default=0.90, gt=0, le=1)
    pass_rate: float = Field(default=1.0, gt=0, le=1)
    reimbursement: Reimbursement = Reimbursement()
    # The verification report's signature roles, the last countersigning (None: domain.verification.DEFAULT_ROLES)
    verification_roles: list[str] | None = Field(default=None, min_length=1)
    self_sustainment: SelfSustainmentRule = SelfSustainmentRule()
    # The item that records the unit's personnel strength on the inspection date (Annex A), if the template asks it.
    strength_item: str | None = Field(default=None, pattern=CODE_PATTERN)
    # How long an AMS candidate's clearance stays valid, in months ("a pass is valid 24 months": SOP 2019.19).
    clearance_months: int = Field(default=24, ge=1, le=120)
    # The scale a performance assessment rates its criteria on; sections and the whole are rated on it too.
    rating_scale: str | None = Field(default=None, pattern=CODE_PATTERN)
    # Each improvement action carried into the inspection must be closed or extended with a remark before review.
    follow_up_required: bool = False
    # How long an AMS candidate not cleared waits before a new assessment; None: the template allows no retake.
    retake_after_months: int | None = Field(default=None, ge=0, le=120)


class Template(Strict):
    format: Literal[1]
    id: str = Field(pattern=CODE_PATTERN)
    version: int = Field(ge=1)
    kind: TemplateKind
    title: Localized
    description: Localized | None = None
    rules: Rules = Rules()
    scales: dict[str, list[Option]] = Field(default_factory=dict)
    # The report's signature blocks. None only in a template published before this field: its kind's fallback.
    signature_roles: list[str] | None = None
    sections: list[Section] = Field(min_length=1)

    @field_validator("signature_roles")
    @classmethod
    def _signature_roles(cls, roles: list[str] | None) -> list[str] | None:
        if roles is None:
            return None
        roles = [role.strip() for role in roles]
        if not roles or not all(roles):
            raise ValueError("signature_roles needs at least one role, and no empty one")
        _unique(roles, "signature role")
        return roles

    @field_validator("scales")
    @classmethod
    def _scales(cls, scales: dict[str, list[Option]]) -> dict[str, list[Option]]:
        for name, options in scales.items():
            if not re.match(CODE_PATTERN, name):
                raise ValueError(f"scale name {name!r} must match {CODE_PATTERN}")
            if not options:
                raise ValueError(f"scale {name!r} has no options")
            _unique([o.code for o in options], f"option code in scale {name!r}")
        return scales

    @model_validator(mode="after")
    def _references(self) -> Template:
        _unique([s.code for s in self.sections], "section code")
        seen: dict[str, Item] = {}
        for section in self.sections:
            for item in section.items:
                if item.code in seen:
                    raise ValueError(f"item code {item.code!r} is used twice")
                if item.scale is not None and item.scale not in self.scales:
                    raise ValueError(f"item {item.code!r} names unknown scale {item.scale!r}")
                cond = item.when
                if cond is not None and cond.item is not None:
                    target = seen.get(cond.item)
                    if target is None:
                        raise ValueError(
                            f"item {item.code!r} depends on {cond.item!r}, "
                            "which is not an earlier item"
                        )
                    if target.per is not None:
                        raise ValueError(
                            f"item {item.code!r} depends on {cond.item!r}, which repeats per "
                            f"{target.per.value}; conditions may only name single items"
                        )
                seen[item.code] = item
        self._rating_scale()
        strength = self.rules.strength_item
        if strength is not None:
            target = seen.get(strength)
            if target is None or target.type is not AnswerType.NUMBER or target.per is not None:
                raise ValueError(f"rules.strength_item {strength!r} must name a single number item of the template")
        return self

    def _rating_scale(self) -> None:
        name = self.rules.rating_scale
        if (name is None) != (self.kind is not TemplateKind.PERFORMANCE):
            raise ValueError("rules.rating_scale belongs to performance templates, and every one needs it")
        if name is None:
            return
        options = self.scales.get(name)
        if options is None:
            raise ValueError(f"rules.rating_scale names unknown scale {name!r}")
        if any(o.score is None or o.passes is None for o in options):
            raise ValueError(f"every option of the rating scale {name!r} needs a score and passes")

    def options(self, item: Item) -> list[Option]:
        """The choices of a choice item, from the item itself or its scale."""
        if item.options is not None:
            return item.options
        return self.scales[item.scale] if item.scale else []

    def items(self) -> list[tuple[Section, Item]]:
        return [(s, i) for s in self.sections for i in s.items]


def _unique(values: list[str], what: str) -> None:
    dupes = sorted({v for v in values if values.count(v) > 1})
    if dupes:
        raise ValueError(f"{what} used twice: {', '.join(dupes)}")
