"""What a report declares for PDF/A-2b (ISO 19005-2, level B): XMP metadata that repeats the document
information (pdfaid:part 2, conformance B) and an sRGB output intent with its ICC profile embedded.

ReportLab (open-source) writes neither; it gives the catalog entries to set, which is all this module does.
The rest of level B is the reports' own care: every font embedded (no ReportLab standard font anywhere),
no encryption, no JavaScript, no external content. The ICC profile is made by Pillow's littleCMS (its
built-in sRGB), so no third-party profile file and licence are shipped.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

OUTPUT_CONDITION = "sRGB IEC61966-2.1"
PART, CONFORMANCE = 2, "B"


@cache
def srgb_profile() -> bytes:
    """An ICC v2 sRGB display profile (RGB, 3 components), made by littleCMS."""
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def declare(canvas: Canvas, *, title: str, author: str, subject: str, keywords: str, creator: str,
            identifier: str = "") -> None:
    """Set the XMP metadata, the output intent and DisplayDocTitle in the catalog of ``canvas``'s document.

    Call it before ``canvas.save()``; the values must be those given to the document information
    dictionary (PDF/A wants the two to agree), which ReportLab writes with the same time stamp.
    ``identifier``, the report's document id, becomes ``dc:identifier``.
    """
    doc: Any = canvas._doc  # noqa: SLF001 (ReportLab's document behind the canvas: the catalog's home)
    catalog = doc.Catalog
    stamp = doc._timeStamp  # noqa: SLF001 (the time ReportLab writes as CreationDate and ModDate)
    yyyy, mm, dd, hh, mi, ss = stamp.YMDhms
    when = f"{yyyy:04d}-{mm:02d}-{dd:02d}T{hh:02d}:{mi:02d}:{ss:02d}{stamp.dhh:+03d}:{stamp.dmm:02d}"
    xmp = _xmp(title=title, author=author, subject=subject, keywords=keywords, creator=creator,
               producer=doc.info.producer, when=when, identifier=identifier)
    metadata = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                            xmp.encode("utf-8"))
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION), "Info": PDFString(OUTPUT_CONDITION),
        "RegistryName": PDFString("http://www.color.org"), "DestOutputProfile": doc.Reference(profile),
    })
    catalog.Metadata = metadata
    catalog.OutputIntents = PDFArray([intent])
    # ReportLab writes only the catalog keys it lists; this catalog lists the output intents too
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    canvas.setViewerPreference("DisplayDocTitle", "true")  # a reader's title bar shows the title, not a file name


class _PlainStream(PDFStream):  # type: ignore[misc]  # ReportLab ships no type hints
    """A stream written as it is, without a Filter key (ReportLab writes an empty one): the XMP packet must
    be readable by a tool that knows nothing of PDF compression, and PDF/A forbids filtering it."""

    def format(self, document: Any) -> bytes:
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return bytes(pdf_format(dictionary, document) + b"\nstream\n" + pdf_format(content, document) + b"endstream\n")


def _xmp(*, title: str, author: str, subject: str, keywords: str, creator: str, producer: str, when: str,
         identifier: str = "") -> str:
    e = escape
    ident = f"\n   <dc:identifier>{e(identifier)}</dc:identifier>" if identifier else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>{PART}</pdfaid:part>
   <pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>{ident}
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{e(keywords)}</pdf:Keywords>
   <pdf:Producer>{e(producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{e(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
