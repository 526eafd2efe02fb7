"""The ORI due-date rule (domain/ori.py): month arithmetic and which inspections count."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.ori import Visit, add_months, next_ori

TODAY = date(2026, 12, 4)


def test_month_ends_clamp_and_leap_years() -> None:
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2026, 7, 15), 6) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 60))
def test_add_months_lands_in_the_right_month(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


def test_no_arrival_means_no_due_date() -> None:
    due = next_ori([Visit("operational_readiness", "signed", date(2026, 1, 1))], 6, TODAY)
    assert due.due is None and not due.overdue


def test_a_draft_arrival_does_not_count() -> None:
    assert next_ori([Visit("arrival", "draft", date(2026, 1, 1))], 6, TODAY).due is None
    assert next_ori([Visit("arrival", "in_progress", date(2026, 1, 1))], 6, TODAY).due is None


def test_last_counted_arrival_periodic_or_ori_sets_the_clock() -> None:
    visits = [Visit("arrival", "signed", date(2025, 3, 10)),
              Visit("operational_readiness", "exported", date(2025, 9, 1)),
              Visit("periodic", "ready_for_review", date(2025, 11, 20)),
              Visit("operational_readiness", "draft", date(2026, 6, 1)),  # not counted
              Visit("spot_check", "signed", date(2026, 7, 1))]  # does not reset
    due = next_ori(visits, 6, TODAY)
    assert due.due == date(2026, 5, 20)
    assert due.overdue


def test_due_today_is_not_overdue_and_the_interval_is_a_parameter() -> None:
    arrival = [Visit("arrival", "signed", TODAY - timedelta(days=1))]
    assert next_ori(arrival, 6, TODAY).overdue is False
    on_the_day = next_ori([Visit("arrival", "signed", add_months(TODAY, -3))], 3, TODAY)
    assert on_the_day.due == TODAY and not on_the_day.overdue
    with pytest.raises(ValueError):
        next_ori(arrival, 0, TODAY)


def test_repatriated_unit_is_not_due() -> None:
    visits = [Visit("arrival", "signed", date(2024, 1, 1)),
              Visit("repatriation", "signed", date(2024, 12, 1))]
    assert next_ori(visits, 6, TODAY).due is None
    visits[1] = Visit("repatriation", "draft", date(2024, 12, 1))
    assert next_ori(visits, 6, TODAY).due == date(2024, 7, 1)
