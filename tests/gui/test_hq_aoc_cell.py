"""The HQ window's AOC cell: its tooltip names the latest AOC and, once one is settled, the officers certified."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.domain.quarter_status import InspectionRef
from inspector_app.services.hq_views import AocOutcome, AocVerdict, UnitSummary
from inspector_app.ui.hq_view import aoc_tooltip, inspection_text

pytestmark = pytest.mark.gui
REF = InspectionRef("a" * 36, "aoc_in_mission", "signed", date(2026, 9, 1), "aoc")


def _unit(**figures: float | None) -> UnitSummary:
    return UnitSummary("u", "TST FPU", "X", "fpu", None, (), None, (), AocOutcome(REF, AocVerdict.PASS), 0, None,
                       0, 140, 14, **figures)  # type: ignore[arg-type]


def test_the_tooltip_gives_the_certified_share_and_the_women_among_them() -> None:
    shown = aoc_tooltip(_unit(certified_share=0.8, women_assessed_share=0.1, women_certified_share=0.125))
    assert shown.splitlines() == [inspection_text(REF), "80.0% of the officers assessed certified; women: 10.0% of "
                                  "those assessed, 12.5% of those certified"]


def test_without_a_settled_aoc_the_tooltip_names_the_inspection_only() -> None:
    assert aoc_tooltip(_unit()) == inspection_text(REF)
