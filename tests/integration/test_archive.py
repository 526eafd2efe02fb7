"""HQ archives a signed report: validation data and a document timestamp from HQ's authority (PAdES B-LTA), in
incremental updates that leave every signed byte as it was; renewing adds another timestamp."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

from inspector_app.crypto import CryptoError, archive, tsa
from inspector_app.crypto import trust as trust_store
from inspector_app.crypto.certificates import to_asn1
from inspector_app.paths import DataDir
from inspector_app.services import signing
from inspector_app.services.installation import open_workspace
from tests.integration.field import CA_PASS, inspections, make_field


def _signed_report(tmp_path: Path) -> tuple[bytes, trust_store.TrustStore, Path]:
    field = make_field(tmp_path)
    with open_workspace(field.laptop) as ws:
        pdf = next(p for i in inspections(ws) if (p := signing.signed_report(ws, i.id, "en")) is not None)
    tsa.init_tsa(field.ca_dir, CA_PASS)
    return pdf, trust_store.load(DataDir(field.hq)), field.ca_dir


def _timestamps(pdf: bytes, store: trust_store.TrustStore) -> list[bool]:
    reader = PdfFileReader(io.BytesIO(pdf))
    context = ValidationContext(trust_roots=[to_asn1(c) for c in store.roots], allow_fetching=False)
    return [bool(validate_pdf_timestamp(ts, context).valid and validate_pdf_timestamp(ts, context).trusted)
            for ts in reader.embedded_timestamp_signatures]


def test_archiving_adds_validation_data_and_a_trusted_timestamp_then_renewing_another(tmp_path: Path) -> None:
    pdf, store, ca_dir = _signed_report(tmp_path)
    archived = archive.archive(pdf, store, tsa.stamper(ca_dir, CA_PASS))
    assert archived.startswith(pdf)  # incremental: every signed byte as it was
    reader = PdfFileReader(io.BytesIO(archived))
    assert "/DSS" in reader.root and reader.root["/DSS"]["/Certs"]
    assert _timestamps(archived, store) == [True]
    renewed = archive.renew(archived, store, tsa.stamper(ca_dir, CA_PASS))
    assert renewed.startswith(archived) and _timestamps(renewed, store) == [True, True]


def test_a_report_that_does_not_check_is_not_archived(tmp_path: Path) -> None:
    pdf, store, ca_dir = _signed_report(tmp_path)
    with pytest.raises(CryptoError, match="do not check"):
        archive.archive(pdf, trust_store.TrustStore(), tsa.stamper(ca_dir, CA_PASS))  # nobody trusted
    with pytest.raises(CryptoError, match="archive it first"):
        archive.renew(pdf, store, tsa.stamper(ca_dir, CA_PASS))
