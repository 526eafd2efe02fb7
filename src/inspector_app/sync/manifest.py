"""The bundle manifest (``manifest.json``): a typed model, canonical JSON, and the archive's naming rules.

Formats 1 and 2 are documented in ``docs/bundle-format.md``. Readers refuse a newer ``format`` and ignore manifest
fields they do not know (an optional addition does not need a new format; anything a reader must understand
does).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import from_json

from inspector_app.sync import BundleError

FORMAT = 2  # the newest format this version writes and reads: audit chains may start after event 1
BASE_FORMAT = 1  # what is written unless a bundle needs format 2, so that older versions still read it
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SUFFIX = ".inspector-bundle"
Kind = Literal["field-report", "peer-merge", "reference"]
KINDS: tuple[str, ...] = ("field-report", "peer-merge", "reference")

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
TABLE_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
# What a writer of format 1 may put in a bundle besides the manifest and its signature.
LAYOUT = (
    re.compile(r"^records/[a-z][a-z0-9_]{0,62}\.jsonl$"),
    re.compile(r"^media/[0-9a-f]{64}$"),
    re.compile(rf"^reports/{_NAME}\.pdf$"),
    re.compile(rf"^trust/{_NAME}\.pem$"),
)
MAX_NAME = 255


class Sender(BaseModel):
    """Who made the bundle: the name they gave and the SHA-256 fingerprint of their signing certificate."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    certificate_sha256: str = Field(pattern=r"^[0-9A-F]{2}(:[0-9A-F]{2}){31}$")


class FileEntry(BaseModel):
    """One file of the archive other than the manifest and its signature."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    path: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256_RE.pattern)

    @field_validator("path")
    @classmethod
    def _safe(cls, value: str) -> str:
        problem = unsafe_name(value)
        if problem:
            raise ValueError(problem)
        return value


class Manifest(BaseModel):
    """``manifest.json``: what the bundle is, who made it, and every other file with its size and hash."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    format: int = Field(ge=1)
    bundle_id: UUID
    kind: Kind
    created_at: datetime
    source_device: str = Field(min_length=1, max_length=64)
    sender: Sender
    record_counts: dict[str, int] = Field(default_factory=dict)
    files: list[FileEntry] = Field(default_factory=list)

    @field_validator("created_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("must carry a time zone (UTC)")
        return value.astimezone(UTC)

    @field_validator("record_counts")
    @classmethod
    def _tables(cls, value: dict[str, int]) -> dict[str, int]:
        for table, count in value.items():
            if not TABLE_RE.match(table) or count < 0:
                raise ValueError(f"bad table {table!r} or count {count}")
        return value

    def to_json(self) -> bytes:
        """The canonical bytes that are written as ``manifest.json`` and signed."""
        return canonical_json(self.model_dump(mode="json"))

    def entry(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys, no spaces, no NaN; datetimes, dates and UUIDs as ISO 8601 / text."""
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
                          default=_jsonable)
    except (TypeError, ValueError) as exc:
        raise BundleError(f"cannot write the bundle: a value is not JSON ({exc})") from exc
    return text.encode("utf-8")


def _jsonable(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def loads_object(data: bytes, what: str) -> dict[str, Any]:
    """A JSON object from UTF-8 bytes; refused if it is anything else, has a duplicate key or NaN."""
    try:
        value = _DECODER.decode(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleError(f"{what} is not valid JSON ({_short(exc)})") from None
    if not isinstance(value, dict):
        raise BundleError(f"{what} is not a JSON object")
    return value


def loads_lines(data: bytes, lines: list[bytes]) -> list[dict[str, Any]] | None:
    """The JSON objects of ``lines`` (the lines of ``data``), parsed by pydantic-core's faster parser when it can
    be told that no object repeats a key; None when it cannot, or any line is not a JSON object: ``loads_object``
    then reads each line and says what is wrong where.

    Without an escaped backslash before a quote (``\\\\"``), a ``"`` after a backslash is inside a string and any
    other ``"`` starts or ends one. Without a tab or carriage return, nor a space before a colon, a key's closing
    quote is followed by its colon (a line holds one object, so no newline parts them). So each ``":`` that no
    backslash precedes ends a key, or starts a string that begins with a colon: exactly as many as the objects'
    keys together means that no key came twice and no object is nested. What pydantic-core accepts, ``json`` reads
    the same.
    """
    if any(pattern in data for pattern in (b'\\\\"', b"\t", b"\r", b" :")):
        return None
    try:
        objects = [from_json(line, allow_inf_nan=False) for line in lines]
    except ValueError:
        return None
    if not all(type(value) is dict for value in objects):
        return None
    keys = data.count(b'":') - data.count(b'\\":')
    return objects if keys == sum(map(len, objects)) else None


def check_format(raw: dict[str, Any]) -> None:
    """Refuse a manifest without a format number, or one newer than this version reads."""
    version = raw.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BundleError(f"{MANIFEST} has no format number; this is not an Inspector bundle")
    if version > FORMAT:
        raise BundleError(f"the bundle was written by a newer Inspector (format {version}); this version reads "
                          f"format {FORMAT} and older: update Inspector to import it")


def parse_manifest(data: bytes) -> Manifest:
    """The manifest from its bytes, validated; a newer format is refused before anything else is looked at."""
    raw = loads_object(data, MANIFEST)
    check_format(raw)
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise BundleError(f"{MANIFEST} is invalid at {where}: {first['msg']}") from None


def unsafe_name(name: str) -> str:
    """Why a member name is unsafe (absolute, ``..``, backslash, drive letter, …), or "" if it is safe."""
    if not name or len(name) > MAX_NAME:
        return "an empty or overlong name"
    if name.startswith("/"):
        return "an absolute path"
    if "\\" in name:
        return "a backslash"
    if ":" in name:
        return "a drive letter or colon"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "a control character"
    parts = name.split("/")
    if ".." in parts:
        return "a '..' component"
    if any(p in ("", ".") for p in parts):
        return "an empty or '.' component"
    return ""


def in_layout(path: str) -> bool:
    """True for the paths format 1 defines: records/T.jsonl, media/SHA256, reports/N.pdf, trust/N.pem."""
    return any(rule.match(path) for rule in LAYOUT)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) < len(pairs):  # a key came twice: name it
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


def _no_constant(token: str) -> Any:
    raise ValueError(f"{token} is not allowed")


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def _short(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:120]
