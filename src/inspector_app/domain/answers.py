"""Answer values: parse the text forms of docs/templates.md and check values against their item.

Stored values are JSON: ``"yes"``/``"no"``, numbers, ``{"found": 8, "serviceable": 7}``,
option codes, text, ISO dates, lists of attachment ids (photo), and ``"n/a"`` where allowed.
Every refusal names the item, the value given and what the item accepts. Text (a typed answer, a text
answer, a remark) obeys ``text_problem``: the one rule for entry here and for HQ's import of a bundle.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from inspector_app.domain.template_model import AnswerType, Item, Option
from inspector_app.errors import ValidationError

NA = "n/a"
MAX_TEXT = 2000  # characters of a typed answer or a text answer
MAX_REMARK = 4000  # characters of a remark
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}[.,]\d{3}$")
_COUNT = re.compile(r"^\s*found\s*=\s*(\d+)\s+serviceable\s*=\s*(\d+)\s*$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab, line feed, carriage return
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # what Python makes of bytes that are not UTF-8
_SHOWN = 60  # characters of a refused value quoted back


class _Refused(Exception):
    """Why a value is refused; the public functions add the item and what it accepts."""


def text_problem(text: str, limit: int) -> str:
    """Why ``text`` cannot be stored and sent to HQ (invalid UTF-8, a control character, too long), or ""."""
    if _SURROGATE.search(text):
        return "is not valid text (it holds bytes that are not UTF-8: check the keyboard or terminal encoding)"
    bad = _CONTROL.search(text)
    if bad:
        return f"holds the control character U+{ord(bad[0]):04X}, which is not accepted"
    if len(text) > limit:
        return f"is {len(text)} characters long, more than the {limit} accepted"
    return ""


def check_remark(key: str, remark: str) -> str:
    """``remark`` stripped, or a ValidationError that names the item, the remark and what is accepted."""
    problem = text_problem(remark, MAX_REMARK)
    if problem:
        raise ValidationError(f"{key}: the remark {shown(remark)} {problem}; write text of up to {MAX_REMARK} "
                              "characters (tabs and line breaks allowed)")
    return remark.strip()


def shown(value: Any) -> str:
    """``value`` quoted for a message, shortened when long (control characters and bad bytes escaped)."""
    text = repr(value)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}…"


def accepts(item: Item, options: list[Option]) -> str:
    """What ``item`` accepts, as an instruction: "answer yes or no", "give a number from 0 to 100", …"""
    match item.type:
        case AnswerType.YES_NO:
            what = "answer yes or no"
        case AnswerType.NUMBER | AnswerType.SCORE:
            what = f"give {'a whole number' if item.integer else 'a number'}{_range(item)}"
        case AnswerType.MOU_COUNT:
            what = "write the count as 'found=8 serviceable=7' (whole numbers, serviceable no more than found)"
        case AnswerType.CHOICE:
            what = f"choose one of {', '.join(o.code for o in options)}"
        case AnswerType.TEXT:
            what = f"write text of 1 to {MAX_TEXT} characters (tabs and line breaks allowed)"
        case AnswerType.DATE:
            what = "write the date as YYYY-MM-DD"
        case AnswerType.PHOTO:
            what = "attach a photo to it"
        case _:
            what = "sign at sign-off"
    return f"{what}, or n/a" if item.allow_na and item.type is not AnswerType.CHOICE else what


def parse_value(item: Item, text: str, options: list[Option]) -> Any:
    """The value that ``text`` (as typed on the command line) gives ``item``."""
    try:
        return _parse(item, text, options)
    except _Refused as refused:
        raise ValidationError(f"{item.code}: {refused}; {accepts(item, options)}") from None


def check_value(item: Item, value: Any, options: list[Option]) -> Any:
    """``value`` normalised, or a ValidationError that says what is wrong with it and what is accepted."""
    try:
        return _check(item, value, options)
    except _Refused as refused:
        raise ValidationError(f"{item.code}: {refused}; {accepts(item, options)}") from None


def _parse(item: Item, text: str, options: list[Option]) -> Any:
    problem = text_problem(text, MAX_TEXT)
    if problem:
        raise _Refused(f"{shown(text)} {problem}")
    raw = text.strip()
    if item.type is AnswerType.CHOICE:
        codes = {o.code for o in options}
        if raw in codes:
            return raw
        if raw.lower() in (NA, "na") and "na" in codes:
            return "na"  # a scale's own "not applicable" choice
    if raw.lower() in (NA, "na"):
        return _check(item, NA, options)
    match item.type:
        case AnswerType.YES_NO:
            return _check(item, raw.lower(), options)
        case AnswerType.NUMBER | AnswerType.SCORE:
            if not _NUMBER.match(raw):
                raise _Refused(f"{shown(text)} is not a number")
            if _THOUSANDS.match(raw):  # 1,000 is a thousand in English and one in French: never guess
                raise _Refused(f"{shown(text)} is ambiguous; write it without a thousands separator (1000), "
                               "or with fewer decimals (1,5)")
            number: float = float(raw.replace(",", "."))
            return _check(item, int(number) if number.is_integer() else number, options)
        case AnswerType.MOU_COUNT:
            m = _COUNT.match(raw)
            if not m:
                raise _Refused(f"{shown(text)} is not a count")
            return _check(item, {"found": int(m[1]), "serviceable": int(m[2])}, options)
        case AnswerType.PHOTO | AnswerType.SIGNATURE:
            raise _Refused(f"{shown(text)} cannot be typed in: a {item.type.value} is not text")
        case _:
            return _check(item, raw, options)


def _check(item: Item, value: Any, options: list[Option]) -> Any:
    if value == NA:
        if not item.allow_na:
            raise _Refused("'n/a' is not allowed for this item")
        return NA
    match item.type:
        case AnswerType.YES_NO:
            if value not in ("yes", "no"):
                raise _Refused(f"{shown(value)} is not yes or no")
            return value
        case AnswerType.NUMBER | AnswerType.SCORE:
            return _check_number(item, value)
        case AnswerType.MOU_COUNT:
            return _check_count(value)
        case AnswerType.CHOICE:
            if value not in [o.code for o in options]:
                raise _Refused(f"{shown(value)} is not an option")
            return value
        case AnswerType.TEXT:
            return _check_text(value)
        case AnswerType.DATE:
            try:
                return date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise _Refused(f"{shown(value)} is not a date") from None
        case AnswerType.PHOTO:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise _Refused(f"{shown(value)} is not a list of attachments")
            return value
        case AnswerType.SIGNATURE:
            if not (isinstance(value, dict) and value.get("signer")):
                raise _Refused(f"{shown(value)} lacks the signer's name")
            return value
    raise _Refused(f"unknown answer type {item.type}")  # pragma: no cover


def _check_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Refused(f"the text {shown(value)} is empty" if isinstance(value, str) else f"{shown(value)} is not text")
    problem = text_problem(value.strip(), MAX_TEXT)
    if problem:
        raise _Refused(f"the text {shown(value)} {problem}")
    return value.strip()


def _check_number(item: Item, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Refused(f"{shown(value)} is not a number")
    if item.integer and not float(value).is_integer():
        raise _Refused(f"{value} is not a whole number")
    if item.min is not None and value < item.min:
        raise _Refused(f"{value} is below the minimum {item.min:g}")
    if item.max is not None and value > item.max:
        raise _Refused(f"{value} is above the maximum {item.max:g}")
    return int(value) if float(value).is_integer() else value


def _check_count(value: Any) -> dict[str, int]:
    if not isinstance(value, dict) or set(value) != {"found", "serviceable"}:
        raise _Refused(f"{shown(value)} is not a count: a count needs 'found' and 'serviceable'")
    found, serviceable = value["found"], value["serviceable"]
    for name, n in (("found", found), ("serviceable", serviceable)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise _Refused(f"{name} must be a whole number of 0 or more, not {shown(n)}")
    if serviceable > found:
        raise _Refused(f"serviceable ({serviceable}) cannot exceed found ({found})")
    return {"found": found, "serviceable": serviceable}


def _range(item: Item) -> str:
    if item.min is not None and item.max is not None:
        return f" from {item.min:g} to {item.max:g}"
    if item.min is not None:
        return f" of at least {item.min:g}"
    return f" of at most {item.max:g}" if item.max is not None else ""


def display(value: Any) -> str:
    """A short human form of a stored value."""
    if value is None:
        return ""
    if isinstance(value, dict) and "found" in value:
        return f"found={value['found']} serviceable={value['serviceable']}"
    if isinstance(value, list):
        return f"{len(value)} attachment{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict) and "signer" in value:
        return f"signed by {value['signer']}"
    return str(value)
