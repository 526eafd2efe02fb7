"""Self-sustainment per category (domain/self_sustainment.py): provider, verdict, reimbursement affected, strength."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from inspector_app.domain import self_sustainment
from inspector_app.domain.checklist import Checklist, Scope, SsTerms
from inspector_app.domain.results import Compliance, compute
from inspector_app.domain.template_model import Template

SCALE = [{"code": "met", "label": {"en": "Met", "fr": "Conforme"}, "score": 1},
         {"code": "partially_met", "label": {"en": "Partly", "fr": "Partiel"}, "score": 0.5},
         {"code": "not_met", "label": {"en": "Not met", "fr": "Non"}, "score": 0},
         {"code": "na", "label": {"en": "N/A", "fr": "S.O."}}]


def _template(**rules: Any) -> Template:
    def section(category: str, *items: str) -> dict[str, Any]:
        return {"code": f"ss.{category}", "mou_category": category, "title": {"en": category, "fr": category},
                "items": [{"code": f"ss.{category}.{i}", "type": "choice", "scale": "compliance",
                           "label": {"en": i, "fr": i}} for i in items]}
    return Template.model_validate({
        "format": 1, "id": "ss-test", "version": 1, "kind": "coe_self_sustainment",
        "title": {"en": "SS", "fr": "SS"}, "scales": {"compliance": SCALE},
        "rules": {"strength_item": "ss.personnel.strength", **rules},
        "sections": [
            {"code": "ss.personnel", "scored": False, "title": {"en": "P", "fr": "P"},
             "items": [{"code": "ss.personnel.strength", "type": "number", "integer": True, "min": 0,
                        "label": {"en": "Strength", "fr": "Effectif"}}]},
            section("catering", "kitchen", "dining"),
            section("fire_fighting", "extinguishers"),
            section("fire_detection", "alarm"),
            section("eod", "capability"),
        ],
    })


SCOPE = Scope(ss_categories=("catering", "eod", "fire_detection", "fire_fighting", "tentage"),
              ss_terms=(SsTerms("catering", "contingent", "3 meals a day"), SsTerms("eod", "un", "")))


def _verdicts(answers: dict[str, Any], **rules: Any) -> dict[str, self_sustainment.CategoryVerdict]:
    checklist = Checklist(_template(**rules), SCOPE)
    results = compute(checklist, answers)
    remarks = {"ss.catering.dining": "Tent torn", "ss.fire_fighting.extinguishers": ""}
    return {v.category: v for v in self_sustainment.categories(checklist, results, remarks)}


def test_each_category_has_its_provider_standard_and_verdict() -> None:
    answers = {"ss.catering.kitchen": "met", "ss.catering.dining": "not_met",
               "ss.fire_fighting.extinguishers": "met", "ss.fire_detection.alarm": "not_met"}
    got = _verdicts(answers)
    assert list(got) == ["catering", "fire_fighting", "fire_detection", "eod", "tentage"]  # template order first
    catering = got["catering"]
    assert (catering.provider, catering.standard, catering.verdict) == ("contingent", "3 meals a day",
                                                                        Compliance.PARTIALLY_MET)
    assert catering.score == pytest.approx((1 + 0) / 2) and catering.remarks == ("Tent torn",)
    assert catering.reimbursement_affected
    # fire fighting and fire detection are judged apart: one met, the other not
    assert got["fire_fighting"].verdict is Compliance.MET and not got["fire_fighting"].reimbursement_affected
    assert got["fire_detection"].verdict is Compliance.NOT_MET and got["fire_detection"].reimbursement_affected


def test_a_category_the_un_provides_is_not_asked_nor_judged() -> None:
    checklist = Checklist(_template(), SCOPE)
    assert not [s for s in checklist.slots if s.section.code == "ss.eod"]
    eod = _verdicts({})["eod"]
    assert eod.provider == "un" and eod.verdict is None and not eod.reimbursement_affected


def test_a_category_the_template_lacks_is_listed_without_a_verdict_and_unaffected() -> None:
    tentage = _verdicts({})["tentage"]
    assert tentage.section_code is None and tentage.verdict is None and tentage.provider == "contingent"
    assert not tentage.reimbursement_affected


def test_which_verdicts_affect_reimbursement_is_the_templates_rule() -> None:
    answers = {"ss.catering.kitchen": "met", "ss.catering.dining": "partially_met"}
    assert _verdicts(answers)["catering"].reimbursement_affected
    strict_only = _verdicts(answers, self_sustainment={"affected_by": ["not_met"]})
    assert strict_only["catering"].verdict is Compliance.PARTIALLY_MET
    assert not strict_only["catering"].reimbursement_affected


def test_strength_is_read_from_the_templates_strength_item() -> None:
    checklist = Checklist(_template(), SCOPE)
    assert self_sustainment.strength(checklist, {"ss.personnel.strength": 138}) == 138
    assert self_sustainment.strength(checklist, {}) is None


def test_strength_item_must_name_a_single_number_item() -> None:
    with pytest.raises(ValueError, match="strength_item"):
        _template(strength_item="ss.catering.kitchen")
    with pytest.raises(ValueError, match="strength_item"):
        _template(strength_item="ss.nothing")


def test_old_scopes_read_without_terms_and_every_category_is_the_contingents() -> None:
    old = Scope.from_dict({"mou_lines": [], "persons": [], "ss_categories": ["catering"]})
    assert old.ss_terms == () and old.provider("catering") == "contingent"
    assert Scope.from_dict(SCOPE.to_dict()) == SCOPE


def test_the_shipped_template_judges_fire_fighting_and_detection_apart_and_asks_the_strength() -> None:
    from inspector_app.resources_access import resource

    text = resource("templates", "coe-self-sustainment.yaml").read_text(encoding="utf-8")
    shipped = Template.model_validate(yaml.safe_load(text))
    categories = [s.mou_category for s in shipped.sections if s.mou_category]
    assert "fire_fighting" in categories and "fire_detection" in categories
    assert shipped.rules.strength_item == "ss.personnel.strength"
