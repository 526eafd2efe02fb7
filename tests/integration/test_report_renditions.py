"""Each language is a rendition of its own: ``report --lang fr`` is French once the English one is signed, a
French rendition gets its own signatures, nobody signs one rendition twice, and bundles carry every rendition."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from inspector_app.errors import ValidationError
from inspector_app.services import bundle_export, demo, hq_import, inspections, signing
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import render as render_report
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Inspection
from tests.integration.field import PASS, Field, issue_identity, make_field
from tests.integration.test_reports import pages_text
from tests.integration.test_signing import small_pdf
from tests.integration.test_verify_cli import run, secret


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo on a laptop certified by HQ's CA, nothing signed yet."""
    return make_field(tmp_path_factory.mktemp("renditions"), sign=False).root


@pytest.fixture
def root(seeded: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seeded, tmp_path / "copy"))


def _coe(capsys: pytest.CaptureFixture[str], data: Path) -> str:
    _, out, _ = run(capsys, data, "inspections", "list", "--json")
    return next(r["id"] for r in json.loads(out) if r["status"] in ("ready_for_review", "signed")
                and r["unit"] == demo.SENEGAL.name and r["template"] == demo.ME)


def _signers(ws: Workspace, ref: str, lang: str) -> list[str]:
    return [s.signer_name for s in signing.signatures(ws, ref, signing.DIGITAL) if signing.language(s) == lang]


def test_each_language_is_a_rendition_with_its_own_signatures(capsys: pytest.CaptureFixture[str], root: Path,
                                                               tmp_path: Path) -> None:
    data, key = root / "laptop", secret(tmp_path, "laptop.pass", PASS)
    coe = _coe(capsys, data)
    english = tmp_path / "en.pdf"
    code, _, err = run(capsys, data, "report", coe, "-o", str(english), "--sign", "--passphrase-file", key)
    assert code == 0, err
    french = tmp_path / "fr.pdf"
    code, out, err = run(capsys, data, "report", coe, "--lang", "fr", "-o", str(french))
    assert code == 0, err
    assert "Page 1 sur" in pages_text(french)[0] and "Page 1 of" not in pages_text(french)[0]
    code, _, err = run(capsys, data, "verify", str(french))
    assert code == 1 and "carries no signature" in err  # a fresh French rendering, not the English signed file

    code, _, err = run(capsys, data, "report", coe, "-o", str(tmp_path / "again.pdf"), "--sign",
                       "--passphrase-file", key)
    assert (code, err) == (1, "inspector: error: Awa Diop has already signed the English report of this inspection\n")
    assert not (tmp_path / "again.pdf").exists()

    signed_fr = tmp_path / "fr-signed.pdf"
    code, out, err = run(capsys, data, "report", coe, "--lang", "fr", "-o", str(signed_fr), "--sign",
                         "--passphrase-file", key)
    assert code == 0, err
    assert "signed by Awa Diop" in out and "Page 1 sur" in pages_text(signed_fr)[0]
    code, out, _ = run(capsys, data, "verify", str(signed_fr))
    assert out.count("\n") == 1 and out.startswith("Signature_inspector  Awa Diop")  # its own signature, one only
    code, _, err = run(capsys, data, "report", coe, "--lang", "fr", "-o", str(tmp_path / "fr2.pdf"), "--sign",
                       "--passphrase-file", key)
    assert code == 1 and "already signed the French report" in err

    code, _, _ = run(capsys, data, "report", coe, "-o", str(tmp_path / "en-again.pdf"))
    assert code == 0 and (tmp_path / "en-again.pdf").read_bytes() == english.read_bytes()
    code, _, _ = run(capsys, data, "report", coe, "--lang", "fr", "-o", str(tmp_path / "fr-again.pdf"))
    assert code == 0 and (tmp_path / "fr-again.pdf").read_bytes() == signed_fr.read_bytes()
    with open_workspace(data) as ws:
        assert _signers(ws, coe, "en") == ["Awa Diop"] and _signers(ws, coe, "fr") == ["Awa Diop"]
        with ws.db.read() as session:  # the recorded report hash stays the first (English) rendition's
            inspection = session.get(Inspection, coe)
            assert inspection is not None and inspection.status == "signed"
            assert inspection.report_sha256 == signing.signatures(ws, coe, signing.DIGITAL)[0].document_sha256


def test_a_second_signer_signs_the_french_rendition_and_hq_imports_both(capsys: pytest.CaptureFixture[str],
                                                                       root: Path, tmp_path: Path) -> None:
    data, key = root / "laptop", secret(tmp_path, "laptop.pass", PASS)
    coe = _coe(capsys, data)
    for lang in ("en", "fr"):
        code, _, err = run(capsys, data, "report", coe, "--lang", lang, "-o", str(tmp_path / f"{lang}.pdf"),
                           "--sign", "--passphrase-file", key)
        assert code == 0, err
    for name in ("identity.p12", "identity.pem", "identity.csr.pem"):
        (data / name).unlink(missing_ok=True)
    issue_identity(Field(root), data, "Jean Martin", "team_leader")
    code, out, err = run(capsys, data, "report", coe, "--lang", "fr", "-o", str(tmp_path / "fr2.pdf"), "--sign",
                         "--passphrase-file", key)
    assert code == 0 and "signed by Jean Martin" in out, err
    assert (tmp_path / "fr2.pdf").read_bytes().startswith((tmp_path / "fr.pdf").read_bytes())

    bundle = tmp_path / "field.inspector-bundle"
    with open_workspace(data) as laptop:
        bundle_export.export_bundle(laptop, bundle, PASS)
        reports = {lang: signing.signed_report(laptop, coe, lang) for lang in ("en", "fr")}
    with open_workspace(root / "hq", actor="HQ") as hq:
        batch = hq_import.import_files(hq, [bundle])
        assert not batch.refused, batch.refused
        assert {lang: signing.signed_report(hq, coe, lang) for lang in ("en", "fr")} == reports
        assert _signers(hq, coe, "fr") == ["Awa Diop", "Jean Martin"]


def test_a_new_rendition_of_signed_work_must_be_a_report_of_that_content(capsys: pytest.CaptureFixture[str],
                                                                        root: Path, tmp_path: Path) -> None:
    data = root / "laptop"
    coe = _coe(capsys, data)
    with open_workspace(data) as ws:
        signing.sign_report(ws, coe, render_report(ws, coe, "en", final=True).pdf, PASS)
        other = render_report(ws, next(s.inspection.id for s in inspections.list_states(ws)
                                       if s.inspection.id != coe), "fr").pdf
        for pdf in (small_pdf(), other):  # any PDF, or the report of another inspection
            with pytest.raises(ValidationError, match="^this PDF is not a report of the inspection as it was signed"):
                signing.sign_report(ws, coe, pdf, PASS, lang="fr")
        assert signing.signed_report(ws, coe, "fr") is None
        signing.sign_report(ws, coe, render_report(ws, coe, "fr").pdf, PASS, lang="fr")
        assert signing.signed_report(ws, coe, "fr") is not None
