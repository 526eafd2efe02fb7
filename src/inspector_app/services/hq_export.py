"""HQ's exports for reimbursement staff, and the spreadsheet writers the HQ reports share.

``export(ws, path, "csv"|"xlsx")`` writes one row per COE major-equipment inspection × MOU line, every
inspection whatever its status (the status is a column: filter on it), by mission, unit and date. The XLSX
file has a second sheet of per-inspection totals. Column names (``LINE_COLUMNS``, ``TOTAL_COLUMNS``) are
stable, in English, for scripts; codes (inspection type, status, lease) are written as stored.

CSV is UTF-8 with a byte-order mark, so that Excel reads accents right; a serviceability is a percentage
with one decimal ("88.9"), an uncounted line leaves found, serviceable, shortfall, surplus and
serviceability empty. In XLSX a serviceability is a number formatted as a percentage and a date is a date.
Files are written whole or not at all (``files.write_atomic``).

``export_per_line(ws, path, fmt, period)`` writes the figures of the **verification reports** instead
(issue 15, point 8): one row per unit × period × MOU line (``PER_LINE_COLUMNS``), the same numbers as the
report of that unit and period (``services.verification_report``), ready for a reimbursement spreadsheet.
With a period (``2026Q4`` or ``2026-11``), every unit with a counted major-equipment inspection in it;
without, every unit and quarter (or month, ``by="month"``) that holds one. The report status is "countersigned"
when HQ holds a countersigned verification report of that unit and period, in any language (the field's bundles
bring them: ``services.signed_verifications``), else "provisional".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector_app import files
from inspector_app.domain import verification
from inspector_app.domain.template_model import TemplateKind
from inspector_app.errors import InspectorError, ValidationError
from inspector_app.reports.verification_data import VerificationData
from inspector_app.reports.xlsx import DATE, PERCENT, Sheet, xlsx_bytes
from inspector_app.services import hq_views, signed_verifications, verification_report
from inspector_app.services.hq_views import Scored

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

FORMATS = ("csv", "xlsx")

_INSPECTION = ("Mission", "Unit", "Country", "Inspection id", "Inspection type", "Inspection date", "Status")
LINE_COLUMNS = (*_INSPECTION, "Line", "Category", "Item", "Lease", "MOU qty", "Found", "Serviceable", "Shortfall",
                "Surplus", "Serviceability %")
# The totals pool every category: their serviceability is an indicator, not a COE result (docs/coe-rules.md).
TOTAL_COLUMNS = (*_INSPECTION, "MOU lines", "Counted lines", "MOU qty", "Found", "Serviceable", "Shortfall",
                 "Surplus", "Serviceability % (indicator)", "Below standard (indicator)")


PER_LINE_COLUMNS = ("Mission", "Unit", "Country", "MOU reference", "MOU version", "Period", "Inspection id",
                    "Inspection type", "Inspection date", "Report status", "Line", "Category", "Item", "Lease",
                    "MOU qty", "Deployed", "Serviceable", "Unserviceable", "Shortfall", "Surplus", "Availability %",
                    "Serviceability %", "Reimbursable", "Reimbursable basis")
_PER_LINE_SHARES = (PER_LINE_COLUMNS.index("Availability %"), PER_LINE_COLUMNS.index("Serviceability %"))


@dataclass(frozen=True)
class Exported:
    inspections: int
    rows: int


def export(ws: Workspace, path: Path, fmt: str | None = None) -> Exported:
    """Write the reimbursement export of every COE major-equipment inspection to ``path``, as ``fmt`` or as
    its suffix says."""
    fmt = export_format(path, fmt)
    scored = hq_views.coe_inspections(ws)
    lines = [row for s in scored for row in line_rows(s)]
    if fmt == "csv":
        data = csv_bytes(LINE_COLUMNS, lines, percent=(len(LINE_COLUMNS) - 1,))
    else:
        dated = {5: DATE}
        data = xlsx_bytes([
            Sheet("MOU lines", LINE_COLUMNS, lines, dated | {len(LINE_COLUMNS) - 1: PERCENT},
                  {0: 11, 1: 16, 3: 38, 8: 30, 9: 34}),
            Sheet("Inspections", TOTAL_COLUMNS, [total_row(s) for s in scored],
                  dated | {len(TOTAL_COLUMNS) - 2: PERCENT}, {0: 11, 1: 16, 3: 38}),
        ])
    write(path, data)
    return Exported(len(scored), len(lines))


def export_per_line(ws: Workspace, path: Path, fmt: str | None = None, period: str | None = None,
                    by: str = verification.QUARTER) -> Exported:
    """Write one row per unit × period × MOU line of the verification reports to ``path`` (see the module's
    docstring); ``Exported.inspections`` counts the unit-periods."""
    fmt = export_format(path, fmt)
    if period is not None:
        code = verification.parse_period(period).code
        wanted = [(unit_id, code) for unit_id in verification_report.units_with_major_equipment(ws, code)]
    else:
        wanted = verification_report.periods_of(ws, by)
    signed = signed_verifications.countersigned(ws)
    rows = [row for unit_id, code in wanted
            for row in per_line_rows(verification_report.gather(ws, unit_id, code), (unit_id, code) in signed)]
    if fmt == "csv":
        data = csv_bytes(PER_LINE_COLUMNS, rows, percent=_PER_LINE_SHARES)
    else:
        data = xlsx_bytes([Sheet("MOU lines by period", PER_LINE_COLUMNS, rows,
                                 {8: DATE} | {k: PERCENT for k in _PER_LINE_SHARES},
                                 {0: 11, 1: 16, 3: 24, 6: 38, 11: 30, 12: 34})])
    write(path, data)
    return Exported(len(wanted), len(rows))


def per_line_rows(data: VerificationData, countersigned: bool) -> Iterator[list[Any]]:
    """The rows of ``PER_LINE_COLUMNS`` for one verification report (``countersigned``: a countersigned report of
    its unit and period is held); shares as 0..1; an uncounted line leaves its figures empty."""
    used = next((i for i in data.inspections if i.used and i.kind == TemplateKind.COE_MAJOR_EQUIPMENT.value), None)
    head = [data.mission_code, data.unit_name, data.country, data.mou.reference, data.mou.version, data.period.code,
            used.id if used else None, used.type if used else None, used.start if used else None,
            "countersigned" if countersigned else "provisional"]
    for line in data.lines:
        figures: list[Any] = [line.deployed, line.serviceable, line.unserviceable, line.shortfall, line.surplus,
                              line.availability, line.serviceability, line.reimbursable] if line.counted \
            else [None] * 8
        yield [*head, line.line_no, line.category, line.item, line.lease, line.quantity, *figures, line.basis]


def export_format(path: Path, fmt: str | None) -> str:
    """``fmt``, or the format that the suffix of ``path`` names; refuses a suffix that contradicts ``fmt``."""
    suffix = path.suffix.lower().lstrip(".")
    choices = " or ".join(f"FILE.{f}" for f in FORMATS)
    if fmt is not None and fmt not in FORMATS:
        raise ValidationError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt is None and suffix not in FORMATS:
        raise ValidationError(f"cannot tell the format of {path.name!r} from its name: name it {choices}, "
                              f"or give --format {'|'.join(FORMATS)}")
    if fmt is not None and suffix in FORMATS and suffix != fmt:
        raise ValidationError(f"--format {fmt} contradicts the file name {path.name!r}: name it "
                              f"{path.with_suffix('.' + fmt).name}, or give --format {suffix}")
    return fmt or suffix


def line_rows(scored: Scored) -> Iterator[list[Any]]:
    """The rows of ``LINE_COLUMNS`` for one inspection, a serviceability as a share (0..1)."""
    head = _inspection_cells(scored)
    for line in scored.results.lines:
        counts = [line.found, line.serviceable, line.shortfall, line.surplus] if line.counted else [None] * 4
        yield [*head, line.line_no, line.category, line.item, line.lease, line.quantity, *counts,
               line.serviceability]


def total_row(scored: Scored) -> list[Any]:
    """The row of ``TOTAL_COLUMNS`` for one inspection."""
    lines = scored.results.lines
    overall = scored.results.overall
    counted = sum(1 for line in lines if line.counted)
    figures: list[Any] = [None] * 7
    if overall is not None:
        figures = [overall.quantity, overall.found, overall.serviceable, overall.shortfall, overall.surplus,
                   overall.serviceability, "yes" if overall.below_threshold else "no"]
    return [*_inspection_cells(scored), len(lines), counted, *figures]


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], percent: Sequence[int] = ()) -> bytes:
    """CSV in UTF-8 with a BOM; shares in the ``percent`` columns become percentages with one decimal."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(v, i in percent) for i, v in enumerate(row)])
    return out.getvalue().encode("utf-8-sig")


def write(path: Path, data: bytes) -> None:
    try:
        files.write_atomic(path, data)
    except OSError as exc:
        raise InspectorError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _inspection_cells(scored: Scored) -> list[Any]:
    i = scored.inspection
    return [scored.mission.code, scored.unit.name, scored.unit.contributing_country, i.id, i.type, i.start_date,
            i.status]


def _csv_cell(value: Any, percent: bool) -> Any:
    if value is None:
        return ""
    if percent and isinstance(value, float):
        return f"{100 * value:.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return value
