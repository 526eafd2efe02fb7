"""PAdES signatures (pyHanko) added to a PDF as incremental updates, so several signers sign one after another.

Given the roles of every expected signer, the first signature **certifies** the document (DocMDP, form
filling and signing only): in the same update, before signing, an empty signature field is created for each
role (``Signature_<role>``, e.g. ``Signature_team_leader``), each with a FieldMDP lock on every field except
the other signature fields (and the provisional marks waiting for another signer: ``crypto.provisional``), so
that once signed it locks the rest of the form. Later signers sign the empty
field of their role (approval signatures), else the first empty field: a new field would be locked by the
signatures before it. On a document made before certification (fields ``Signature1``, ``Signature2``, …)
each signer gets a new invisible field ``Signature<n>``, as before. Each later update leaves the earlier
signatures intact (their validation shows it as allowed form filling).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import LayoutError
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator.registry import SimpleCertificateStore

from inspector_app.crypto import CryptoError, provisional
from inspector_app.crypto.appearance import Appearance, stamp_style
from inspector_app.crypto.certificates import to_asn1
from inspector_app.crypto.keys import Identity, common_name_of

FIELD_PREFIX = "Signature"
ROLE_FIELD_PREFIX = "Signature_"
CERTIFY_PERMISSIONS = fields.MDPPerm.FILL_FORMS  # DocMDP P=2: form filling and signing only


@dataclass(frozen=True)
class FieldBox:
    """Where a role's signature block is drawn: ``page`` (0 = first) and its rectangle in PDF points
    (``x1, y1`` bottom left, ``x2, y2`` top right)."""

    page: int
    rect: tuple[float, float, float, float]


def signer_for(identity: Identity) -> signers.SimpleSigner:
    """A pyHanko signer from an unlocked identity; the CA chain travels in the signature.

    Built directly rather than with ``SimpleSigner.load*``, which return None (and only log) on failure.
    """
    der = identity.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=to_asn1(identity.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [to_asn1(c) for c in identity.chain]),
    )


def signed_fields(pdf: bytes) -> list[str]:
    """Names of the signature fields that already carry a signature."""
    reader = _reader(pdf)
    return [name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=True)]


def role_field(role: str) -> str:
    """The stable name of the signature field of ``role``: ``Signature_team_leader`` for "Team leader"."""
    code = re.sub(r"[^a-z0-9]+", "_", role.strip().lower()).strip("_")
    return ROLE_FIELD_PREFIX + (code or "signer")


def empty_fields(pdf: bytes) -> list[str]:
    """Names of the signature fields not signed yet (the pre-created fields of the signers to come)."""
    reader = _reader(pdf)
    return [name for name, _value, _ref in fields.enumerate_sig_fields(reader, filled_status=False)]


def next_field_name(pdf: bytes) -> str:
    taken = set(signed_fields(pdf))
    n = 1
    while f"{FIELD_PREFIX}{n}" in taken:
        n += 1
    return f"{FIELD_PREFIX}{n}"


def sign_pdf(
    pdf: bytes,
    identity: Identity,
    *,
    reason: str = "COE verification report",
    location: str | None = None,
    field_name: str | None = None,
    role: str | None = None,
    roles: Sequence[str] = (),
    crls: Sequence[x509.CertificateRevocationList] = (),
    boxes: Mapping[str, FieldBox] | None = None,
    appearance: Appearance | None = None,
    settle: provisional.Words | None = None,
) -> bytes:
    """``pdf`` with one more PAdES signature by ``identity``, appended as an incremental update.

    The update also carries, in the document security store (DSS), what the laptop holds to check the
    signature later: the signer's certificate and chain, and the latest of ``crls`` issued by the signer's CA
    (refused when it lists the signer). They are written before the signature, in its own update, so the signed
    bytes are the whole file as it leaves here (the hash recorded at signing stays the file's).

    With ``roles`` (every expected signer's role) and a ``pdf`` not signed yet, the signature certifies the
    document and the fields of all ``roles`` are created first; ``role`` picks the signer's own field (the
    first of ``roles`` when not among them). On a signed ``pdf``, the empty field of ``role`` is signed if
    there is one, else a new field. ``boxes`` (by role, as ``roles`` name them) place the created fields over
    their blocks; a visible field shows ``appearance`` once signed. The provisional marks waiting for the field
    signed (``crypto.provisional``) say ``settle`` from this signature on.
    """
    certify = bool(roles) and not signed_fields(pdf)
    names = list(dict.fromkeys(role_field(r) for r in roles))
    field = field_name or _field_for(pdf, role, names if certify else [])
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=identity.name,
        certify=certify,
        docmdp_permissions=CERTIFY_PERMISSIONS,
    )
    latest = signer_crl(identity, crls)
    placed = {role_field(role): box for role, box in (boxes or {}).items()}
    out = io.BytesIO()
    try:
        with stamp_style(appearance) as style:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
            if certify:
                _create_fields(writer, names, pdf, placed)
            if settle is not None:
                provisional.settle(writer, field, settle)
            _embed_validation_data(writer, identity, latest)
            pdf_signer = signers.PdfSigner(meta, signer=signer_for(identity), stamp_style=style)
            pdf_signer.sign_pdf(writer, output=out, appearance_text_params={})
    except (PdfError, SigningError, ValueError, OSError, LayoutError) as exc:
        raise CryptoError(f"the PDF could not be signed: {exc}") from exc
    return out.getvalue()


def signer_crl(identity: Identity,
               crls: Sequence[x509.CertificateRevocationList]) -> x509.CertificateRevocationList | None:
    """The latest of ``crls`` signed by the CA of ``identity`` (None when none is); refused when it revokes the
    signer's certificate."""
    cert = identity.certificate
    issuers = [c for c in identity.chain if c.subject == cert.issuer]
    mine = [crl for crl in crls if crl.issuer == cert.issuer and any(_signed_by(crl, c) for c in issuers)]
    latest = max(mine, key=lambda crl: crl.last_update_utc, default=None)
    entry = latest.get_revoked_certificate_by_serial_number(cert.serial_number) if latest is not None else None
    if entry is not None:
        raise CryptoError(f"your certificate (serial {cert.serial_number:x}) was revoked on "
                          f"{entry.revocation_date_utc:%Y-%m-%d} by {common_name_of(cert.issuer)}: signing is refused; "
                          "ask HQ for a new certificate")
    return latest


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        return crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except (InvalidSignature, TypeError, ValueError):
        return False


def _embed_validation_data(writer: IncrementalPdfFileWriter, identity: Identity,
                           crl: x509.CertificateRevocationList | None) -> None:
    """The signer's certificate and chain, and its CA's latest CRL, in the document security store."""
    certs = [to_asn1(c) for c in (identity.certificate, *identity.chain)]
    crls = [asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))] if crl is not None else []
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=certs, crls=crls)


def _field_for(pdf: bytes, role: str | None, created: list[str]) -> str:
    """The field to sign: ``role``'s pre-created one (about to be created, or still empty), else a new one."""
    wanted = role_field(role) if role else None
    if created:
        return wanted if wanted in created else created[0]
    empty = empty_fields(pdf)
    if wanted is not None and wanted in empty:
        return wanted
    if empty and is_certified(pdf):
        return empty[0]
    if is_certified(pdf):
        raise CryptoError("every signature field of this certified report is signed already: a new one would "
                          "break the lock of the signatures before it")
    return next_field_name(pdf)


def is_certified(pdf: bytes) -> bool:
    """True when ``pdf`` carries a certification signature (a DocMDP entry in the catalogue's /Perms)."""
    perms = _reader(pdf).root.get("/Perms")
    return perms is not None and "/DocMDP" in perms


def _create_fields(writer: IncrementalPdfFileWriter, names: list[str], pdf: bytes,
                   boxes: Mapping[str, FieldBox]) -> None:
    """Empty signature fields for every expected signer, each locking (once signed) every field but the other
    signature fields and the provisional marks that wait for another; over its block where ``boxes`` (by field
    name) tells it, else invisible."""
    reader = _reader(pdf)
    existing = {name for name, _value, _ref in fields.enumerate_sig_fields(reader)}
    marks = provisional.names(reader)
    for name in names:
        if name in existing:
            continue
        others = [n for n in names if n != name] + [m for m in marks if provisional.waiting_for(m) != name]
        lock = (fields.FieldMDPSpec(fields.FieldMDPAction.EXCLUDE, fields=others) if others
                else fields.FieldMDPSpec(fields.FieldMDPAction.ALL))
        box = boxes.get(name)
        spec = fields.SigFieldSpec(sig_field_name=name, field_mdp_spec=lock)
        if box is not None:
            x1, y1, x2, y2 = box.rect
            spec = fields.SigFieldSpec(sig_field_name=name, field_mdp_spec=lock, on_page=box.page,
                                       box=(round(x1), round(y1), round(x2), round(y2)))
        fields.append_signature_field(writer, spec)


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(io.BytesIO(pdf))
    except (PdfError, ValueError) as exc:
        raise CryptoError(f"not a readable PDF document: {exc}") from exc
