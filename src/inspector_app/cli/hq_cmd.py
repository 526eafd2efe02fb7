"""``inspector hq ca init | issue CSR -o CERT | revoke CERT|SERIAL | tsa``: HQ's certificate authority.

Other ``hq`` commands live in other modules: each gets the shared ``hq`` group from ``parser.hq_actions``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.parser import hq_actions
from inspector_app.paths import DataDir
from inspector_app.services import ca
from inspector_app.services.ca import DEFAULT_CA_DIR


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
    p.add_argument("cert", metavar="CERT|SERIAL",
                   help="the certificate file, or its serial (hex, as 'hq ca issue' and 'keys show' print it)")
    p.add_argument("--reason", choices=ca.REASONS, default=None, help="why (recorded in the CRL)")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="when it stopped being trusted (UTC; default: now)")
    passphrase.add_option(p)
    p.set_defaults(handler=_revoke)

    p = group.add_parser("tsa", parents=[common, folder],
                         help="issue HQ's timestamp authority a new key and certificate (init makes the first)")
    passphrase.add_option(p)
    p.set_defaults(handler=_tsa)


def _paths(args: argparse.Namespace) -> tuple[DataDir, Path]:
    data = DataDir.resolve(getattr(args, "data_dir", None))
    return data, ca.folder_of(data, args.dir)


def _init(args: argparse.Namespace) -> int:
    data, folder = _paths(args)
    ca.check_absent(folder)  # before asking for a passphrase
    secret = passphrase.read(args, f"the new {ca.CA_P12}", confirm=True)
    info = ca.init(data, folder, args.name, secret, rsa=args.rsa)
    print(f"created the CA {args.name.strip()!r} in {folder} ({ca.CA_P12}, {ca.CA_PEM}, {ca.CRL_PEM}), "
          f"valid until {str(info['not_after'])[:10]}")
    print(f"fingerprint SHA-256 {info['fingerprint_sha256']}; trusted by this installation")
    _print_tsa(ca.timestamp_authority(folder))
    return 0


def _tsa(args: argparse.Namespace) -> int:
    _data, folder = _paths(args)
    secret = passphrase.read(args, ca.CA_P12)
    _print_tsa(ca.init_tsa(folder, secret))
    return 0


def _print_tsa(info: dict[str, object] | None) -> None:
    if info is not None:
        print(f"timestamp authority {info['name']!r}, serial {info['serial']}, "
              f"valid until {str(info['not_after'])[:10]}")


def _issue(args: argparse.Namespace) -> int:
    _data, folder = _paths(args)
    request = ca.read_request(args.csr, args.days)  # before asking for a passphrase
    secret = passphrase.read(args, ca.CA_P12)
    info = ca.issue(folder, request, args.output, secret, days=args.days)
    print(f"issued a certificate to {info['name']} ({info['role'] or 'no role'}), serial {info['serial']}, "
          f"valid until {str(info['not_after'])[:10]}: {args.output}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    data, folder = _paths(args)
    when = None if args.date is None else ca.parse_day(args.date)
    revokee = ca.target(folder, args.cert)  # before asking for a passphrase
    secret = passphrase.read(args, ca.CA_P12)
    done = ca.revoke(data, folder, revokee, secret, reason=args.reason, when=when)
    who = f"{done.name} (serial {done.serial}{', ' + args.reason if args.reason else ''})"
    state = "revoked the certificate of" if done.newly else "the certificate was already revoked:"
    print(f"{state} {who}; {done.crl} lists {done.revoked} revoked certificate(s)")
    return 0
