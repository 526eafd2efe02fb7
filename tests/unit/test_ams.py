"""AMS rules (template version 3): a retry that passes, a time limit, minimum hits per distance, the first test
failed, and eligibility from the clearance and retake periods (domain.ams, domain.results)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inspector_app.domain import ams
from inspector_app.domain.checklist import Checklist, PersonRef, Scope
from inspector_app.domain.results import compute
from inspector_app.domain.template_loader import parse_template
from inspector_app.domain.template_model import Template
from inspector_app.errors import TemplateError
from inspector_app.resources_access import shipped_templates
from tests.ams_answers import PASSING

PERSON = PersonRef("IPO-1", "Aïcha Traoré", "Police Inspector", "female")


@pytest.fixture(scope="module")
def template() -> Template:
    resource = next(r for r in shipped_templates() if r.name == "ams.yaml")
    return parse_template(resource.read_text(encoding="utf-8"), "ams.yaml")


def _outcome(template: Template, **changed: Any) -> tuple[bool | None, str | None]:
    """The candidate's verdict and first failed test, every test passed but for ``changed``."""
    values: dict[str, Any] = {}
    for code, value in PASSING.items():
        given = changed.get(code.rsplit(".", 1)[1], value)
        values[f"{code}/IPO-1"] = int(given) if given.isdigit() else given
    [person] = compute(Checklist(template, Scope(persons=(PERSON,))), values).persons
    return person.certified, person.failed


def test_version_3_has_the_sops_tests_in_order(template: Template) -> None:
    assert template.version == 3
    assert [i.code for s, i in template.items() if s.scored] == list(PASSING)
    assert (template.rules.clearance_months, template.rules.retake_after_months) == (24, 6)


def test_vehicle_handling_passes_on_the_retry_and_fails_on_two_fails(template: Template) -> None:
    assert _outcome(template, handling="pass") == (True, None)
    assert _outcome(template, handling="retry_pass") == (True, None)
    assert _outcome(template, handling="retry_fail") == (False, "ams.driving.handling")


def test_assembly_passes_within_the_time_limit(template: Template) -> None:
    assert _outcome(template, assembly="90") == (True, None)  # at the limit
    assert _outcome(template, assembly="91") == (False, "ams.weapons.assembly")
    assert _outcome(template, assembly="0") == (True, None)


@pytest.mark.parametrize(("distance", "mark"), [("hits_5m", 8), ("hits_10m", 7), ("hits_15m", 6)])
def test_each_distance_needs_its_minimum_hits(template: Template, distance: str, mark: int) -> None:
    assert _outcome(template, **{distance: str(mark)}) == (True, None)
    assert _outcome(template, **{distance: str(mark - 1)}) == (False, f"ams.weapons.{distance}")


def test_the_first_failed_test_in_order_is_named(template: Template) -> None:
    assert _outcome(template, road="fail", hits_5m="0", listening="fail") == (False, "ams.language.listening")


@pytest.mark.parametrize(("extra", "problem"), [
    ("type: choice\n    scale: s\n    pass_max: 3", "'pass_max' belongs to score and number items only"),
    ("type: number\n    pass_mark: 2\n    pass_max: 3", "either 'pass_mark' or 'pass_max', not both"),
    ("type: number\n    min: 0\n    max: 10\n    pass_max: 11", "'pass_max' lies outside 'min'..'max'"),
])
def test_pass_max_is_checked_on_load(extra: str, problem: str) -> None:
    text = ("format: 1\nid: t\nversion: 1\nkind: ams\ntitle: {en: T, fr: T}\n"
            "scales: {s: [{code: a, label: {en: A, fr: A}}]}\nsections:\n- code: s\n  title: {en: S, fr: S}\n"
            f"  items:\n  - code: s.i\n    label: {{en: I, fr: I}}\n    {extra}\n")
    with pytest.raises(TemplateError, match=problem):
        parse_template(text, "t.yaml")


def test_eligibility() -> None:
    day = date(2024, 8, 31)
    assert ams.eligibility(day, True, 24, None, date(2026, 8, 31)) == ams.Eligibility(ams.Status.CLEARED, None)
    assert ams.eligibility(day, True, 24, None, date(2026, 9, 1)) == ams.Eligibility(ams.Status.EXPIRED,
                                                                                      date(2026, 9, 1))
    assert ams.eligibility(day, False, 24, 6, date(2025, 2, 27)) == ams.Eligibility(ams.Status.WAITING,
                                                                                     date(2025, 2, 28))
    assert ams.eligibility(day, False, 24, 6, date(2025, 2, 28)).eligible
    assert ams.eligibility(day, False, 24, 0, day).status is ams.Status.RETAKE
    assert not ams.eligibility(day, False, 24, None, date(2030, 1, 1)).eligible  # no retake in the template
    assert ams.expiring_soon(date(2026, 3, 1), date(2026, 1, 1)) and not ams.expiring_soon(date(2026, 6, 1),
                                                                                          date(2026, 1, 1))
    assert not ams.expiring_soon(date(2025, 12, 31), date(2026, 1, 1))  # already expired
