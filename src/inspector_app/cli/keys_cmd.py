"""``inspector keys init | csr | import-cert FILE | show``: this laptop's signing identity."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_json, open_workspace
from inspector_app.cli.output import emit_json
from inspector_app.cli.parser import command
from inspector_app.errors import InspectorError
from inspector_app.files import read_file, write_file
from inspector_app.paths import DataDir
from inspector_app.services import identity, settings


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    group = command(commands, "keys").add_subparsers(
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
        identity.check_absent(ws.data)  # before asking for a passphrase
        secret = passphrase.read(args, "the new identity.p12", confirm=True)
        info = identity.init(ws.data, name, role, secret, rsa=args.rsa)
        print(f"created {identity.identity_file(ws.data)} for {info['name']} ({info['role']}): {info['key']}, "
              f"self-signed, valid until {str(info['not_after'])[:10]}")
        print(f"fingerprint SHA-256 {info['fingerprint_sha256']}")
        print(f"send {identity.csr_file(ws.data)} to HQ (inspector keys csr -o FILE), "
              "then: inspector keys import-cert CERT")
    return 0


def _csr(args: argparse.Namespace) -> int:
    data = _data(args)
    secret = passphrase.read(args, "identity.p12") if identity.csr_needs_passphrase(data) else None
    request = identity.csr(data, secret)
    if args.output is None:
        sys.stdout.write(request.decode("ascii"))
    else:
        write_file(args.output, request, private=True)
        print(f"wrote the certificate signing request of {identity.subject(data)} to {args.output}")
    return 0


def _import_cert(args: argparse.Namespace) -> int:
    data = _data(args)
    blob = read_file(args.file, "the certificate file")
    secret = passphrase.read(args, "identity.p12")
    info = identity.import_certificate(data, blob, secret)
    print(f"imported the certificate of {info['name']} ({info['role']}) issued by "
          f"{info['issuer']}, valid until {str(info['not_after'])[:10]}")
    if args.trust_ca and not identity.trust_own_ca(data):
        raise InspectorError(f"{args.file} carries no CA certificate to trust")
    print(identity.trust_line(data))
    return 0


def _show(args: argparse.Namespace) -> int:
    info = identity.describe(_data(args))
    if args.json:
        emit_json(info)
        return 0
    for label, key in (("holder", "name"), ("role", "role"), ("issuer", "issuer"), ("key", "key"),
                       ("serial", "serial"), ("valid from", "not_before"), ("valid until", "not_after"),
                       ("validity", "validity"),
                       ("SHA-256", "fingerprint_sha256"), ("trust", "trust"), ("file", "file")):
        print(f"{label + ':':13}{info[key]}")
    return 0
