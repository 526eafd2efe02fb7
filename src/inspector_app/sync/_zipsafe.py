"""Reading an untrusted ZIP safely: checks on the central directory, then bounded, hashed streaming.

Nothing here writes to disk: members are read into memory or hashed as they stream, never extracted.
``Limits`` and the ``*_problem`` functions are the one definition of what a reader accepts: the writer
(``archive.write_bundle``) applies them too, so a bundle a laptop writes is one HQ reads.
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
    problem = count_problem(len(infos), limits)
    if problem:
        raise BundleError(f"the bundle has {problem}")
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
        total += info.file_size
        problem = member_problem(name, info.file_size, info.compress_size, limits) or total_problem(total, limits)
        if problem:
            raise BundleError(f"the bundle is refused: {problem}")
        members[name] = info
    return members


def count_problem(count: int, limits: Limits) -> str:
    """Why an archive of ``count`` members breaks ``limits``, or ""."""
    return f"{count} files, more than the {limits.max_files} allowed" if count > limits.max_files else ""


def member_problem(name: str, size: int, compressed: int, limits: Limits) -> str:
    """Why a member of ``size`` bytes, ``compressed`` in the archive, breaks ``limits`` (a zip bomb, too large)."""
    if too_compressed(size, compressed, limits):
        return (f"{name} expands {size // max(compressed, 1)} times when uncompressed (at most "
                f"{limits.max_ratio:g}); it looks like a zip bomb")
    if size > limits.max_member_bytes:
        return (f"{name} is {_mib(size)} uncompressed, more than the {_mib(limits.max_member_bytes)} allowed for "
                "one file")
    return ""


def too_compressed(size: int, compressed: int, limits: Limits) -> bool:
    """True when a member expands more than ``limits`` allow (a writer then stores it uncompressed)."""
    return size > limits.ratio_floor and size > limits.max_ratio * max(compressed, 1)


def total_problem(total: int, limits: Limits) -> str:
    """Why members of ``total`` bytes in all break ``limits``, or ""."""
    if total > limits.max_total_bytes:
        return f"its files total more than the {_mib(limits.max_total_bytes)} allowed"
    return ""


class Budget:
    """The bytes still allowed for the whole bundle, enforced while streaming (headers may lie)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.max_total_bytes

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise BundleError(f"the bundle is refused: {total_problem(self.limits.max_total_bytes + 1, self.limits)}")


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
