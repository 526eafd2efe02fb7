"""Translation catalogues: complete, compiled from their current source, and placeholders intact."""

from __future__ import annotations

import gettext
import string
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from babel.messages.catalog import Message

from inspector_app import i18n
from inspector_app.domain.workflow import Status
from inspector_app.locale_format import format_date, format_number, format_percent
from inspector_app.pseudo_locale import is_pseudo, pseudo
from scripts.gen_translations import TRANSLATED, extracted, po_path, read_catalogue


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(message: Message) -> list[tuple[str, str]]:
    """(English, translation) pairs: one for a simple message, one per form for a plural one."""
    if isinstance(message.id, tuple):
        return [(message.id[min(i, 1)], text) for i, text in enumerate(message.string)]
    return [(message.id, message.string)]


def _translated(message: Message | None) -> bool:
    return message is not None and all(text for _, text in _forms(message))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated(lang: str) -> None:
    catalogue = read_catalogue(lang)
    missing = [m.id for m in extracted() if m.id and not _translated(catalogue.get(m.id))]
    assert missing == [], f"run scripts/gen_translations.py and translate: {missing}"
    assert not [m.id for m in catalogue if m.id and m.fuzzy]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang: str) -> None:
    for message in read_catalogue(lang):
        for english, text in _forms(message) if message.id else []:
            assert _fields(text) == _fields(english), message.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalogue_is_current(lang: str) -> None:
    with po_path(lang).with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in read_catalogue(lang):
        if isinstance(message.id, tuple):
            for n, form in ((1, 0), (2, 1)):
                assert compiled.ngettext(*message.id, n) == message.string[form], "run scripts/gen_translations.py"
        elif message.id:
            assert compiled.gettext(message.id) == message.string, "run scripts/gen_translations.py"


def test_switching_language_outside_qt() -> None:
    i18n.set_language("fr")
    assert Status.IN_PROGRESS.label == "en cours"
    i18n.set_language("en")
    assert Status.IN_PROGRESS.label == "in progress"
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        i18n.set_language("de")


def test_a_worker_thread_renders_in_another_language_while_the_app_keeps_its_own() -> None:
    i18n.set_language("en")
    seen: list[str] = []
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with i18n.language("fr"):
            seen.append(Status.IN_PROGRESS.label)
            inside.set()
            release.wait(5)
        seen.append(Status.IN_PROGRESS.label)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    assert Status.IN_PROGRESS.label == "in progress"  # the window's language, meanwhile
    release.set()
    thread.join()
    assert seen == ["en cours", "in progress"]


@pytest.mark.parametrize(("lang", "share", "number", "day"), [
    ("en", "89.7%", "10,000.5", "3 Dec 2026"),
    ("fr", "89,7\u00a0%", "10\u202f000,5", "3 déc. 2026"),
    (i18n.PSEUDO, "89.7%", "10,000.5", "3 Dec 2026"),
])
def test_numbers_percentages_and_dates_as_the_language_writes_them(lang: str, share: str, number: str,
                                                                   day: str) -> None:
    with i18n.language(lang):
        assert format_percent(0.8973) == share
        assert format_number(10000.5) == number
        assert format_date(date(2026, 12, 3)) == format_date("2026-12-03") == day
        assert format_percent(None) == format_number(None) == format_date(None) == "—"
    assert format_percent(1, 0, lang="fr") == "100\u00a0%" and format_number(2.5, 2, lang="fr") == "2,50"


def test_the_pseudo_locale_is_accented_bracketed_and_longer() -> None:
    i18n.set_language(i18n.PSEUDO)
    label = Status.IN_PROGRESS.label
    assert is_pseudo(label) and "in progress" not in label and len(label) >= 1.4 * len("in progress")
    sentence = i18n._("Page {page} of {pages}")
    assert is_pseudo(sentence) and sentence.format(page=2, pages=9).count("2") == 1
    assert is_pseudo(i18n.ngettext("{n} photo", "{n} photos", 3).format(n=3))
    assert i18n.localized("Catering", "Restauration", i18n.PSEUDO) == pseudo("Catering") != "Catering"
    assert pseudo("Photos (*.jpg *.png)").endswith("(*.jpg *.png) ~~~~~]")  # file patterns kept
    with i18n.language("fr"):
        assert Status.IN_PROGRESS.label == "en cours"
