"""Write and read sync bundles: a signed ZIP of records (JSON Lines), media by hash and signed PDF reports.

``write_bundle`` writes atomically (temporary file, fsync, rename), optionally encrypted to HQ's
certificate (``sync.envelope``: the plain ZIP is then built in memory and never lands on disk). It applies
the reader's ``Limits``: a member that deflating would make look like a zip bomb is stored instead, and a
bundle too large for a reader is refused before anything is written.
``read_bundle`` checks everything before returning (ZIP structure and limits, the manifest's signature and
its signer's trust, every file's size and SHA-256, every record line) and refuses with one ``BundleError``
otherwise. See ``docs/bundle-format.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from cryptography import x509
from pydantic import ValidationError

from inspector_app import gc_pause
from inspector_app.crypto.keys import Identity
from inspector_app.crypto.trust import TrustStore
from inspector_app.progress import Progress
from inspector_app.sync import BundleError
from inspector_app.sync._zipsafe import (
    Budget,
    Limits,
    Source,
    check_directory,
    count_problem,
    member_problem,
    open_zip,
    stream,
    too_compressed,
    total_problem,
)
from inspector_app.sync.envelope import encrypt
from inspector_app.sync.manifest import (
    BASE_FORMAT,
    KINDS,
    MANIFEST,
    SIGNATURE,
    TABLE_RE,
    FileEntry,
    Kind,
    Manifest,
    Sender,
    canonical_json,
    check_format,
    in_layout,
    loads_lines,
    loads_object,
    parse_manifest,
    unsafe_name,
)
from inspector_app.sync.signature import MAX_SIGNATURE_BYTES, Signer, sign_manifest, verify_manifest

__all__ = ["Bundle", "BundleError", "Limits", "read_bundle", "write_bundle"]
Record = dict[str, Any]


@dataclass(frozen=True)
class Bundle:
    """A bundle that passed every check: its manifest, signer, records, and verified access to its files."""

    manifest: Manifest
    signer: Signer
    records: Mapping[str, list[Record]]
    source: Source = field(repr=False)
    limits: Limits = field(repr=False, default_factory=Limits)

    @property
    def paths(self) -> list[str]:
        """Every file listed in the manifest (records, media, reports, …)."""
        return [f.path for f in self.manifest.files]

    def read(self, path: str) -> bytes:
        """The bytes of a listed file, checked again against the manifest's size and SHA-256."""
        entry = self.manifest.entry(path)
        if entry is None:
            raise BundleError(f"{path} is not in the bundle")
        with open_zip(self.source) as archive:
            try:
                info = archive.getinfo(path)
            except KeyError:
                raise BundleError(f"{path} is no longer in the bundle file") from None
            size, digest, data = stream(archive, info, Budget(self.limits), keep=True)
        if (size, digest) != (entry.size, entry.sha256):
            raise BundleError(f"{path} changed in the bundle file since it was checked")
        return data

    def media(self, sha256: str) -> bytes:
        return self.read(f"media/{sha256}")


def write_bundle(
    path: str | os.PathLike[str],
    kind: Kind,
    records: Mapping[str, list[Record]],
    files: Mapping[str, bytes],
    identity: Identity,
    sender_name: str,
    device_id: str,
    progress: Progress | None = None,
    encrypt_to: x509.Certificate | None = None,
    *,
    format_: int = BASE_FORMAT,
    limits: Limits | None = None,
) -> Manifest:
    """Write a signed bundle to ``path`` atomically and return its manifest.

    ``records`` maps a table name to its rows (JSON-ready dicts; datetimes and UUIDs are written as text);
    ``files`` maps an archive path (``media/<sha256>``, ``reports/<name>.pdf``, ``trust/<name>.pem``) to bytes.
    ``encrypt_to`` (an RSA certificate, checked by the caller with ``envelope.check_recipient``) writes the
    ZIP as CMS enveloped data for it instead (``sync.envelope.encrypt``). ``format_`` is the manifest's format
    (``manifest.FORMAT`` only for what older readers cannot read). A bundle that a reader with ``limits``
    (the defaults: HQ's) would refuse is not written: one ``BundleError`` says why.
    """
    limits = limits or Limits()
    if kind not in KINDS:
        raise BundleError(f"unknown bundle kind {kind!r}; use one of {', '.join(KINDS)}")
    members: list[tuple[str, bytes, int]] = []
    for table in sorted(records):
        if not TABLE_RE.match(table):
            raise BundleError(f"cannot write the bundle: {table!r} is not a table name")
        rows = records[table]
        if not all(isinstance(row, dict) for row in rows):
            raise BundleError(f"cannot write the bundle: a row of {table} is not a dict")
        members.append((f"records/{table}.jsonl", b"".join(canonical_json(r) + b"\n" for r in rows),
                        zipfile.ZIP_DEFLATED))
    for name in sorted(files):
        data = files[name]
        if unsafe_name(name) or not in_layout(name) or name.startswith("records/"):
            raise BundleError(f"cannot write the bundle: {name!r} is not a media/, reports/ or trust/ file name")
        if name.startswith("media/") and name != f"media/{hashlib.sha256(data).hexdigest()}":
            raise BundleError(f"cannot write the bundle: {name} is not named by the SHA-256 of its content")
        members.append((name, data, zipfile.ZIP_DEFLATED if name.startswith("trust/") else zipfile.ZIP_STORED))
    created = datetime.now(UTC).replace(microsecond=0)
    try:
        manifest = Manifest(
            format=format_, bundle_id=uuid4(), kind=kind, created_at=created, source_device=device_id,
            sender=Sender(name=sender_name.strip(), certificate_sha256=identity.fingerprint),
            record_counts={table: len(records[table]) for table in records},
            files=[FileEntry(path=n, size=len(d), sha256=hashlib.sha256(d).hexdigest()) for n, d, _ in members],
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BundleError(f"cannot write the bundle: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    body = manifest.to_json()
    members[:0] = [(MANIFEST, body, zipfile.ZIP_DEFLATED),
                   (SIGNATURE, sign_manifest(body, identity), zipfile.ZIP_STORED)]
    members = [(name, data, _compression(data, method, limits)) for name, data, method in members]
    _check_readable(members, limits)
    seal = None if encrypt_to is None else (lambda zipped: encrypt(zipped, encrypt_to))
    _write_atomic(Path(path), members, created, progress, seal)
    return manifest


@gc_pause.paused()
def read_bundle(
    path: str | os.PathLike[str] | bytes,
    trust: TrustStore,
    *,
    allow_untrusted: bool = False,
    limits: Limits | None = None,
) -> Bundle:
    """Check a bundle completely and return it; refused with one ``BundleError`` at the first problem.

    ``allow_untrusted`` accepts a signer HQ does not vouch for (peer bundles between laptops may be
    self-signed): the result's ``signer.trusted`` is then False. A revoked signer is always refused.
    """
    limits = limits or Limits()
    source: Source = path if isinstance(path, bytes) else Path(path)
    with open_zip(source) as archive:
        members = check_directory(archive, limits)
        for required in (MANIFEST, SIGNATURE):
            if required not in members:
                raise BundleError(f"the bundle is refused: it has no {required}")
        budget = Budget(limits)
        body = stream(archive, members[MANIFEST], budget, keep=True, cap=limits.max_manifest_bytes)[2]
        signature = stream(archive, members[SIGNATURE], budget, keep=True, cap=MAX_SIGNATURE_BYTES)[2]
        with contextlib.suppress(BundleError):  # an unreadable manifest is reported after the signature
            check_format(loads_object(body, MANIFEST))
        signer = verify_manifest(body, signature, trust, allow_untrusted=allow_untrusted)
        manifest = parse_manifest(body)
        if manifest.sender.certificate_sha256 != signer.fingerprint:
            raise BundleError(f"the bundle is refused: its manifest names another certificate than the one of "
                              f"{signer.name}, who signed it")
        _check_listing(manifest, members)
        records: dict[str, list[Record]] = {}
        for entry in manifest.files:
            is_records = entry.path.startswith("records/") and entry.path.endswith(".jsonl")
            size, digest, data = stream(archive, members[entry.path], budget, keep=is_records)
            if (size, digest) != (entry.size, entry.sha256):
                raise BundleError(f"the bundle is refused: {entry.path} does not match its size and SHA-256 "
                                  "in the manifest (altered or damaged)")
            if is_records:
                table = entry.path.removeprefix("records/").removesuffix(".jsonl")
                records[table] = _parse_records(entry.path, data, manifest.record_counts[table])
    return Bundle(manifest, signer, records, source, limits)


def _compression(data: bytes, method: int, limits: Limits) -> int:
    """``method``, or STORED where deflating ``data`` would make a member that a reader takes for a zip bomb."""
    if method == zipfile.ZIP_DEFLATED and len(data) > limits.ratio_floor:
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile deflates
        if too_compressed(len(data), len(packer.compress(data)) + len(packer.flush()), limits):
            return zipfile.ZIP_STORED
    return method


def _check_readable(members: list[tuple[str, bytes, int]], limits: Limits) -> None:
    """Refuse to write what a reader with ``limits`` would refuse (ratios are kept by ``_compression``)."""
    problems = [count_problem(len(members), limits)]
    if len(members[0][1]) > limits.max_manifest_bytes:
        problems.append(f"{MANIFEST} is more than the {limits.max_manifest_bytes // (1 << 20)} MB allowed")
    problems += [member_problem(name, len(data), len(data), limits) for name, data, _ in members]
    problems.append(total_problem(sum(len(data) for _, data, _ in members), limits))
    problem = next((p for p in problems if p), "")
    if problem:
        raise BundleError(f"cannot write the bundle: HQ would refuse it ({problem}); export fewer inspections at "
                          "a time")


def _check_listing(manifest: Manifest, members: Mapping[str, zipfile.ZipInfo]) -> None:
    listed: dict[str, FileEntry] = {}
    for entry in manifest.files:
        if entry.path in listed or entry.path in (MANIFEST, SIGNATURE):
            raise BundleError(f"the bundle is refused: its manifest lists {entry.path} twice")
        listed[entry.path] = entry
        if entry.path.startswith("media/") and entry.path != f"media/{entry.sha256}":
            raise BundleError(f"the bundle is refused: {entry.path} is not named by its SHA-256")
    for name in members:
        if name not in listed and name not in (MANIFEST, SIGNATURE):
            raise BundleError(f"the bundle is refused: {name} is in the archive but not listed in its manifest")
    for name, entry in listed.items():
        if name not in members:
            raise BundleError(f"the bundle is refused: {name} is listed in its manifest but missing")
        if members[name].file_size != entry.size:
            raise BundleError(f"the bundle is refused: {name} does not match its size in the manifest")
    tables = {p.removeprefix("records/").removesuffix(".jsonl") for p in listed
              if p.startswith("records/") and p.endswith(".jsonl")}
    if tables != set(manifest.record_counts):
        raise BundleError("the bundle is refused: its record files and the manifest's record counts disagree")


def _parse_records(path: str, data: bytes, expected: int) -> list[Record]:
    if data and not data.endswith(b"\n"):
        raise BundleError(f"the bundle is refused: {path} does not end with a newline (truncated)")
    lines = data.split(b"\n")[:-1] if data else []
    if len(lines) != expected:
        raise BundleError(f"the bundle is refused: {path} has {len(lines)} records, its manifest says {expected}")
    objects = loads_lines(data, lines)
    if objects is None:
        objects = [loads_object(line, f"{path} line {number}") for number, line in enumerate(lines, 1)]
    return objects


def _write_atomic(path: Path, members: list[tuple[str, bytes, int]], created: datetime,
                  progress: Progress | None, seal: Callable[[bytes], bytes] | None = None) -> None:
    """Write the ZIP of ``members`` to ``path``; with ``seal``, build it in memory and write ``seal(zip)``."""
    stamp = created.timetuple()[:6]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise BundleError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "w+b") as out:
            target = out if seal is None else io.BytesIO()
            with zipfile.ZipFile(target, "w") as archive:
                for done, (name, data, method) in enumerate(members, 1):
                    info = zipfile.ZipInfo(name, date_time=stamp)
                    info.compress_type = method
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, data)
                    if progress is not None:
                        progress.report(done, len(members))
            if isinstance(target, io.BytesIO) and seal is not None:
                out.write(seal(target.getvalue()))
            out.flush()
            os.fsync(out.fileno())
        if progress is not None:
            progress.check()  # a cancel after the last member still leaves the old file in place
        os.replace(temp, path)
    except OSError as exc:
        raise BundleError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
