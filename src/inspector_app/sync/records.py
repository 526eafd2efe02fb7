"""Bundle records as model instances: every row of every table checked against this version's schema.

A bundle's ``records/<table>.jsonl`` rows are the columns of one table (see ``docs/bundle-format.md``). Each
row is validated by the table's model, then its values by the rules of its table (a known status and type, a
hash that is a SHA-256, JSON where JSON is stored, a valid version vector, no NUL character, integers that every
database holds); a missing, mistyped or wrong value, or a column this version does not know, refuses the
bundle with the file, line and column. Timestamps are brought to UTC, as the database
gives them back.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, create_model
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from sqlmodel import SQLModel

from inspector_app.domain.assets import CONDITIONS
from inspector_app.domain.planning import PlanStatus, sections_problem, team_problem
from inspector_app.domain.workflow import InspectionType, Status
from inspector_app.storage.models import (
    Answer,
    Asset,
    Attachment,
    AuditEvent,
    Finding,
    FollowUp,
    ImprovementAction,
    Inspection,
    Mission,
    Mou,
    MouLine,
    MouSelfSustainment,
    Person,
    PlannedInspection,
    Signature,
    TemplateRecord,
    Unit,
)
from inspector_app.sync import BundleError, clock, merge
from inspector_app.sync.manifest import SHA256_RE

# The tables of inspection bundles (field-report, peer-merge), in the order they are written and applied.
INSPECTION_TABLES: tuple[type[SQLModel], ...] = (
    Mission, Unit, Mou, MouLine, MouSelfSustainment, Person, TemplateRecord, Inspection, Answer, Asset, Attachment,
    Finding, ImprovementAction, FollowUp, Signature, PlannedInspection, AuditEvent,
)
# Reference data: owned by HQ, carried to laptops; an inspection bundle only adds what is missing.
REFERENCE_DATA: tuple[type[SQLModel], ...] = (Mission, Unit, Mou, MouLine, MouSelfSustainment, Person, TemplateRecord)
# What reference packages carry: the reference data, and plans (which travel both ways).
REFERENCE_TABLES: tuple[type[SQLModel], ...] = (*REFERENCE_DATA, PlannedInspection)
# Tables a bundle holds only when they have records, so that earlier versions, which do not know them, read it.
OPTIONAL_TABLES: tuple[type[SQLModel], ...] = (PlannedInspection,)
Tables = dict[type[SQLModel], list[Any]]  # checked rows by table (``check_tables``)


def table_name(model: type[SQLModel]) -> str:
    return str(model.__tablename__)


def dump(row: SQLModel) -> dict[str, Any]:
    """A record as a bundle row: its columns, JSON-ready."""
    return row.model_dump(mode="json")


def record_files(rows: Mapping[type[SQLModel], list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A bundle's record files by table name: every table of ``rows`` but the empty ``OPTIONAL_TABLES``."""
    return {table_name(m): r for m, r in rows.items() if r or m not in OPTIONAL_TABLES}


def parse_tables(records: Mapping[str, list[dict[str, Any]]],
                 models: Iterable[type[SQLModel]]) -> dict[type[SQLModel], list[Any]]:
    """Every table of ``models`` from the bundle's records (absent ones empty), as model instances; an unknown
    table is refused."""
    return {model: [model(**row.model_dump()) for row in rows] for model, rows in check_tables(records, models).items()}


def check_tables(records: Mapping[str, list[dict[str, Any]]], models: Iterable[type[SQLModel]]) -> Tables:
    """As ``parse_tables``, but each row checked into plain values (``check_rows``), not a mapped instance."""
    models = tuple(models)
    known = {table_name(m): m for m in models}
    unknown = sorted(set(records) - set(known))
    if unknown:
        raise BundleError(f"the bundle holds records this version does not know ({', '.join(unknown)})")
    return {model: check_rows(model, records.get(table_name(model), [])) for model in models}


def check_rows(model: type[SQLModel], rows: list[dict[str, Any]]) -> list[Any]:
    """The rows of one table, each validated by the table's fields and rules into a plain pydantic object with
    the model's columns as attributes (``model_dump()`` gives them): many times faster to make than a mapped
    instance, and what a bulk insert takes.

    Columns, NUL characters, integer ranges and times are checked by pydantic-core in the same pass as the types;
    the rules of ``_RULES`` then run once per distinct value of their column."""
    shape = _shape(model)
    path = f"records/{table_name(model)}.jsonl"
    parsed: list[Any] = []
    ids: set[str] = set()
    known: dict[tuple[str, Any], str] = {}  # (column, value) → what its rule found: the same value, the same answer
    for line, row in enumerate(rows, 1):
        try:
            record: Any = shape.values.model_validate(row)
        except ValidationError as exc:
            raise BundleError(f"the bundle is refused: {path} line {line}{_first_problem(exc)}") from None
        for name, check in shape.rules:
            value = getattr(record, name)
            problem = known.get((name, value))
            if problem is None:
                problem = known[name, value] = check(value)
            if problem:
                raise BundleError(f"the bundle is refused: {path} line {line}, column {name}: {problem}")
        if record.id in ids:
            raise BundleError(f"the bundle is refused: {path} line {line} repeats the id {record.id}")
        ids.add(record.id)
        parsed.append(record)
    return parsed


def _first_problem(exc: ValidationError) -> str:
    """What is wrong with a row, as the end of a sentence: an unknown column first, then a missing one (the first
    of each by name), then the first wrong value."""
    errors = exc.errors()
    for kind, what in (("extra_forbidden", "has unknown column"), ("missing", "has no")):
        names = [str(e["loc"][0]) for e in errors if e["type"] == kind]
        if names:
            return f" {what} {min(names)!r}"
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "string_pattern_mismatch":
        return f", column {where}: a NUL character"
    if first["type"] in ("greater_than_equal", "less_than_equal"):
        return f", column {where}: {first['input']} is out of range"
    return f", column {where}: {first['msg']}"


def same(a: SQLModel, b: SQLModel, ignore: Iterable[str] = ()) -> bool:
    """True when two records hold the same values but for the ``ignore``d columns (timestamps in UTC)."""
    return merge.same(fields(a), fields(b), ignore)


def fields(row: SQLModel) -> dict[str, Any]:
    """A record's columns as plain values, as the merge rules (``sync.merge``) compare them: timestamps in UTC."""
    return {name: utc(v) if isinstance(v, datetime) else v for name, v in row.model_dump().items()}


def utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as UTC (as stored)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _sha256(value: Any) -> str:
    return "" if value is None or SHA256_RE.match(value) else "not a SHA-256 (64 hex digits)"


def _json(value: Any) -> str:
    if value is None:
        return ""
    try:
        json.loads(value)
    except ValueError:
        return "not JSON"
    return ""


def _json_object(value: Any) -> str:
    return _json(value) or ("" if isinstance(json.loads(value), dict) else "not a JSON object")


def _one_of(kind: type[Enum] | tuple[str, ...]) -> Callable[[Any], str]:
    allowed = tuple(m.value for m in kind) if isinstance(kind, type) else kind

    def check(value: Any) -> str:
        return "" if value in allowed else f"{value!r} is not one of {', '.join(map(str, allowed))}"
    return check


def _clock(value: Any) -> str:
    try:
        clock.parse(value)
    except ValueError as exc:
        return str(exc)
    return ""


def _serial(value: Any) -> str:
    return "" if isinstance(value, str) and value.strip() else "is empty"


INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER
_RULES: dict[tuple[type[SQLModel], str], Callable[[Any], str]] = {
    (Inspection, "status"): _one_of(Status),
    (Inspection, "type"): _one_of(InspectionType),
    (Inspection, "scope_json"): _json_object,
    (Inspection, "report_sha256"): _sha256,
    (Answer, "value_json"): _json,
    (Answer, "clock"): _clock,
    (Asset, "condition"): _one_of(CONDITIONS),
    (Asset, "serial"): _serial,
    (Attachment, "sha256"): _sha256,
    (Attachment, "display_sha256"): _sha256,
    (Signature, "kind"): _one_of(("digital", "handwritten")),
    (Signature, "image_sha256"): _sha256,
    (Signature, "document_sha256"): _sha256,
    (TemplateRecord, "sha256"): _sha256,
    (AuditEvent, "hash"): _sha256,
    (AuditEvent, "prev_hash"): _sha256,
    (PlannedInspection, "type"): _one_of(InspectionType),
    (PlannedInspection, "status"): _one_of(PlanStatus),
    (PlannedInspection, "team_json"): team_problem,
    (PlannedInspection, "sections_json"): sections_problem,
}


@dataclass(frozen=True)
class _Shape:
    """What checking a table's rows needs, made once per table."""

    values: type[BaseModel]  # the table's fields on a plain pydantic model: its validation, without the mapping
    rules: tuple[tuple[str, Callable[[Any], str]], ...]  # column → the rule of ``_RULES`` that checks its value


_NO_NUL = Field(pattern=r"^[^\x00]*$")  # pydantic-core's regex: a NUL in text is refused with the types
_INTEGER = Field(ge=INT_MIN, le=INT_MAX)


@functools.cache
def _shape(model: type[SQLModel]) -> _Shape:
    """The table's fields on a plain model that forbids unknown columns and requires an id, refuses NUL characters
    and integers no database holds, and brings times to UTC."""
    columns: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kinds = {info.annotation, *get_args(info.annotation)}
        extra = _NO_NUL if str in kinds else _INTEGER if int in kinds else AfterValidator(_utc) \
            if datetime in kinds else None
        if name == "id":
            info = FieldInfo.merge_field_infos(info, default=PydanticUndefined, default_factory=None)
        columns[name] = (info.annotation if extra is None else Annotated[info.annotation, extra], info)
    values = create_model(f"{model.__name__}Values", __config__=ConfigDict(extra="forbid"), **columns)
    rules = tuple((name, _RULES[model, name]) for name in model.model_fields if (model, name) in _RULES)
    return _Shape(values, rules)


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else utc(moment)
