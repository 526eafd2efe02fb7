"""Serviceability, shortfall and surplus against the MOU, per line, per category and overall."""

import pytest

from inspector_app.domain.serviceability import LineCount, aggregate, by_category


def line(no: int, category: str, qty: int, found: int | None, serviceable: int | None) -> LineCount:
    return LineCount(no, category, f"item {no}", qty, "wet", found=found, serviceable=serviceable)


# A small MOU, worked by hand:
#   line 1  apc      MOU 10, found 9, serviceable 8  -> 8/10 = 80 %; shortfall 1, surplus 0
#   line 2  apc      MOU  5, found 7, serviceable 6  -> capped 5 -> 5/5 = 100 %; shortfall 0, surplus 2
#   line 3  comms    MOU 20, found 20, serviceable 18 -> 18/20 = 90 %; shortfall 0, surplus 0
#   line 4  support  MOU  4, found 1, serviceable 1  -> 1/4 = 25 %; shortfall 3
#   line 5  support  MOU  6, not counted yet         -> reported, left out of the sums
#   apc:     serviceable 8+5 = 13 of 10+5 = 15 -> 86.7 %  (NOT the mean of 80 % and 100 % = 90 %)
#   comms:   18 of 20 = 90 % exactly -> not flagged at 90 %
#   support: 1 of 4 = 25 % (line 5 uncounted)
#   overall: 13+18+1 = 32 of 15+20+4 = 39 -> 82.05 %; shortfall 1+3 = 4; surplus 2; found 9+7+20+1 = 37
LINES = [
    line(1, "apc", 10, 9, 8),
    line(2, "apc", 5, 7, 6),
    line(3, "comms", 20, 20, 18),
    line(4, "support", 4, 1, 1),
    line(5, "support", 6, None, None),
]


@pytest.mark.parametrize(
    ("qty", "found", "serviceable", "expected", "shortfall", "surplus"),
    [
        (10, 9, 8, 0.8, 1, 0),  # APC: 8/10
        (10, 10, 10, 1.0, 0, 0),
        (10, 0, 0, 0.0, 10, 0),  # nothing found: 0 %, shortfall the whole MOU quantity
        (4, 6, 6, 1.0, 0, 2),  # surplus of 2 never raises it above 4/4
        (4, 6, 3, 0.75, 0, 2),  # 3 of the 6 found serve: 3/4, still 2 surplus
        (4, 6, 5, 1.0, 0, 2),  # 5 serviceable capped at 4 -> 4/4
        (8, 8, 2, 0.25, 0, 0),
    ],
)
def test_line(qty, found, serviceable, expected, shortfall, surplus) -> None:
    count = line(1, "apc", qty, found, serviceable)
    assert count.counted
    assert count.serviceability == pytest.approx(expected)
    assert count.shortfall == shortfall
    assert count.surplus == surplus


def test_line_capped_serviceable() -> None:
    assert line(1, "apc", 4, 6, 5).capped_serviceable == 4
    assert line(1, "apc", 4, 3, 3).capped_serviceable == 3


def test_line_with_mou_quantity_zero() -> None:
    # MOU 0, found 2: nothing to serve (no ratio), the 2 are surplus
    count = line(1, "apc", 0, 2, 2)
    assert count.serviceability is None
    assert count.surplus == 2
    assert count.shortfall == 0
    assert count.capped_serviceable == 0


@pytest.mark.parametrize(("found", "serviceable"), [(None, None), (5, None), (None, 5)])
def test_uncounted_line_is_not_guessed(found, serviceable) -> None:
    count = line(1, "apc", 10, found, serviceable)
    assert not count.counted
    assert count.serviceability is None
    # not counted: no shortfall of 10 is invented
    assert count.shortfall == 0
    assert count.surplus == 0


def test_per_category() -> None:
    apc, comms, support = by_category(LINES, 0.90)
    assert [apc.name, comms.name, support.name] == ["apc", "comms", "support"]

    assert (apc.quantity, apc.found, apc.serviceable) == (15, 16, 13)
    assert (apc.shortfall, apc.surplus, apc.uncounted) == (1, 2, 0)
    assert apc.serviceability == pytest.approx(13 / 15)
    assert apc.below_threshold  # 86.7 % < 90 %

    assert (comms.quantity, comms.serviceable) == (20, 18)
    assert comms.serviceability == pytest.approx(0.90)
    assert not comms.below_threshold  # exactly 90 % is not flagged

    # line 5 not counted: its MOU 6 is not in the sums, it is reported as uncounted
    assert (support.quantity, support.found, support.serviceable) == (4, 1, 1)
    assert (support.shortfall, support.uncounted) == (3, 1)
    assert support.serviceability == pytest.approx(0.25)
    assert support.below_threshold


def test_category_is_not_the_mean_of_line_ratios() -> None:
    # lines 80 % and 100 % average 90 %, but the category is 13/15 = 86.7 % and is flagged
    (apc,) = by_category(LINES[:2], 0.90)
    assert apc.serviceability == pytest.approx(0.8667, abs=1e-4)
    assert apc.below_threshold


def test_categories_in_order_of_first_appearance() -> None:
    mixed = [line(1, "comms", 1, 1, 1), line(2, "apc", 1, 1, 1), line(3, "comms", 1, 1, 1)]
    assert [a.name for a in by_category(mixed, 0.9)] == ["comms", "apc"]


def test_overall() -> None:
    total = aggregate("overall", LINES, 0.90)
    assert total.name == "overall"
    assert (total.quantity, total.found, total.serviceable) == (39, 37, 32)
    assert (total.shortfall, total.surplus, total.uncounted) == (4, 2, 1)
    assert total.serviceability == pytest.approx(32 / 39)  # 82.05 %
    assert total.below_threshold


def test_surplus_on_one_line_does_not_offset_a_shortfall_on_another() -> None:
    # apc A: MOU 10, found 6, serviceable 6; apc B: MOU 2, found 6, serviceable 6
    # capped: 6 + 2 = 8 of 12 = 66.7 % (not 12/12); shortfall 4, surplus 4
    agg = aggregate("apc", [line(1, "apc", 10, 6, 6), line(2, "apc", 2, 6, 6)], 0.9)
    assert agg.serviceable == 8
    assert agg.serviceability == pytest.approx(8 / 12)
    assert (agg.shortfall, agg.surplus) == (4, 4)


def test_quantity_zero_line_adds_surplus_only() -> None:
    # MOU 10 found 10 serviceable 9, plus an MOU-0 line with 3 found: 9/10 = 90 %, surplus 3
    agg = aggregate("x", [line(1, "x", 10, 10, 9), line(2, "x", 0, 3, 3)], 0.9)
    assert (agg.quantity, agg.serviceable, agg.surplus) == (10, 9, 3)
    assert agg.serviceability == pytest.approx(0.9)
    assert not agg.below_threshold


def test_nothing_counted_is_neither_a_ratio_nor_flagged() -> None:
    agg = aggregate("support", [line(1, "support", 6, None, None), line(2, "support", 2, None, None)], 0.9)
    assert agg.quantity == 0
    assert agg.uncounted == 2
    assert agg.serviceability is None
    assert not agg.below_threshold


def test_no_lines() -> None:
    agg = aggregate("overall", [], 0.9)
    assert agg.serviceability is None
    assert not agg.below_threshold
    assert by_category([], 0.9) == []


@pytest.mark.parametrize(
    ("serviceable", "threshold", "flagged"),
    [
        (9, 0.90, False),  # 9/10 = 90 %: exactly at the standard
        (8, 0.90, True),  # 80 % < 90 %
        (10, 0.90, False),
        (8, 0.80, False),  # custom threshold 80 %: 80 % passes
        (7, 0.80, True),  # 70 % < 80 %
        (9, 0.95, True),  # custom threshold 95 %: 90 % is flagged
        (10, 1.0, False),
        (9, 1.0, True),
    ],
)
def test_threshold_flag(serviceable: int, threshold: float, flagged: bool) -> None:
    agg = aggregate("apc", [line(1, "apc", 10, 10, serviceable)], threshold)
    assert agg.threshold == threshold
    assert agg.below_threshold is flagged


def test_threshold_exact_with_larger_numbers() -> None:
    # 27 of 30 = 90 %; 26 of 30 = 86.7 %
    assert not aggregate("c", [line(1, "c", 30, 30, 27)], 0.9).below_threshold
    assert aggregate("c", [line(1, "c", 30, 30, 26)], 0.9).below_threshold
