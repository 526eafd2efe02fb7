"""What the pseudo-locale tests look for: text that is neither pseudo-translated nor user data.

A pseudo-translated string is bracketed and ends with its padding ("[Ŝàvéď ~~]"); inner ones (a
translated value inside a translated sentence) are removed first. What is left must be user data (taken
from the database: unit names, remarks, captions…), numbers, dates, identifiers or punctuation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import inspect, select
from sqlmodel import SQLModel

import inspector_app.storage.models  # noqa: F401  (the tables)
from inspector_app.pseudo_locale import CLOSE, OPEN, PAD
from inspector_app.services import demo
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace

_INNERMOST = re.compile(re.escape(OPEN) + r"[^" + re.escape(OPEN + CLOSE) + r"]*" + re.escape(PAD + CLOSE))
# identifiers (document ids, hashes), file names and paths: before user data, which they may contain
_IDS = re.compile(r"\b[A-Z]{2,}(?:-[A-Za-z0-9]+)+|\b[0-9a-f]{8}(?:-?[0-9a-f]{4,})*"
                  r"|\S+\.(?:pdf|jpg|png|sqlite)\b|(?<!\S)/\S+|\S+://\S+")
# dates (the pseudo-locale formats them as English; a narrow cell wraps them: "14 Sept", "2027"), numbers,
# versions and codes are not words to translate
_NOT_WORDS = re.compile(r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\s+\d{4}|\bv?\d\S*"
                        r"|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")
# stored codes ("yes", "wet", "in_progress") are shown as words in the user's language: not user data
_CODE = re.compile(r"[a-z0-9_.-]+")
# words that are the same in every language: names of the product and of the languages, units of measure
NEUTRAL = {"Inspector", "English", "Français", "Ctrl", "Shift", "Alt", "SHA", "PDF", "ID"}


def demo_folder(parent: Path) -> Path:
    """A data folder in ``parent`` with the demo mission: the screens and reports the tests look at."""
    with open_workspace(parent / "data", actor="Awa Diop") as ws:
        assert demo.seed(ws)
        return ws.data.root


def user_data(ws: Workspace) -> set[str]:
    """Every text stored in the database: what users typed or imported, never translated."""
    texts: set[str] = set()
    with ws.db.read() as session:
        for table in SQLModel.metadata.sorted_tables:
            if inspect(session.connection()).has_table(table.name):
                for row in session.execute(select(table)):
                    texts.update(_strings(list(row)))
    return {t.strip() for t in texts if t.strip() and not _CODE.fullmatch(t.strip())}


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str) and value[:1] in ('"', "[", "{"):  # a JSON column: answers, counts
        try:
            yield from _strings(json.loads(value))
        except ValueError:
            yield value
    elif isinstance(value, str):
        yield value
        yield from (line for line in value.splitlines())
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def untranslated(text: str, data: set[str]) -> str:
    """The words of ``text`` that are neither pseudo-translated nor user data ("" when there are none)."""
    rest, previous = text, None
    while rest != previous:
        previous, rest = rest, _INNERMOST.sub(" ", rest)
    rest = _IDS.sub(" ", rest)
    for value in sorted(data, key=len, reverse=True):
        if _squeezed(value) in _squeezed(rest):  # wrapped anywhere, in a cell or a label
            flexible = r"\s*".join(re.escape(c) for c in _squeezed(value))
            rest = re.sub(rf"(?<!\w){flexible}(?!\w)", " ", rest)
    rest = _NOT_WORDS.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if w not in NEUTRAL]
    return " ".join(words)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)
