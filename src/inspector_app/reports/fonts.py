"""The report fonts: DejaVu Sans and its condensed cut (for tables), shipped in resources/fonts with their
licence, embedded in each PDF as subsets.

ReportLab's standard fonts cover Latin-1 only; DejaVu Sans covers Latin, Cyrillic and Greek, so a
name such as "Ndèye Sène", "Иван Петров" or "Ωμέγα" prints as written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from inspector_app.errors import StorageError
from inspector_app.resources_access import resource

REGULAR = "InspectorSans"
BOLD = "InspectorSans-Bold"
CONDENSED = "InspectorSansCondensed"  # dense tables
CONDENSED_BOLD = "InspectorSansCondensed-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", CONDENSED: "DejaVuSansCondensed.ttf",
          CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf"}


def font_file(name: str) -> Path:
    """The TrueType file of the shipped font ``name`` (e.g. ``BOLD``)."""
    return resource("fonts") / _FILES[name]


@cache
def register() -> tuple[str, str]:
    """Register the shipped fonts with ReportLab once; returns the (regular, bold) font names.

    ``CONDENSED`` and ``CONDENSED_BOLD`` are registered too, for table cells.
    """
    for name in _FILES:
        path = font_file(name)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (OSError, TTFError) as exc:
            raise StorageError(f"the report font {path.name} is missing or damaged in {path.parent}: {exc}") from exc
    # <b> in a paragraph picks the bold face; there is no italic face, so italics stay upright.
    for regular, bold in ((REGULAR, BOLD), (CONDENSED, CONDENSED_BOLD)):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 1, bold)
    return REGULAR, BOLD
