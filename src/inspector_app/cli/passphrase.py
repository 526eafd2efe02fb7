"""Passphrases for the command line: ``--passphrase-file FILE``, ``$INSPECTOR_PASSPHRASE``, or the terminal.

Never an argument: it would show in the process list and the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from inspector_app.errors import InspectorError, ValidationError

PASSPHRASE_ENV = "INSPECTOR_PASSPHRASE"


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.allow_abbrev = False  # else "--passphrase SECRET" would be taken for --passphrase-file
    parser.add_argument("--passphrase-file", metavar="FILE", type=Path, default=None,
                        help=f"read the passphrase from the first line of FILE (else ${PASSPHRASE_ENV}, "
                             "else it is asked on the terminal)")


def read(args: argparse.Namespace, what: str, *, confirm: bool = False) -> str:
    """The passphrase for ``what`` (e.g. "identity.p12"); ``confirm`` asks twice on a terminal."""
    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InspectorError(f"cannot read the passphrase file {path}: {exc.strerror}") from exc
        except UnicodeDecodeError:
            raise ValidationError(f"the passphrase file {path} is not UTF-8 text") from None
        if not lines or not lines[0]:
            raise ValidationError(f"the passphrase file {path} is empty")
        return lines[0]
    if env := os.environ.get(PASSPHRASE_ENV):
        return env
    if not sys.stdin.isatty():
        raise ValidationError(f"no passphrase for {what}: give --passphrase-file FILE or set {PASSPHRASE_ENV}")
    first = getpass.getpass(f"Passphrase for {what}: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise ValidationError("the two passphrases differ; nothing was changed")
    if not first:
        raise ValidationError("no passphrase given; nothing was changed")
    return first
