"""What each incremental update after the first signature of a PDF did, and whether pyHanko's difference
analysis allows it: one ``Update`` per revision that is not itself a signature.

The verdict is pyHanko's (``StandardDiffPolicy``, the default policy of its validator, under the DocMDP level
of the certification signature, else form filling): each update is diffed against the revision before it.
The words ("a FreeText annotation added", "an image replaced", "the document title changed") come from the
objects the update wrote; they name the change, they never decide the verdict, with one exception: an update
that adds a signature field without signing it is refused even where pyHanko allows it (on a report signed
before certification existed, pyHanko sees a new visible signature field as form filling; such a field's
appearance can cover the signed page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

_ALLOWED = {  # the highest modification level each DocMDP level allows
    MDPPerm.NO_CHANGES: ModificationLevel.LTA_UPDATES,
    MDPPerm.FILL_FORMS: ModificationLevel.FORM_FILLING,
    MDPPerm.ANNOTATE: ModificationLevel.ANNOTATIONS,
}
NEW_FIELD = "a signature field"
UNSIGNED_FIELD = ("a signature field added by an update that signs nothing: after a signature only the "
                  "pre-created fields may be signed")
XMP = "XMP metadata changed"
DATES = "the modification date changed"
METADATA_ONLY = "metadata only: the signed pages are unchanged"
DSS = "validation data (DSS) added"


@dataclass(frozen=True)
class Update:
    """One incremental update after the first signature that is not a signature of its own."""

    revision: int  # 0 is the original file; the first signature is in revision 1 or later
    after: str  # the field of the latest signature before it
    changes: str  # in words: "a FreeText annotation added, page 1 changed"
    allowed: bool
    metadata_only: bool
    problem: str = ""  # pyHanko's reason when not allowed

    def describe(self) -> str:
        verdict = "allowed, " + METADATA_ONLY if self.metadata_only else "allowed" if self.allowed else \
            "NOT ALLOWED by the signed document"
        return f"revision {self.revision} (after {self.after}): {self.changes} ({verdict})"


def updates(reader: PdfFileReader, signatures: list[EmbeddedPdfSignature]) -> list[Update]:
    """The updates after the first signature that are not signatures, oldest first."""
    if not signatures:
        return []
    ordered = sorted(signatures, key=lambda es: es.signed_revision)
    signed = {es.signed_revision for es in ordered}
    perm = next((es.docmdp_level for es in ordered if es.docmdp_level is not None), None)
    allowed_level = _ALLOWED.get(perm, ModificationLevel.FORM_FILLING) if perm else ModificationLevel.FORM_FILLING
    result = []
    for revision in range(ordered[0].signed_revision + 1, reader.xrefs.total_revisions):
        if revision in signed:
            continue
        after = [es for es in ordered if es.signed_revision < revision][-1]
        old, new = reader.get_historical_resolver(revision - 1), reader.get_historical_resolver(revision)
        changes, metadata_only = describe(reader, old, new, revision)
        try:
            diff = DEFAULT_DIFF_POLICY.apply(old=old, new=new, doc_mdp=perm)
        except SuspiciousModification as exc:
            result.append(Update(revision, str(after.field_name), changes, False, False, str(exc)))
            continue
        allowed = diff.modification_level <= allowed_level
        if allowed and NEW_FIELD in changes:  # stricter than pyHanko on an uncertified file: see the module
            result.append(Update(revision, str(after.field_name), changes, False, False, UNSIGNED_FIELD))
            continue
        result.append(Update(revision, str(after.field_name), changes, allowed, allowed and metadata_only))
    return result


def describe(reader: PdfFileReader, old: HistoricalResolver, new: HistoricalResolver,
             revision: int) -> tuple[str, bool]:
    """What the objects written in ``revision`` are, in words; and whether they are document metadata only."""
    words: list[str] = []
    metadata = True
    info_ref = new.trailer_view.raw_get("/Info") if "/Info" in new.trailer_view else None
    pages = _page_numbers(new)
    validation = _validation_data_refs(new)
    for ref in sorted(reader.xrefs.explicit_refs_in_revision(revision), key=lambda r: r.idnum):
        if isinstance(info_ref, generic.IndirectObject) and ref.idnum == info_ref.idnum:
            words.append(_info_change(old, new))
            continue
        if ref.idnum in validation:
            words.append(DSS)
            metadata = False
            continue
        obj = new.get_object(ref)
        is_new = reader.xrefs.get_introducing_revision(ref) == revision
        word = _word(obj, is_new, pages.get(ref.idnum), None if is_new else old.get_object(ref))
        if word is None:  # structure that only carries the others (catalogue, form, page tree, signature value)
            continue
        if word != XMP:
            metadata = False
        words.append(word)
    if not metadata:  # pyHanko's and most writers touch the dates and the XMP packet on every update: noise here
        words = [w for w in words if w not in (XMP, DATES)]
    if not words:
        return "nothing visible (structure only)", True
    return ", ".join(dict.fromkeys(words)), metadata


def _validation_data_refs(resolver: HistoricalResolver) -> set[int]:
    """The objects the document security store refers to: certificates, CRLs, OCSP responses, VRI entries."""
    refs: set[int] = set()
    try:
        dss = resolver.root["/DSS"] if "/DSS" in resolver.root else None
        if not isinstance(dss, generic.DictionaryObject):
            return refs
        for key in ("/Certs", "/CRLs", "/OCSPs"):
            entries = dss.raw_get(key) if key in dss else None
            entries = entries.get_object() if isinstance(entries, generic.IndirectObject) else entries  # type: ignore[no-untyped-call]
            if isinstance(entries, generic.ArrayObject):
                refs.update(e.idnum for e in (entries.raw_get(i) for i in range(len(entries)))
                            if isinstance(e, generic.IndirectObject))
        vri = dss["/VRI"] if "/VRI" in dss else None
        if isinstance(vri, generic.DictionaryObject):
            refs.update(e.idnum for e in (vri.raw_get(k) for k in vri) if isinstance(e, generic.IndirectObject))
    except (KeyError, ValueError, TypeError, PdfError):
        pass
    return refs


def _page_numbers(resolver: HistoricalResolver) -> dict[int, int]:
    numbers: dict[int, int] = {}

    def walk(node: generic.DictionaryObject, depth: int) -> None:
        kids = node.get("/Kids")
        if depth > 32 or not isinstance(kids, generic.ArrayObject):
            return
        for i in range(len(kids)):
            ref, kid = kids.raw_get(i), kids[i]
            if isinstance(kid, generic.DictionaryObject) and kid.get("/Type") == "/Pages":
                walk(kid, depth + 1)
            elif isinstance(ref, generic.IndirectObject):
                numbers[ref.idnum] = len(numbers) + 1

    try:
        walk(resolver.root["/Pages"], 0)
    except (KeyError, ValueError, TypeError):
        pass
    return numbers


def _info_change(old: HistoricalResolver, new: HistoricalResolver) -> str:
    def entries(resolver: HistoricalResolver) -> dict[str, Any]:
        info = resolver.trailer_view.get("/Info")
        info = info.get_object() if isinstance(info, generic.IndirectObject) else info  # type: ignore[no-untyped-call]
        return {str(k): str(v) for k, v in info.items()} if isinstance(info, generic.DictionaryObject) else {}

    before, after = entries(old), entries(new)
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    named = [k for k in keys if k != "/ModDate"]
    if not named:
        return DATES
    if named == ["/Title"]:
        return f"the document title changed (from {before.get('/Title', '')!r} to {after.get('/Title', '')!r})"
    return "the document information changed (" + ", ".join(k.lstrip("/").lower() for k in named) + ")"


def _word(obj: Any, is_new: bool, page: int | None, before: Any) -> str | None:
    """The change ``obj`` (as written in the update; ``before``: as it was, None if new) makes, in words."""
    if isinstance(obj, generic.StreamObject):
        subtype = obj.get("/Subtype")
        kind = obj.get("/Type")
        if kind == "/Metadata":
            return XMP
        if subtype == "/Image":
            return "an image added" if is_new else "an image replaced"
        if subtype == "/Form":
            return None if is_new else "a drawing (form XObject) replaced"
        return "page content added" if is_new else "page content replaced"
    if not isinstance(obj, generic.DictionaryObject):
        return None
    kind, subtype = obj.get("/Type"), obj.get("/Subtype")
    if obj.get("/FT") == "/Sig" or (subtype == "/Widget" and "/FT" in obj):
        name = str(obj.get("/T", "?"))
        if is_new:
            return f"{NEW_FIELD} {name} added"
        signed = isinstance(before, generic.DictionaryObject) and "/V" in before
        return f"the signed field {name} rewritten (what it shows may differ from what was signed)" if signed else None
    if subtype == "/Widget":
        return None
    if kind == "/Annot" or (subtype is not None and "/Rect" in obj):
        return f"a {str(subtype).lstrip('/')} annotation added" if is_new else \
            f"a {str(subtype).lstrip('/')} annotation changed"
    if kind == "/Page":
        return f"page {page} changed" if page else "a page changed"
    if kind in ("/Sig", "/DocTimeStamp", "/Catalog", "/Pages") or "/DocMDP" in obj or "/Fields" in obj:
        return None
    if "/Certs" in obj or "/CRLs" in obj or "/VRI" in obj:
        return DSS
    return None
