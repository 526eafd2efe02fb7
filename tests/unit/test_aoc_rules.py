"""The AOC's officers assessed and certified, women among them, and the unit outcome (domain/aoc.py), on the
shipped template (version 3) and on version 2, with figures computed by hand."""

from typing import Any

from inspector_app.domain import aoc
from inspector_app.domain.answers import NA
from inspector_app.domain.checklist import Checklist, PersonRef, Scope
from inspector_app.domain.results import compute
from inspector_app.domain.template_loader import parse_template
from inspector_app.domain.template_model import AnswerType
from tests import shipped

ROSTER = Scope(persons=(
    PersonRef("BEN-001", "Aline Houngbo", gender="female"),
    PersonRef("BEN-002", "Bio Sanni", gender="male"),
    PersonRef("BEN-003", "Carine Dossou", gender="female"),
    PersonRef("BEN-004", "Didier Agbo", gender="male"),
))


def checklist(version: int) -> Checklist:
    source = shipped.text("aoc-fpu.yaml") if version == 3 else shipped.v2("aoc-fpu.yaml")
    template = parse_template(source, "aoc-fpu.yaml")
    assert template.version == version
    return Checklist(template, ROSTER)


def passing(c: Checklist, **changes: Any) -> dict[str, Any]:
    """A passing answer to every scored slot of ``c``, then ``changes`` (key with "/" as "__"; None drops it)."""
    answers: dict[str, Any] = {}
    for slot in c.slots:
        item = slot.item
        if item.type is AnswerType.SCORE:
            answers[slot.key] = 80
        elif item.type is AnswerType.YES_NO:
            answers[slot.key] = item.expected
        elif item.type is AnswerType.CHOICE:
            answers[slot.key] = "pass"
    for key, value in changes.items():
        key = key.replace("__", "/")
        assert key in answers, key
        if value is None:
            del answers[key]
        else:
            answers[key] = value
    return answers


V3_ANSWERS = {
    # Bio Sanni carries no pistol and is no driver: n/a counts neither way, he is certified
    "aoc.firearms.pistol__BEN-002": NA, "aoc.driving.test__BEN-002": NA,
    # Carine Dossou fails first aid (71 is above the pistol pass mark: a pass)
    "aoc.first_aid.test__BEN-003": "fail", "aoc.firearms.pistol__BEN-003": 71,
    # Didier Agbo's human rights screening is not confirmed
    "aoc.screening.human_rights__BEN-004": "no",
    # a francophone mission: English does not apply
    "aoc.language.english": NA,
}


def test_certified_share_women_and_outcome_on_version_3() -> None:
    c = checklist(3)
    results = compute(c, passing(c, **V3_ANSWERS))
    assert [(p.id_number, p.assessed, p.certified) for p in results.persons] == [
        ("BEN-001", True, True), ("BEN-002", True, True), ("BEN-003", True, False), ("BEN-004", True, False)]
    figures = aoc.figures(results)
    assert {k: v for k, v in figures.items() if k != "outcome"} == {
        "assessed": 4, "certified": 2, "certified_share": 0.5,
        "women_assessed": 2, "women_certified": 1, "women_assessed_share": 0.5, "women_certified_share": 0.5,
        "open": 0}
    # screening must pass for every officer (1 of 4 fails); first aid needs 90 % (3 of 4 = 75 %)
    assert figures["outcome"] == {"overall": "fail", "components": {
        "aoc.screening": "fail", "aoc.language": "pass", "aoc.c2": "pass", "aoc.firearms": "pass",
        "aoc.pom": "pass", "aoc.tactics": "pass", "aoc.protection": "pass", "aoc.driving": "pass",
        "aoc.first_aid": "fail", "aoc.mandate": "pass", "aoc.equipment": "pass"}}


def test_a_new_item_failing_alone_fails_its_component_and_the_unit() -> None:
    c = checklist(3)
    figures = aoc.figures(compute(c, passing(c, **{"aoc.protection.sea_measures": "no"})))
    assert figures["certified"] == 4 and figures["certified_share"] == 1.0
    assert figures["outcome"]["overall"] == "fail"
    assert [k for k, v in figures["outcome"]["components"].items() if v != "pass"] == ["aoc.protection"]


def test_an_open_test_leaves_the_officer_uncertified_and_the_outcome_open() -> None:
    c = checklist(3)
    figures = aoc.figures(compute(c, passing(c, **{"aoc.pom.less_lethal__BEN-001": None})))
    # Aline Houngbo is assessed but not yet certified: three of four
    assert (figures["assessed"], figures["certified"], figures["open"], figures["women_certified"]) == (4, 3, 1, 1)
    assert figures["women_certified_share"] == 1 / 3
    assert figures["outcome"]["overall"] == "open"
    assert figures["outcome"]["components"]["aoc.pom"] == "open"


def test_an_officer_with_only_n_a_is_not_assessed() -> None:
    c = checklist(3)
    only = {k.replace("/", "__"): NA for k in passing(c) if k.endswith("/BEN-004") and c.slot(k).item.allow_na}
    dropped = {k.replace("/", "__"): None for k in passing(c) if k.endswith("/BEN-004") and not c.slot(k).item.allow_na}
    figures = aoc.figures(compute(c, passing(c, **only, **dropped)))
    assert (figures["assessed"], figures["certified"], figures["women_assessed_share"]) == (3, 3, 2 / 3)


def test_version_2_computes_as_before() -> None:
    c = checklist(2)
    assert "aoc.screening" not in {s.code for s in c.template.sections}
    results = compute(c, passing(c, **{"aoc.first_aid.test__BEN-003": "fail", "aoc.firearms.rifle__BEN-002": NA}))
    figures = aoc.figures(results)
    assert (figures["assessed"], figures["certified"], figures["certified_share"]) == (4, 3, 0.75)
    assert (figures["women_assessed"], figures["women_certified"], figures["women_certified_share"]) == (2, 1, 1 / 3)
    assert figures["outcome"] == {"overall": "fail", "components": {
        "aoc.c2": "pass", "aoc.firearms": "pass", "aoc.pom": "pass", "aoc.tactics": "pass", "aoc.driving": "pass",
        "aoc.first_aid": "fail", "aoc.mandate": "pass", "aoc.equipment": "pass"}}


def test_no_one_assessed_has_no_shares() -> None:
    o = aoc.officers([])
    assert (o.certified_share, o.women_assessed_share, o.women_certified_share) == (None, None, None)
