"""Inspection results: completion, serviceability, self-sustainment compliance and AOC/AMS outcomes."""

from typing import Any

import pytest

from inspector_app.domain.checklist import Checklist, MouLineRef, PersonRef, Scope
from inspector_app.domain.results import Compliance, Results, compute
from inspector_app.domain.template_loader import parse_template


def build(yaml_text: str, scope: Scope) -> Checklist:
    return Checklist(parse_template(yaml_text, "test.yaml"), scope)


def missing(results: Results) -> list[str]:
    return [s.key for s in results.missing]


def outcome(results: Results, section: str) -> bool | None:
    return next(o.passed for o in results.outcomes if o.section.code == section)


def criterion(results: Results, code: str):
    return next(c for o in results.outcomes for c in o.criteria if c.code == code)


def criteria_of(results: Results, code: str) -> list:
    return [c for o in results.outcomes for c in o.criteria if c.code == code]


def person(results: Results, id_number: str):
    return next(p for p in results.persons if p.id_number == id_number)


# --- COE major equipment: completion and serviceability --------------------------------------

COE = """\
format: 1
id: coe-test
version: 1
kind: coe_major_equipment
title: {en: "COE", fr: "MAC"}
sections:
  - code: me.lines
    title: {en: "Lines", fr: "Lignes"}
    items:
      - {code: me.count, type: mou_count, per: mou_line, label: {en: "Count", fr: "Compte"}}
      - code: me.spares
        type: yes_no
        per: mou_line
        when: {lease: wet}
        label: {en: "Spare parts", fr: "Pièces de rechange"}
      - {code: me.note, type: text, per: mou_line, required: false, label: {en: "Note", fr: "Note"}}
  - code: me.general
    title: {en: "General", fr: "Général"}
    items:
      - {code: me.general.records, type: yes_no, label: {en: "Records", fr: "Registres"}}
      - code: me.general.defects
        type: text
        when: {item: me.general.records, in: ["no"]}
        label: {en: "Defects", fr: "Défauts"}
"""

# line 1 APC MOU 10 wet, line 2 APC MOU 5 dry, line 3 communications MOU 20 wet
COE_SCOPE = Scope(
    mou_lines=(
        MouLineRef(1, "apc", "APC wheeled", 10, "wet"),
        MouLineRef(2, "apc", "APC tracked", 5, "dry"),
        MouLineRef(3, "comms", "HF radio", 20, "wet"),
    )
)


def test_completion_with_no_answers() -> None:
    # required and relevant: me.count x 3 lines, me.spares on the 2 wet lines (1, 3), me.general.records;
    # me.note is not required; me.general.defects is not relevant until records is "no"  -> 6
    results = compute(build(COE, COE_SCOPE), {})
    assert missing(results) == [
        "me.count/1",
        "me.count/2",
        "me.count/3",
        "me.spares/1",
        "me.spares/3",
        "me.general.records",
    ]
    assert [(c.section.code, c.required, c.answered) for c in results.completion] == [
        ("me.lines", 5, 0),
        ("me.general", 1, 0),
    ]
    assert results.percent_complete == 0.0


def test_completion_partial() -> None:
    # me.lines: 2 of 5 answered = 40 %; me.general: 1 of 1 = 100 %; overall 3 of 6 = 50 %
    answers = {
        "me.count/1": {"found": 9, "serviceable": 8},
        "me.count/2": {"found": 7, "serviceable": 6},
        "me.general.records": "yes",
        "me.note/1": "two in workshop",  # not required: does not count
    }
    results = compute(build(COE, COE_SCOPE), answers)
    assert [c.percent for c in results.completion] == [40.0, 100.0]
    assert results.percent_complete == 50.0
    assert missing(results) == ["me.count/3", "me.spares/1", "me.spares/3"]


def test_condition_makes_an_item_required() -> None:
    # records "no": the defects text becomes relevant, so required (7 in all, 1 answered)
    results = compute(build(COE, COE_SCOPE), {"me.general.records": "no"})
    assert "me.general.defects" in missing(results)
    assert results.completion[1].required == 2
    assert results.percent_complete == pytest.approx(100 / 7)


def test_lease_condition_only_on_wet_lines() -> None:
    # an answer on the dry line 2 is not relevant: it neither counts as required nor as answered
    results = compute(build(COE, COE_SCOPE), {"me.spares/2": "yes"})
    assert "me.spares/2" not in missing(results)
    assert results.completion[0].required == 5
    assert results.completion[0].answered == 0


def test_complete_inspection() -> None:
    answers: dict[str, Any] = {
        "me.count/1": {"found": 9, "serviceable": 8},
        "me.count/2": {"found": 7, "serviceable": 6},
        "me.count/3": {"found": 20, "serviceable": 18},
        "me.spares/1": "yes",
        "me.spares/3": "no",
        "me.general.records": "no",
        "me.general.defects": "Logbooks missing for 3 trucks",
    }
    results = compute(build(COE, COE_SCOPE), answers)
    assert missing(results) == []
    assert results.percent_complete == 100.0
    assert [c.percent for c in results.completion] == [100.0, 100.0]


def test_serviceability_from_counts() -> None:
    # line 1: MOU 10, found 9, serviceable 8 -> availability 90 %, serviceability 8/9, reimbursable 8
    # line 2: MOU 5, found 7, serviceable 6 -> availability 100 %, serviceability 5/5, reimbursable 5 (surplus 2)
    # line 3 not counted yet.  apc: available 9+5 = 14 of 15, serviceable 13/14 = 92.9 % (not flagged at 90 %)
    # overall: 13/14, 1 uncounted line; shortfall 1, surplus 2
    answers = {"me.count/1": {"found": 9, "serviceable": 8}, "me.count/2": {"found": 7, "serviceable": 6}}
    results = compute(build(COE, COE_SCOPE), answers)
    assert [(ln.line_no, ln.availability, ln.serviceability, ln.reimbursable) for ln in results.lines] == [
        (1, 0.9, pytest.approx(8 / 9), 8), (2, 1.0, 1.0, 5), (3, None, None, None)]
    apc, comms = results.categories
    assert (apc.name, apc.quantity, apc.available, apc.serviceable, apc.reimbursable) == ("apc", 15, 14, 13, 13)
    assert apc.serviceability == pytest.approx(13 / 14)
    assert not apc.below_threshold
    assert (comms.name, comms.uncounted, comms.serviceability) == ("comms", 1, None)
    assert results.overall is not None
    assert (results.overall.quantity, results.overall.serviceable, results.overall.uncounted) == (15, 13, 1)
    assert (results.overall.shortfall, results.overall.surplus) == (1, 2)


def test_serviceability_threshold_from_rules_and_override() -> None:
    answers = {"me.count/1": {"found": 9, "serviceable": 8}, "me.count/2": {"found": 7, "serviceable": 6}}
    # apc 13/14 = 92.9 %: not flagged at 92 %, flagged at 95 %
    lenient = COE.replace("sections:\n", "rules: {serviceability_threshold: 0.92}\nsections:\n", 1)
    results = compute(build(lenient, COE_SCOPE), answers)
    assert not results.categories[0].below_threshold
    assert results.categories[0].threshold == 0.92
    # the threshold argument (a setting) wins over the template
    results = compute(build(lenient, COE_SCOPE), answers, threshold=0.95)
    assert results.categories[0].below_threshold


def test_no_mou_lines_no_serviceability() -> None:
    results = compute(build(COE, Scope()), {"me.general.records": "yes"})
    assert results.lines == [] and results.categories == [] and results.overall is None
    assert results.percent_complete == 100.0  # only me.general.records is required
    assert results.passed is None  # nothing scored


# --- self-sustainment compliance -------------------------------------------------------------

SS = """\
format: 1
id: ss-test
version: 1
kind: coe_self_sustainment
title: {en: "Self-sustainment", fr: "Soutien logistique autonome"}
scales:
  compliance:
    - {code: met, label: {en: "Met", fr: "Conforme"}, score: 1}
    - {code: partially_met, label: {en: "Partially met", fr: "Partiellement conforme"}, score: 0.5}
    - {code: not_met, label: {en: "Not met", fr: "Non conforme"}, score: 0}
    - {code: na, label: {en: "Not applicable", fr: "Sans objet"}}
sections:
  - code: ss.catering
    mou_category: catering
    title: {en: "Catering", fr: "Restauration"}
    items:
      - {code: ss.catering.kitchen, type: choice, scale: compliance, label: {en: "Kitchen", fr: "Cuisine"}}
      - {code: ss.catering.storage, type: choice, scale: compliance, label: {en: "Storage", fr: "Stockage"}}
  - code: ss.tentage
    mou_category: tentage
    title: {en: "Tentage", fr: "Tentes"}
    items:
      - {code: ss.tentage.tents, type: choice, scale: compliance, label: {en: "Tents", fr: "Tentes"}}
  - code: ss.misc
    title: {en: "General stores", fr: "Fournitures"}
    items:
      - {code: ss.misc.welfare, type: choice, scale: compliance, label: {en: "Welfare", fr: "Bien-être"}}
  - code: ss.photos
    scored: false
    title: {en: "Photos and remarks", fr: "Photos et observations"}
    items:
      - {code: ss.photos.remarks, type: text, required: false, label: {en: "Remarks", fr: "Observations"}}
"""


@pytest.mark.parametrize(
    ("kitchen", "storage", "status", "score"),
    [
        ("met", "met", Compliance.MET, 1.0),  # (1 + 1) / 2
        ("not_met", "not_met", Compliance.NOT_MET, 0.0),
        ("met", "partially_met", Compliance.PARTIALLY_MET, 0.75),  # (1 + 0.5) / 2
        ("met", "not_met", Compliance.PARTIALLY_MET, 0.5),  # (1 + 0) / 2
        ("partially_met", "partially_met", Compliance.PARTIALLY_MET, 0.5),
        ("met", "na", Compliance.MET, 1.0),  # na is left out of the mean: 1 / 1
        ("not_met", "na", Compliance.NOT_MET, 0.0),
        ("partially_met", "na", Compliance.PARTIALLY_MET, 0.5),
        ("na", "na", Compliance.NOT_APPLICABLE, None),
        (None, None, Compliance.UNANSWERED, None),
    ],
)
def test_section_compliance(kitchen, storage, status, score) -> None:
    answers = {"ss.catering.kitchen": kitchen, "ss.catering.storage": storage}
    results = compute(build(SS, Scope()), {k: v for k, v in answers.items() if v is not None})
    catering = next(c for c in results.compliance if c.section.code == "ss.catering")
    assert catering.status is status
    assert catering.score == (pytest.approx(score) if score is not None else None)


def test_compliance_per_section_and_sections_without_scores_left_out() -> None:
    answers = {
        "ss.catering.kitchen": "met",
        "ss.catering.storage": "partially_met",
        "ss.tentage.tents": "not_met",
    }
    results = compute(build(SS, Scope()), answers)
    # ss.photos has no scored choice: it has no compliance line
    assert [(c.section.code, c.status) for c in results.compliance] == [
        ("ss.catering", Compliance.PARTIALLY_MET),
        ("ss.tentage", Compliance.NOT_MET),
        ("ss.misc", Compliance.UNANSWERED),
    ]
    assert results.outcomes == [] and results.passed is None  # no pass/fail in self-sustainment


def test_section_not_in_the_mou_is_left_out() -> None:
    # the MOU lists catering only: tentage is not inspected; ss.misc (no mou_category) always applies
    results = compute(build(SS, Scope(ss_categories=("catering", "medical"))), {"ss.tentage.tents": "met"})
    assert [c.section.code for c in results.compliance] == ["ss.catering", "ss.misc"]
    assert [c.section.code for c in results.completion] == ["ss.catering", "ss.misc", "ss.photos"]
    assert missing(results) == ["ss.catering.kitchen", "ss.catering.storage", "ss.misc.welfare"]


def test_no_categories_in_the_mou_means_all_apply() -> None:
    results = compute(build(SS, Scope(ss_categories=())), {})
    assert [c.section.code for c in results.compliance] == ["ss.catering", "ss.tentage", "ss.misc"]
    assert len(missing(results)) == 4


# --- AOC ---------------------------------------------------------------------------------------

AOC = """\
format: 1
id: aoc-test
version: 1
kind: aoc
title: {en: "AOC", fr: "Évaluation"}
rules:
  pass_rate: 0.9
scales:
  pass_fail:
    - {code: pass, label: {en: "Pass", fr: "Réussi"}, passes: true}
    - {code: fail, label: {en: "Fail", fr: "Échec"}, passes: false}
sections:
  - code: aoc.unit
    title: {en: "Unit", fr: "Unité"}
    items:
      - code: aoc.unit.drill
        type: score
        min: 0
        max: 100
        pass_mark: 70
        label: {en: "Drill", fr: "Exercice"}
      - code: aoc.unit.armoury
        type: yes_no
        expected: "yes"
        label: {en: "Secure armoury", fr: "Armurerie sécurisée"}
      - code: aoc.unit.defects
        type: text
        when: {item: aoc.unit.armoury, in: ["no"]}
        label: {en: "Defects", fr: "Défauts"}
  - code: aoc.shoot
    pass_rate: 0.5
    title: {en: "Shooting", fr: "Tir"}
    items:
      - {code: aoc.shoot.handling, type: choice, scale: pass_fail, per: person,
         label: {en: "Handling", fr: "Maniement"}}
      - code: aoc.shoot.pistol
        type: score
        per: person
        min: 0
        max: 100
        pass_mark: 70
        allow_na: true
        label: {en: "Pistol", fr: "Pistolet"}
  - code: aoc.first_aid
    title: {en: "First aid", fr: "Premiers secours"}
    items:
      - {code: aoc.first_aid.test, type: choice, scale: pass_fail, per: person, label: {en: "Test", fr: "Épreuve"}}
  - code: aoc.remarks
    scored: false
    title: {en: "Remarks", fr: "Observations"}
    items:
      - {code: aoc.remarks.rating, type: choice, scale: pass_fail, label: {en: "Overall view", fr: "Avis"}}
      - {code: aoc.remarks.text, type: text, required: false, label: {en: "Remarks", fr: "Observations"}}
"""

IDS = ["SEN-0001", "SEN-0002", "SEN-0003", "SEN-0004"]
AOC_SCOPE = Scope(
    persons=(
        PersonRef("SEN-0001", "Awa Diop", gender="F"),
        PersonRef("SEN-0002", "Moussa Fall", gender="M"),
        PersonRef("SEN-0003", "Fatou Ndiaye", gender="F"),
        PersonRef("SEN-0004", "Ibrahima Sarr", gender="M"),
    )
)


def aoc_answers(**overrides: Any) -> dict[str, Any]:
    """A complete AOC where everything passes; ``overrides`` (keys passed as **{...}) replace answers,
    and None removes one."""
    answers: dict[str, Any] = {"aoc.unit.drill": 85, "aoc.unit.armoury": "yes", "aoc.remarks.rating": "fail"}
    for i, pid in enumerate(IDS):
        answers[f"aoc.shoot.handling/{pid}"] = "pass"
        answers[f"aoc.shoot.pistol/{pid}"] = [80, 70, "n/a", 90][i]  # 70 = pass mark: passes
        answers[f"aoc.first_aid.test/{pid}"] = "pass"
    for key, value in overrides.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


def test_aoc_all_pass() -> None:
    results = compute(build(AOC, AOC_SCOPE), aoc_answers())
    assert missing(results) == []
    # the unscored remarks section (rating "fail") is not an outcome and does not affect the result
    assert [(o.section.code, o.passed) for o in results.outcomes] == [
        ("aoc.unit", True),
        ("aoc.shoot", True),
        ("aoc.first_aid", True),
    ]
    assert results.passed is True
    pistol = criterion(results, "aoc.shoot.pistol")
    # SEN-0003 answered n/a: 3 assessed, 3 passing
    assert (pistol.passed, pistol.assessed, pistol.passing) == (True, 3, 3)


@pytest.mark.parametrize(("drill", "passed"), [(69, False), (69.5, False), (70, True), (100, True), (0, False)])
def test_score_pass_mark(drill: float, passed: bool) -> None:
    results = compute(build(AOC, AOC_SCOPE), aoc_answers(**{"aoc.unit.drill": drill}))
    assert criterion(results, "aoc.unit.drill").passed is passed
    assert outcome(results, "aoc.unit") is passed
    assert results.passed is passed


def test_yes_no_expected() -> None:
    answers = aoc_answers(**{"aoc.unit.armoury": "no", "aoc.unit.defects": "Lock broken"})
    results = compute(build(AOC, AOC_SCOPE), answers)
    assert criterion(results, "aoc.unit.armoury").passed is False
    assert outcome(results, "aoc.unit") is False
    assert results.passed is False
    assert missing(results) == []


def test_expected_answer_no_makes_defects_required() -> None:
    results = compute(build(AOC, AOC_SCOPE), aoc_answers(**{"aoc.unit.armoury": "no"}))
    assert missing(results) == ["aoc.unit.defects"]


def test_section_pass_rate_override_and_template_pass_rate() -> None:
    # handling: 2 of 4 pass = 50 % >= section pass_rate 0.5 -> passes
    # first aid: 3 of 4 pass = 75 % < rules.pass_rate 0.9 -> fails
    answers = aoc_answers(
        **{
            "aoc.shoot.handling/SEN-0002": "fail",
            "aoc.shoot.handling/SEN-0004": "fail",
            "aoc.first_aid.test/SEN-0004": "fail",
        }
    )
    results = compute(build(AOC, AOC_SCOPE), answers)
    handling = criterion(results, "aoc.shoot.handling")
    assert (handling.passed, handling.assessed, handling.passing) == (True, 4, 2)
    first_aid = criterion(results, "aoc.first_aid.test")
    assert (first_aid.passed, first_aid.assessed, first_aid.passing) == (False, 4, 3)
    assert outcome(results, "aoc.shoot") is True
    assert outcome(results, "aoc.first_aid") is False
    assert results.passed is False


def test_section_pass_rate_just_below() -> None:
    # handling: 1 of 4 pass = 25 % < 0.5 -> fails
    answers = aoc_answers(**{f"aoc.shoot.handling/{pid}": "fail" for pid in IDS[1:]})
    results = compute(build(AOC, AOC_SCOPE), answers)
    assert criterion(results, "aoc.shoot.handling").passed is False
    assert outcome(results, "aoc.shoot") is False


def test_na_persons_are_left_out_of_the_rate() -> None:
    # pistol: SEN-0001 80 (pass), SEN-0002 n/a, SEN-0003 n/a, SEN-0004 50 (fail)
    # assessed 2, passing 1 -> 50 % >= 0.5 passes (counted as fails it would be 1/4 = 25 %)
    answers = aoc_answers(
        **{"aoc.shoot.pistol/SEN-0002": "n/a", "aoc.shoot.pistol/SEN-0004": 50}
    )
    results = compute(build(AOC, AOC_SCOPE), answers)
    pistol = criterion(results, "aoc.shoot.pistol")
    assert (pistol.passed, pistol.assessed, pistol.passing) == (True, 2, 1)


def test_nothing_answered_is_pending() -> None:
    results = compute(build(AOC, AOC_SCOPE), {})
    assert [o.passed for o in results.outcomes] == [None, None, None]
    assert results.passed is None
    assert all(p.certified is None and not p.assessed for p in results.persons)


def test_pending_single_item_keeps_the_section_open() -> None:
    # drill passes, armoury not answered yet
    results = compute(build(AOC, AOC_SCOPE), aoc_answers(**{"aoc.unit.armoury": None}))
    assert criterion(results, "aoc.unit.drill").passed is True
    assert criterion(results, "aoc.unit.armoury").passed is None
    assert outcome(results, "aoc.unit") is None
    assert results.passed is None


def test_any_fail_is_a_fail_even_while_pending() -> None:
    results = compute(build(AOC, AOC_SCOPE), {"aoc.unit.drill": 40})
    assert outcome(results, "aoc.unit") is False
    assert results.passed is False


def test_pending_person_that_could_change_the_outcome_keeps_it_open() -> None:
    # first aid: SEN-0001..3 pass, SEN-0004 not yet tested. 3/3 so far, but if SEN-0004 fails
    # the rate is 3/4 = 75 % < 90 % and the section fails; if he passes it is 4/4. Undecided.
    answers = aoc_answers(**{"aoc.first_aid.test/SEN-0004": None})
    results = compute(build(AOC, AOC_SCOPE), answers)
    assert missing(results) == ["aoc.first_aid.test/SEN-0004"]
    assert outcome(results, "aoc.first_aid") is None
    assert results.passed is None


def test_unscored_section_never_affects_the_outcome() -> None:
    for rating in ("pass", "fail"):
        results = compute(build(AOC, AOC_SCOPE), aoc_answers(**{"aoc.remarks.rating": rating}))
        assert results.passed is True
    # its required items must still be answered
    results = compute(build(AOC, AOC_SCOPE), aoc_answers(**{"aoc.remarks.rating": None}))
    assert missing(results) == ["aoc.remarks.rating"]
    assert results.passed is True


# single item with allow_na: "An n/a answer never fails."
AOC_NA = AOC.replace(
    "        label: {en: \"Secure armoury\", fr: \"Armurerie sécurisée\"}\n",
    "        label: {en: \"Secure armoury\", fr: \"Armurerie sécurisée\"}\n"
    "      - code: aoc.unit.vehicles\n"
    "        type: yes_no\n"
    "        expected: \"yes\"\n"
    "        allow_na: true\n"
    "        label: {en: \"Vehicles ready\", fr: \"Véhicules prêts\"}\n",
)


def test_na_on_a_single_item_does_not_leave_the_outcome_pending() -> None:
    # every answer given; the unit has no vehicles: n/a. Drill 85 and armoury yes pass -> the unit passes.
    answers = aoc_answers(**{"aoc.unit.vehicles": "n/a"})
    results = compute(build(AOC_NA, AOC_SCOPE), answers)
    assert missing(results) == []
    # the n/a item is left out of the criteria, or kept as a criterion that is not a fail
    assert all(c.passed is not False for c in criteria_of(results, "aoc.unit.vehicles"))
    assert outcome(results, "aoc.unit") is True
    assert results.passed is True


def test_na_for_everyone_does_not_leave_the_outcome_pending() -> None:
    # no officer carries a pistol: all four n/a; every other test passes -> the AOC passes
    answers = aoc_answers(**{f"aoc.shoot.pistol/{pid}": "n/a" for pid in IDS})
    results = compute(build(AOC, AOC_SCOPE), answers)
    assert missing(results) == []
    assert all(c.assessed == 0 for c in criteria_of(results, "aoc.shoot.pistol"))
    assert outcome(results, "aoc.shoot") is True
    assert results.passed is True


# --- persons -----------------------------------------------------------------------------------


def test_person_certification() -> None:
    # SEN-0001 passes everything                          -> certified
    # SEN-0002 pistol 65 < 70                              -> not certified
    # SEN-0003 pistol n/a, everything else passes          -> certified (n/a does not fail)
    # SEN-0004 first aid not answered yet, the rest passes -> pending (None)
    answers = aoc_answers(
        **{"aoc.shoot.pistol/SEN-0002": 65, "aoc.first_aid.test/SEN-0004": None}
    )
    results = compute(build(AOC, AOC_SCOPE), answers)
    assert [(p.id_number, p.assessed, p.certified) for p in results.persons] == [
        ("SEN-0001", True, True),
        ("SEN-0002", True, False),
        ("SEN-0003", True, True),
        ("SEN-0004", True, None),
    ]
    # the gender travels with each person (services count women from it)
    assert [(p.name, p.gender) for p in results.persons] == [
        ("Awa Diop", "F"),
        ("Moussa Fall", "M"),
        ("Fatou Ndiaye", "F"),
        ("Ibrahima Sarr", "M"),
    ]


def test_a_fail_decides_a_person_even_while_pending() -> None:
    results = compute(build(AOC, AOC_SCOPE), {"aoc.shoot.handling/SEN-0002": "fail"})
    assert person(results, "SEN-0002").certified is False
    assert person(results, "SEN-0002").assessed is True
    assert person(results, "SEN-0001").assessed is False
    assert person(results, "SEN-0001").certified is None


def test_no_persons_no_person_outcomes() -> None:
    results = compute(build(AOC, Scope()), {"aoc.unit.drill": 85, "aoc.unit.armoury": "yes"})
    assert results.persons == []
    # per-person items with no roster give no criteria; only the unit section is an outcome
    assert [o.section.code for o in results.outcomes] == ["aoc.unit"]
    assert results.passed is True


# --- AMS ---------------------------------------------------------------------------------------

AMS = """\
format: 1
id: ams-test
version: 1
kind: ams
title: {en: "AMS", fr: "Évaluation pour le service en mission"}
scales:
  pass_fail:
    - {code: pass, label: {en: "Pass", fr: "Réussi"}, passes: true}
    - {code: fail, label: {en: "Fail", fr: "Échec"}, passes: false}
sections:
  - code: ams.language
    title: {en: "Language", fr: "Langue"}
    items:
      - {code: ams.language.reading, type: choice, scale: pass_fail, per: person, label: {en: "Reading", fr: "Lecture"}}
      - {code: ams.language.oral, type: choice, scale: pass_fail, per: person, label: {en: "Oral", fr: "Oral"}}
  - code: ams.weapons
    title: {en: "Weapons", fr: "Armes"}
    items:
      - code: ams.weapons.shooting
        type: score
        per: person
        min: 0
        max: 100
        pass_mark: 70
        label: {en: "Shooting", fr: "Tir"}
      - {code: ams.weapons.notes, type: text, per: person, required: false, label: {en: "Notes", fr: "Notes"}}
"""

CANDIDATES = Scope(
    persons=(
        PersonRef("IPO-1", "Candidate One", gender="F"),
        PersonRef("IPO-2", "Candidate Two", gender="M"),
        PersonRef("IPO-3", "Candidate Three", gender="F"),
    )
)


def test_ams_cleared_only_when_every_test_passes() -> None:
    # IPO-1: pass, pass, 70       -> cleared (70 = pass mark)
    # IPO-2: pass, fail, 95       -> not cleared (oral)
    # IPO-3: pass, pass, not shot -> pending
    answers = {
        "ams.language.reading/IPO-1": "pass",
        "ams.language.oral/IPO-1": "pass",
        "ams.weapons.shooting/IPO-1": 70,
        "ams.language.reading/IPO-2": "pass",
        "ams.language.oral/IPO-2": "fail",
        "ams.weapons.shooting/IPO-2": 95,
        "ams.weapons.notes/IPO-2": "Good grouping",  # no pass criterion: ignored
        "ams.language.reading/IPO-3": "pass",
        "ams.language.oral/IPO-3": "pass",
    }
    results = compute(build(AMS, CANDIDATES), answers)
    assert [(p.id_number, p.certified) for p in results.persons] == [
        ("IPO-1", True),
        ("IPO-2", False),
        ("IPO-3", None),
    ]
    assert missing(results) == ["ams.weapons.shooting/IPO-3"]


def test_ams_shooting_below_pass_mark() -> None:
    answers = {
        "ams.language.reading/IPO-1": "pass",
        "ams.language.oral/IPO-1": "pass",
        "ams.weapons.shooting/IPO-1": 69,
    }
    results = compute(build(AMS, CANDIDATES), answers)
    assert person(results, "IPO-1").certified is False


def test_reimbursable_rule_from_template_rules() -> None:
    # line 1 wet: MOU 10, found 9, serviceable 8; line 2 dry: MOU 5, found 7, serviceable 3
    answers = {"me.count/1": {"found": 9, "serviceable": 8}, "me.count/2": {"found": 7, "serviceable": 3}}
    # default: serviceable up to the MOU -> 8 and 3
    results = compute(build(COE, COE_SCOPE), answers)
    assert [ln.reimbursable for ln in results.lines[:2]] == [8, 3]
    assert results.categories[0].reimbursable == 11
    # the template pays dry-leased lines on what is deployed: line 2 -> min(7, 5) = 5; line 1 unchanged
    dry = COE.replace("sections:\n", "rules: {reimbursement: {by_lease: {dry: deployed}}}\nsections:\n", 1)
    results = compute(build(dry, COE_SCOPE), answers)
    assert [ln.reimbursable for ln in results.lines[:2]] == [8, 5]
    assert results.categories[0].reimbursable == 13
    # everything on deployed: line 1 -> 9
    deployed = COE.replace("sections:\n", "rules: {reimbursement: {basis: deployed}}\nsections:\n", 1)
    assert [ln.reimbursable for ln in compute(build(deployed, COE_SCOPE), answers).lines[:2]] == [9, 5]


def test_reimbursement_rule_refuses_unknown_basis() -> None:
    bad = COE.replace("sections:\n", "rules: {reimbursement: {basis: found_twice}}\nsections:\n", 1)
    with pytest.raises(Exception, match="basis"):
        build(bad, COE_SCOPE)
