"""Answer values: parse the text forms of docs/templates.md and check values against their item.

Stored values are JSON: ``"yes"``/``"no"``, numbers, ``{"found": 8, "serviceable": 7}``,
option codes, text, ISO dates, lists of attachment ids (photo), and ``"n/a"`` where allowed.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from inspector_app.domain.template_model import AnswerType, Item, Option
from inspector_app.errors import ValidationError

NA = "n/a"
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}[.,]\d{3}$")
_COUNT = re.compile(r"^\s*found\s*=\s*(\d+)\s+serviceable\s*=\s*(\d+)\s*$", re.IGNORECASE)


def parse_value(item: Item, text: str, options: list[Option]) -> Any:
    """The value that ``text`` (as typed on the command line) gives ``item``."""
    raw = text.strip()
    if item.type is AnswerType.CHOICE:
        codes = {o.code for o in options}
        if raw in codes:
            return raw
        if raw.lower() in (NA, "na") and "na" in codes:
            return "na"  # a scale's own "not applicable" choice
    if raw.lower() in (NA, "na"):
        return check_value(item, NA, options)
    match item.type:
        case AnswerType.YES_NO:
            return check_value(item, raw.lower(), options)
        case AnswerType.NUMBER | AnswerType.SCORE:
            if not _NUMBER.match(raw):
                raise ValidationError(f"{item.code}: {text!r} is not a number")
            if _THOUSANDS.match(raw):  # 1,000 is a thousand in English and one in French: never guess
                raise ValidationError(f"{item.code}: {text!r} is ambiguous; write it without a thousands "
                                      "separator (1000), or with fewer decimals (1,5)")
            number: float = float(raw.replace(",", "."))
            return check_value(item, int(number) if number.is_integer() else number, options)
        case AnswerType.MOU_COUNT:
            m = _COUNT.match(raw)
            if not m:
                raise ValidationError(
                    f"{item.code}: write the count as 'found=8 serviceable=7', not {text!r}"
                )
            return check_value(item, {"found": int(m[1]), "serviceable": int(m[2])}, options)
        case AnswerType.PHOTO | AnswerType.SIGNATURE:
            raise ValidationError(
                f"{item.code}: a {item.type.value} is not typed in; "
                + ("attach a photo to it" if item.type is AnswerType.PHOTO else "sign at sign-off")
            )
        case _:
            return check_value(item, raw, options)


def check_value(item: Item, value: Any, options: list[Option]) -> Any:
    """``value`` normalised, or a ValidationError that says what is wrong with it."""
    code = item.code
    if value == NA:
        if not item.allow_na:
            raise ValidationError(f"{code}: 'n/a' is not allowed for this item")
        return NA
    match item.type:
        case AnswerType.YES_NO:
            if value not in ("yes", "no"):
                raise ValidationError(f"{code}: answer yes or no, not {value!r}")
            return value
        case AnswerType.NUMBER | AnswerType.SCORE:
            return _check_number(item, value)
        case AnswerType.MOU_COUNT:
            return _check_count(code, value)
        case AnswerType.CHOICE:
            codes = [o.code for o in options]
            if value not in codes:
                raise ValidationError(f"{code}: choose one of {', '.join(codes)}, not {value!r}")
            return value
        case AnswerType.TEXT:
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(f"{code}: the text is empty")
            return value.strip()
        case AnswerType.DATE:
            try:
                return date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise ValidationError(f"{code}: write the date as YYYY-MM-DD, not {value!r}") from None
        case AnswerType.PHOTO:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ValidationError(f"{code}: a photo answer is a list of attachments")
            return value
        case AnswerType.SIGNATURE:
            if not (isinstance(value, dict) and value.get("signer")):
                raise ValidationError(f"{code}: a signature needs the signer's name")
            return value
    raise ValidationError(f"{code}: unknown answer type {item.type}")  # pragma: no cover


def _check_number(item: Item, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"{item.code}: {value!r} is not a number")
    if item.integer and not float(value).is_integer():
        raise ValidationError(f"{item.code}: {value} is not a whole number")
    if item.min is not None and value < item.min:
        raise ValidationError(f"{item.code}: {value} is below the minimum {item.min:g}")
    if item.max is not None and value > item.max:
        raise ValidationError(f"{item.code}: {value} is above the maximum {item.max:g}")
    return int(value) if float(value).is_integer() else value


def _check_count(code: str, value: Any) -> dict[str, int]:
    if not isinstance(value, dict) or set(value) != {"found", "serviceable"}:
        raise ValidationError(f"{code}: a count needs 'found' and 'serviceable'")
    found, serviceable = value["found"], value["serviceable"]
    for name, n in (("found", found), ("serviceable", serviceable)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValidationError(f"{code}: {name} must be a whole number of 0 or more")
    if serviceable > found:
        raise ValidationError(f"{code}: serviceable ({serviceable}) cannot exceed found ({found})")
    return {"found": found, "serviceable": serviceable}


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
