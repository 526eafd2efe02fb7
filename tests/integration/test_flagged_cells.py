"""``styles.Flagged``: a coloured table cell drawn as a plain string looks exactly as the coloured paragraph it
replaces (pages rendered with poppler's pdftoppm and compared pixel by pixel)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from inspector_app.reports.styles import PAGE_SIZE, Flagged, coloured, grid_table, styles

WIDTHS = [40 * mm, 20 * mm, 20 * mm, 60 * mm]
RIGHT, CENTRE = (1,), (2,)


def _rows(cell: object) -> list[list[object]]:
    """A header, two rows and a total row, each with a flagged value in every column (``cell`` makes it)."""
    s = styles()
    right, centre = s.cell_right, s.cell_centre
    return [
        ["Unit", "Share", "Verdict", "Affected"],
        ["Alpha FPU", cell("87.5 %", right, True), cell("BELOW", centre, True), cell("catering, medical", None, False)],
        ["Bravo FPU", "95.0 %", "ok", cell("a list of categories long enough to wrap onto a second line in its cell",
                                          None, False)],
        ["All", cell("12", right, True), "—", cell("2024-03-31", None, True)],
    ]


def _paragraph(value: str, style: object, strong: bool) -> object:
    return coloured(value, "below", style or styles().cell, strong=strong)  # type: ignore[arg-type]


def _flagged(value: str, _style: object, strong: bool) -> object:
    return Flagged(value, strong=strong)


def _png(table: Table, folder: Path, name: str) -> Image.Image:
    pdf = io.BytesIO()
    SimpleDocTemplate(pdf, pagesize=PAGE_SIZE).build([table])
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf.getvalue())
    subprocess.run(["pdftoppm", "-r", "150", "-singlefile", "-png", str(path), str(folder / name)], check=True,
                   timeout=60)
    return Image.open(folder / f"{name}.png").convert("RGB")


@pytest.mark.parametrize(("fit", "plain"), [(True, ()), (False, (*RIGHT, *CENTRE)), (False, ())])
def test_flagged_cells_look_as_coloured_paragraphs(tmp_path: Path, fit: bool, plain: tuple[int, ...]) -> None:
    assert shutil.which("pdftoppm"), "pdftoppm missing: run scripts/system-deps.sh (poppler-utils)"
    options = {"right": RIGHT, "centre": CENTRE, "fit": fit, "total_row": True, "plain": plain}
    painted = grid_table(_rows(_paragraph), WIDTHS, **options)  # type: ignore[arg-type]
    flagged = grid_table(_rows(_flagged), WIDTHS, **options)  # type: ignore[arg-type]
    strings = [v for row in flagged._cellvalues[1:] for v in row if isinstance(v, str)]
    assert {"87.5 %", "BELOW", "catering, medical", "12", "2024-03-31"} <= set(strings)
    before, after = _png(painted, tmp_path, "paragraphs"), _png(flagged, tmp_path, "flagged")
    r, g, b = (band.point(lambda v, hi=hi: 255 if (v > 120) == hi else 0) for band, hi in zip(
        after.split(), (True, False, False), strict=True))
    red = ImageChops.multiply(ImageChops.multiply(r, g), b).histogram()[255]
    assert red > 200  # the flagged values are drawn, in red
    assert ImageChops.difference(before, after).getbbox() is None


def test_a_flagged_value_whose_breaks_are_in_doubt_stays_a_paragraph() -> None:
    word = "x" * 60  # wider than its cell: a paragraph breaks it as it can
    table = grid_table([["Head"], [Flagged(word, strong=True)]], [20 * mm], fit=True)
    [[cell]] = table._cellvalues[1:]
    assert isinstance(cell, Paragraph) and word in cell.text
