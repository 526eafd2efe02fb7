"""Edge cases found in review: thousands separators, options without a verdict, n/a-only officers."""

from __future__ import annotations

import pytest

from inspector_app.domain.answers import parse_value
from inspector_app.domain.checklist import Checklist, PersonRef, Scope
from inspector_app.domain.results import compute
from inspector_app.domain.template_loader import parse_template
from inspector_app.errors import ValidationError

TEMPLATE = """
format: 1
id: t
version: 1
kind: aoc
title: {en: T, fr: T}
sections:
  - code: s
    title: {en: S, fr: S}
    items:
      - code: shoot
        type: score
        per: person
        min: 0
        max: 100
        pass_mark: 70
        allow_na: true
        label: {en: Shooting, fr: Tir}
      - code: drill
        type: choice
        label: {en: Drill, fr: Exercice}
        options:
          - {code: pass, label: {en: Pass, fr: Réussi}, passes: true}
          - {code: fail, label: {en: Fail, fr: Échec}, passes: false}
          - {code: absent, label: {en: Absent, fr: Absent}}
"""


@pytest.mark.parametrize(("text", "why"), [("1,000", "ambiguous"), ("1.000", "ambiguous"),
                                           ("1.000.5", "not a number"), ("12x", "not a number"),
                                           ("1e3", "not a number")])
def test_ambiguous_or_malformed_numbers_are_refused(text: str, why: str) -> None:
    item = parse_template(TEMPLATE).sections[0].items[0]
    with pytest.raises(ValidationError, match=why):
        parse_value(item, text, [])


def test_decimal_comma_still_reads() -> None:
    item = parse_template(TEMPLATE).sections[0].items[0]
    assert parse_value(item, "72,5", []) == 72.5


def test_an_option_without_a_verdict_leaves_the_item_out() -> None:
    checklist = Checklist(parse_template(TEMPLATE), Scope(persons=(PersonRef("P1", "A"),)))
    results = compute(checklist, {"drill": "absent", "shoot/P1": 80})
    [outcome] = results.outcomes
    assert [c.code for c in outcome.criteria] == ["shoot"] and outcome.passed is True


def test_an_officer_answered_only_na_is_neither_assessed_nor_certified() -> None:
    checklist = Checklist(parse_template(TEMPLATE), Scope(persons=(PersonRef("P1", "A"),)))
    [person] = compute(checklist, {"shoot/P1": "n/a", "drill": "pass"}).persons
    assert (person.assessed, person.certified) == (False, None)
