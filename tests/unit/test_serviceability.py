"""Major equipment per MOU line and per category: deployed, availability, serviceability, reimbursable."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.serviceability import LineCount, aggregate, by_category


def line(no: int, category: str, qty: int, found: int | None, serviceable: int | None, lease: str = "wet",
         basis: str = "serviceable") -> LineCount:
    return LineCount(no, category, f"item {no}", qty, lease, found=found, serviceable=serviceable, basis=basis)


# A small MOU, worked by hand (available = min(found, MOU); availability = available / MOU;
# serviceability = min(serviceable, MOU) / available; reimbursable = min(serviceable, MOU)):
#   line 1 apc     MOU 10, found 9,  serv 8  -> avail 9:  90 %, 8/9 = 88.9 %, unserv 1, shortfall 1, reimb 8
#   line 2 apc     MOU  5, found 7,  serv 6  -> avail 5: 100 %, 5/5 = 100 %,  unserv 1, surplus 2,   reimb 5
#   line 3 comms   MOU 20, found 20, serv 18 -> avail 20: 100 %, 18/20 = 90 %, unserv 2,              reimb 18
#   line 4 support MOU  4, found 1,  serv 1  -> avail 1:  25 %, 1/1 = 100 %,  shortfall 3,           reimb 1
#   line 5 support MOU  6, not counted yet   -> reported, left out of the sums
#   apc:     MOU 15, deployed 16, available 14, serviceable 13 -> availability 14/15, serviceability 13/14
#            (not the mean of 88.9 % and 100 %); reimbursable 13
#   comms:   18 of 20 = 90 % exactly -> not flagged at 90 %
#   support: availability 1/4, serviceability 1/1: the missing 3 are a shortfall, not unserviceable
LINES = [
    line(1, "apc", 10, 9, 8),
    line(2, "apc", 5, 7, 6),
    line(3, "comms", 20, 20, 18),
    line(4, "support", 4, 1, 1),
    line(5, "support", 6, None, None),
]


@pytest.mark.parametrize(
    ("qty", "found", "serviceable", "availability", "serviceability", "unserviceable", "shortfall", "surplus",
     "reimbursable"),
    [
        (10, 9, 8, 0.9, 8 / 9, 1, 1, 0, 8),
        (10, 10, 10, 1.0, 1.0, 0, 0, 0, 10),
        (10, 0, 0, 0.0, None, 0, 10, 0, 0),  # nothing deployed: no serviceability (not 0 %, not 100 %)
        (4, 6, 6, 1.0, 1.0, 0, 0, 2, 4),  # surplus of 2 never reimbursed
        (4, 6, 3, 1.0, 0.75, 3, 0, 2, 3),  # 3 of the 4 up to the MOU serve
        (4, 6, 5, 1.0, 1.0, 1, 0, 2, 4),  # 5 serviceable capped at 4
        (8, 8, 2, 1.0, 0.25, 6, 0, 0, 2),
        (8, 4, 4, 0.5, 1.0, 0, 4, 0, 4),  # half missing, all that is there works
    ],
)
def test_line(qty, found, serviceable, availability, serviceability, unserviceable, shortfall, surplus,
              reimbursable) -> None:
    count = line(1, "apc", qty, found, serviceable)
    assert count.counted and count.deployed == found
    assert count.availability == pytest.approx(availability)
    assert count.serviceability == (None if serviceability is None else pytest.approx(serviceability))
    assert (count.unserviceable, count.shortfall, count.surplus) == (unserviceable, shortfall, surplus)
    assert count.reimbursable == reimbursable


def test_reimbursable_on_deployed_basis() -> None:
    # the rule may pay what is deployed (e.g. dry lease): 6 found, 3 serviceable, MOU 4 -> 4; MOU 8 -> 6
    assert line(1, "apc", 4, 6, 3, basis="deployed").reimbursable == 4
    assert line(1, "apc", 8, 6, 3, basis="deployed").reimbursable == 6
    assert line(1, "apc", 8, 6, 3).reimbursable == 3


def test_line_with_mou_quantity_zero() -> None:
    # MOU 0, found 2: no ratio, the 2 are surplus, nothing reimbursed
    count = line(1, "apc", 0, 2, 2)
    assert count.availability is None and count.serviceability is None
    assert (count.surplus, count.shortfall, count.capped_serviceable, count.reimbursable) == (2, 0, 0, 0)


@pytest.mark.parametrize(("found", "serviceable"), [(None, None), (5, None), (None, 5)])
def test_uncounted_line_is_not_guessed(found, serviceable) -> None:
    count = line(1, "apc", 10, found, serviceable)
    assert not count.counted
    assert count.availability is None and count.serviceability is None
    assert count.deployed is None and count.reimbursable is None
    # not counted: no shortfall of 10 is invented
    assert (count.shortfall, count.surplus, count.unserviceable) == (0, 0, 0)


def test_per_category() -> None:
    apc, comms, support = by_category(LINES, 0.90)
    assert [apc.name, comms.name, support.name] == ["apc", "comms", "support"]

    assert (apc.quantity, apc.deployed, apc.available, apc.serviceable) == (15, 16, 14, 13)
    assert (apc.unserviceable, apc.shortfall, apc.surplus, apc.uncounted, apc.reimbursable) == (2, 1, 2, 0, 13)
    assert apc.availability == pytest.approx(14 / 15)
    assert apc.serviceability == pytest.approx(13 / 14)
    assert not apc.below_threshold  # 92.9 % >= 90 %

    assert (comms.quantity, comms.serviceable, comms.reimbursable) == (20, 18, 18)
    assert comms.serviceability == pytest.approx(0.90)
    assert not comms.below_threshold  # exactly 90 % is not flagged

    # line 5 not counted: its MOU 6 is not in the sums, it is reported as uncounted
    assert (support.quantity, support.found, support.serviceable) == (4, 1, 1)
    assert (support.shortfall, support.uncounted) == (3, 1)
    assert support.availability == pytest.approx(0.25)  # missing equipment shows here...
    assert support.serviceability == pytest.approx(1.0)  # ...not as broken equipment
    assert not support.below_threshold


def test_category_is_not_the_mean_of_line_ratios() -> None:
    # lines 1/4 serviceable (MOU 4) and 10/10 average 62.5 %, but the category is 11/14 = 78.6 %
    (apc,) = by_category([line(1, "apc", 4, 4, 1), line(2, "apc", 10, 10, 10)], 0.90)
    assert apc.serviceability == pytest.approx(11 / 14)
    assert apc.below_threshold


def test_categories_in_order_of_first_appearance() -> None:
    mixed = [line(1, "comms", 1, 1, 1), line(2, "apc", 1, 1, 1), line(3, "comms", 1, 1, 1)]
    assert [a.name for a in by_category(mixed, 0.9)] == ["comms", "apc"]


def test_pooled_indicator() -> None:
    total = aggregate("indicator", LINES, 0.90)
    assert (total.quantity, total.found, total.available, total.serviceable) == (39, 37, 35, 32)
    assert (total.shortfall, total.surplus, total.uncounted, total.reimbursable) == (4, 2, 1, 32)
    assert total.availability == pytest.approx(35 / 39)
    assert total.serviceability == pytest.approx(32 / 35)


def test_surplus_on_one_line_does_not_offset_a_shortfall_on_another() -> None:
    # apc A: MOU 10, found 6, serviceable 6; apc B: MOU 2, found 6, serviceable 6
    # available 6 + 2 = 8 of 12 (not 12/12); serviceable 8 of 8; reimbursable 6 + 2 = 8
    agg = aggregate("apc", [line(1, "apc", 10, 6, 6), line(2, "apc", 2, 6, 6)], 0.9)
    assert (agg.available, agg.serviceable, agg.reimbursable) == (8, 8, 8)
    assert agg.availability == pytest.approx(8 / 12)
    assert agg.serviceability == pytest.approx(1.0)
    assert (agg.shortfall, agg.surplus) == (4, 4)


def test_nothing_counted_is_neither_a_ratio_nor_flagged() -> None:
    agg = aggregate("support", [line(1, "support", 6, None, None), line(2, "support", 2, None, None)], 0.9)
    assert (agg.quantity, agg.uncounted, agg.reimbursable) == (0, 2, 0)
    assert agg.availability is None and agg.serviceability is None
    assert not agg.below_threshold


def test_nothing_deployed_has_no_serviceability() -> None:
    agg = aggregate("apc", [line(1, "apc", 6, 0, 0)], 0.9)
    assert agg.availability == 0.0 and agg.serviceability is None and agg.shortfall == 6
    assert not agg.below_threshold  # the shortfall shows in availability, not as a serviceability verdict


def test_no_lines() -> None:
    agg = aggregate("indicator", [], 0.9)
    assert agg.serviceability is None and agg.availability is None
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


@st.composite
def counts(draw: st.DrawFn) -> LineCount:
    qty = draw(st.integers(0, 50))
    found = draw(st.integers(0, 80))
    serviceable = draw(st.integers(0, found))
    category = draw(st.sampled_from(["apc", "comms", "support"]))
    basis = draw(st.sampled_from(["serviceable", "deployed"]))
    counted = draw(st.booleans())
    return line(1, category, qty, found if counted else None, serviceable if counted else None, basis=basis)


@given(counts())
def test_line_bounds(count: LineCount) -> None:
    for ratio in (count.availability, count.serviceability):
        assert ratio is None or 0 <= ratio <= 1
    if count.counted:
        assert count.found is not None and count.serviceable is not None
        assert count.reimbursable is not None
        assert count.reimbursable <= count.quantity
        if count.basis == "serviceable":
            assert count.reimbursable == min(count.quantity, count.serviceable)
        assert count.shortfall - count.surplus == count.quantity - count.found
        assert count.serviceable + count.unserviceable == count.found


@given(st.lists(counts(), max_size=12), st.floats(0.5, 1.0))
def test_category_sums_equal_line_sums(lines: list[LineCount], threshold: float) -> None:
    groups = by_category(lines, threshold)
    counted = [ln for ln in lines if ln.counted]
    for field in ("quantity", "shortfall", "surplus", "available", "unserviceable", "reimbursable"):
        assert sum(getattr(g, field) for g in groups) == sum(getattr(ln, field) or 0 for ln in counted)
    assert sum(g.found for g in groups) == sum(ln.found or 0 for ln in counted)
    assert sum(g.uncounted for g in groups) == len(lines) - len(counted)
    for g in groups:
        # ratios recomputed from the sums
        assert g.availability == (g.available / g.quantity if g.quantity else None)
        assert g.serviceability == (g.serviceable / g.available if g.available else None)
        for ratio in (g.availability, g.serviceability):
            assert ratio is None or 0 <= ratio <= 1
        assert g.reimbursable <= g.quantity
