"""Forgeries of a signed PDF, each one malicious incremental update written with pyHanko's incremental writer
(the signed bytes stay as they are, so every signature still reads intact)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from inspector_app.crypto import pdf_sign, provisional
from inspector_app.crypto.keys import Identity
from inspector_app.reports import fonts

TABLE_BOX = (40, 250, 555, 650)  # over the serviceability table of page 1


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _number(value: float) -> generic.NumberObject:
    return generic.NumberObject(value)


def overlay_field(pdf: bytes) -> bytes:
    """An empty signature field whose widget appearance covers the serviceability table."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(
        "Overlay", box=TABLE_BOX, on_page=0, empty_field_appearance=True))
    return _written(writer)


def annotation(pdf: bytes, subtype: str) -> bytes:
    """A ``subtype`` ("/FreeText", "/Stamp") annotation over the table, white box and a false figure."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0]
    width, height = TABLE_BOX[2] - TABLE_BOX[0], TABLE_BOX[3] - TABLE_BOX[1]
    look = generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject([_number(0), _number(0), _number(width), _number(height)]),
    }, stream_data=f"1 1 1 rg 0 0 {width} {height} re f 0 g BT /Helv 24 Tf 20 200 Td (100%) Tj ET".encode())
    annot = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name(subtype),
        pdf_name("/Rect"): generic.ArrayObject([_number(v) for v in TABLE_BOX]),
        pdf_name("/Contents"): pdf_string("Serviceability 100%"), pdf_name("/DA"): pdf_string("/Helv 24 Tf 0 g"),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(look)}),
    })
    ref = writer.add_object(annot)
    if "/Annots" in page:
        page["/Annots"].append(ref)
    else:
        page[pdf_name("/Annots")] = generic.ArrayObject([ref])
    writer.update_container(page)
    return _written(writer)


def page_content(pdf: bytes) -> bytes:
    """A content stream appended to page 1: a white box over the table."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"1 1 1 rg 40 250 515 400 re f")))
    return _written(writer)


def _pages(node: generic.PdfObject) -> Iterator[generic.DictionaryObject]:
    node = node.get_object()
    assert isinstance(node, generic.DictionaryObject)
    if node.get("/Type") == "/Pages":
        for kid in node["/Kids"]:
            yield from _pages(kid)
    else:
        yield node


def replaced_image(pdf: bytes) -> bytes:
    """The first photo of the annex replaced by another picture (same object number, new bytes)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for page in _pages(writer.root["/Pages"]):
        xobjects = page["/Resources"].get("/XObject", generic.DictionaryObject())
        for name in xobjects:
            ref = xobjects.raw_get(name)
            image = ref.get_object()
            if image.get("/Subtype") != "/Image":
                continue
            fake = generic.StreamObject({
                pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Image"),
                pdf_name("/Width"): _number(1), pdf_name("/Height"): _number(1),
                pdf_name("/ColorSpace"): pdf_name("/DeviceRGB"), pdf_name("/BitsPerComponent"): _number(8),
            }, stream_data=b"\x00\x80\x00")
            writer.mark_update(ref)
            writer.objects[(ref.generation, ref.idnum)] = fake
            return _written(writer)
    raise AssertionError("the report has no image to replace")


def title_only(pdf: bytes, title: str = "COE verification report (final)") -> bytes:
    """The document title changed, nothing else (pyHanko's writer refreshes the XMP packet with it)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = writer.trailer["/Info"].get_object()
    writer.set_info(generic.DictionaryObject({**info, pdf_name("/Title"): pdf_string(title)}))
    return _written(writer)


def signed_appearance(pdf: bytes, field: str = "Signature_inspector") -> bytes:
    """The appearance of a signed field replaced: it now shows another signer's name over the same signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for ref in writer.root["/AcroForm"]["/Fields"]:
        widget = ref.get_object()
        if widget.get("/T") != field:
            continue
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        look = generic.StreamObject({
            pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject([_number(0), _number(0), _number(x2 - x1), _number(y2 - y1)]),
        }, stream_data=b"BT /Helv 7 Tf 4 40 Td (Signed digitally by Someone Else) Tj ET")
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(look)})
        writer.update_container(widget)
        return _written(writer)
    raise AssertionError(f"the report has no field {field}")


def settled_marks(pdf: bytes, until: str, status: str = "Countersigned by Someone Else.") -> bytes:
    """The provisional marks that wait for ``until`` settled by an update that signs nothing."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    assert provisional.settle(writer, until, provisional.Words("", status, fonts.font_file(fonts.BOLD)))
    return _written(writer)


def signed_settling(pdf: bytes, identity: Identity, field: str, until: str) -> bytes:
    """``identity`` signs its own ``field`` and, in the same update, settles the marks that wait for ``until``."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    assert provisional.settle(writer, until, provisional.Words("", "Countersigned.", fonts.font_file(fonts.BOLD)))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=pdf_sign.signer_for(identity)).sign_pdf(writer, output=out)
    return out.getvalue()
