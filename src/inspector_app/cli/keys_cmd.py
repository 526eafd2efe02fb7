"""``inspector keys init | csr | import-cert FILE | show``: this laptop's signing identity."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cryptography import x509

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json
from inspector_app.crypto import keys, trust
from inspector_app.crypto._x509 import issued_by, read_file, write_atomic
from inspector_app.errors import InspectorError
from inspector_app.paths import DataDir
from inspector_app.services import settings


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("keys", help="this laptop's signing key and certificate").add_subparsers(
        dest="action", metavar="ACTION")
    p = group.add_parser("init", parents=[common], help="create the key and a self-signed certificate (identity.p12)")
    p.add_argument("--name", default=None, help="the inspector's full name (default: the user name in the settings)")
    p.add_argument("--role", default=None, choices=settings.ROLES,
                   help="default: the role in the settings, else inspector")
    p.add_argument("--rsa", action="store_true", help="an RSA-3072 key instead of EC P-256")
    passphrase.add_option(p)
    p.set_defaults(handler=_init)

    p = group.add_parser("csr", parents=[common], help="the certificate signing request to send to HQ")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write it to FILE (default: print)")
    passphrase.add_option(p)
    p.set_defaults(handler=_csr)

    p = group.add_parser("import-cert", parents=[common], help="install the certificate HQ issued for this laptop")
    p.add_argument("file", type=Path, help="PEM or DER; may carry HQ's CA certificate after it")
    p.add_argument("--trust-ca", action="store_true",
                   help="also trust the CA certificate in FILE (normally installed by HQ's reference package)")
    passphrase.add_option(p)
    p.set_defaults(handler=_import_cert)

    p = group.add_parser("show", parents=[common], help="the certificate: holder, issuer, validity, trust")
    add_json(p)
    p.set_defaults(handler=_show)


def _data(args: argparse.Namespace) -> DataDir:
    return DataDir.resolve(getattr(args, "data_dir", None))


def _init(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        name = args.name or settings.get(ws, settings.USER_NAME) or ""
        role = args.role or settings.get(ws, settings.USER_ROLE) or "inspector"
        if not name.strip():
            raise InspectorError("give the inspector's name: inspector keys init --name 'FULL NAME'")
        if keys.has_identity(ws.data):  # before asking for a passphrase
            raise InspectorError(f"an identity already exists in {keys.identity_path(ws.data)}; "
                                 "move that file away first to create a new one")
        secret = passphrase.read(args, "the new identity.p12", confirm=True)
        identity = keys.create_identity(ws.data, name, role, secret, kind="rsa" if args.rsa else "ec")
        info = keys.describe(identity.certificate)
        print(f"created {keys.identity_path(ws.data)} for {identity.name} ({identity.role}): {info['key']}, "
              f"self-signed, valid until {identity.certificate.not_valid_after_utc:%Y-%m-%d}")
        print(f"fingerprint SHA-256 {info['fingerprint_sha256']}")
        print(f"send {keys.csr_path(ws.data)} to HQ (inspector keys csr -o FILE), "
              "then: inspector keys import-cert CERT")
    return 0


def _csr(args: argparse.Namespace) -> int:
    data = _data(args)
    secret = None if keys.csr_path(data).is_file() else passphrase.read(args, "identity.p12")
    request = keys.csr_for(data, secret)
    if args.output is None:
        sys.stdout.write(request.decode("ascii"))
    else:
        write_atomic(args.output, request)
        print(f"wrote the certificate signing request of {keys.read_certificate(data).subject.rfc4514_string()} "
              f"to {args.output}")
    return 0


def _import_cert(args: argparse.Namespace) -> int:
    data = _data(args)
    blob = read_file(args.file, "the certificate file")
    secret = passphrase.read(args, "identity.p12")
    identity = keys.import_certificate(data, blob, secret)
    cert = identity.certificate
    print(f"imported the certificate of {identity.name} ({identity.role}) issued by "
          f"{keys.common_name_of(cert.issuer)}, valid until {cert.not_valid_after_utc:%Y-%m-%d}")
    if args.trust_ca:
        if not identity.chain:
            raise InspectorError(f"{args.file} carries no CA certificate to trust")
        for ca in identity.chain:
            trust.add_ca(data, ca)
    print(_trust_line(data, cert))
    return 0


def _show(args: argparse.Namespace) -> int:
    data = _data(args)
    cert = keys.read_certificate(data)
    info = {**keys.describe(cert), "trust": _trust_line(data, cert), "file": str(keys.identity_path(data))}
    if args.json:
        emit_json(info)
        return 0
    for label, key in (("holder", "name"), ("role", "role"), ("issuer", "issuer"), ("key", "key"),
                       ("serial", "serial"), ("valid from", "not_before"), ("valid until", "not_after"),
                       ("validity", "validity"),
                       ("SHA-256", "fingerprint_sha256"), ("trust", "trust"), ("file", "file")):
        print(f"{label + ':':13}{info[key]}")
    return 0


def _trust_line(data: DataDir, cert: x509.Certificate) -> str:
    if keys.describe(cert)["self_signed"]:
        return "self-signed: not yet trusted by HQ (send the CSR to HQ, then import the certificate)"
    roots = trust.load(data).roots
    if any(issued_by(cert, root) for root in roots):
        return f"issued by {keys.common_name_of(cert.issuer)}, a CA this installation trusts"
    return (f"issued by {keys.common_name_of(cert.issuer)}, a CA this installation does not trust yet "
            "(install HQ's reference package, or import again with --trust-ca)")
