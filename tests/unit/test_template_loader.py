"""Template files: the shipped ones load; malformed ones are refused with file, line, path and problem."""

import textwrap
from pathlib import Path

import pytest

from inspector_app.domain.template_loader import load_template_file, parse_template
from inspector_app.domain.template_model import AnswerType, Per, TemplateKind
from inspector_app.errors import TemplateError, ValidationError

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"

HEAD = """\
format: 1
id: t
version: 1
kind: aoc
title: {en: "T", fr: "T"}
"""


def template(items: str, before_sections: str = "") -> str:
    """A one-section template around ``items`` (written at column 0, indented here)."""
    return (
        HEAD
        + textwrap.dedent(before_sections)
        + "sections:\n"
        + "  - code: s\n"
        + '    title: {en: "S", fr: "S"}\n'
        + "    items:\n"
        + textwrap.indent(textwrap.dedent(items), "      ")
    )


def lineno(text: str, needle: str) -> int:
    """1-based number of the only line of ``text`` that contains ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


def error(text: str, source: str = "my-template.yaml") -> str:
    with pytest.raises(TemplateError) as err:
        parse_template(text, source)
    return str(err.value)


# --- shipped templates -----------------------------------------------------------------------

# From the table in docs/templates.md: file, id, kind, sections, items.
SHIPPED = [
    ("coe-major-equipment.yaml", "coe-major-equipment", TemplateKind.COE_MAJOR_EQUIPMENT, 2, 10),
    ("coe-self-sustainment.yaml", "coe-self-sustainment", TemplateKind.COE_SELF_SUSTAINMENT, 19, 39),
    ("aoc-fpu.yaml", "aoc-fpu", TemplateKind.AOC, 12, 34),
    ("ams.yaml", "ams", TemplateKind.AMS, 4, 7),
    ("fpu-performance-quarterly.yaml", "fpu-performance-quarterly", TemplateKind.PERFORMANCE, 9, 19),
]


def test_every_shipped_template_is_listed() -> None:
    assert sorted(p.name for p in TEMPLATES.glob("*.yaml")) == sorted(s[0] for s in SHIPPED)


@pytest.mark.parametrize(("name", "id_", "kind", "sections", "items"), SHIPPED)
def test_shipped_template_loads(name: str, id_: str, kind: TemplateKind, sections: int, items: int) -> None:
    loaded = load_template_file(TEMPLATES / name)
    assert loaded.id == id_
    assert loaded.kind is kind
    assert loaded.version >= 1
    assert len(loaded.sections) == sections
    assert len(loaded.items()) == items
    for _, item in loaded.items():
        assert item.label.fr.strip() and item.label.en.strip()


def test_shipped_major_equipment_counts_per_mou_line() -> None:
    loaded = load_template_file(TEMPLATES / "coe-major-equipment.yaml")
    count = next(i for _, i in loaded.items() if i.code == "me.count")
    assert count.type is AnswerType.MOU_COUNT
    assert count.per is Per.MOU_LINE
    assert loaded.rules.serviceability_threshold == 0.90


def test_shipped_self_sustainment_sections_name_mou_categories() -> None:
    loaded = load_template_file(TEMPLATES / "coe-self-sustainment.yaml")
    categories = {s.mou_category for s in loaded.sections if s.mou_category}
    # the 17 category codes of docs/templates.md
    assert categories == {
        "catering", "communications", "office", "electrical", "minor_engineering", "eod",
        "laundry_cleaning", "tentage", "accommodation", "fire_fighting", "fire_detection", "medical", "observation",
        "identification", "nbc_protection", "field_defence_stores", "misc_general_stores",
    }  # fmt: skip
    assert [o.code for o in loaded.scales["compliance"]] == ["met", "partially_met", "not_met", "na"]


def test_a_minimal_template_loads() -> None:
    loaded = parse_template(template('- {code: s.a, type: text, label: {en: "A", fr: "A"}}\n'))
    assert loaded.rules.serviceability_threshold == 0.90  # defaults
    assert loaded.rules.pass_rate == 1.0
    (item,) = loaded.sections[0].items
    assert item.required is True and item.allow_na is False and item.per is None


# --- unreadable files ------------------------------------------------------------------------


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(TemplateError, match="nope.yaml: cannot read"):
        load_template_file(path)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(HEAD.replace("version: 1", "version: 0"), encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    assert str(err.value).startswith(f"{path}:3: version: ")


def test_template_error_is_a_validation_error() -> None:
    assert issubclass(TemplateError, ValidationError)


# --- YAML ------------------------------------------------------------------------------------


def test_bad_yaml_gives_the_line() -> None:
    text = 'format: 1\nid: t\nversion: 1\nkind: aoc: ams\ntitle: {en: "T", fr: "T"}\n'
    message = error(text)
    # line 4 holds "kind: aoc: ams"
    assert message.startswith("my-template.yaml:4: not valid YAML: ")
    assert "mapping values are not allowed" in message


def test_tab_indentation_is_bad_yaml_with_a_line() -> None:
    text = HEAD + "sections:\n\t- code: s\n"
    assert error(text).startswith("my-template.yaml:7: not valid YAML")


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just words\n"])
def test_not_a_mapping(text: str) -> None:
    assert error(text) == "my-template.yaml: a template must be a mapping of keys to values"


# --- field problems: file, line, path, problem -----------------------------------------------


def test_missing_french_label() -> None:
    text = template(
        """\
        - code: s.a
          type: yes_no
          label: {en: "Secure armoury"}
        """
    )
    line = lineno(text, "Secure armoury")
    assert error(text) == f"my-template.yaml:{line}: sections[0].items[0].label.fr: Field required"


def test_empty_french_label() -> None:
    text = template(
        """\
        - code: s.a
          type: yes_no
          label:
            en: "Secure armoury"
            fr: ""
        """
    )
    message = error(text)
    line = lineno(text, 'fr: ""')
    assert message.startswith(f"my-template.yaml:{line}: sections[0].items[0].label.fr: ")
    assert "at least 1 character" in message


def test_missing_french_section_title() -> None:
    text = HEAD + ('sections:\n  - code: s\n    title: {en: "S"}\n    items:\n'
                   '      - {code: s.a, type: text, label: {en: A, fr: A}}\n')
    assert error(text) == "my-template.yaml:8: sections[0].title.fr: Field required"


def test_unknown_answer_type() -> None:
    text = template(
        """\
        - code: s.a
          type: boolean
          label: {en: "A", fr: "A"}
        """
    )
    message = error(text)
    assert message.startswith(f"my-template.yaml:{lineno(text, 'boolean')}: sections[0].items[0].type: ")
    assert "'yes_no'" in message and "'mou_count'" in message


def test_unknown_key_is_an_error() -> None:
    text = template(
        """\
        - code: s.a
          type: text
          label: {en: "A", fr: "A"}
          requird: false
        """
    )
    line = lineno(text, "requird")
    assert error(text) == f"my-template.yaml:{line}: sections[0].items[0].requird: Extra inputs are not permitted"


def test_bad_code() -> None:
    text = template('- {code: S.Armoury, type: text, label: {en: "A", fr: "A"}}\n')
    message = error(text)
    assert message.startswith(f"my-template.yaml:{lineno(text, 'S.Armoury')}: sections[0].items[0].code: ")


def test_mou_count_without_per_mou_line() -> None:
    text = template(
        """\
        - code: s.a
          type: yes_no
          label: {en: "A", fr: "A"}
        - code: me.count
          type: mou_count
          label: {en: "Count", fr: "Compte"}
        """
    )
    line = lineno(text, "code: me.count")  # the item itself
    assert error(text) == (
        f"my-template.yaml:{line}: sections[0].items[1]: a mou_count item must have 'per: mou_line'"
    )


def test_mou_count_per_person_refused() -> None:
    text = template('- {code: me.count, type: mou_count, per: person, label: {en: "C", fr: "C"}}\n')
    assert "a mou_count item must have 'per: mou_line'" in error(text)


SCALES = """\
scales:
  pass_fail:
    - {code: pass, label: {en: "Pass", fr: "Réussi"}, passes: true}
    - {code: fail, label: {en: "Fail", fr: "Échec"}, passes: false}
"""


def test_choice_with_both_options_and_scale() -> None:
    text = template(
        """\
        - code: s.a
          type: choice
          scale: pass_fail
          options:
            - {code: ok, label: {en: "OK", fr: "OK"}}
          label: {en: "A", fr: "A"}
        """,
        SCALES,
    )
    line = lineno(text, "code: s.a")
    assert error(text) == (
        f"my-template.yaml:{line}: sections[0].items[0]: "
        "a choice item needs either 'options' or 'scale', not both"
    )


def test_choice_with_neither_options_nor_scale() -> None:
    text = template('- {code: s.a, type: choice, label: {en: "A", fr: "A"}}\n')
    assert "a choice item needs either 'options' or 'scale'" in error(text)


def test_unknown_scale_is_reported_at_top_level_with_the_item_code() -> None:
    text = template('- {code: aoc.first_aid.test, type: choice, scale: passfail, label: {en: "A", fr: "A"}}\n', SCALES)
    assert error(text) == (
        "my-template.yaml:1: (top level): item 'aoc.first_aid.test' names unknown scale 'passfail'"
    )


def test_duplicate_item_codes_across_sections() -> None:
    text = template('- {code: s.a, type: text, label: {en: "A", fr: "A"}}\n') + (
        "  - code: u\n"
        '    title: {en: "U", fr: "U"}\n'
        "    items:\n"
        '      - {code: s.a, type: yes_no, label: {en: "A again", fr: "A encore"}}\n'
    )
    assert error(text) == "my-template.yaml:1: (top level): item code 's.a' is used twice"


def test_duplicate_section_codes() -> None:
    text = template('- {code: s.a, type: text, label: {en: "A", fr: "A"}}\n') + (
        '  - code: s\n    title: {en: "S", fr: "S"}\n    items:\n'
        '      - {code: s.b, type: text, label: {en: "B", fr: "B"}}\n'
    )
    message = error(text)
    assert "(top level)" in message and "section code used twice: s" in message


def test_duplicate_option_codes() -> None:
    text = template(
        """\
        - code: s.a
          type: choice
          label: {en: "A", fr: "A"}
          options:
            - {code: ok, label: {en: "OK", fr: "OK"}}
            - {code: ok, label: {en: "Fine", fr: "Bien"}}
        """
    )
    assert "option code used twice: ok" in error(text)


def test_when_naming_a_later_item() -> None:
    text = template(
        """\
        - code: s.defects
          type: text
          when: {item: s.armoury, in: ["no"]}
          label: {en: "Defects", fr: "Défauts"}
        - code: s.armoury
          type: yes_no
          label: {en: "Armoury", fr: "Armurerie"}
        """
    )
    message = error(text)
    assert message.startswith("my-template.yaml:1: (top level): ")
    assert "item 's.defects' depends on 's.armoury', which is not an earlier item" in message


def test_when_naming_an_unknown_item() -> None:
    text = template('- {code: s.b, type: text, when: {item: s.zz, in: ["no"]}, label: {en: "B", fr: "B"}}\n')
    assert "'s.b' depends on 's.zz', which is not an earlier item" in error(text)


def test_when_naming_a_repeated_item() -> None:
    text = template(
        """\
        - {code: s.pistol, type: yes_no, per: person, label: {en: "P", fr: "P"}}
        - {code: s.b, type: text, when: {item: s.pistol, in: ["no"]}, label: {en: "B", fr: "B"}}
        """
    )
    message = error(text)
    assert "(top level)" in message
    assert "'s.b' depends on 's.pistol', which repeats per person" in message


def test_lease_condition_needs_per_mou_line() -> None:
    text = template('- {code: s.spares, type: yes_no, when: {lease: wet}, label: {en: "S", fr: "P"}}\n')
    assert "a 'lease' condition needs 'per: mou_line'" in error(text)


@pytest.mark.parametrize("pass_mark", ["101", "-1", "100.5"])
def test_pass_mark_outside_min_max(pass_mark: str) -> None:
    text = template(
        f"""\
        - code: s.drill
          type: score
          min: 0
          max: 100
          pass_mark: {pass_mark}
          label: {{en: "Drill", fr: "Exercice"}}
        """
    )
    line = lineno(text, "code: s.drill")
    assert error(text) == f"my-template.yaml:{line}: sections[0].items[0]: 'pass_mark' lies outside 'min'..'max'"


@pytest.mark.parametrize("pass_mark", ["0", "100", "70"])
def test_pass_mark_at_bounds_is_accepted(pass_mark: str) -> None:
    text = template(
        f'- {{code: s.drill, type: score, min: 0, max: 100, pass_mark: {pass_mark}, label: {{en: "D", fr: "E"}}}}\n'
    )
    assert parse_template(text).sections[0].items[0].pass_mark == float(pass_mark)


def test_score_needs_min_and_max() -> None:
    text = template('- {code: s.drill, type: score, max: 100, label: {en: "D", fr: "E"}}\n')
    assert "a score item needs 'min' and 'max'" in error(text)


def test_min_above_max() -> None:
    text = template('- {code: s.n, type: number, min: 5, max: 1, label: {en: "N", fr: "N"}}\n')
    assert "'min' is greater than 'max'" in error(text)


def test_expected_not_yes_or_no() -> None:
    text = template('- {code: s.a, type: yes_no, expected: maybe, label: {en: "A", fr: "A"}}\n')
    assert error(text) == (
        f"my-template.yaml:{lineno(text, 'maybe')}: sections[0].items[0].expected: Input should be 'yes' or 'no'"
    )


def test_expected_on_a_non_yes_no_item() -> None:
    text = template('- {code: s.a, type: text, expected: "yes", label: {en: "A", fr: "A"}}\n')
    assert "'expected' belongs to yes_no items only" in error(text)


@pytest.mark.parametrize(("key", "value"), [("serviceability_threshold", "0"), ("pass_rate", "1.5")])
def test_rules_out_of_range(key: str, value: str) -> None:
    text = template('- {code: s.a, type: text, label: {en: "A", fr: "A"}}\n', f"rules:\n  {key}: {value}\n")
    assert error(text).startswith(f"my-template.yaml:{lineno(text, key)}: rules.{key}: ")


def test_wrong_format_version() -> None:
    text = template('- {code: s.a, type: text, label: {en: "A", fr: "A"}}\n').replace("format: 1", "format: 2")
    assert error(text).startswith("my-template.yaml:1: format: ")


def test_several_problems_show_the_first_and_a_count() -> None:
    text = template(
        """\
        - {code: s.a, type: text, label: {en: "A"}}
        - {code: s.b, type: text, label: {en: "B"}}
        - {code: s.c, type: text, label: {en: "C"}}
        """
    )
    message = error(text)
    assert message.startswith(f"my-template.yaml:{lineno(text, 's.a')}: sections[0].items[0].label.fr: ")
    assert message.endswith("(and 2 more problems)")


def test_two_problems_say_one_more_problem() -> None:
    text = template(
        """\
        - {code: s.a, type: text, label: {en: "A"}}
        - {code: s.b, type: text, label: {en: "B"}}
        """
    )
    assert error(text).endswith("(and 1 more problem)")


def test_source_defaults_to_a_placeholder() -> None:
    with pytest.raises(TemplateError, match=r"^<template>:"):
        parse_template("format: 1\n")


# --- YAML's yes/no -------------------------------------------------------------------------


def test_unquoted_yes_no_mean_the_words() -> None:
    text = template(
        """\
        - code: s.armoury
          type: yes_no
          expected: yes
          label: {en: "Armoury", fr: "Armurerie"}
        - code: s.defects
          type: text
          when: {item: s.armoury, in: [no]}
          label: {en: "Defects", fr: "Défauts"}
        - code: s.reported
          type: yes_no
          expected: no
          label: {en: "Incident", fr: "Incident"}
        - code: s.agree
          type: choice
          options:
            - {code: yes, label: {en: "Yes", fr: "Oui"}, passes: true}
            - {code: no, label: {en: "No", fr: "Non"}, passes: false}
          label: {en: "Agree", fr: "D'accord"}
        """
    )
    armoury, defects, reported, agree = parse_template(text).sections[0].items
    assert armoury.expected == "yes"
    assert defects.when is not None and defects.when.in_ == ["no"]
    assert reported.expected == "no"
    assert [o.code for o in agree.options or []] == ["yes", "no"]


def test_unquoted_yes_no_option_codes_in_a_scale() -> None:
    text = template(
        '- {code: s.a, type: choice, scale: yn, label: {en: "A", fr: "A"}}\n',
        'scales:\n  yn:\n    - {code: yes, label: {en: "Y", fr: "O"}}\n    - {code: no, label: {en: "N", fr: "N"}}\n',
    )
    assert [o.code for o in parse_template(text).scales["yn"]] == ["yes", "no"]


def test_quoted_yes_no_still_work() -> None:
    text = template(
        """\
        - {code: s.a, type: yes_no, expected: "no", label: {en: "A", fr: "A"}}
        - {code: s.b, type: text, when: {item: s.a, in: ["yes", "no"]}, label: {en: "B", fr: "B"}}
        """
    )
    a, b = parse_template(text).sections[0].items
    assert a.expected == "no"
    assert b.when is not None and b.when.in_ == ["yes", "no"]
