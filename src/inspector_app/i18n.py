"""Translations with gettext, usable outside Qt; catalogues live in resources/translations.

Mark text with ``_()`` where it is written (``N_()`` where it is only defined and translated
later); ``scripts/gen_translations.py`` extracts, merges and compiles the catalogues with Babel.
"""

from __future__ import annotations

import gettext
from functools import cache

from inspector_app.resources_access import resource_path

DOMAIN = "inspector"
LANGUAGES = ("en", "fr")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    localedir = resource_path("translations")
    return gettext.translation(DOMAIN, localedir=str(localedir), languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    global _active, _language
    _active = translations(lang)
    _language = lang


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message
