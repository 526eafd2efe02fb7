"""The MOU version in force on an inspection's date (domain/mou.py)."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.domain.mou import MouVersionRef, check_amendment, in_force, inspection_date, latest

ORIGINAL = MouVersionRef("MOU/1", 1, None)  # in force from the start
AMENDMENT_1 = MouVersionRef("MOU/1", 2, date(2026, 3, 1))
AMENDMENT_2 = MouVersionRef("MOU/1-A2", 3, date(2026, 9, 15))
ALL = [AMENDMENT_2, ORIGINAL, AMENDMENT_1]  # in no particular order


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 1, 1), ORIGINAL),
        (date(2026, 2, 28), ORIGINAL),  # the day before amendment 1
        (date(2026, 3, 1), AMENDMENT_1),  # its effective date: in force that day
        (date(2026, 9, 14), AMENDMENT_1),
        (date(2026, 9, 15), AMENDMENT_2),
        (date(2030, 1, 1), AMENDMENT_2),
    ],
)
def test_the_latest_version_dated_on_or_before_the_day(on: date, expected: MouVersionRef) -> None:
    assert in_force(ALL, on) == expected


def test_no_version_in_force_before_a_dated_original() -> None:
    dated = MouVersionRef("MOU/2", 1, date(2026, 1, 10))
    assert in_force([dated], date(2026, 1, 9)) is None
    assert in_force([dated], date(2026, 1, 10)) == dated
    assert in_force([], date(2026, 1, 10)) is None


def test_latest_is_the_highest_version() -> None:
    assert latest(ALL) == AMENDMENT_2
    assert latest([]) is None


def test_an_amendment_must_follow_the_latest_date() -> None:
    assert check_amendment(ALL, date(2026, 9, 16)) is None
    assert "2026-09-15" in (check_amendment(ALL, date(2026, 9, 15)) or "")  # the same day: refused
    assert check_amendment(ALL, date(2026, 4, 1)) is not None  # between two versions: refused
    assert check_amendment([ORIGINAL], date(1990, 1, 1)) is None  # the original is in force from the start
    assert check_amendment([], date(2026, 1, 1)) is None


def test_the_inspection_date() -> None:
    today = date(2026, 12, 4)
    assert inspection_date(date(2026, 5, 1), date(2026, 5, 3), today) == date(2026, 5, 1)
    assert inspection_date(None, date(2026, 5, 3), today) == date(2026, 5, 3)
    assert inspection_date(None, None, today) == today


def test_amendment_numbers() -> None:
    assert ORIGINAL.amendment == 0
    assert AMENDMENT_2.amendment == 2
