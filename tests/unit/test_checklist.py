"""Checklist expansion into slots, relevance and the Scope round trip."""

import json
import textwrap
from datetime import date

import pytest

from inspector_app.domain.checklist import Checklist, MouLineRef, PersonRef, Scope, section_applies
from inspector_app.domain.mou import MouVersionRef
from inspector_app.domain.template_loader import parse_template

TEMPLATE = parse_template(
    textwrap.dedent(
        """\
        format: 1
        id: slots
        version: 1
        kind: aoc
        title: {en: "Slots", fr: "Emplacements"}
        sections:
          - code: x
            title: {en: "X", fr: "X"}
            items:
              - code: x.single
                type: yes_no
                label: {en: "Single", fr: "Unique"}
              - code: x.count
                type: mou_count
                per: mou_line
                label: {en: "Count", fr: "Compte"}
              - code: x.spares
                type: yes_no
                per: mou_line
                when: {lease: wet}
                label: {en: "Spares", fr: "Pièces"}
              - code: x.person
                type: score
                min: 0
                max: 100
                per: person
                label: {en: "Person", fr: "Personne"}
              - code: x.defects
                type: text
                when: {item: x.single, in: ["no"]}
                label: {en: "Defects", fr: "Défauts"}
          - code: ss.catering
            mou_category: catering
            title: {en: "Catering", fr: "Restauration"}
            items:
              - code: ss.catering.kitchen
                type: text
                label: {en: "Kitchen", fr: "Cuisine"}
          - code: ss.tentage
            mou_category: tentage
            title: {en: "Tentage", fr: "Tentes"}
            items:
              - code: ss.tentage.tents
                type: text
                label: {en: "Tents", fr: "Tentes"}
        """
    ),
    "slots.yaml",
)

LINE_12 = MouLineRef(12, "apc", "APC wheeled", 10, "wet")
LINE_14 = MouLineRef(14, "support", "Truck 5t", 4, "dry")
P42 = PersonRef("SEN-0042", "Awa Diop", rank="Sgt", gender="F", role="driver")
P43 = PersonRef("SEN-0043", "Moussa Fall")

SCOPE = Scope(mou_lines=(LINE_12, LINE_14), persons=(P42, P43), ss_categories=("catering",))


def test_slot_keys_are_code_code_line_and_code_idnumber() -> None:
    checklist = Checklist(TEMPLATE, SCOPE)
    assert [s.key for s in checklist.slots] == [
        "x.single",
        "x.count/12",
        "x.count/14",
        "x.spares/12",
        "x.spares/14",
        "x.person/SEN-0042",
        "x.person/SEN-0043",
        "x.defects",
        # ss.tentage is left out: the MOU lists catering only
        "ss.catering.kitchen",
    ]


def test_slot_subject_and_references() -> None:
    checklist = Checklist(TEMPLATE, SCOPE)
    assert checklist.slot("x.single").subject == ""
    line = checklist.slot("x.count/14")
    assert line.subject == "14"
    assert line.mou_line == LINE_14
    assert line.person is None
    person = checklist.slot("x.person/SEN-0042")
    assert person.subject == "SEN-0042"
    assert person.person == P42
    assert person.mou_line is None
    assert checklist.slot("x.count/13") is None
    assert checklist.slot("x.person") is None


def test_empty_scope_gives_only_single_items_and_all_categories() -> None:
    checklist = Checklist(TEMPLATE, Scope())
    assert [s.key for s in checklist.slots] == [
        "x.single",
        "x.defects",
        "ss.catering.kitchen",
        "ss.tentage.tents",
    ]


@pytest.mark.parametrize(
    ("categories", "catering", "tentage"),
    [
        ((), True, True),  # the MOU lists none: every section applies
        (("catering",), True, False),
        (("tentage", "medical"), False, True),
        (("medical",), False, False),
    ],
)
def test_section_applies_by_mou_category(categories, catering, tentage) -> None:
    scope = Scope(ss_categories=categories)
    sections = {s.code: s for s in TEMPLATE.sections}
    assert section_applies(sections["ss.catering"], scope) is catering
    assert section_applies(sections["ss.tentage"], scope) is tentage
    assert section_applies(sections["x"], scope) is True  # no mou_category: always


@pytest.mark.parametrize(
    ("answers", "relevant"),
    [
        ({}, False),  # not answered yet: the condition does not hold
        ({"x.single": "yes"}, False),
        ({"x.single": "no"}, True),
        ({"x.single": False}, True),  # a boolean no is the word "no"
        ({"x.single": "n/a"}, False),
    ],
)
def test_relevance_on_an_earlier_item(answers, relevant) -> None:
    checklist = Checklist(TEMPLATE, SCOPE)
    assert checklist.relevant(checklist.slot("x.defects"), answers) is relevant


def test_relevance_on_lease() -> None:
    checklist = Checklist(TEMPLATE, SCOPE)
    assert checklist.relevant(checklist.slot("x.spares/12"), {}) is True  # wet
    assert checklist.relevant(checklist.slot("x.spares/14"), {}) is False  # dry
    assert checklist.relevant(checklist.slot("x.count/14"), {}) is True  # no condition


def test_scope_to_dict() -> None:
    scope = Scope(mou_lines=(LINE_12,), persons=(P43,), ss_categories=("catering", "medical"))
    # compared in its JSON form (tuples or lists alike)
    assert json.loads(json.dumps(scope.to_dict())) == {
        "mou_lines": [
            {"line_no": 12, "category": "apc", "item": "APC wheeled", "quantity": 10, "lease": "wet",
             "registered": False}
        ],
        "persons": [
            {"id_number": "SEN-0043", "name": "Moussa Fall", "rank": "", "gender": "", "role": ""}
        ],
        "ss_categories": ["catering", "medical"],
        "ss_terms": [],
        "sections": [],
        "mou_version": None,
    }


def test_scope_keeps_its_mou_version_through_json() -> None:
    version = MouVersionRef("MOU/X/FPU-1", 2, date(2026, 3, 1))
    scope = Scope(mou_lines=(LINE_12,), mou_version=version)
    data = json.loads(json.dumps(scope.to_dict()))
    assert data["mou_version"] == {"reference": "MOU/X/FPU-1", "version": 2, "effective_from": "2026-03-01"}
    assert Scope.from_dict(data) == scope
    assert Scope.from_dict(data).mou_version.amendment == 1


def test_an_old_scope_has_no_mou_version() -> None:
    old = {"mou_lines": [], "persons": [], "ss_categories": []}  # stored before MOU versions
    assert Scope.from_dict(old).mou_version is None


def test_scope_round_trip() -> None:
    assert Scope.from_dict(SCOPE.to_dict()) == SCOPE


def test_scope_round_trip_through_json() -> None:
    # stored as JSON: tuples come back as lists and must become tuples again
    data = json.loads(json.dumps(SCOPE.to_dict()))
    restored = Scope.from_dict(data)
    assert restored == SCOPE
    assert isinstance(restored.mou_lines, tuple)
    assert restored.persons[0].gender == "F"


def test_scope_from_empty_dict() -> None:
    assert Scope.from_dict({}) == Scope()
