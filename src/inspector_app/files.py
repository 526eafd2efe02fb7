"""Files: durable writes (a temporary file beside the target, fsync, an atomic rename), reads that fail in words,
and hashes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from inspector_app.errors import InspectorError


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """``path`` holds ``data`` whole, or keeps what it held before; raises OSError.

    ``private`` files (keys, certificates) stay readable by their owner only; others get the usual 0644.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not private:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_file(path: Path, data: bytes, *, private: bool = False) -> None:
    """``write_atomic``, refused in words: an OSError becomes an ``InspectorError`` naming the file."""
    try:
        write_atomic(path, data, private=private)
    except OSError as exc:
        raise InspectorError(f"cannot write {path}: {exc.strerror}") from exc


def read_file(path: Path, what: str) -> bytes:
    """The bytes of a file the user named; refused in words (``what`` says what it should be)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InspectorError(f"{what} {path} does not exist") from None
    except OSError as exc:
        raise InspectorError(f"cannot read {what} {path}: {exc.strerror}") from exc


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks; raises OSError."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
