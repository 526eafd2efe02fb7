"""``inspector hq ca init | issue CSR -o CERT | revoke CERT``: HQ's certificate authority.

Other ``hq`` commands may live in other modules: each gets the shared ``hq`` group from ``hq_actions``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.crypto import CryptoError, ca, keys, trust
from inspector_app.crypto._x509 import load_certificates, read_file, write_atomic
from inspector_app.paths import DataDir

DEFAULT_CA_DIR = "hq-ca"


def hq_actions(commands: Any) -> Any:
    """The sub-commands of ``inspector hq``, created by whichever module registers first."""
    parser = commands.choices.get("hq")
    if parser is None:
        parser = commands.add_parser("hq", help="HQ: certificate authority, consolidation, reference packages")
    for action in parser._actions:  # noqa: SLF001  (argparse offers no public accessor)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return action
    return parser.add_subparsers(dest="hq_command", metavar="COMMAND")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = hq_actions(commands).add_parser("ca", help="HQ's certificate authority").add_subparsers(
        dest="action", metavar="ACTION")
    folder = argparse.ArgumentParser(add_help=False)
    folder.add_argument("--dir", type=Path, default=None, metavar="DIR",
                        help=f"the CA folder (default: DATA_DIR/{DEFAULT_CA_DIR})")

    p = group.add_parser("init", parents=[common, folder], help="create the CA key and certificate")
    p.add_argument("--name", required=True, help="the CA's name, e.g. 'UN Police Division CA'")
    p.add_argument("--rsa", action="store_true", help="an RSA-3072 key instead of EC P-256")
    passphrase.add_option(p)
    p.set_defaults(handler=_init)

    p = group.add_parser("issue", parents=[common, folder], help="issue an inspector certificate from a CSR")
    p.add_argument("csr", type=Path, help="the inspector's certificate signing request (keys csr)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="CERT",
                   help="the certificate, followed by the CA certificate")
    p.add_argument("--days", type=int, default=730, help="validity in days (default 730)")
    passphrase.add_option(p)
    p.set_defaults(handler=_issue)

    p = group.add_parser("revoke", parents=[common, folder], help="revoke a certificate (updates crl.pem)")
    p.add_argument("cert", type=Path)
    passphrase.add_option(p)
    p.set_defaults(handler=_revoke)


def _paths(args: argparse.Namespace) -> tuple[DataDir, Path]:
    data = DataDir.resolve(getattr(args, "data_dir", None))
    return data, (args.dir or data.root / DEFAULT_CA_DIR).expanduser().absolute()


def _init(args: argparse.Namespace) -> int:
    data, folder = _paths(args)
    if (folder / ca.CA_P12).exists():  # before asking for a passphrase
        raise CryptoError(f"a CA already exists in {folder}")
    secret = passphrase.read(args, f"the new {ca.CA_P12}", confirm=True)
    cert = ca.init_ca(folder, args.name, secret, kind="rsa" if args.rsa else "ec")
    trust.add_ca(data, cert)
    print(f"created the CA {args.name.strip()!r} in {folder} ({ca.CA_P12}, {ca.CA_PEM}, {ca.CRL_PEM}), "
          f"valid until {cert.not_valid_after_utc:%Y-%m-%d}")
    print(f"fingerprint SHA-256 {keys.describe(cert)['fingerprint_sha256']}; trusted by this installation")
    return 0


def _issue(args: argparse.Namespace) -> int:
    _data, folder = _paths(args)
    request = read_file(args.csr, "the certificate signing request")
    if args.days < 1:
        raise CryptoError("--days must be at least 1")
    secret = passphrase.read(args, ca.CA_P12)
    leaf_pem = ca.issue(folder, request, secret, days=args.days)
    write_atomic(args.output, leaf_pem + read_file(folder / ca.CA_PEM, "the CA certificate"))
    cert = load_certificates(leaf_pem, "the certificate")[0]
    info = keys.describe(cert)
    print(f"issued a certificate to {info['name']} ({info['role'] or 'no role'}), serial {info['serial']}, "
          f"valid until {cert.not_valid_after_utc:%Y-%m-%d}: {args.output}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    data, folder = _paths(args)
    cert = load_certificates(read_file(args.cert, "the certificate"), str(args.cert))[0]
    secret = passphrase.read(args, ca.CA_P12)
    newly = ca.revoke(folder, cert, secret)
    crl = ca.current_crl(folder)
    assert crl is not None  # revoke always leaves one
    trust.add_ca(data, ca.ca_certificate(folder))  # HQ's installation trusts its own CA (as after init)
    trust.add_crl(data, crl)
    who = f"{keys.common_name_of(cert.subject)} (serial {cert.serial_number:x})"
    state = "revoked the certificate of" if newly else "the certificate was already revoked:"
    print(f"{state} {who}; {folder / ca.CRL_PEM} lists {len(list(crl))} revoked certificate(s)")
    return 0
