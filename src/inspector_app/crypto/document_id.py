"""The document id a report's PDF names in its metadata, read as a PDF reader reads it (no grepping of bytes).

A report names its id twice (``reports.page``): as the XMP packet's ``dc:identifier`` and as the first word of
the Info dictionary's keywords (reports made before ``dc:identifier`` existed name it there only). Both are
read from the revision the given bytes end with: give the bytes a signature covers to read the id it signed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from lxml.etree import LxmlError
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.metadata import model, xmp_xml
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

_DC_IDENTIFIER = model.ExpandedName(ns=model.NS["dc"], local_name="identifier")
_LOOKS_LIKE_ID = re.compile(r"(?:INS|COE)-[A-Za-z0-9-]+")


@dataclass(frozen=True)
class DocumentIds:
    """The ids the metadata names: in the XMP packet and in the Info keywords (None where it names none)."""

    xmp: str | None
    info: str | None

    @property
    def id(self) -> str | None:
        """The document id: the XMP one, else the Info keywords' one."""
        return self.xmp or self.info


def read(pdf: bytes) -> DocumentIds:
    """The document ids the last revision of ``pdf`` names; both None for a PDF that is not readable."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return DocumentIds(_xmp(reader), _info(reader))
    except (PdfError, LxmlError, ValueError, KeyError, TypeError):
        return DocumentIds(None, None)


def _xmp(reader: PdfFileReader) -> str | None:
    metadata = reader.root.get("/Metadata")
    if metadata is None:
        return None
    stream = metadata.get_object() if isinstance(metadata, generic.IndirectObject) else metadata  # type: ignore[no-untyped-call]
    if not isinstance(stream, generic.StreamObject):
        return None
    for root in xmp_xml.parse_xmp(io.BytesIO(stream.data)):  # element or attribute form (pyHanko rewrites it)
        for name, value in root:
            if name == _DC_IDENTIFIER and isinstance(value.value, str) and value.value.strip():
                return value.value.strip()
    return None


def _info(reader: PdfFileReader) -> str | None:
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if isinstance(info, generic.IndirectObject) else info  # type: ignore[no-untyped-call]
    if not isinstance(info, generic.DictionaryObject):
        return None
    words = str(info.get("/Keywords", "")).split()
    return words[0] if words and _LOOKS_LIKE_ID.fullmatch(words[0]) else None
