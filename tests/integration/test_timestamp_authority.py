"""HQ's timestamp authority: issued by HQ's CA with it, kept under its passphrase, and its tokens verify with
openssl's RFC 3161 verifier against HQ's CA alone."""

from __future__ import annotations

import asyncio
import hashlib
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from inspector_app.crypto import CryptoError, tsa
from inspector_app.crypto.certificates import load_certificates
from tests.integration.test_verify_cli import run, secret

NAME = "UN Police Division CA"


@pytest.fixture
def hq_ca(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    """HQ's data folder after ``hq ca init``, and the CA passphrase file."""
    hq, ca_pass = tmp_path / "hq", secret(tmp_path, "ca.pass", "hq-ca-secret")
    code, out, err = run(capsys, hq, "hq", "ca", "init", "--name", NAME, "--passphrase-file", ca_pass)
    assert code == 0, err
    assert re.search(rf"timestamp authority '{NAME} Timestamp Authority', serial [0-9a-f]+, valid until", out)
    return hq, ca_pass


def _certificate(path: Path) -> x509.Certificate:
    return load_certificates(path.read_bytes(), str(path))[0]


def test_ca_init_issues_a_timestamp_certificate_for_time_stamping_only(hq_ca: tuple[Path, str]) -> None:
    folder = hq_ca[0] / "hq-ca"
    authority, stamp = _certificate(folder / "ca.pem"), _certificate(folder / tsa.TSA_PEM)
    assert stamp.issuer == authority.subject
    authority_key = authority.public_key()
    assert isinstance(authority_key, ec.EllipticCurvePublicKey)
    authority_key.verify(stamp.signature, stamp.tbs_certificate_bytes,
                         ec.ECDSA(stamp.signature_hash_algorithm))  # type: ignore[arg-type]
    usage = stamp.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert usage.critical and list(usage.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    assert not stamp.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert stamp.not_valid_after_utc <= authority.not_valid_after_utc
    assert (folder / tsa.TSA_P12).stat().st_mode & 0o077 == 0  # the key, like the CA's, for its owner only


def test_a_token_verifies_with_openssl_against_hq_ca_alone(hq_ca: tuple[Path, str], tmp_path: Path) -> None:
    folder = hq_ca[0] / "hq-ca"
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 the signed report, as HQ received it")
    token = tmp_path / "report.tst"
    signed = asyncio.run(tsa.stamper(folder, "hq-ca-secret").async_timestamp(
        hashlib.sha256(report.read_bytes()).digest(), "sha256"))
    token.write_bytes(signed.dump())
    info = signed["content"]["encap_content_info"]["content"].parsed
    assert abs(info["gen_time"].native - datetime.now(UTC)) < timedelta(minutes=2)

    def openssl_verify(data: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["openssl", "ts", "-verify", "-data", str(data), "-in", str(token), "-token_in",
                               "-CAfile", str(folder / "ca.pem")], capture_output=True, text=True, check=False)

    checked = openssl_verify(report)
    assert checked.returncode == 0 and "Verification: OK" in checked.stdout, checked.stdout + checked.stderr
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(report.read_bytes().replace(b"signed", b"forged"))
    refused = openssl_verify(forged)
    assert refused.returncode != 0 and "Verification: FAILED" in refused.stdout + refused.stderr


def test_a_new_timestamp_certificate_replaces_the_old_and_a_wrong_passphrase_changes_nothing(
        capsys: pytest.CaptureFixture[str], hq_ca: tuple[Path, str], tmp_path: Path) -> None:
    hq, ca_pass = hq_ca
    folder = hq / "hq-ca"
    before = (folder / tsa.TSA_P12).read_bytes(), (folder / tsa.TSA_PEM).read_bytes()
    wrong = secret(tmp_path, "wrong.pass", "not-the-ca-passphrase")
    code, _, err = run(capsys, hq, "hq", "ca", "tsa", "--passphrase-file", wrong)
    assert code == 1 and "the passphrase does not open ca.p12" in err
    assert ((folder / tsa.TSA_P12).read_bytes(), (folder / tsa.TSA_PEM).read_bytes()) == before
    with pytest.raises(CryptoError, match="the passphrase does not open tsa.p12"):
        tsa.stamper(folder, "not-the-ca-passphrase")
    code, out, _ = run(capsys, hq, "hq", "ca", "tsa", "--passphrase-file", ca_pass)
    serial = re.search(r"serial ([0-9a-f]+)", out)
    assert code == 0 and serial is not None
    assert f"{_certificate(folder / tsa.TSA_PEM).serial_number:x}" == serial.group(1) != before[1]


def test_without_a_timestamp_authority_the_folder_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(CryptoError, match="inspector hq ca tsa"):
        tsa.stamper(tmp_path, "anything")
