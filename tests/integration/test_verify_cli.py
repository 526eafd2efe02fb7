"""``inspector keys``, ``hq ca``, ``report --sign`` and ``verify`` as scripts use them; checked with pdfsig too."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509

from inspector_app.cli.main import main
from inspector_app.cli.passphrase import PASSPHRASE_ENV
from inspector_app.crypto import keys, pdf_sign
from inspector_app.paths import DataDir
from inspector_app.services import demo
from tests.integration.test_signing import small_pdf

PDFSIG = shutil.which("pdfsig")


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def secret(tmp_path: Path, name: str, value: str) -> str:
    path = tmp_path / name
    path.write_text(value + "\n", encoding="utf-8")
    return str(path)


def pdfsig(path: Path) -> str:
    """pdfsig exits 0 even on a digest mismatch: its output is what tells."""
    if PDFSIG is None:
        pytest.fail("pdfsig is missing: install poppler-utils (scripts/system-deps.sh)")
    proc = subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=30, check=False)
    return proc.stdout + proc.stderr


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "laptop"
    code, out, err = run(capsys, data, "keys", "init", "--name", "Awa Diop", "--role", "inspector",
                         "--passphrase-file", secret(tmp_path, "laptop.pass", "laptop-secret"))
    assert code == 0, err
    assert re.match(r"created .*identity\.p12 for Awa Diop \(inspector\): EC secp256r1, self-signed", out)
    return data


def test_keys_show_csr_and_passphrase_rules(capsys: pytest.CaptureFixture[str], laptop: Path,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, laptop, "keys", "show", "--json")
    info = json.loads(out)
    assert code == 0 and info["name"] == "Awa Diop" and info["self_signed"] and "not yet trusted by HQ" in info["trust"]
    code, out, _ = run(capsys, laptop, "keys", "csr", "-o", str(tmp_path / "req.pem"))
    assert code == 0 and (tmp_path / "req.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE REQUEST")
    with pytest.raises(SystemExit):  # never on the command line
        main(["--data-dir", str(laptop), "keys", "import-cert", "x.pem", "--passphrase", "laptop-secret"])
    capsys.readouterr()
    code, _, err = run(capsys, laptop, "keys", "import-cert", str(tmp_path / "req.pem"))
    assert code == 1 and err == ("inspector: error: no passphrase for identity.p12: "
                                 f"give --passphrase-file FILE or set {PASSPHRASE_ENV}\n")
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong passphrase")
    code, _, err = run(capsys, laptop, "keys", "import-cert", str(tmp_path / "req.pem"))
    assert code == 1 and err.startswith("inspector: error: the passphrase does not open identity.p12")
    assert err.count("\n") == 1


def test_hq_ca_issue_import_sign_verify_then_revoke(capsys: pytest.CaptureFixture[str], laptop: Path,
                                                   tmp_path: Path) -> None:
    hq, ca_pass = tmp_path / "hq", secret(tmp_path, "ca.pass", "hq-ca-secret")
    code, out, err = run(capsys, hq, "hq", "ca", "init", "--name", "UN Police Division CA",
                         "--passphrase-file", ca_pass)
    assert code == 0, err
    assert "created the CA 'UN Police Division CA'" in out and "trusted by this installation" in out
    request, cert = tmp_path / "awa.csr", tmp_path / "awa.pem"
    run(capsys, laptop, "keys", "csr", "-o", str(request))
    code, out, _ = run(capsys, hq, "hq", "ca", "issue", str(request), "-o", str(cert), "--passphrase-file", ca_pass)
    assert code == 0 and out.startswith("issued a certificate to Awa Diop (inspector)")
    laptop_pass = str(tmp_path / "laptop.pass")
    code, out, _ = run(capsys, laptop, "keys", "import-cert", str(cert), "--passphrase-file", laptop_pass)
    assert code == 0 and "issued by UN Police Division CA, a CA this installation does not trust yet" in out
    code, out, _ = run(capsys, laptop, "keys", "import-cert", str(cert), "--trust-ca", "--passphrase-file", laptop_pass)
    assert code == 0 and "a CA this installation trusts" in out

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(pdf_sign.sign_pdf(small_pdf(), keys.load_identity(DataDir(laptop), "laptop-secret")))
    for data in (laptop, hq):  # the laptop (CA trusted on import) and HQ (its own CA) both trust it
        code, out, _ = run(capsys, data, "verify", str(signed))
        assert code == 0 and re.fullmatch(
            r"Signature1  Awa Diop \(inspector\)  \S+ \S+ UTC  B-B  no timestamp  intact  trusted  "
            r"covers the whole file\n", out)

    code, out, _ = run(capsys, hq, "hq", "ca", "revoke", str(cert), "--passphrase-file", ca_pass)
    assert code == 0 and out.startswith("revoked the certificate of Awa Diop")
    code, out, _ = run(capsys, hq, "verify", str(signed))
    assert code == 1 and "intact  revoked on " in out
    crl = hq / "hq-ca" / "crl.pem"
    code, out, _ = run(capsys, laptop, "verify", str(signed), "--crl", str(crl), "--json")
    [sig] = json.loads(out)["signatures"]
    assert code == 1 and sig["revoked"] and not sig["trusted"] and sig["integrity"] == "intact"


def test_hq_ca_revokes_by_serial_with_a_reason(capsys: pytest.CaptureFixture[str], laptop: Path,
                                              tmp_path: Path) -> None:
    hq, ca_pass = tmp_path / "hq", secret(tmp_path, "ca.pass", "hq-ca-secret")
    assert run(capsys, hq, "hq", "ca", "init", "--name", "UN Police Division CA", "--passphrase-file", ca_pass)[0] == 0
    request, cert = tmp_path / "awa.csr", tmp_path / "awa.pem"
    run(capsys, laptop, "keys", "csr", "-o", str(request))
    code, out, _ = run(capsys, hq, "hq", "ca", "issue", str(request), "-o", str(cert), "--passphrase-file", ca_pass)
    serial = re.search(r"serial ([0-9a-f]+)", out)
    assert code == 0 and serial is not None
    laptop_pass = str(tmp_path / "laptop.pass")
    assert run(capsys, laptop, "keys", "import-cert", str(cert), "--passphrase-file", laptop_pass)[0] == 0
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(pdf_sign.sign_pdf(small_pdf(), keys.load_identity(DataDir(laptop), "laptop-secret")))
    assert run(capsys, hq, "verify", str(signed))[0] == 0

    code, _, err = run(capsys, hq, "hq", "ca", "revoke", "abc123")  # refused before any passphrase is asked
    assert code == 1 and err.startswith("inspector: error: the CA in ") and "no certificate with serial abc123" in err
    code, out, err = run(capsys, hq, "hq", "ca", "revoke", serial.group(1).upper(), "--reason", "key-compromise",
                         "--date", "2026-01-05", "--passphrase-file", ca_pass)
    assert code == 0, err
    assert out.startswith(f"revoked the certificate of Awa Diop (serial {serial.group(1)}, key-compromise); ")
    assert out.endswith("crl.pem lists 1 revoked certificate(s)\n")
    [entry] = x509.load_pem_x509_crl((hq / "hq-ca" / "crl.pem").read_bytes())
    assert entry.serial_number == int(serial.group(1), 16)
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert f"{entry.revocation_date_utc:%Y-%m-%d}" == "2026-01-05"
    code, out, _ = run(capsys, hq, "verify", str(signed))
    assert code == 1 and "intact  revoked on 2026-01-05" in out
    code, out, _ = run(capsys, hq, "hq", "ca", "revoke", serial.group(1), "--passphrase-file", ca_pass)
    assert code == 0 and out.startswith("the certificate was already revoked: Awa Diop")


def test_tampered_pdf_is_altered_for_us_and_for_pdfsig(capsys: pytest.CaptureFixture[str], laptop: Path,
                                                       tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(pdf_sign.sign_pdf(small_pdf(), keys.load_identity(DataDir(laptop), "laptop-secret")))
    code, out, _ = run(capsys, laptop, "verify", str(good))
    assert code == 1 and "intact  not yet trusted by HQ" in out  # self-signed: intact, not trusted
    assert "Signature is Valid." in pdfsig(good)
    data = bytearray(good.read_bytes())
    start, length = _first_signed_range(bytes(data))
    at = data.index(b"ReportLab", start, start + length)  # the Producer string: inside the signed bytes
    data[at] ^= 0x20
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    code, out, _ = run(capsys, laptop, "verify", str(bad))
    assert code == 1 and re.match(r"Signature1  Awa Diop \(inspector\)  .*  ALTERED  ", out)
    assert "Digest Mismatch" in pdfsig(bad)
    code, _, err = run(capsys, laptop, "verify", str(tmp_path / "laptop.pass"))
    assert code == 1 and err.startswith("inspector: error: not a readable PDF") and err.count("\n") == 1
    (tmp_path / "plain.pdf").write_bytes(small_pdf())
    code, _, err = run(capsys, laptop, "verify", str(tmp_path / "plain.pdf"))
    assert code == 1 and "carries no signature" in err


def _first_signed_range(pdf: bytes) -> tuple[int, int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", pdf)
    assert match is not None
    return int(match.group(1)), int(match.group(2))


@pytest.mark.skipif(importlib.util.find_spec("inspector_app.reports.render") is None, reason="no report renderer")
def test_demo_report_signed_twice_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "demo"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", str(data), "demo"]) == 0
    _, out, _ = run(capsys, data, "inspections", "list", "--json")
    status = {r["status"]: r["id"] for r in json.loads(out) if r["unit"] != demo.TOGO.name}  # SEN's COE, BGD's AOC
    coe = status["ready_for_review"]
    inspector_pass = secret(tmp_path, "inspector.pass", "inspector-secret")
    run(capsys, data, "keys", "init", "--name", "Awa Diop", "--role", "inspector", "--passphrase-file", inspector_pass)
    code, _, err = run(capsys, data, "report", status["in_progress"], "-o", str(tmp_path / "no.pdf"), "--sign")
    assert code == 1 and err.startswith("inspector: error: the inspection is in progress and cannot be signed: ")
    assert err.endswith("; answer them, then submit it for review\n") and err.count("\n") == 1
    first = tmp_path / "report.pdf"
    code, out, err = run(capsys, data, "report", coe[:8], "-o", str(first), "--sign",
                         "--passphrase-file", inspector_pass)
    assert code == 0, err
    assert re.match(rf"wrote {re.escape(str(first))}: \d+ page\(s\), document .*, signed by Awa Diop as inspector", out)
    code, out, _ = run(capsys, data, "verify", str(first))
    assert code == 1 and out.count("\n") == 1 and "intact  not yet trusted by HQ  covers the whole file" in out
    code, _, err = run(capsys, data, "inspections", "answer", coe[:8], "me.count/1", "found=10 serviceable=10")
    assert code == 1 and "signed and locked" in err

    # The team leader co-signs on the same installation (another identity): the signed file, not a new rendering.
    shutil.move(data / "identity.p12", tmp_path / "inspector.p12")
    for name in ("identity.pem", "identity.csr.pem"):
        (data / name).unlink()
    leader_pass = secret(tmp_path, "leader.pass", "leader-secret")
    run(capsys, data, "keys", "init", "--name", "Jean Martin", "--role", "team_leader",
        "--passphrase-file", leader_pass)
    second = tmp_path / "report2.pdf"
    code, out, err = run(capsys, data, "report", coe, "-o", str(second), "--sign", "--passphrase-file", leader_pass)
    assert code == 0, err
    assert "the signed report, signed by Jean Martin as team_leader" in out
    assert second.read_bytes().startswith(first.read_bytes())
    code, out, _ = run(capsys, data, "verify", str(second))
    one, two = out.splitlines()
    assert one.startswith("Signature_inspector  Awa Diop (inspector)")
    assert "changed after signing: form fields filled or a later signature added (allowed)" in one
    assert two.startswith("Signature_team_leader  Jean Martin (team_leader)")
    assert "  intact  " in two and "covers the whole file" in two
    assert pdfsig(second).count("Signature is Valid.") == 2
