"""The ORI due-date rule (domain/ori.py): month arithmetic and which inspections count."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.ori import Held, Visit, add_months, held_late, next_ori

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


def test_held_late_measures_each_ori_against_the_due_date_the_one_before_set() -> None:
    visits = [
        Visit("operational_readiness", "signed", date(2025, 11, 14)),  # 0: on time (due 2025-11-23)
        Visit("arrival", "ready_for_review", date(2025, 5, 23)),  # 1: the clock starts
        Visit("spot_check", "signed", date(2026, 1, 10)),  # 2: does not count
        Visit("operational_readiness", "exported", date(2026, 7, 12)),  # 3: due 2026-05-14, 59 days late
        Visit("operational_readiness", "draft", date(2026, 8, 1)),  # 4: not counted
    ]
    held = held_late(visits, 6)
    assert held == {0: Held(date(2025, 11, 14), date(2025, 11, 23)), 3: Held(date(2026, 7, 12), date(2026, 5, 14))}
    assert held[0].days_late == 0 and held[3].days_late == (date(2026, 7, 12) - date(2026, 5, 14)).days == 59


def test_held_late_ignores_visits_before_the_arrival_and_a_second_arrival_restarts_nothing() -> None:
    visits = [
        Visit("periodic", "signed", date(2025, 1, 1)),  # before any arrival: no due date to miss
        Visit("arrival", "signed", date(2025, 3, 1)),
        Visit("arrival", "signed", date(2025, 4, 1)),  # a second arrival is not measured; it resets the clock
        Visit("periodic", "signed", date(2025, 12, 1)),  # due 2025-10-01
    ]
    assert held_late(visits, 6) == {3: Held(date(2025, 12, 1), date(2025, 10, 1))}
    assert held_late(visits, 6)[3].days_late == 61
    with pytest.raises(ValueError):
        held_late(visits, 0)
