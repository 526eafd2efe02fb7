"""This installation's signing identity (a laptop's inspector, or HQ) and what it trusts.

Keys: create them, the CSR for HQ, the certificate HQ issued (checked against the key and its CA), what the
identity is (name, role, issuer, validity, fingerprint). Trust: whether the CA above the identity is trusted,
accepting the CA that came with the certificate, and whether a transport certificate may receive bundles.
The profile itself (name, role on the record) is ``services.profile``. CLI and GUI call these; neither
reaches into ``inspector_app.crypto``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inspector_app.crypto import keys, trust
from inspector_app.crypto.certificates import Certificate, common_name, issued_by, load_certificates
from inspector_app.errors import InspectorError
from inspector_app.files import read_file
from inspector_app.paths import DataDir
from inspector_app.services import profile, settings
from inspector_app.sync import envelope

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

IDENTITY_FILE = keys.IDENTITY_FILE
Info = dict[str, object]


@dataclass(frozen=True)
class Recipient:
    """A transport certificate this installation may encrypt a bundle to (``bundle export --encrypt-to``)."""

    certificate: Certificate
    name: str


def identity_file(data: DataDir) -> Path:
    return keys.identity_path(data)


def csr_file(data: DataDir) -> Path:
    return keys.csr_path(data)


def check_absent(data: DataDir) -> None:
    """Refuse to create a second identity (before any passphrase is asked)."""
    if keys.has_identity(data):
        raise InspectorError(f"an identity already exists in {keys.identity_path(data)}; "
                             "move that file away first to create a new one")


def init(data: DataDir, name: str, role: str, passphrase: str, *, rsa: bool = False) -> Info:
    """A new key and self-signed certificate in ``identity.p12``, plus the CSR for HQ; what ``describe`` says."""
    created = keys.create_identity(data, name, role, passphrase, kind="rsa" if rsa else "ec")
    return keys.describe(created.certificate)


def unlock(data: DataDir, passphrase: str) -> str:
    """Check that ``passphrase`` opens a usable identity (in date); its holder's name."""
    return keys.load_identity(data, passphrase).name


def csr_needs_passphrase(data: DataDir) -> bool:
    """The CSR is made again from the key (so the passphrase is needed) when its file is gone."""
    return not keys.csr_path(data).is_file()


def csr(data: DataDir, passphrase: str | None = None) -> bytes:
    """The PEM certificate signing request to send to HQ."""
    return keys.csr_for(data, passphrase)


def subject(data: DataDir) -> str:
    """The certificate's subject, as RFC 4514 (``CN=…,O=United Nations,OU=…``)."""
    return keys.read_certificate(data).subject.rfc4514_string()


def import_certificate(data: DataDir, blob: bytes, passphrase: str) -> Info:
    """Install the certificate HQ issued for this key (``blob``: PEM or DER, optionally followed by HQ's CA)."""
    installed = keys.import_certificate(data, blob, passphrase)
    return {**keys.describe(installed.certificate), "chain": len(installed.chain)}


def trust_own_ca(data: DataDir) -> int:
    """Trust the CA certificates that came with the identity's certificate; how many."""
    chain = _own_certificates(data)[1:]
    for ca in chain:
        trust.add_ca(data, ca)
    return len(chain)


def describe(data: DataDir) -> Info:
    """What ``keys show`` prints: holder, role, issuer, key, serial, validity, fingerprint, trust, file."""
    cert = keys.read_certificate(data)
    return {**keys.describe(cert), "trust": trust_line(data, cert), "file": str(keys.identity_path(data))}


def trust_line(data: DataDir, cert: Certificate | None = None) -> str:
    """Whether this installation trusts the identity's certificate (or ``cert``), and what to do if not."""
    cert = cert or keys.read_certificate(data)
    issuer = keys.common_name_of(cert.issuer)
    if keys.describe(cert)["self_signed"]:
        return "self-signed: not yet trusted by HQ (send the CSR to HQ, then import the certificate)"
    if any(issued_by(cert, root) for root in trust.load(data).roots):
        return f"issued by {issuer}, a CA this installation trusts"
    return (f"issued by {issuer}, a CA this installation does not trust yet "
            "(install HQ's reference package, or import again with --trust-ca)")


def trusts_a_ca(data: DataDir) -> bool:
    """Whether any CA certificate is installed (a new laptop trusts none until HQ's package)."""
    return bool(trust.load(data).roots)


def recipient(data: DataDir, path: Path) -> Recipient:
    """HQ's transport certificate in ``path``, refused unless this installation may encrypt field data to it."""
    cert = envelope.read_recipient(path)
    envelope.check_recipient(cert, trust.load(data))
    return Recipient(cert, common_name(cert))


def summary(ws: Workspace) -> str | None:
    """One line on the installed certificate, or None when there is no identity yet."""
    if not keys.has_identity(ws.data):
        return None
    info = keys.describe(keys.read_certificate(ws.data))
    trusted = "self-signed, not yet trusted by HQ" if info["self_signed"] else f"issued by {info['issuer']}"
    return f"{info['name']} ({info['role']}): {trusted}; {info['validity']} until {str(info['not_after'])[:10]}"


def create(ws: Workspace, passphrase: str) -> str:
    """A key and self-signed certificate for the user of this installation, in identity.p12."""
    if ws.actor == profile.UNKNOWN:
        raise InspectorError("give your name first: it goes on your certificate and every report you sign")
    role = settings.get(ws, settings.USER_ROLE) or "inspector"
    keys.create_identity(ws.data, ws.actor, role, passphrase)
    return summary(ws) or ""


def _own_certificates(data: DataDir) -> list[Certificate]:
    path = keys.certificate_path(data)
    return load_certificates(read_file(path, "the certificate"), str(path))
