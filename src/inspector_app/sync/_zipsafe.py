"""Reading an untrusted ZIP safely: checks on the central directory, then bounded, hashed streaming.

Nothing here writes to disk: members are read into memory or hashed as they stream, never extracted.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from inspector_app.sync import BundleError
from inspector_app.sync.manifest import unsafe_name

MiB = 1 << 20
CHUNK = 1 << 16
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile and zlib raise on a damaged or hostile archive.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
              NotImplementedError, RuntimeError, struct.error, OverflowError, IndexError, KeyError)
Source = Path | bytes


@dataclass(frozen=True)
class Limits:
    """Caps that protect the reader from hostile archives (zip bombs, floods of members)."""

    max_files: int = 100_000
    max_member_bytes: int = 512 * MiB
    max_total_bytes: int = 4096 * MiB
    max_ratio: float = 100.0  # uncompressed / compressed, per member …
    ratio_floor: int = 1 * MiB  # … for members larger than this (small text files may compress well)
    max_manifest_bytes: int = 16 * MiB


@contextmanager
def open_zip(source: Source) -> Iterator[zipfile.ZipFile]:
    """The archive opened for reading; one clear refusal if it is not a readable ZIP."""
    if isinstance(source, Path) and not source.is_file():
        raise BundleError(f"{source} does not exist or is not a file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except ZIP_ERRORS as exc:
        raise BundleError(f"{_label(source)} is not an Inspector bundle: not a ZIP archive, or truncated "
                          f"({_why(exc)})") from None
    with archive:
        try:
            yield archive
        except ZIP_ERRORS as exc:
            raise BundleError(f"{_label(source)} is damaged ({_why(exc)})") from None


def check_directory(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Every member by name, after checking names, count, sizes and ratios as the central directory states."""
    infos = archive.infolist()
    if len(infos) > limits.max_files:
        raise BundleError(f"the bundle has {len(infos)} files, more than the {limits.max_files} allowed")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        for raw in (info.orig_filename, name):
            problem = unsafe_name(raw)
            if problem:
                raise BundleError(f"the bundle is refused: the member name {raw!r} has {problem}")
        if name in members:
            raise BundleError(f"the bundle is refused: {name} appears twice in the archive")
        if info.flag_bits & 0x1:
            raise BundleError(f"the bundle is refused: {name} is encrypted")
        if info.compress_type not in ALLOWED_METHODS:
            raise BundleError(f"the bundle is refused: {name} uses an unsupported compression method")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise BundleError(f"the bundle is refused: {name} expands {info.file_size // max(info.compress_size, 1)}"
                              f" times when uncompressed (at most {limits.max_ratio:g}); it looks like a zip bomb")
        if info.file_size > limits.max_member_bytes:
            raise BundleError(f"the bundle is refused: {name} is {_mib(info.file_size)} uncompressed, more than "
                              f"the {_mib(limits.max_member_bytes)} allowed for one file")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise BundleError(f"the bundle is refused: its files total more than the "
                              f"{_mib(limits.max_total_bytes)} allowed")
        members[name] = info
    return members


class Budget:
    """The bytes still allowed for the whole bundle, enforced while streaming (headers may lie)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.max_total_bytes

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise BundleError(f"the bundle is refused: its files total more than the "
                              f"{_mib(self.limits.max_total_bytes)} allowed")


def stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, *, keep: bool,
           cap: int | None = None) -> tuple[int, str, bytes]:
    """Size, SHA-256 and (if ``keep``) bytes of a member, refused as soon as it outgrows what was declared."""
    limits = budget.limits
    allowed = min(info.file_size, limits.max_member_bytes if cap is None else cap)
    if info.compress_size and info.file_size > limits.ratio_floor:
        allowed = min(allowed, int(limits.max_ratio * info.compress_size))
    digest, size, parts = hashlib.sha256(), 0, []
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > max(allowed, 0):
                raise BundleError(f"the bundle is refused: {info.filename} holds more data than its header "
                                  "declares or the limits allow")
            budget.take(len(chunk))
            digest.update(chunk)
            if keep:
                parts.append(chunk)
    return size, digest.hexdigest(), b"".join(parts)


def _label(source: Source) -> str:
    return source.name if isinstance(source, Path) else "the file"


def _why(exc: BaseException) -> str:
    return str(exc)[:120] or type(exc).__name__


def _mib(count: int) -> str:
    return f"{count / MiB:.0f} MB" if count >= MiB else f"{count} bytes"
