"""A pseudo-locale made on the fly from the English strings, to find untranslated or cut-off text.

Every letter is accented and every string bracketed and made about 40 % longer, so a screen or a report in
this language shows at a glance (and a test can check) which text never went through ``_()`` and which
layout has no room for a longer translation. Placeholders, markup and file patterns are kept as they are.
"""

from __future__ import annotations

import gettext
import math
import re

CODE = "en-XA"
OPEN, CLOSE, PAD = "[", "]", "~"
GROWTH = 0.4

_ACCENTS = str.maketrans(
    "abcdeghilnorstuyzABCDEGHILNORSTUYZ",
    "áƀçďéĝĥíļñóŕšţúýžÅƁÇĎÉĜĤÎĻÑÖŘŠŢÜÝŽ",
)
# kept verbatim: {placeholders}, <markup>, &entities;, file patterns (*.pdf) and %-directives
_VERBATIM = re.compile(r"\{[^{}]*\}|<[^<>]*>|&\w+;|\*\.[\w*]+|%\w")


def pseudo(text: str) -> str:
    """``text`` accented, bracketed and about 40 % longer; "" stays ""."""
    if not text:
        return text
    parts, last = [], 0
    for match in _VERBATIM.finditer(text):
        parts += [text[last:match.start()].translate(_ACCENTS), match.group()]
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    padding = max(1, math.ceil(GROWTH * len(text)) - 3)
    return f"{OPEN}{''.join(parts)} {PAD * padding}{CLOSE}"


def is_pseudo(text: str) -> bool:
    """Whether ``text`` is one pseudo-translated string (as :func:`pseudo` makes them)."""
    return text.startswith(OPEN) and text.endswith(PAD + CLOSE)


class PseudoTranslations(gettext.NullTranslations):
    """The pseudo-locale's catalogue: every message is its English text, pseudo-translated."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
