"""Numbers, percentages and dates as the current language writes them (Babel's CLDR data), outside Qt.

English follows British usage, as the UN does ("89.7%", "3 Dec 2026"); French writes "89,7 %" and
"3 déc. 2026". The pseudo-locale formats as English. ``None`` is shown as a dash.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

from inspector_app.i18n import current_language

NONE = "—"
_LOCALES = {"fr": "fr"}  # anything else: British English


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, "en_GB"))


@cache
def _percent_pattern(lang: str, decimals: int) -> str:
    """The locale's percent pattern ("#,##0 %") with exactly ``decimals`` decimals ("#,##0.0 %")."""
    pattern = str(_locale(lang).percent_formats[None].pattern)
    return pattern.replace("0", "0." + "0" * decimals, 1) if decimals else pattern


def format_number(value: float | None, decimals: int | None = None, lang: str | None = None) -> str:
    """``value`` with the language's separators; ``decimals`` fixed, or as many as it has (up to 3)."""
    if value is None:
        return NONE
    fmt = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=_locale(lang or current_language()))


def format_percent(share: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A share (0..1) as a percentage with ``decimals`` decimals: "89.7%", "89,7 %"."""
    if share is None:
        return NONE
    lang = lang or current_language()
    return _babel_percent(share, format=_percent_pattern(lang, decimals), locale=_locale(lang))


def format_date(value: date | str | None, lang: str | None = None) -> str:
    """A date (or an ISO date text) in the language's medium form: "3 Dec 2026", "3 déc. 2026"."""
    if value is None or value == "":
        return NONE
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return _babel_date(day, "medium", locale=_locale(lang or current_language()))
