"""The provisional mark of a report that a countersignature settles, as read-only form fields the signatures
themselves guard.

A signed PDF never changes, so a report drawn "PROVISIONAL" would say so for ever. A report that waits for a
countersignature is drawn without its state instead; the state is shown by read-only text fields named
``Provisional_<mark>_<signature field>``: a light diagonal word across each page (``watermark1``,
``watermark2``, …) and a status line on the first page (``status``). The signatures before the
countersignature lock every field but these (``crypto.pdf_sign``); the countersigner's update, in the revision
it signs, empties the watermarks and rewords the status line ("Countersigned by …"), and its own signature
locks them (``settle``). ``check`` reads every revision and tells whether the marks changed anywhere else:
pyHanko and poppler see any such change as allowed form filling, so only this check can say that a report
reading "countersigned" is not.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils import generic, layout, text
from pyhanko.pdf_utils.content import RawContent, ResourceType
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from inspector_app.crypto.appearance import font_factory

PREFIX = "Provisional_"
WATERMARK = "watermark"
STATUS = "status"
_NAME = re.compile(rf"^{PREFIX}({WATERMARK}\d+|{STATUS})_(\w+)$")
READ_ONLY = 1  # field flag
PRINT = 4  # annotation flag: printed, shown
WATERMARK_SIZE = 96  # points: the diagonal word's font size before it is fitted to the page
WATERMARK_GREY = 0.86
STATUS_SIZE = 9
_MULTIPLY = "/Mark"  # the extended graphics state that lets the watermark darken, never hide, the text under it


@dataclass(frozen=True)
class Mark:
    """One mark: ``kind`` (WATERMARK or STATUS) drawn on ``page`` (0 = first) in ``rect`` (points, x1 y1 x2 y2)."""

    kind: str
    page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class Words:
    """What the marks say, in the report's language, and the font (a TrueType file) they are drawn in."""

    watermark: str  # "PROVISIONAL"
    status: str  # "Provisional until countersigned by …" (before), "Countersigned by … on …" (after)
    font: Path


@dataclass(frozen=True)
class MarkCheck:
    """What the marks of a signed report say, and whether only the countersignature changed them."""

    until: str  # the signature field the marks wait for ("" when the report has none)
    settled: bool  # the countersigning revision changed them: the report reads "countersigned"
    ok: bool
    problem: str = ""

    @property
    def state(self) -> str:
        """"none" (no marks), "provisional" or "countersigned"."""
        if not self.until:
            return "none"
        return "countersigned" if self.settled else "provisional"

    def to_dict(self) -> dict[str, object]:
        return {"state": self.state, "until": self.until, "ok": self.ok, "problem": self.problem}


NO_MARKS = MarkCheck("", False, True)


def field_name(mark: Mark, until: str) -> str:
    """The name of ``mark``'s field, waiting for the signature field ``until``."""
    kind = f"{WATERMARK}{mark.page + 1}" if mark.kind == WATERMARK else STATUS
    return f"{PREFIX}{kind}_{until}"


def waiting_for(name: str) -> str | None:
    """The signature field the mark field ``name`` waits for; None when ``name`` is not a mark."""
    found = _NAME.match(name)
    return found.group(2) if found else None


def watermark_rect(page_width: float, page_height: float, length: float) -> tuple[float, float, float, float]:
    """The square centred on the page that holds a diagonal word ``length`` points long."""
    side = length / math.sqrt(2)
    x, y = (page_width - side) / 2, (page_height - side) / 2
    return x, y, x + side, y + side


def add(pdf: bytes, marks: Sequence[Mark], until: str, words: Words) -> bytes:
    """``pdf`` (not signed yet) with ``marks`` as read-only fields waiting for the signature field ``until``,
    saying ``words``; an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        writer.update_root()
    form = root["/AcroForm"]
    fields = form["/Fields"]
    for mark in marks:
        page_ref = writer.find_page_for_modification(mark.page)[0]
        page = page_ref.get_object()
        widget = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(field_name(mark, until)),
            pdf_name("/Ff"): generic.NumberObject(READ_ONLY), pdf_name("/F"): generic.NumberObject(PRINT),
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in mark.rect),
            pdf_name("/P"): page_ref, pdf_name("/DA"): pdf_string("/F1 0 Tf 0 g"),
        })
        _fill(writer, widget, mark.kind, words)
        ref = writer.add_object(widget)
        fields.append(ref)
        annots = page.get("/Annots")
        if annots is None:
            page["/Annots"] = generic.ArrayObject([ref])
        else:
            annots.get_object().append(ref)
            if isinstance(annots, generic.IndirectObject):
                writer.update_container(annots)
        writer.update_container(page)
    if isinstance(form.raw_get("/Fields"), generic.IndirectObject):
        writer.update_container(fields)
    writer.update_container(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def settle(writer: BasePdfFileWriter, until: str, words: Words) -> int:
    """In the pending update of ``writer``: the marks waiting for ``until`` say ``words`` (a countersignature's
    leave the watermark empty); how many there were."""
    count = 0
    for ref in writer.root.get("/AcroForm", generic.DictionaryObject()).get("/Fields", ()):
        widget = ref.get_object()
        name = str(widget.get("/T", ""))
        if waiting_for(name) != until:
            continue
        kind = STATUS if name.startswith(f"{PREFIX}{STATUS}_") else WATERMARK
        _fill(writer, widget, kind, words)
        writer.update_container(widget)
        count += 1
    return count


def names(reader: PdfFileReader) -> list[str]:
    """The mark fields of the document as it stands."""
    return [name for name, _widget in _marks(reader.root)]


def shown(pdf: bytes) -> dict[str, str]:
    """What each mark of ``pdf`` says, by field name ("" for a watermark the countersignature cleared)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    return {name: str(widget.get("/V", "")) for name, widget in _marks(reader.root)}


def check(reader: PdfFileReader, signed: dict[int, str]) -> MarkCheck:
    """Whether the marks of ``reader``'s document changed only in the revision of the signature they wait for;
    ``signed`` maps each signed revision to its signature field."""
    if not signed:
        return NO_MARKS
    first = min(signed)
    before = _values(reader, first - 1)
    if not before:
        return NO_MARKS
    until = next(iter({waiting_for(name) for name in before})) or ""
    settled = False
    for revision in range(first, reader.xrefs.total_revisions):
        now = _values(reader, revision)
        if now == before:
            continue
        if signed.get(revision) != until:
            who = f"the signature in {signed[revision]}" if revision in signed else "no signature"
            return MarkCheck(until, settled, False,
                             f"the provisional mark was changed in revision {revision}, by {who}: only the "
                             f"countersignature ({until}) may change it")
        settled, before = True, now
    return MarkCheck(until, settled, True)


def _values(reader: PdfFileReader, revision: int) -> dict[str, tuple[str, bytes]]:
    """Each mark field's value and appearance stream at ``revision`` (an appearance may change in place)."""
    return {name: (str(widget.get("/V", "")), _appearance(widget))
            for name, widget in _marks(reader.get_historical_root(revision))}


def _appearance(widget: generic.DictionaryObject) -> bytes:
    try:
        return bytes(widget["/AP"]["/N"].get_object().data)
    except (KeyError, AttributeError, TypeError):
        return b""


def _marks(root: generic.DictionaryObject) -> list[tuple[str, generic.DictionaryObject]]:
    form = root.get("/AcroForm")
    if form is None:
        return []
    found = []
    for ref in form.get_object().get("/Fields", ()):
        widget = ref.get_object()
        name = str(widget.get("/T", ""))
        if waiting_for(name) is not None:
            found.append((name, widget))
    return found


def _fill(writer: BasePdfFileWriter, widget: generic.DictionaryObject, kind: str, words: Words) -> None:
    """Set the field's value and draw its appearance: the watermark word or the status line."""
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    width, height = x2 - x1, y2 - y1
    said = words.watermark if kind == WATERMARK else words.status
    widget[pdf_name("/V")] = pdf_string(said)
    if not said:
        stream = RawContent(b"", box=layout.BoxConstraints(width, height)).as_form_xobject()
    elif kind == WATERMARK:
        stream = _diagonal(writer, said, words.font, width, height)
    else:
        style = text.TextBoxStyle(font=font_factory(words.font, said), font_size=STATUS_SIZE,
                                  box_layout_rule=layout.SimpleBoxLayoutRule(
                                      x_align=layout.AxisAlignment.ALIGN_MIN,
                                      y_align=layout.AxisAlignment.ALIGN_MID, margins=layout.Margins()))
        box = text.TextBox(style, writer, box=layout.BoxConstraints(width, height))
        box.content = said
        stream = box.as_form_xobject()
    widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})


def _diagonal(writer: BasePdfFileWriter, word: str, font: Path, width: float, height: float) -> generic.StreamObject:
    """``word`` light grey, corner to corner of a ``width`` × ``height`` box, multiplied onto what is under it."""
    style = text.TextBoxStyle(font=font_factory(font, word), font_size=WATERMARK_SIZE,
                              text_color=(WATERMARK_GREY,) * 3, box_layout_rule=layout.SimpleBoxLayoutRule(
                                  x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
                                  margins=layout.Margins()))
    probe = text.TextBox(style, writer)
    _ops, length = probe.put_string_line(word)
    box = text.TextBox(style, writer, box=layout.BoxConstraints(length, WATERMARK_SIZE))
    box.content = word
    # turned 45°, the word's box spans (length + size) · cos 45° each way; scaled to fit the smaller side
    diagonal = (length + WATERMARK_SIZE) * math.sqrt(0.5)
    c = s = math.sqrt(0.5) * min(width, height) / diagonal
    span = (length + WATERMARK_SIZE) * c
    x, y = (width - span) / 2 + WATERMARK_SIZE * s, (height - span) / 2
    inner = box.render()
    box.set_resource(ResourceType.EXT_G_STATE, pdf_name(_MULTIPLY), generic.DictionaryObject(
        {pdf_name("/Type"): pdf_name("/ExtGState"), pdf_name("/BM"): pdf_name("/Multiply")}))
    content = b"q %s gs %.4f %.4f %.4f %.4f %.2f %.2f cm %s Q" % (_MULTIPLY.encode(), c, s, -s, c, x, y, inner)
    return RawContent(content, resources=box.resources, box=layout.BoxConstraints(width, height)).as_form_xobject()
