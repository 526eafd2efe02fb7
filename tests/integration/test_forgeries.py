"""Forgeries of a certified, co-signed COE report, each tried as a forger would (one incremental update),
with the verdicts of ``inspector verify``, of pyHanko's validator and of poppler's ``pdfsig``.

pdfsig (poppler 22.12) checks each signature's bytes and certificate only: it does not analyse the updates
after a signature against the DocMDP certification, so it says "Signature is Valid." for every forgery
below, and only "Not total document signed" on the last signature hints at a later update
(docs/signatures.md explains this).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from inspector_app.crypto import ca, keys, pdf_sign
from inspector_app.paths import DataDir
from inspector_app.services import report
from inspector_app.services.installation import open_workspace
from tests.integration import forge
from tests.integration.field import PASS, demo_coe, issue_identity, make_field
from tests.integration.test_verify_cli import pdfsig, run

ROLES = ["inspector", "team_leader", "contingent_commander"]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    """The demo COE report certified by the inspector and co-signed by the team leader; HQ's CA certificate."""
    root = tmp_path_factory.mktemp("forgeries")
    field = make_field(root, sign=False)
    issue_identity(field, root / "leader", "Jean Martin", "team_leader")
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        coe = demo_coe(ws)  # SEN FPU 1's, ready for review
        first = report.produce(ws, coe.id, "en", sign=report.Signer(PASS)).pdf
    both = pdf_sign.sign_pdf(first, keys.load_identity(DataDir(root / "leader"), PASS), role="team_leader",
                             roles=ROLES)
    ca_pem = root / "ca.pem"
    shutil.copy(field.ca_dir / ca.CA_PEM, ca_pem)
    return both, ca_pem


def pyhanko_statuses(path: Path, ca_pem: Path, moment: datetime | None = None) -> list[PdfSignatureStatus]:
    """pyHanko's validator, used directly (the file kept open while validating), trusting ``ca_pem``; at
    ``moment`` if given, else now."""
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_pem))], allow_fetching=False,
                                moment=moment)
    with path.open("rb") as handle:
        return [validate_pdf_signature(es, context) for es in PdfFileReader(handle).embedded_signatures]


def _verdicts(capsys: pytest.CaptureFixture[str], tmp_path: Path, pdf: bytes,
              ca_pem: Path) -> tuple[int, str, list[PdfSignatureStatus], str]:
    path = tmp_path / "forged.pdf"
    path.write_bytes(pdf)
    code, out, _ = run(capsys, tmp_path / "hq", "verify", str(path), "--trust", str(ca_pem))
    return code, out, pyhanko_statuses(path, ca_pem), pdfsig(path)


def test_the_certified_report_verifies_everywhere(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 signed: tuple[bytes, Path]) -> None:
    pdf, ca_pem = signed
    code, out, statuses, sig = _verdicts(capsys, tmp_path, pdf, ca_pem)
    assert code == 0 and "REFUSED" not in out and out.count("\n") == 2
    assert [s.bottom_line for s in statuses] == [True, True]
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.FORM_FILLING",
                                                             "ModificationLevel.NONE"]
    assert sig.count("Signature is Valid.") == 2 and "Total document signed" in sig
    assert "The signature form field is not signed." in sig  # the commander's field, waiting


FORGERIES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "signature-field overlay": (forge.overlay_field, "page 1 changed, a signature field Overlay added"),
    "FreeText annotation": (lambda pdf: forge.annotation(pdf, "/FreeText"),
                            "page 1 changed, a FreeText annotation added"),
    "Stamp annotation": (lambda pdf: forge.annotation(pdf, "/Stamp"), "page 1 changed, a Stamp annotation added"),
    "new page content": (forge.page_content, "page 1 changed, page content added"),
    "replaced image": (forge.replaced_image, "an image replaced"),
    "a signed field's appearance replaced": (
        forge.signed_appearance,
        "the signed field Signature_inspector rewritten (what it shows may differ from what was signed)"),
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_a_forged_update_is_refused_by_verify_and_pyhanko(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         signed: tuple[bytes, Path], name: str) -> None:
    pdf, ca_pem = signed
    make, what = FORGERIES[name]
    forged = make(pdf)
    assert forged.startswith(pdf)  # an incremental update: every signed byte is still there
    code, out, statuses, sig = _verdicts(capsys, tmp_path, forged, ca_pem)
    one, two, update = out.splitlines()
    assert code == 1
    assert update == (f"REFUSED update revision 3 (after Signature_team_leader): {what} "
                      "(NOT ALLOWED by the signed document)")
    for line in (one, two):
        assert "  intact  trusted  changed after signing: " in line and "(NOT ALLOWED by the signed document)" in line
    # pyHanko's validator: both signatures intact and trusted, but the update is beyond the certification's
    assert [s.intact and s.trusted for s in statuses] == [True, True]
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.OTHER"] * 2
    assert [s.docmdp_ok for s in statuses] == [False, False] and [s.bottom_line for s in statuses] == [False, False]
    # pdfsig cannot tell: it checks the signed bytes, not the update after them
    assert sig.count("Signature is Valid.") == 2 and sig.count("Not total document signed") == 2
    assert "Digest Mismatch" not in sig


def test_a_title_only_change_is_named_and_allowed(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  signed: tuple[bytes, Path]) -> None:
    """The title is document metadata, outside what the certification locks: allowed, but named."""
    pdf, ca_pem = signed
    code, out, statuses, sig = _verdicts(capsys, tmp_path, forge.title_only(pdf), ca_pem)
    one, two, update = out.splitlines()
    assert code == 0
    assert update == ("update revision 3 (after Signature_team_leader): XMP metadata changed, the document title "
                      "changed (from 'COE verification report — SEN FPU 1' to 'COE verification report (final)') "
                      "(allowed, metadata only: the signed pages are unchanged)")
    assert two.endswith("changed after signing: the document's metadata changed, not its pages (allowed)")
    assert [s.bottom_line and s.docmdp_ok for s in statuses] == [True, True]
    assert str(statuses[1].modification_level) == "ModificationLevel.LTA_UPDATES"
    assert sig.count("Signature is Valid.") == 2 and sig.count("Not total document signed") == 2


def test_a_second_signature_by_an_untrusted_self_signed_key(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           signed: tuple[bytes, Path]) -> None:
    pdf, ca_pem = signed
    rogue = DataDir(tmp_path / "rogue")
    keys.create_identity(rogue, "Col. Rashid Ahmed", "contingent_commander", PASS)
    forged = pdf_sign.sign_pdf(pdf, keys.load_identity(rogue, PASS), role="contingent_commander", roles=ROLES)
    code, out, statuses, sig = _verdicts(capsys, tmp_path, forged, ca_pem)
    one, two, three = out.splitlines()
    assert code == 1 and "REFUSED" not in out  # signing the commander's pre-created field is allowed; the key is not
    assert three.startswith("Signature_contingent_commander  Col. Rashid Ahmed (contingent_commander)  ")
    assert "  intact  not yet trusted by HQ  covers the whole file" in three
    assert "  intact  trusted  " in one and "  intact  trusted  " in two
    assert [s.bottom_line for s in statuses] == [True, True, False]
    assert not statuses[2].trusted and statuses[2].intact and statuses[0].docmdp_ok
    assert sig.count("Signature is Valid.") == 3 and "Certificate issuer is unknown." in sig


def test_beside_the_database_the_signed_bytes_are_compared_with_the_recorded_hash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A report signed anew with the inspector's own key (a stolen key, or a second rendering) verifies as a
    PDF, but its signed bytes are not those recorded when the inspection was signed."""
    field = make_field(tmp_path / "field", sign=False)
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        coe = demo_coe(ws)  # SEN FPU 1's, ready for review
        genuine = report.produce(ws, coe.id, "en", sign=report.Signer(PASS)).pdf
        rendered = report.render(ws, coe.id, "en", final=True)
    fresh, doc = rendered.pdf, rendered.document_id  # the same rendition: the same document id
    ca_pem = field.ca_dir / ca.CA_PEM
    path = tmp_path / "genuine.pdf"
    path.write_bytes(genuine)
    code, out, err = run(capsys, field.laptop, "verify", str(path), "--trust", str(ca_pem))
    assert code == 0, err
    assert out.endswith(f"covers the whole file; document {doc}: matches the record (recorded when Awa Diop "
                        "signed)\n")
    other = pdf_sign.sign_pdf(fresh, keys.load_identity(DataDir(field.laptop), PASS), role="inspector", roles=ROLES)
    path.write_bytes(other)
    code, out, _ = run(capsys, field.laptop, "verify", str(path), "--trust", str(ca_pem))
    assert code == 1
    assert out.endswith(f"  intact  trusted  covers the whole file; document {doc}: DIFFERS from every hash "
                        "recorded when it was signed\n")
    code, out, _ = run(capsys, tmp_path / "elsewhere", "verify", str(path), "--trust", str(ca_pem))
    assert code == 0 and "recorded" not in out  # no database here: the PDF alone decides
