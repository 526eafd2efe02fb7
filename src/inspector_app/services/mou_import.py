"""Import one unit's MOU (Annex B, major equipment) from a spreadsheet into HQ's database.

HQ staff keep MOUs in workbooks; ``read_mou`` reads one sheet (``.xlsx``) or file (``.csv``) into MOU lines,
naming the row and column of every problem; ``import_mou`` compares them with the unit's MOU as it stands and
shows (dry run) or applies the difference in one transaction, with an audit event for every line added, changed
or removed. The accepted columns are described in ``docs/mou-spreadsheet.md``.

Lines are matched by their number. Self-sustainment (Annex C) categories are left as they are.

Without an effective date the import edits the unit's latest MOU version in place (a correction of the MOU as
signed). With one (``effective_from``) it records an *amendment*: a new version, in force from that date, holding
the sheet's lines and a copy of the latest version's self-sustainment categories; the latest version and the
inspections judged against it are left as they are. The difference shown is against the version amended.

Changing the MOU of a unit that has an inspection in progress is safe: an inspection freezes its scope (the
MOU lines and the roster) when it starts, so it keeps the lines it started with; the next one gets the new.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from inspector_app.domain import mou as mou_rules
from inspector_app.domain.checklist import MouLineRef
from inspector_app.domain.mou import MouVersionRef
from inspector_app.errors import ValidationError
from inspector_app.services import units
from inspector_app.storage.models import Mou, MouLine, Unit

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # an .xlsx is a ZIP archive: what its members may unpack to
MAX_LINES = 5_000  # an MOU has tens of lines, a few hundred at most
MAX_PROBLEMS = 50  # listed; the rest are counted
HEADER_SEARCH_ROWS = 20  # a title or a note may stand above the header row
EMPTY_ROWS_END = 1_000  # a sheet formatted down to row 1,048,576 ends here
FIELDS = ("line_no", "category", "item", "quantity", "lease", "registered")
REQUIRED = ("category", "item", "quantity", "lease")

# Header names, compared without case, accents, spaces or punctuation ("Type de location" = "typedelocation").
HEADERS = {
    "line_no": ("line", "lineno", "linenumber", "mouline", "no", "number", "ligne", "noligne", "ndeligne",
                "numero", "numerodeligne"),
    "category": ("category", "equipmentcategory", "categorie", "categoriedequipement"),
    "item": ("item", "equipment", "equipement", "designation"),
    "quantity": ("quantity", "qty", "mouquantity", "quantitymou", "quantite", "qte", "quantitemou"),
    "lease": ("lease", "leasetype", "typeoflease", "typedelocation", "bail", "typedebail"),
    "registered": ("registered", "registereditems", "serialised", "serialized", "immatricule", "immatricules",
                   "enregistre", "articlesimmatricules"),
}
NAMES = {"line_no": ("line", "ligne"), "category": ("category", "catégorie"), "item": ("item", "équipement"),
         "quantity": ("quantity", "quantité"), "lease": ("lease", "type de location"),
         "registered": ("registered", "immatriculé")}  # as messages name them
LEASE_WORDS = {"wet": "wet", "wetlease": "wet", "humide": "wet", "locationhumide": "wet",
               "dry": "dry", "drylease": "dry", "seche": "dry", "sec": "dry", "locationseche": "dry"}
YES_NO_WORDS = {"yes": True, "y": True, "oui": True, "o": True, "true": True, "vrai": True, "1": True, "x": True,
                "no": False, "n": False, "non": False, "false": False, "faux": False, "0": False, "": False}
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_WHOLE = re.compile(r"\+?\d+(?:[.,]0{1,2})?")  # not "1,000": a thousand, or one?


def column_letter(number: int) -> str:
    """A spreadsheet column's letters: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _key(text: str) -> str:
    """``text`` without case, accents, spaces or punctuation: how headers and lease words are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.casefold() if ch.isalnum())


_FIELD_OF = {_key(name): name_field for name_field, names in HEADERS.items() for name in names}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spreadsheet, where it is: row (1-based, as the spreadsheet shows) and column."""

    row: int
    message: str
    column: int | None = None  # 1-based
    header: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.column is not None:
            where += f", column {column_letter(self.column)}"
        if self.header:
            where += f" ({self.header})"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        column = column_letter(self.column) if self.column is not None else None
        return {"row": self.row, "column": column, "header": self.header, "message": self.message,
                "text": str(self)}


class SheetProblems(ValidationError):
    """A spreadsheet with problems: every one is listed (up to MAX_PROBLEMS), and nothing was imported."""

    def __init__(self, source: str, problems: Sequence[Problem], total: int) -> None:
        self.source = source
        self.problems = list(problems)
        self.total = total
        shown = "" if total <= len(problems) else f" (the first {len(problems)} below)"
        noun = "problem" if total == 1 else "problems"
        lines = [f"{source}: {total} {noun}{shown}; nothing was imported", *(f"  {p}" for p in problems)]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class MouSheet:
    """The MOU lines read from a spreadsheet."""

    source: str  # the file, and the sheet of a workbook
    lines: tuple[MouLineRef, ...]


@dataclass(frozen=True)
class LineChange:
    old: MouLineRef
    new: MouLineRef

    @property
    def fields(self) -> dict[str, tuple[Any, Any]]:
        """What changed: field -> (old, new)."""
        return {name: (getattr(self.old, name), getattr(self.new, name))
                for name in ("category", "item", "quantity", "lease", "registered")
                if getattr(self.old, name) != getattr(self.new, name)}


@dataclass(frozen=True)
class LineDiff:
    """How one set of MOU lines became another, lines matched by number."""

    added: tuple[MouLineRef, ...] = ()
    removed: tuple[MouLineRef, ...] = ()
    changed: tuple[LineChange, ...] = ()
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_lines(old: Iterable[MouLineRef], new: Iterable[MouLineRef]) -> LineDiff:
    """What changed from MOU lines ``old`` to ``new`` (by line number, in line order)."""
    before = {line.line_no: line for line in old}
    after = {line.line_no: line for line in new}
    kept = sorted(before.keys() & after.keys())
    changed = tuple(LineChange(before[n], after[n]) for n in kept if before[n] != after[n])
    return LineDiff(tuple(after[n] for n in sorted(after.keys() - before.keys())),
                    tuple(before[n] for n in sorted(before.keys() - after.keys())), changed, len(kept) - len(changed))


@dataclass(frozen=True)
class MouDiff:
    """What importing a sheet changes in a unit's MOU (lines matched by number)."""

    unit: Unit
    source: str
    added: tuple[MouLineRef, ...] = ()
    removed: tuple[MouLineRef, ...] = ()
    changed: tuple[LineChange, ...] = ()
    unchanged: int = 0
    applied: bool = False
    new_mou: bool = False  # the unit had no MOU yet
    amends: MouVersionRef | None = None  # the version compared with (the unit's latest), None without an MOU
    effective_from: date | None = None  # an amendment's date (a new version); None: the latest version edited
    reference: str = ""  # the amendment's reference; "" keeps the amended version's
    version: int | None = None  # the version the import writes (or would write)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": {"id": self.unit.id, "name": self.unit.name},
            "source": self.source,
            "applied": self.applied,
            "new_mou": self.new_mou,
            "added": [asdict(line) for line in self.added],
            "removed": [asdict(line) for line in self.removed],
            "changed": [{"line_no": c.new.line_no, "changes": {k: list(v) for k, v in c.fields.items()},
                         "old": asdict(c.old), "new": asdict(c.new)} for c in self.changed],
            "unchanged": self.unchanged,
            "amends": self.amends.to_dict() if self.amends else None,
            "effective_from": self.effective_from.isoformat() if self.effective_from else None,
            "version": self.version,
        }


# --- reading -------------------------------------------------------------------------------------------------


def read_mou(path: Path, sheet: str | None = None) -> MouSheet:
    """The MOU lines of ``path`` (an ``.xlsx`` workbook's first sheet or ``sheet``, or a ``.csv`` file)."""
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(f"{path} is an old Excel (.xls) workbook or another legacy Office file; "
                              "save it as .xlsx or .csv")
    if suffix == ".ods":
        raise ValidationError(f"{path} is an OpenDocument spreadsheet; save it as .xlsx or .csv")
    if suffix in XLSX_SUFFIXES or (suffix not in CSV_SUFFIXES and data.startswith(b"PK\x03\x04")):
        name, rows = _xlsx_rows(path, data, sheet)
        source = f"{path} (sheet {name!r})"
    elif suffix in CSV_SUFFIXES:
        if sheet is not None:
            raise ValidationError(f"--sheet is for .xlsx workbooks; {path} is a CSV file")
        source, rows = str(path), _csv_rows(path, data)
    else:
        raise ValidationError(f"{path} is not a spreadsheet Inspector reads: give an .xlsx workbook or a .csv file")
    return MouSheet(source, tuple(parse_rows(rows, source)))


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB: not an MOU spreadsheet")
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"{path} does not exist") from None
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _xlsx_rows(path: Path, data: bytes, sheet: str | None) -> tuple[str, list[tuple[int, Sequence[Any]]]]:
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(f"{path} is not an .xlsx workbook (it is not a ZIP archive): corrupt, or renamed?")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ValidationError(f"{path} unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB: "
                                      "not an MOU workbook")
        with warnings.catch_warnings():  # openpyxl warns about features it drops (data validation, styles)
            warnings.simplefilter("ignore")
            from openpyxl import load_workbook  # noqa: PLC0415  (only for workbooks: it is slow to import)

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = {s.title: s for s in book.worksheets}
                if not sheets:
                    raise ValidationError(f"{path} has no worksheet")
                found = sheets.get(sheet) if sheet is not None else book.worksheets[0]
                if found is None:
                    names = ", ".join(repr(n) for n in sheets)
                    raise ValidationError(f"{path} has no sheet {sheet!r} (its sheets: {names})")
                found.reset_dimensions()  # some writers record wrong dimensions; read what is there
                return found.title, list(_until_empty(enumerate(found.iter_rows(values_only=True), 1)))
            finally:
                book.close()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise ValidationError(f"{path} is not a readable .xlsx workbook (corrupt ZIP archive: {exc})") from exc
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds on a damaged workbook)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValidationError(f"{path} is not a readable .xlsx workbook ({reason})") from exc


def _until_empty(rows: Iterable[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows, up to EMPTY_ROWS_END empty rows in a row (a sheet formatted far below its data), and no more
    than it takes to see that a sheet has too many lines."""
    empty = filled = 0
    for number, values in rows:
        empty = empty + 1 if _blank(values) else 0
        filled += not empty
        if empty >= EMPTY_ROWS_END or filled > MAX_LINES + HEADER_SEARCH_ROWS + 1:
            return
        yield number, values


def _csv_rows(path: Path, data: bytes) -> list[tuple[int, Sequence[Any]]]:
    if b"\x00" in data[:8192]:
        raise ValidationError(f"{path} is not a text (CSV) file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path} is not UTF-8 text (byte {exc.start + 1}): save it as 'CSV UTF-8'") from exc
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), 1))
    except csv.Error as exc:
        raise ValidationError(f"{path} is not a readable CSV file ({exc})") from exc


def _delimiter(text: str) -> str:
    """``,``, ``;`` or a tab: the one that splits the header row into the most known column names."""
    best, best_score = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            head = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=candidate), HEADER_SEARCH_ROWS))
        except csv.Error:
            continue
        score = max((len(_header_fields(row)) for row in head), default=0)
        if score > best_score:
            best, best_score = candidate, score
    return best


# --- parsing -------------------------------------------------------------------------------------------------


def parse_rows(rows: Iterable[tuple[int, Sequence[Any]]], source: str) -> list[MouLineRef]:
    """MOU lines from numbered rows (a header row, then one line a row); raises SheetProblems."""
    rows = [(n, values) for n, values in rows if not _blank(values)]
    header_at = next((i for i, (_, values) in enumerate(rows[:HEADER_SEARCH_ROWS])
                      if len(_header_fields(values)) >= 2), None)
    if header_at is None:
        raise ValidationError(f"{source}: no header row: none of its first rows names the columns "
                              f"{', '.join(REQUIRED)} (see docs/mou-spreadsheet.md)")
    header_row, header = rows[header_at]
    problems = _Problems(source)
    columns = _columns(header_row, header, problems)
    problems.check()
    body = [(n, values) for n, values in rows[header_at + 1:] if any(_text(_cell(values, c)) for c in columns.values())]
    if len(body) > MAX_LINES:
        raise ValidationError(f"{source}: more than {MAX_LINES} lines, more than any MOU: is this the right sheet?")
    lines = _lines(body, columns, header, problems)
    problems.check()
    return lines


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.listed: list[Problem] = []
        self.total = 0

    def add(self, row: int, message: str, column: int | None = None, header: Sequence[Any] = ()) -> None:
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS:
            name = _text(_cell(header, column)) if column is not None else ""
            self.listed.append(Problem(row, message, None if column is None else column + 1, name))

    def check(self) -> None:
        if self.total:
            raise SheetProblems(self.source, self.listed, self.total)


def _columns(row: int, header: Sequence[Any], problems: _Problems) -> dict[str, int]:
    """Field -> 0-based column index, from the header row."""
    columns: dict[str, int] = {}
    for index, name_field in _header_fields(header).items():
        if name_field in columns:
            first = column_letter(columns[name_field] + 1)
            problems.add(row, f"a second {NAMES[name_field][0]} column (the first is column {first})", index, header)
        else:
            columns[name_field] = index
    for name_field in REQUIRED:
        if name_field not in columns:
            english, french = NAMES[name_field]
            problems.add(row, f"no {english} column: name one {english!r} or {french!r} "
                              "(see docs/mou-spreadsheet.md)")
    return columns


def _header_fields(values: Sequence[Any]) -> dict[int, str]:
    """Column index -> field, for the cells of ``values`` that name a known column."""
    return {i: f for i, value in enumerate(values) if (f := _FIELD_OF.get(_key(_text(value)))) is not None}


def _lines(body: Sequence[tuple[int, Sequence[Any]]], columns: dict[str, int], header: Sequence[Any],
           problems: _Problems) -> list[MouLineRef]:
    """One line a row, numbered in row order when the sheet has no line column; duplicates refused."""
    lines: list[MouLineRef] = []
    rows_of_number: dict[int, int] = {}
    rows_of_name: dict[tuple[str, str], int] = {}
    for position, (row, values) in enumerate(body, 1):
        found: dict[str, Any] = {} if "line_no" in columns else {"line_no": position}
        for name_field, column in columns.items():
            try:
                found[name_field] = _PARSERS[name_field](_cell(values, column))
            except ValueError as exc:
                problems.add(row, str(exc), column, header)
        number = found.get("line_no")
        if number in rows_of_number:
            problems.add(row, f"line {number} is already on row {rows_of_number[number]}", columns["line_no"], header)
        elif number is not None:
            rows_of_number[number] = row
        if "category" in found and "item" in found:
            name = (_key(found["category"]), _key(found["item"]))
            if name in rows_of_name:
                problems.add(row, f"{found['item']!r} in {found['category']!r} is already on row {rows_of_name[name]}",
                             columns["item"], header)
            rows_of_name.setdefault(name, row)
        if all(name_field in found for name_field in ("line_no", *REQUIRED)):  # "registered" is optional
            lines.append(MouLineRef(**found))
    return lines


def _blank(values: Sequence[Any]) -> bool:
    return not any(_text(v) for v in values)


def _cell(values: Sequence[Any], column: int) -> Any:
    return values[column] if column < len(values) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(_SPACES.split(str(value))).strip()


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else _text(value)


def _required_text(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("is empty")
    return text


def _whole(value: Any, least: int) -> int:
    if isinstance(value, bool) or value is None or _text(value) == "":
        raise ValueError("is empty" if not isinstance(value, bool) else f"{value} is not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _WHOLE.fullmatch(compact := _SPACES.sub("", value.strip())):
        number = int(re.split(r"[.,]", compact)[0])
    elif isinstance(value, str) and re.fullmatch(r"-\s*\d+", value.strip()):
        number = int(_SPACES.sub("", value.strip()))
    else:
        raise ValueError(f"{_shown(value)} is not a whole number")
    if number < least:
        raise ValueError(f"{number} cannot be {'negative' if least == 0 else f'less than {least}'}")
    return number


def _lease(value: Any) -> str:
    text = _required_text(value)
    lease = LEASE_WORDS.get(_key(text))
    if lease is None:
        raise ValueError(f"{text!r} is not a lease type: wet or dry (humide or sèche)")
    return lease


def _yes_no(value: Any) -> bool:
    """The optional ``registered`` column: yes/no, oui/non (an empty cell is no)."""
    if isinstance(value, bool):
        return value
    text = _text(value)
    answer = YES_NO_WORDS.get(_key(text))
    if answer is None:
        raise ValueError(f"{text!r} is not yes or no (oui or non)")
    return answer


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "line_no": lambda v: _whole(v, 1),
    "category": _required_text,
    "item": _required_text,
    "quantity": lambda v: _whole(v, 0),
    "lease": _lease,
    "registered": _yes_no,
}


# --- comparing and applying ----------------------------------------------------------------------------------


def _diff_mou(session: Session, unit: Unit, sheet: MouSheet, effective_from: date | None = None,
              reference: str = "") -> MouDiff:
    """How the unit's MOU lines (of its latest version) would change if they became ``sheet``'s; an amendment
    (``effective_from``) dated on or before the latest version's is refused."""
    held = units.mou_versions(session, unit)
    if effective_from is not None:
        problem = mou_rules.check_amendment(held, effective_from)
        if problem:
            raise ValidationError(f"{unit.name}: {problem}")
    lines = compare_lines(units.unit_scope(session, unit).mou_lines, sheet.lines)
    last = held[-1] if held else None
    return MouDiff(
        unit=unit,
        source=sheet.source,
        added=lines.added,
        removed=lines.removed,
        changed=lines.changed,
        unchanged=lines.unchanged,
        new_mou=last is None,
        amends=units.version_ref(last) if last else None,
        effective_from=effective_from,
        reference=reference,
        version=(last.version if last else 0) + (1 if effective_from or last is None else 0),
    )


def import_mou(ws: Workspace, unit_ref: str, sheet: MouSheet, dry_run: bool = False,
               effective_from: date | None = None, reference: str = "") -> MouDiff:
    """Compare ``sheet`` with the unit's MOU and, unless ``dry_run``, apply the difference in one transaction:
    to the latest version, or as a new version in force from ``effective_from`` (an amendment)."""
    if dry_run:
        with ws.db.read() as session:
            return _diff_mou(session, units.find_unit(session, unit_ref), sheet, effective_from, reference)
    with ws.db.session() as session:
        unit = units.find_unit(session, unit_ref)
        diff = _diff_mou(session, unit, sheet, effective_from, reference)
        amending = effective_from is not None and not diff.new_mou
        if diff.empty and not diff.new_mou and not amending:
            return diff
        if diff.new_mou:
            mou = units.set_mou(ws, session, unit, sheet.lines, reference=reference, effective_from=effective_from)
        elif effective_from is not None:
            mou = units.amend_mou(ws, session, unit, sheet.lines, effective_from, reference)
        else:
            mou = _apply(ws, session, unit, diff)
        ws.audit(session, "mou.import", "mou", mou.id, new={
            "source": sheet.source, "added": len(diff.added), "removed": len(diff.removed),
            "changed": len(diff.changed), "unchanged": diff.unchanged, "version": mou.version})
    return replace(diff, applied=True)


def _apply(ws: Workspace, session: Session, unit: Unit, diff: MouDiff) -> Mou:
    mou = units.mou_on(session, unit)  # the latest version, edited in place
    assert mou is not None  # noqa: S101 - _diff_mou found it
    rows = {row.line_no: row for row in session.exec(select(MouLine).where(MouLine.mou_id == mou.id))}
    for line in diff.removed:
        row = rows[line.line_no]
        ws.audit(session, "mou.line.remove", "mouline", row.id, old=asdict(line))
        session.delete(row)
    session.flush()
    for change in diff.changed:
        row = rows[change.new.line_no]
        for name, (_old, new) in change.fields.items():
            setattr(row, name, new)
        session.add(ws.stamp(row))
        ws.audit(session, "mou.line.change", "mouline", row.id, old={k: v[0] for k, v in change.fields.items()},
                 new={"line_no": row.line_no, **{k: v[1] for k, v in change.fields.items()}})
    for line in diff.added:
        row = MouLine(mou_id=mou.id, **asdict(line))
        session.add(ws.stamp(row))
        session.flush()
        ws.audit(session, "mou.line.add", "mouline", row.id, new=asdict(line))
    session.add(ws.stamp(mou))
    return mou
