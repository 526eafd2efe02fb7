"""Translations with gettext, usable outside Qt; catalogues live in resources/translations.

Mark text with ``_()`` where it is written (``N_()`` where it is only defined and translated
later); ``scripts/gen_translations.py`` extracts, merges and compiles the catalogues with Babel.
``set_language`` sets the application's language; ``with language(lang):`` renders something in
another language on the current thread only (a report in French while the window stays English).
Besides the shipped ``LANGUAGES``, both accept ``PSEUDO``, the pseudo-locale that checks layouts and
finds untranslated text (``inspector_app.pseudo_locale``). Numbers, percentages and dates are written
in the current language by ``inspector_app.locale_format``.
"""

from __future__ import annotations

import gettext
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from inspector_app import pseudo_locale
from inspector_app.resources_access import resource

DOMAIN = "inspector"
LANGUAGES = ("en", "fr")
PSEUDO = pseudo_locale.CODE

_app_language = "en"
_thread = threading.local()


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == PSEUDO:
        return pseudo_locale.PseudoTranslations()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    localedir = resource("translations")
    return gettext.translation(DOMAIN, localedir=str(localedir), languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    global _app_language
    translations(lang)  # refuses an unknown language before anything changes
    _app_language = lang


def current_language() -> str:
    return getattr(_thread, "language", None) or _app_language


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Use ``lang`` on this thread for the duration of the block."""
    translations(lang)
    previous = getattr(_thread, "language", None)
    _thread.language = lang
    try:
        yield
    finally:
        _thread.language = previous


def _(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def localized(english: str, french: str, lang: str) -> str:
    """The one of two texts (a template's label) that ``lang`` shows."""
    if lang == PSEUDO:
        return pseudo_locale.pseudo(english)
    return french if lang == "fr" else english


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message
