"""The quarterly reports' bar chart: a value over each bar only where the bars are as wide as the value."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.pdfbase.pdfmetrics import stringWidth

from inspector_app.domain.quarter_status import Figures, InspectionRef, QuarterStatus, UnitStatus
from inspector_app.reports import coe_status, fonts

TOTAL = Figures(name="unit", quantity=100, found=95, serviceable=90, shortfall=5, surplus=0, uncounted=0,
                threshold=0.9, available=95, unserviceable=5, reimbursable=90)
REF = InspectionRef("i1", "periodic", "signed", date(2026, 8, 1), "coe_major_equipment")


def _status(units: int) -> QuarterStatus:
    rows = tuple(UnitStatus(f"u{n}", f"FPU {n}", "Nepal", REF, TOTAL, (TOTAL,)) for n in range(units))
    return QuarterStatus("MIN", "Mission", "2026Q3", date(2026, 7, 1), date(2026, 9, 30), 0.9, rows, (TOTAL,), TOTAL)


@pytest.mark.parametrize(("units", "labelled"), [(1, True), (9, True), (10, False), (120, False)])
def test_bars_carry_their_values_only_where_they_are_wide_enough(units: int, labelled: bool) -> None:
    drawing = coe_status.chart(_status(units))
    [bars] = [c for c in drawing.contents if isinstance(c, VerticalBarChart)]
    assert (bars.barLabelFormat is not None) == labelled
    pitch = bars.width / units / 2  # each bar's share of the width
    assert not labelled or pitch > stringWidth("100.0", fonts.CONDENSED, coe_status.BAR_LABEL_SIZE)  # none overlap
