"""A generic XLSX writer: sheets of plain values in, workbook bytes out (openpyxl, loaded on use)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PERCENT = "0.0%"
DATE = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    """A worksheet: a header row, then rows of plain values (None for an empty cell)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    formats: Mapping[int, str] = field(default_factory=dict)  # column index → Excel number format
    widths: Mapping[int, float] = field(default_factory=dict)  # column index → width in characters


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook (openpyxl's write-only mode: fast, little memory) with a bold, frozen header row."""
    from openpyxl import Workbook  # noqa: PLC0415  (imported when a workbook is written, not at CLI start)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        out = book.create_sheet(title=sheet_title(sheet.title))
        for column, width in sheet.widths.items():
            out.column_dimensions[get_column_letter(column + 1)].width = width
        out.freeze_panes = "A2"
        header = []
        for name in sheet.headers:
            cell = WriteOnlyCell(out, value=name)
            cell.font = bold
            header.append(cell)
        out.append(header)
        for row in sheet.rows:
            cells: list[Any] = []
            for column, value in enumerate(row):
                number_format = sheet.formats.get(column)
                if number_format is None or value is None:
                    cells.append(value)
                    continue
                cell = WriteOnlyCell(out, value=value)
                cell.number_format = number_format
                cells.append(cell)
            out.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(title: str) -> str:
    """A valid worksheet name: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in title).strip("'")
    return cleaned[:31] or "Sheet"
