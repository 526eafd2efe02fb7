"""HQ import: field-report bundles from the missions into HQ's consolidation database.

An encrypted bundle (``sync.envelope``) is decrypted with HQ's installation identity, opened only when the
first such bundle comes. Each bundle is checked completely (signature, trust in HQ's CA and revocations,
every hash and record, the audit chains) and applied in its own transaction (``services.bundle_import``).
The inputs are never moved, renamed or deleted (they may sit on a read-only USB stick): a refused bundle is
*copied* to the quarantine folder beside a ``.reason.txt`` that says why, and the rest of the batch goes on; a
bundle imported before is reported. Only regular files are imported or copied: a folder, a device or a pipe
is refused by name (``bundle_files`` walks folders on request). A database that cannot be written (busy, full
disk), or HQ's identity that cannot be opened, stops the batch: that is no fault of the bundles.

Given HQ's timestamp authority (``services.archive.open_authority``), the batch ends by archiving every signed
report that waits (PAdES B-LTA, ``services.archive``), the new ones and any imported earlier without it; a
report that does not check is not archived and the result says why (its bundle stays imported). Without the
authority, the result says how many signed reports wait (``inspector hq archive --pending``).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from inspector_app.crypto import CryptoError, keys, trust
from inspector_app.errors import StorageError, ValidationError
from inspector_app.files import sha256_of, write_atomic
from inspector_app.progress import Cancelled, Progress
from inspector_app.services import archive
from inspector_app.services.bundle_import import ImportResult, apply_bundle
from inspector_app.sync import BundleError, envelope
from inspector_app.sync.archive import read_bundle
from inspector_app.sync.manifest import Kind

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

KIND: Kind = "field-report"
SUFFIX = ".inspector-bundle"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """A bundle that was not imported: why, and its copy in quarantine (None for no regular file, or no copy)."""

    path: Path
    reason: str
    copied_to: Path | None


@dataclass
class BatchResult:
    imported: list[ImportResult] = field(default_factory=list)
    duplicates: list[ImportResult] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    archived: archive.Run | None = None  # with HQ's timestamp authority: the signed reports archived, or not
    waiting: int = 0  # without it: the signed reports waiting to be archived


def import_files(
    ws: Workspace,
    paths: Sequence[Path],
    quarantine: Path | None = None,
    on_file: Callable[[int, int, Path], None] | None = None,
    progress: Progress | None = None,
    passphrase: Callable[[], str] | None = None,
    authority: archive.Authority | None = None,
) -> BatchResult:
    """Import every bundle of ``paths`` into ``ws``'s database; see the module docstring.

    ``passphrase`` gives the passphrase of HQ's identity, asked only if a bundle is encrypted; ``authority``,
    HQ's timestamp authority, archives the signed reports (else they wait).
    """
    store = trust.load(ws.data)

    @functools.cache
    def identity() -> keys.Identity:
        if passphrase is None:
            raise CryptoError("a bundle is encrypted: HQ's identity passphrase is needed to open it")
        return keys.load_identity(ws.data, passphrase())

    folder = quarantine or ws.data.quarantine
    batch = BatchResult()
    for number, path in enumerate(paths, 1):
        if progress is not None:
            progress.report(number - 1, len(paths))
        if on_file is not None:
            on_file(number, len(paths), path)
        not_a_file = _not_a_file(path)
        if not_a_file:
            batch.refused.append(Refusal(path, not_a_file, None))
            continue
        try:
            bundle = read_bundle(envelope.open_bundle(path, identity), store)
            if bundle.manifest.kind != KIND:
                raise BundleError(f"it is a {bundle.manifest.kind} bundle; HQ imports field-report bundles")
            result = apply_bundle(ws, bundle, sha256_of(path))
        except ValidationError as exc:  # BundleError included: the bundle's fault
            batch.refused.append(_quarantine(path, str(exc), folder))
            continue
        except (StorageError, CryptoError, Cancelled):
            raise  # this database or HQ's identity: the bundles are not at fault
        except Exception as exc:  # noqa: BLE001  (a bundle that trips a defect still must not stop the batch)
            log.exception("importing %s failed", path)
            batch.refused.append(_quarantine(path, f"it could not be imported ({type(exc).__name__}: {exc}; "
                                                   "details in the log)", folder))
            continue
        (batch.duplicates if result.already_imported else batch.imported).append(result)
    if authority is not None:
        batch.archived = archive.archive_pending(ws, authority)
    else:
        batch.waiting = len(archive.pending(ws))
    if progress is not None:
        progress.report(len(paths), len(paths))
    return batch


def any_encrypted(paths: Sequence[Path]) -> bool:
    """Whether any of the files is encrypted (for HQ): then HQ's passphrase is needed to import them."""
    return any(envelope.is_encrypted(path) for path in paths)


def bundle_files(paths: Sequence[Path], recursive: bool = False) -> list[Path]:
    """``paths`` with each folder replaced, when ``recursive``, by the bundle files (``*.inspector-bundle``) in it."""
    found: list[Path] = []
    for path in paths:
        if recursive and path.is_dir():
            found += sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        else:
            found.append(path)
    return found


def _not_a_file(path: Path) -> str:
    """Why ``path`` cannot be a bundle (a folder, a device, a pipe, nothing), or "" for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror}"
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return f"{path} is a folder, not a bundle file: give the bundle files in it, or add --recursive"
    return f"{path} is not a regular file (a device or a pipe): give a bundle file"


def _quarantine(path: Path, reason: str, folder: Path) -> Refusal:
    """Copy the refused file ``path`` into ``folder`` with the reason beside it; ``path`` stays as it was."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stamp}-{path.name}"
        number = 1
        while target.exists() or target.with_name(target.name + ".reason.txt").exists():
            number += 1  # never over an earlier refused bundle of the same name
            target = folder / f"{stamp}-{number}-{path.name}"
        _copy_whole(path, target)
        write_atomic(target.with_name(target.name + ".reason.txt"), f"{path}\n{reason}\n".encode())
    except OSError:
        return Refusal(path, reason, None)
    return Refusal(path, reason, target)


def _copy_whole(source: Path, target: Path) -> None:
    """``target`` becomes a copy of ``source``, whole or not at all (a temporary file, then a rename)."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(fd)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
