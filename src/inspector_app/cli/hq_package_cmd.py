"""``inspector hq package -o FILE [--db URL] [--ca-dir DIR] [--mission CODE ...]``: HQ's reference package."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli import passphrase
from inspector_app.cli.context import add_db, open_hq
from inspector_app.cli.parser import hq_actions
from inspector_app.services import ca, identity, reference_package
from inspector_app.services.ca import DEFAULT_CA_DIR


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = hq_actions(commands).add_parser(
        "package", parents=[common],
        help="a signed reference package for the laptops: units, MOUs, rosters, templates, HQ's CA and CRL")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_db(p)
    p.add_argument("--ca-dir", type=Path, default=None, metavar="DIR",
                   help="HQ's CA folder, whose certificate and CRL go in the package "
                        f"(default: DATA_DIR/{DEFAULT_CA_DIR})")
    p.add_argument("--mission", action="append", default=[], metavar="CODE",
                   help="only this mission (repeatable; default: every mission)")
    passphrase.add_option(p)
    p.set_defaults(handler=_package)


def _package(args: argparse.Namespace) -> int:
    with open_hq(args) as ws:
        folder = ca.folder_of(ws.data, args.ca_dir)
        secret = passphrase.read(args, identity.IDENTITY_FILE)
        manifest = reference_package.build_package(ws, args.output, secret, folder, args.mission or None)
    counts = ", ".join(f"{table} {n}" for table, n in manifest.record_counts.items())
    print(f"wrote {args.output}: reference bundle {manifest.bundle_id}, signed by {manifest.sender.name}")
    print(f"records: {counts}")
    print(f"HQ's CA fingerprint (give it to new laptops by another channel): "
          f"{ca.fingerprint(folder)}")
    return 0
