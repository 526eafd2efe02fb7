"""Answer values: parsing typed input and checking stored values against their item."""

import re
from typing import Any

import pytest

from inspector_app.domain.answers import (
    MAX_REMARK,
    MAX_TEXT,
    NA,
    check_remark,
    check_value,
    display,
    parse_value,
    text_problem,
)
from inspector_app.domain.template_model import Item, Option
from inspector_app.errors import ValidationError

LABEL = {"en": "Question", "fr": "Question"}


def item(type_: str, code: str = "t.item", **fields: Any) -> Item:
    return Item.model_validate({"code": code, "type": type_, "label": LABEL, **fields})


def option(code: str, **fields: Any) -> Option:
    return Option.model_validate({"code": code, "label": {"en": code, "fr": code}, **fields})


COMPLIANCE = [
    option("met", score=1),
    option("partially_met", score=0.5),
    option("not_met", score=0),
    option("na"),  # the shipped compliance scale's "not applicable" option
]
PASS_FAIL = [option("pass", passes=True), option("fail", passes=False)]


def refused(it: Item, text: str, options: list[Option] | None = None) -> str:
    """The message of the error that parsing ``text`` raises; it always names the item code."""
    with pytest.raises(ValidationError) as err:
        parse_value(it, text, options or [])
    message = str(err.value)
    assert it.code in message
    return message


# --- yes / no ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"), [("yes", "yes"), ("no", "no"), ("YES", "yes"), (" No ", "no")]
)
def test_yes_no(text: str, value: str) -> None:
    assert parse_value(item("yes_no", "me.safe"), text, []) == value


@pytest.mark.parametrize("text", ["oui", "y", "true", "1", ""])
def test_yes_no_refuses_other_words(text: str) -> None:
    message = refused(item("yes_no", "me.safe"), text)
    assert "yes or no" in message


@pytest.mark.parametrize("text", ["n/a", "N/A", "na"])
def test_na_only_with_allow_na(text: str) -> None:
    assert parse_value(item("yes_no", "me.markings", allow_na=True), text, []) == NA
    message = refused(item("yes_no", "me.safe"), text)
    assert "n/a" in message and "not allowed" in message


@pytest.mark.parametrize("type_", ["number", "text", "date", "mou_count"])
def test_na_with_allow_na_for_other_types(type_: str) -> None:
    fields: dict[str, Any] = {"allow_na": True}
    if type_ == "mou_count":
        fields["per"] = "mou_line"
    assert parse_value(item(type_, **fields), "n/a", []) == "n/a"


def test_check_value_yes_no() -> None:
    it = item("yes_no", "me.safe")
    assert check_value(it, "no", []) == "no"
    with pytest.raises(ValidationError, match="me.safe"):
        check_value(it, True, [])
    with pytest.raises(ValidationError, match="not allowed"):
        check_value(it, NA, [])


# --- numbers and scores -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("3.5", 3.5),
        ("3,5", 3.5),  # decimal comma (francophone keyboards)
        (" 0,25 ", 0.25),
        ("-4", -4),
        ("7.0", 7),  # a whole number is stored as a whole number
    ],
)
def test_number(text: str, value: float) -> None:
    result = parse_value(item("number", "me.km"), text, [])
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("text", ["twelve", "", "12 km", "1.2.3", "nan", "inf", "-inf"])
def test_number_refuses_non_numbers(text: str) -> None:
    assert "not a number" in refused(item("number", "me.km"), text)


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("100", 100), ("55,5", 55.5)])
def test_number_bounds_are_inclusive(text: str, value: float) -> None:
    assert parse_value(item("number", "me.km", min=0, max=100), text, []) == value


def test_number_below_min_and_above_max() -> None:
    bounded = item("number", "me.km", min=0, max=100)
    assert "below the minimum 0" in refused(bounded, "-1")
    assert "above the maximum 100" in refused(bounded, "100,5")
    assert "above the maximum 100" in refused(bounded, "101")


@pytest.mark.parametrize(("text", "value"), [("4", 4), ("4.0", 4), ("4,0", 4)])
def test_integer_accepts_whole_numbers(text: str, value: int) -> None:
    assert parse_value(item("number", "me.tyres", integer=True), text, []) == value


@pytest.mark.parametrize("text", ["3.5", "3,5", "0.1"])
def test_integer_refuses_fractions(text: str) -> None:
    assert "not a whole number" in refused(item("number", "me.tyres", integer=True), text)


def test_score() -> None:
    score = item("score", "aoc.pistol", min=0, max=100, pass_mark=70)
    assert parse_value(score, "78", []) == 78
    assert parse_value(score, "78,5", []) == 78.5
    assert "above the maximum 100" in refused(score, "120")
    assert "below the minimum 0" in refused(score, "-5")
    assert "'n/a' is not allowed" in refused(score, "n/a")


@pytest.mark.parametrize("value", [True, "12", None, float("nan"), float("inf"), [1]])
def test_check_value_number_refuses_non_numbers(value: Any) -> None:
    with pytest.raises(ValidationError, match="me.km"):
        check_value(item("number", "me.km"), value, [])


def test_check_value_number_normalises_whole_floats() -> None:
    assert check_value(item("number", "me.km"), 12.0, []) == 12
    assert isinstance(check_value(item("number", "me.km"), 12.0, []), int)


# --- MOU counts ------------------------------------------------------------------------------


def count_item() -> Item:
    return item("mou_count", "me.count", per="mou_line")


@pytest.mark.parametrize(
    ("text", "found", "serviceable"),
    [
        ("found=8 serviceable=7", 8, 7),
        ("found=8 serviceable=8", 8, 8),
        ("found=0 serviceable=0", 0, 0),
        ("found=12 serviceable=0", 12, 0),
        ("  Found = 8   Serviceable = 7 ", 8, 7),
    ],
)
def test_mou_count(text: str, found: int, serviceable: int) -> None:
    assert parse_value(count_item(), text, []) == {"found": found, "serviceable": serviceable}


def test_mou_count_serviceable_above_found_is_refused() -> None:
    message = refused(count_item(), "found=8 serviceable=9")
    assert "serviceable (9) cannot exceed found (8)" in message


@pytest.mark.parametrize(
    "text",
    [
        "8 7",
        "8/7",
        "found=8",
        "serviceable=7",
        "found=8, serviceable=7",
        "found=8.5 serviceable=7",
        "found=-1 serviceable=0",  # negative
        "found=8 serviceable=-1",
        "found=eight serviceable=7",
        "",
    ],
)
def test_mou_count_bad_form_shows_the_right_form(text: str) -> None:
    message = refused(count_item(), text)
    assert "found=8 serviceable=7" in message
    if text:
        assert text in message  # it echoes what was typed


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"found": -1, "serviceable": 0}, "found must be a whole number of 0 or more"),
        ({"found": 3, "serviceable": -1}, "serviceable must be a whole number of 0 or more"),
        ({"found": 3.5, "serviceable": 1}, "found must be a whole number"),
        ({"found": True, "serviceable": 1}, "found must be a whole number"),
        ({"found": 3, "serviceable": 4}, "cannot exceed found"),
        ({"found": 3}, "needs 'found' and 'serviceable'"),
        ({"found": 3, "serviceable": 1, "extra": 0}, "needs 'found' and 'serviceable'"),
        ("found=3 serviceable=1", "needs 'found' and 'serviceable'"),
    ],
)
def test_check_value_mou_count(value: Any, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_value(count_item(), value, [])
    assert "me.count" in str(err.value)
    assert words in str(err.value)


def test_check_value_mou_count_accepts_stored_counts() -> None:
    assert check_value(count_item(), {"found": 3, "serviceable": 3}, []) == {"found": 3, "serviceable": 3}


# --- choices ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["met", "partially_met", "not_met"])
def test_choice_codes(code: str) -> None:
    assert parse_value(item("choice", "ss.kitchen", scale="compliance"), code, COMPLIANCE) == code


def test_choice_na_option_code_of_the_compliance_scale() -> None:
    # The shipped compliance scale has an option whose code is 'na' ("Not applicable"); its items have
    # no allow_na. docs/templates.md: a choice is answered with the option code, e.g. `met`.
    it = item("choice", "ss.catering.kitchen", scale="compliance")
    assert parse_value(it, "na", COMPLIANCE) == "na"
    # typing n/a selects that option too: it is stored as the option code, which compliance scores
    assert parse_value(it, "n/a", COMPLIANCE) == "na"
    assert parse_value(it, "N/A", COMPLIANCE) == "na"


def test_choice_unknown_code_lists_the_choices() -> None:
    message = refused(item("choice", "ss.kitchen", scale="compliance"), "good", COMPLIANCE)
    assert "met, partially_met, not_met, na" in message
    assert "'good'" in message


def test_choice_pass_fail_with_allow_na() -> None:
    it = item("choice", "aoc.driving.test", scale="pass_fail", allow_na=True)
    assert parse_value(it, "pass", PASS_FAIL) == "pass"
    assert parse_value(it, "fail", PASS_FAIL) == "fail"
    assert parse_value(it, "n/a", PASS_FAIL) == NA
    assert "choose one of pass, fail" in refused(it, "passed", PASS_FAIL)


def test_choice_from_own_options() -> None:
    options = [option("a"), option("b")]
    it = item("choice", "x.pick", options=[o.model_dump() for o in options])
    assert parse_value(it, "b", options) == "b"
    refused(it, "c", options)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("2026-11-25", "2026-11-25"), (" 2024-02-29 ", "2024-02-29")])
def test_date(text: str, value: str) -> None:
    assert parse_value(item("date", "x.when"), text, []) == value


@pytest.mark.parametrize("text", ["25/11/2026", "2026-02-30", "2026-13-01", "2025-02-29", "tomorrow", ""])
def test_date_refused(text: str) -> None:
    assert "YYYY-MM-DD" in refused(item("date", "x.when"), text)


# --- text ------------------------------------------------------------------------------------


def test_text_is_stripped() -> None:
    it = item("text", "me.general.remarks")
    assert parse_value(it, "  Generator 3 leaks oil \n", []) == "Generator 3 leaks oil"


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_refused(text: str) -> None:
    assert "empty" in refused(item("text", "me.general.remarks"), text)


# --- photos and signatures -------------------------------------------------------------------


def test_photo_is_not_typed_in() -> None:
    assert "attach" in refused(item("photo", "me.general.defect_photos"), "rust.jpg")


def test_signature_is_not_typed_in() -> None:
    assert "sign-off" in refused(item("signature", "sig.commander"), "Col. Diallo")


def test_check_value_photo_and_signature() -> None:
    photo = item("photo", "me.photos")
    assert check_value(photo, ["a1", "b2"], []) == ["a1", "b2"]
    with pytest.raises(ValidationError, match="me.photos"):
        check_value(photo, "rust.jpg", [])
    with pytest.raises(ValidationError, match="me.photos"):
        check_value(photo, [1, 2], [])
    signature = item("signature", "sig.commander")
    assert check_value(signature, {"signer": "Col. Diallo"}, []) == {"signer": "Col. Diallo"}
    with pytest.raises(ValidationError, match="signer"):
        check_value(signature, {"signer": ""}, [])


# --- display ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ({"found": 8, "serviceable": 7}, "found=8 serviceable=7"),
        (["a"], "1 attachment"),
        (["a", "b"], "2 attachments"),
        ({"signer": "Col. Diallo"}, "signed by Col. Diallo"),
        ("yes", "yes"),
        (78, "78"),
    ],
)
def test_display(value: Any, text: str) -> None:
    assert display(value) == text


# --- what HQ would refuse, refused on entry ----------------------------------------------------


@pytest.mark.parametrize(("text", "char"), [("oil\x00leak", "U+0000"), ("esc\x1b[31m", "U+001B"),
                                            ("del\x7f", "U+007F"), ("next\x85line", "U+0085")])
def test_control_characters_are_refused_in_text_and_remarks(text: str, char: str) -> None:
    message = refused(item("text", "me.general.remarks"), text)
    assert f"control character {char}" in message and repr(text)[:10] in message
    assert "tabs and line breaks allowed" in message
    with pytest.raises(ValidationError, match=rf"me.count/3: the remark .*control character {re.escape(char)}"):
        check_remark("me.count/3", text)


def test_tabs_and_line_breaks_are_text() -> None:
    assert parse_value(item("text", "me.general.remarks"), "a\tb\r\nc", []) == "a\tb\r\nc"
    assert check_remark("me.count/3", " two\ttrucks\nin workshop ") == "two\ttrucks\nin workshop"
    assert text_problem("two\ttrucks\nin workshop", MAX_REMARK) == ""


@pytest.mark.parametrize("type_", ["text", "yes_no", "number", "date"])
def test_bytes_that_are_not_utf8_are_named_as_such(type_: str) -> None:
    text = "caf\udce9"  # b"caf\xe9" (Latin-1) as Python decodes a command-line argument
    message = refused(item(type_, "me.general.remarks"), text)
    assert "not valid text" in message and "'caf\\udce9'" in message
    with pytest.raises(ValidationError, match="remark 'caf\\\\udce9' is not valid text"):
        check_remark("me.count/3", text)


def test_length_limits_of_text_and_remarks() -> None:
    it = item("text", "me.general.remarks")
    assert parse_value(it, "x" * MAX_TEXT, []) == "x" * MAX_TEXT
    message = refused(it, "x" * (MAX_TEXT + 1))
    assert f"{MAX_TEXT + 1} characters long, more than the {MAX_TEXT} accepted" in message
    assert len(message) < 300  # the long value is quoted shortened
    assert check_remark("k", "y" * MAX_REMARK) == "y" * MAX_REMARK
    with pytest.raises(ValidationError, match=f"more than the {MAX_REMARK} accepted; write text of up to"):
        check_remark("k", "y" * (MAX_REMARK + 1))
    with pytest.raises(ValidationError, match="more than the"):
        check_value(it, "x" * (MAX_TEXT + 1), [])  # HQ's check of a bundled answer: the same rule


@pytest.mark.parametrize(
    ("it", "text", "options", "accepted"),
    [
        (item("yes_no", "me.safe", allow_na=True), "oui", [], "answer yes or no, or n/a"),
        (item("number", "me.km", min=0, max=100), "lots", [], "give a number from 0 to 100"),
        (item("number", "me.tyres", integer=True, min=0), "2.5", [], "give a whole number of at least 0"),
        (item("number", "s.mark", max=100), "120", [], "give a number of at most 100"),
        (item("choice", "aoc.drill", scale="pass_fail"), "passed", PASS_FAIL, "choose one of pass, fail"),
        (item("date", "x.when"), "tomorrow", [], "write the date as YYYY-MM-DD"),
        (item("text", "me.general.remarks"), "  ", [],
         "write text of 1 to 2000 characters (tabs and line breaks allowed)"),
        (item("photo", "me.general.defect_photos"), "rust.jpg", [], "attach a photo to it"),
        (item("yes_no", "me.safe"), "n/a", [], "'n/a' is not allowed for this item; answer yes or no"),
    ],
)
def test_every_refusal_names_the_item_the_value_and_what_is_accepted(
    it: Item, text: str, options: list[Option], accepted: str
) -> None:
    message = refused(it, text, options)
    assert text.strip() in message and message.endswith(accepted)
