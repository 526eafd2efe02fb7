"""HQ's certificate authority: create it, issue inspector certificates from CSRs, revoke, publish the CRL.

The CA lives in a folder (default ``DATA_DIR/hq-ca``, see ``crypto.ca`` for its files); HQ's own
installation trusts its CA and its latest CRL, as a laptop does once HQ's reference package is in.

HQ's offline timestamp authority (RFC 3161, ``crypto.tsa``) is issued by this CA when the CA is created, and
kept beside it under the same passphrase; ``init_tsa`` issues a new one for an older CA folder or before the
timestamp certificate runs out. Its timestamps make HQ's archived reports PAdES B-LTA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from inspector_app.crypto import ca, keys, trust, tsa
from inspector_app.crypto.certificates import load_certificates
from inspector_app.errors import InspectorError, ValidationError
from inspector_app.files import read_file, write_file
from inspector_app.paths import DataDir

DEFAULT_CA_DIR = "hq-ca"
CA_P12, CA_PEM, CRL_PEM = ca.CA_P12, ca.CA_PEM, ca.CRL_PEM
REASONS = ca.REASONS
Info = dict[str, object]
_SERIAL = re.compile(r"(?:0x)?([0-9a-f]{1,40}|[0-9a-f]{2}(?::[0-9a-f]{2})*)", re.IGNORECASE)


@dataclass(frozen=True)
class Revocation:
    """What ``revoke`` did: whose certificate, whether it was new, and the CRL now published."""

    name: str
    serial: str
    newly: bool
    crl: Path
    revoked: int  # entries in the CRL


def folder_of(data: DataDir, given: Path | None) -> Path:
    """The CA folder: ``given``, else ``DATA_DIR/hq-ca``."""
    return (given or data.root / DEFAULT_CA_DIR).expanduser().absolute()


def check_absent(folder: Path) -> None:
    """Refuse to create a second CA in ``folder`` (before any passphrase is asked)."""
    if (folder / CA_P12).exists():
        raise InspectorError(f"a CA already exists in {folder}")


def init(data: DataDir, folder: Path, name: str, passphrase: str, *, rsa: bool = False) -> Info:
    """Create the CA in ``folder``, and its timestamp authority, and trust it here; what the CA certificate is
    (``fingerprint_sha256``, …)."""
    cert = ca.init_ca(folder, name, passphrase, kind="rsa" if rsa else "ec")
    tsa.init_tsa(folder, passphrase)
    trust.add_ca(data, cert)
    return keys.describe(cert)


def init_tsa(folder: Path, passphrase: str) -> Info:
    """Issue a new timestamp key and certificate from the CA in ``folder``; what the certificate is."""
    return keys.describe(tsa.init_tsa(folder, passphrase))


def timestamp_authority(folder: Path) -> Info | None:
    """What HQ's timestamp certificate is (name, serial, validity), or None when the CA folder has none."""
    cert = tsa.tsa_certificate(folder)
    return None if cert is None else keys.describe(cert)


def read_request(path: Path, days: int) -> bytes:
    """The certificate signing request in ``path``, for a certificate valid ``days`` (at least 1)."""
    request = read_file(path, "the certificate signing request")
    if days < 1:
        raise ValidationError("--days must be at least 1")
    return request


def issue(folder: Path, request: bytes, output: Path, passphrase: str, days: int = 730) -> Info:
    """Issue a certificate for ``request`` (a CSR); ``output`` gets it, followed by the CA certificate."""
    leaf = ca.issue(folder, request, passphrase, days=days)
    write_file(output, leaf + read_file(folder / CA_PEM, "the CA certificate"), private=True)
    return keys.describe(load_certificates(leaf, "the certificate")[0])


def fingerprint(folder: Path) -> str:
    """The SHA-256 fingerprint of the CA certificate, for laptops to check HQ's package by another channel."""
    return str(keys.describe(ca.ca_certificate(folder))["fingerprint_sha256"])


def parse_serial(text: str) -> int | None:
    """A serial as ``hq ca issue`` and ``keys show`` print it (hex, optionally with colons or 0x); else None."""
    match = _SERIAL.fullmatch(text.strip())
    return int(match.group(1).replace(":", ""), 16) if match else None


def parse_day(text: str) -> datetime:
    """A revocation day (YYYY-MM-DD, UTC), not in the future."""
    try:
        day = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if day > datetime.now(UTC):
        raise ValidationError(f"{text} is in the future: give the day the certificate stopped being trusted")
    return day


@dataclass(frozen=True)
class Target:
    """The certificate to revoke: its holder, its serial (hex), and the file's bytes or the serial number."""

    name: str
    serial: str
    certificate: int | bytes


def target(folder: Path, given: str) -> Target:
    """The certificate ``given`` names: a certificate file, else the serial of one this CA issued."""
    path = Path(given)
    serial = None if path.exists() else parse_serial(given)
    if serial is None:
        blob = read_file(path, "the certificate")
        cert = load_certificates(blob, str(path))[0]
        return Target(keys.common_name_of(cert.subject), f"{cert.serial_number:x}", blob)
    cert = ca.issued_certificate(folder, serial)
    return Target(keys.common_name_of(cert.subject), f"{serial:x}", serial)


def revoke(data: DataDir, folder: Path, revokee: Target, passphrase: str, reason: str | None = None,
           when: datetime | None = None) -> Revocation:
    """Put ``revokee`` on the CA's CRL (``reason`` one of ``REASONS``; ``when`` default now), publish it here."""
    newly = ca.revoke(folder, revokee.certificate, passphrase, reason=reason, when=when)
    crl = publish_crl(data, folder)
    return Revocation(revokee.name, revokee.serial, newly, crl, _revoked_count(folder))


def publish_crl(data: DataDir, folder: Path) -> Path:
    """Install the CA certificate and its latest CRL in this installation's trust store; the CRL file."""
    crl = ca.current_crl(folder)
    if crl is None:
        raise InspectorError(f"no CRL in {folder}; create the CA with: inspector hq ca init --name NAME")
    trust.add_ca(data, ca.ca_certificate(folder))  # HQ's installation trusts its own CA (as after init)
    trust.add_crl(data, crl)
    return folder / CRL_PEM


def _revoked_count(folder: Path) -> int:
    crl = ca.current_crl(folder)
    return len(list(crl)) if crl is not None else 0
