"""Encrypted bundles: CMS enveloped data for HQ's transport certificate, interoperable with openssl cms."""

from __future__ import annotations

import io
import random
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from inspector_app.cli.main import main
from inspector_app.crypto import CryptoError, ca, keys, trust
from inspector_app.crypto.certificates import pem
from inspector_app.crypto.keys import Identity
from inspector_app.crypto.trust import TrustStore
from inspector_app.paths import DataDir
from inspector_app.services import attachments, bundle_export, hq_import
from inspector_app.services import inspections as inspections_service
from inspector_app.services.installation import open_workspace
from inspector_app.sync import BundleError, archive, envelope
from inspector_app.sync.archive import Limits, read_bundle, write_bundle
from inspector_app.sync.envelope import check_recipient, decrypt, encrypt, is_encrypted, open_bundle
from tests.integration.field import CA_PASS, DEMO_INSPECTIONS, PASS, make_field

HQ_PASS = "hq-transport-secret"
RECORDS: dict[str, list[dict[str, Any]]] = {"inspection": [{"id": "6f1c", "status": "signed"}], "finding": []}
FILES = {"reports/coe.pdf": b"%PDF-1.7 signed report " * 40}


@dataclass(frozen=True)
class World:
    """HQ's CA; HQ's RSA transport identity issued by it; a field laptop (EC, issued, trusting the CA)."""

    hq_data: DataDir
    hq: Identity
    hq_pem: Path
    laptop_data: DataDir
    laptop: Identity
    laptop_trust: TrustStore


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    field = make_field(tmp_path_factory.mktemp("envelope"), sign=False)
    hq_data, laptop_data = DataDir(field.hq), DataDir(field.laptop)
    trust.add_ca(laptop_data, ca.ca_certificate(field.ca_dir))  # what HQ's reference package installs
    keys.create_identity(hq_data, "UN HQ Sync", "hq", HQ_PASS, kind="rsa")  # HQ's transport identity
    keys.import_certificate(hq_data, ca.issue(field.ca_dir, keys.csr_for(hq_data), CA_PASS), HQ_PASS)
    hq = keys.load_identity(hq_data, HQ_PASS)
    hq_pem = field.root / "hq-transport.pem"
    hq_pem.write_bytes(pem(hq.certificate))
    laptop = keys.load_identity(laptop_data, PASS)
    return World(hq_data, hq, hq_pem, laptop_data, laptop, trust.load(laptop_data))


def _write(world: World, path: Path, encrypt_to: x509.Certificate | None) -> Path:
    write_bundle(path, "field-report", RECORDS, FILES, world.laptop, "Awa Diop", "device-1", encrypt_to=encrypt_to)
    return path


@pytest.fixture(scope="module")
def sealed(world: World, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _write(world, tmp_path_factory.mktemp("sealed") / "f.inspector-bundle", world.hq.certificate).read_bytes()


def _hq_trust(world: World) -> TrustStore:
    return trust.load(world.hq_data)


def _never() -> Identity:
    raise AssertionError("the identity must not be asked for")


def _openssl(*args: str, cwd: Path) -> None:
    result = subprocess.run(["openssl", "cms", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _key_pem(identity: Identity) -> bytes:
    return identity.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())


# --- round trip --------------------------------------------------------------------------------------------


def test_round_trip_and_open_bundle(world: World, sealed: bytes, tmp_path: Path) -> None:
    assert is_encrypted(sealed) and not sealed.startswith(b"PK")
    assert b"signed report" not in sealed and b"manifest.json" not in sealed
    path = tmp_path / "f.inspector-bundle"
    path.write_bytes(sealed)
    asked: list[bool] = []

    def loader() -> Identity:
        asked.append(True)
        return keys.load_identity(world.hq_data, HQ_PASS)

    plain = open_bundle(path, loader)
    assert isinstance(plain, bytes) and asked == [True]
    assert plain == decrypt(sealed, world.hq)
    bundle = read_bundle(plain, _hq_trust(world))
    assert bundle.signer.trusted and bundle.records == RECORDS
    assert bundle.read("reports/coe.pdf") == FILES["reports/coe.pdf"]
    plain_path = _write(world, tmp_path / "plain.inspector-bundle", None)
    assert not is_encrypted(plain_path) and not is_encrypted(str(plain_path))
    assert open_bundle(plain_path, _never) == plain_path  # read_bundle streams a plain file from disk


def test_plain_zip_never_lands_on_disk(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[tuple[str, int]]] = []
    real = archive.encrypt

    def spy(data: bytes, recipient: x509.Certificate) -> bytes:
        seen.append([(p.name, p.stat().st_size) for p in tmp_path.iterdir()])
        assert zipfile.is_zipfile(io.BytesIO(data))
        return real(data, recipient)

    monkeypatch.setattr(archive, "encrypt", spy)
    out = _write(world, tmp_path / "f.inspector-bundle", world.hq.certificate)
    assert len(seen) == 1 and [size for _name, size in seen[0]] == [0]  # only the empty temporary file
    assert [p.name for p in tmp_path.iterdir()] == [out.name] and is_encrypted(out)


# --- openssl interoperability ------------------------------------------------------------------------------


def test_openssl_decrypts_ours(world: World, sealed: bytes, tmp_path: Path) -> None:
    (tmp_path / "f.inspector-bundle").write_bytes(sealed)
    (tmp_path / "hq.pem").write_bytes(pem(world.hq.certificate))
    (tmp_path / "hq-key.pem").write_bytes(_key_pem(world.hq))
    _openssl("-decrypt", "-binary", "-inform", "DER", "-in", "f.inspector-bundle", "-recip", "hq.pem",
             "-inkey", "hq-key.pem", "-out", "f.zip", cwd=tmp_path)
    unwrapped = (tmp_path / "f.zip").read_bytes()
    assert unwrapped == decrypt(sealed, world.hq)
    assert read_bundle(tmp_path / "f.zip", _hq_trust(world)).records == RECORDS
    info = subprocess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", "f.inspector-bundle"],
                          cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "aes-256-cbc" in info and "envelopedData" in info


def test_transport_certificate_allows_key_encipherment(world: World, tmp_path: Path) -> None:
    """HQ's RSA transport certificate names keyEncipherment (CMS key transport); a laptop's EC one keyAgreement."""
    (tmp_path / "hq.pem").write_bytes(pem(world.hq.certificate))
    (tmp_path / "laptop.pem").write_bytes(pem(world.laptop.certificate))

    def usage(name: str) -> str:
        return subprocess.run(["openssl", "x509", "-noout", "-ext", "keyUsage", "-in", name], cwd=tmp_path,
                              capture_output=True, text=True, check=True).stdout

    hq, laptop = usage("hq.pem"), usage("laptop.pem")
    assert "Key Encipherment" in hq and "Key Agreement" not in hq and "Non Repudiation" in hq
    assert "Key Agreement" in laptop and "Key Encipherment" not in laptop and "Digital Signature" in laptop
    assert world.hq.certificate.extensions.get_extension_for_class(x509.KeyUsage).value.key_encipherment


def test_a_transport_certificate_made_before_key_encipherment_still_works(world: World, tmp_path: Path) -> None:
    """A certificate with the old signing-only key usage: we and openssl still encrypt to it and decrypt."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = datetime.now(UTC) - timedelta(minutes=5)
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "UN HQ Sync (old certificate)")])
    old_usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                              encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(old_usage, critical=True).sign(key, hashes.SHA256()))
    old = Identity(key, cert)
    plain = _write(world, tmp_path / "plain.zip", None).read_bytes()
    sealed = encrypt(plain, cert)
    assert decrypt(sealed, old) == plain
    (tmp_path / "f.der").write_bytes(sealed)
    (tmp_path / "old.pem").write_bytes(pem(cert))
    (tmp_path / "old-key.pem").write_bytes(_key_pem(old))
    _openssl("-decrypt", "-binary", "-inform", "DER", "-in", "f.der", "-recip", "old.pem", "-inkey", "old-key.pem",
             "-out", "f.bin", cwd=tmp_path)
    assert (tmp_path / "f.bin").read_bytes() == plain


def test_we_decrypt_openssl(world: World, tmp_path: Path) -> None:
    plain = _write(world, tmp_path / "plain.zip", None)
    (tmp_path / "hq.pem").write_bytes(pem(world.hq.certificate))
    _openssl("-encrypt", "-binary", "-outform", "DER", "-aes256", "-in", "plain.zip", "-out", "f.inspector-bundle",
             "hq.pem", cwd=tmp_path)
    made = tmp_path / "f.inspector-bundle"
    assert is_encrypted(made)
    assert decrypt(made.read_bytes(), world.hq) == plain.read_bytes()
    opened = open_bundle(made, lambda: world.hq)
    assert isinstance(opened, bytes) and read_bundle(opened, _hq_trust(world)).signer.name == "Awa Diop"
    for options in (["-des3"], ["-aes256", "-keyopt", "rsa_padding_mode:oaep"]):  # openssl's default is 3DES
        _openssl("-encrypt", "-binary", "-outform", "DER", "-in", "plain.zip", "-out", "other.der",
                 "-recip", "hq.pem", *options, cwd=tmp_path)  # -keyopt applies to the -recip before it
        with pytest.raises(BundleError, match="encrypted with an algorithm Inspector cannot open .*-aes256"):
            decrypt((tmp_path / "other.der").read_bytes(), world.hq)


# --- refusals ----------------------------------------------------------------------------------------------


def test_not_for_this_installation(world: World, sealed: bytes) -> None:
    serial = format(world.hq.certificate.serial_number, "x")
    with pytest.raises(BundleError) as caught:
        decrypt(sealed, world.laptop)
    message = str(caught.value)
    assert message.startswith(f"the bundle is encrypted for certificate {serial} issued by UN Police Division CA, "
                              "not for this installation's certificate (Awa Diop, certificate ")


def test_wrong_key_for_the_certificate(world: World, sealed: bytes) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(BundleError, match="cannot be decrypted: it is damaged, or was encrypted with another key"):
        decrypt(sealed, Identity(other, world.hq.certificate))
    # a random content key (what a failed RSA unwrap yields) may decrypt without a padding error: not a ZIP
    with pytest.raises(BundleError, match="cannot be decrypted: it is damaged, or was encrypted with another key"):
        decrypt(encrypt(b"not a zip archive", world.hq.certificate), world.hq)


@pytest.mark.parametrize("cut", [1, 100, 400])
def test_truncated(world: World, sealed: bytes, cut: int) -> None:
    with pytest.raises(BundleError, match="the encrypted bundle is damaged or truncated"):
        decrypt(sealed[:-cut], world.hq)
    assert is_encrypted(sealed[:20])


def test_altered_ciphertext_is_refused_by_decrypt_or_by_the_bundle_checks(world: World, sealed: bytes) -> None:
    for position in (len(sealed) - 5, len(sealed) - 40, len(sealed) // 2 + 300):
        altered = bytearray(sealed)
        altered[position] ^= 0x55
        with pytest.raises(BundleError):
            read_bundle(decrypt(bytes(altered), world.hq), _hq_trust(world))


def test_garbage_and_other_cms(world: World, sealed: bytes, tmp_path: Path) -> None:
    with zipfile.ZipFile(_write(world, tmp_path / "p.zip", None)) as plain:
        signature = plain.read("manifest.sig")
    for junk in (b"", b"garbage " * 100, b"\x30\x82\x01", signature, sealed[:2] + b"\x06\x09" + b"\x00" * 40):
        assert not is_encrypted(junk)
        with pytest.raises(BundleError, match="not an encrypted bundle"):
            decrypt(junk, world.hq)
    path = tmp_path / "garbage.inspector-bundle"
    path.write_bytes(b"garbage " * 100)
    assert open_bundle(path, _never) == path
    with pytest.raises(BundleError, match="not an Inspector bundle: not a ZIP"):
        read_bundle(open_bundle(path, _never), _hq_trust(world))
    with pytest.raises(BundleError, match="does not exist"):
        open_bundle(tmp_path / "missing.inspector-bundle", _never)


def test_size_cap_before_decrypting(world: World, sealed: bytes, tmp_path: Path) -> None:
    tiny = Limits(max_files=0, max_total_bytes=0)
    path = tmp_path / "f.inspector-bundle"
    path.write_bytes(sealed + b"\x00" * (envelope.max_encrypted_bytes(tiny) + 1 - len(sealed)))
    with pytest.raises(BundleError, match="the encrypted bundle is refused: .* more than the"):
        open_bundle(path, _never, tiny)
    with pytest.raises(BundleError, match="the encrypted bundle is refused"):
        decrypt(path.read_bytes(), world.hq, tiny)
    assert decrypt(sealed, world.hq, Limits())  # the default cap leaves room for any bundle read_bundle takes


def test_identity_errors_propagate(world: World, sealed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "f.inspector-bundle"
    path.write_bytes(sealed)
    with pytest.raises(CryptoError, match="the passphrase does not open"):
        open_bundle(path, lambda: keys.load_identity(world.hq_data, "wrong passphrase"))


# --- the recipient certificate ------------------------------------------------------------------------------


def test_ec_certificates_are_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="HQ's transport certificate must have an RSA key; the one of Awa Diop"):
        encrypt(b"PK\x03\x04", world.laptop.certificate)
    with pytest.raises(BundleError, match="must have an RSA key"):
        check_recipient(world.laptop.certificate, world.laptop_trust)
    # openssl can encrypt to EC (key agreement); Inspector cannot open that, and says so
    _write(world, tmp_path / "plain.zip", None)
    (tmp_path / "ec.pem").write_bytes(pem(world.laptop.certificate))
    _openssl("-encrypt", "-binary", "-outform", "DER", "-aes256", "-in", "plain.zip", "-out", "ec.der", "ec.pem",
             cwd=tmp_path)
    with pytest.raises(BundleError, match="encrypted in a way Inspector cannot open"):
        decrypt((tmp_path / "ec.der").read_bytes(), world.laptop)


def test_recipient_must_be_trusted_valid_not_ca_not_revoked(world: World, tmp_path: Path) -> None:
    check_recipient(world.hq.certificate, world.laptop_trust)
    with pytest.raises(BundleError, match="not issued by a CA this installation trusts"):
        check_recipient(world.hq.certificate, TrustStore())
    stranger_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stranger = keys.self_signed_certificate(stranger_key, "Mallory", "hq")
    with pytest.raises(BundleError, match=r"Mallory \(issued by Mallory\) is not issued by a CA"):
        check_recipient(stranger, world.laptop_trust)
    later = datetime.now(UTC) + timedelta(days=3000)
    with pytest.raises(BundleError, match="cannot encrypt to it: the certificate of UN HQ Sync expired on"):
        check_recipient(world.hq.certificate, world.laptop_trust, now=later)
    rsa_ca = ca.init_ca(tmp_path / "ca2", "Other CA", CA_PASS, kind="rsa")
    with pytest.raises(BundleError, match="Other CA is a CA certificate"):
        check_recipient(rsa_ca, world.laptop_trust.plus([rsa_ca], []))
    folder = tmp_path / "ca3"
    ca_cert = ca.init_ca(folder, "Third CA", CA_PASS)
    issued = x509.load_pem_x509_certificate(ca.issue(folder, keys.make_csr(stranger_key, "Old HQ", "hq"), CA_PASS))
    check_recipient(issued, TrustStore((ca_cert,)))
    ca.revoke(folder, issued, CA_PASS)
    crl = ca.current_crl(folder)
    assert crl is not None
    with pytest.raises(BundleError, match="the certificate of Old HQ was revoked by Third CA"):
        check_recipient(issued, TrustStore((ca_cert,), (crl,)))


# --- export service and command line -------------------------------------------------------------------------


def test_export_service_encrypts(world: World, tmp_path: Path) -> None:
    out = tmp_path / "f.inspector-bundle"
    with open_workspace(world.laptop_data.root) as ws:
        manifest = bundle_export.export_bundle(ws, out, PASS, encrypt_to=world.hq.certificate)
        with pytest.raises(BundleError, match="must have an RSA key"):
            bundle_export.export_bundle(ws, tmp_path / "x", PASS, encrypt_to=world.laptop.certificate)
    assert not (tmp_path / "x").exists()
    bundle = read_bundle(decrypt(out.read_bytes(), world.hq), _hq_trust(world))
    assert bundle.manifest == manifest and bundle.manifest.record_counts["inspection"] == DEMO_INSPECTIONS


def test_cli_export_encrypt_to(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    data, out = str(world.laptop_data.root), tmp_path / "f.inspector-bundle"
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    der = tmp_path / "hq.der"
    der.write_bytes(world.hq.certificate.public_bytes(serialization.Encoding.DER))
    assert main(["--data-dir", data, "bundle", "export", "-o", str(out), "--encrypt-to", str(der),
                 "--passphrase-file", str(secret)]) == 0
    stdout = capsys.readouterr().out
    assert ", encrypted for UN HQ Sync" in stdout and is_encrypted(out)
    opened = open_bundle(out, lambda: keys.load_identity(world.hq_data, HQ_PASS))
    bundle = read_bundle(opened, _hq_trust(world))
    assert bundle.signer.trusted and str(bundle.manifest.bundle_id) in stdout

    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    assert main(["--data-dir", data, "bundle", "export", "-o", str(tmp_path / "g"), "--encrypt-to",
                 str(world.hq_pem)]) == 0
    assert is_encrypted(tmp_path / "g")
    capsys.readouterr()
    ec_pem = tmp_path / "laptop.pem"
    ec_pem.write_bytes(pem(world.laptop.certificate))
    stranger = tmp_path / "stranger.pem"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stranger.write_bytes(pem(keys.self_signed_certificate(key, "Mallory", "hq")))
    for cert, expected in ((ec_pem, "must have an RSA key"), (stranger, "not issued by a CA this installation trusts"),
                           (tmp_path / "none.pem", "does not exist"), (secret, "is not an X.509 certificate")):
        code = main(["--data-dir", data, "bundle", "export", "-o", str(tmp_path / "h"), "--encrypt-to", str(cert)])
        err = capsys.readouterr().err
        assert code == 1 and len(err.strip().splitlines()) == 1 and expected in err, err
    assert not (tmp_path / "h").exists()


def _noise_png(seed: int, size: tuple[int, int] = (2000, 1800)) -> bytes:
    """A photo that no compressor shrinks: random pixels, about 10 MiB as PNG."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3)).save(out, "PNG",
                                                                                           compress_level=1)
    return out.getvalue()


@pytest.mark.slow
def test_an_encrypted_bundle_of_over_40_mib_of_photos_imports_at_hq(world: World, tmp_path: Path) -> None:
    """An envelope of 16 MiB or more has a four-byte DER length: it was taken for "not a ZIP" at HQ."""
    with open_workspace(world.laptop_data.root, actor="Awa Diop") as ws:
        coe = inspections_service.start(ws, "SEN FPU 1", "coe-major-equipment", "spot_check")
        for n in range(4):
            photo = tmp_path / f"noise-{n}.png"
            photo.write_bytes(_noise_png(n))
            attachments.attach(ws, coe.id, "me.general.defect_photos", photo)
        out = tmp_path / "big.inspector-bundle"
        bundle_export.export_bundle(ws, out, PASS, encrypt_to=world.hq.certificate, full_history=True)
    assert out.stat().st_size >= 40 * 2**20 and is_encrypted(out)
    with open_workspace(world.hq_data.root, db_url=f"sqlite:///{tmp_path / 'hq.sqlite'}") as hq:
        batch = hq_import.import_files(hq, [out], passphrase=lambda: HQ_PASS)
    assert not batch.refused, batch.refused
    assert len(batch.imported) == 1 and out.exists()
