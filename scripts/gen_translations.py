"""Extract the marked strings from the code, merge them into each language's catalogue, compile.

Run after changing user-visible text: `.venv/bin/python scripts/gen_translations.py`, then translate the
new (empty) entries of resources/translations/<lang>/LC_MESSAGES/inspector.po and run it again.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from xml.etree import ElementTree

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "inspector_app"
FORMS = ROOT / "ui"
CATALOGUES = ROOT / "resources" / "translations"
DOMAIN = "inspector"
TRANSLATED = ("fr",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every string marked in the code, and every translatable string of the Designer forms."""
    template = Catalog(project="Inspector", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, None, [(f"inspector_app/{filename}", lineno)], auto_comments=comments, context=context)
    for form in sorted(FORMS.glob("*.ui")):
        for element in ElementTree.parse(form).iter("string"):
            if element.text and element.get("notr") != "true":
                template.add(element.text, None, [(f"ui/{form.name}", 0)])
    return template


def po_path(lang: str) -> Path:
    return CATALOGUES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="Inspector", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def compiled(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def main() -> int:
    template = extracted()
    for lang in TRANSLATED:
        catalogue = read_catalogue(lang)
        catalogue.update(template, no_fuzzy_matching=True)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalogue, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(compiled(read_catalogue(lang)))
        missing = [m.id for m in catalogue if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
        print(f"{lang}: {len(template)} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
