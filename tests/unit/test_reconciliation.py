"""domain/assets and domain/reconciliation, by hand-computed cases."""

from __future__ import annotations

import pytest

from inspector_app.domain.assets import AssetFact, Sighting, counts, duplicates, normalise_serial
from inspector_app.domain.checklist import Scope
from inspector_app.domain.reconciliation import LineRef, reconcile


def test_serials_are_trimmed_upper_cased_and_collapsed() -> None:
    assert normalise_serial("  ab\t 12  c ") == "AB 12 C"
    with pytest.raises(ValueError):
        normalise_serial(" \n ")


def test_counts_leave_out_missing_and_written_off() -> None:
    facts = [AssetFact(1, "A", "serviceable"), AssetFact(1, "B", "unserviceable"), AssetFact(1, "C", "missing"),
             AssetFact(1, "D", "written_off"), AssetFact(1, "E", "serviceable")]
    assert counts(facts) == (3, 2)  # A, B, E found; A, E serviceable


def test_duplicates_on_two_lines_or_two_units_only() -> None:
    seen = [("X", Sighting("U1", "i1", 1)), ("X", Sighting("U1", "i1", 2)),  # two lines of one inspection
            ("Y", Sighting("U1", "i1", 1)), ("Y", Sighting("U2", "i2", 1)),  # two units
            ("Z", Sighting("U1", "i1", 1))]
    flags = duplicates(seen)
    assert [(d.serial, d.across_units) for d in flags] == [("X", False), ("Y", True)]


def test_old_scopes_read_without_registered() -> None:
    scope = Scope.from_dict({"mou_lines": [{"line_no": 1, "category": "c", "item": "i", "quantity": 2,
                                            "lease": "wet"}]})
    assert scope.mou_lines[0].registered is False


def test_reconcile_each_baseline_asset() -> None:
    baseline = [AssetFact(1, "A"), AssetFact(1, "B"), AssetFact(1, "C"), AssetFact(1, "D"), AssetFact(2, "E"),
                AssetFact(2, "F")]
    last = [AssetFact(1, "A"), AssetFact(1, "B"), AssetFact(1, "C", "written_off"), AssetFact(2, "E")]
    now = [AssetFact(1, "A"), AssetFact(1, "B", "unserviceable"), AssetFact(2, "D", "serviceable"),
           AssetFact(2, "E", "missing"), AssetFact(2, "N")]
    result = reconcile(baseline, last, now, [LineRef(1, "Jeep", 4), LineRef(2, "Truck", 2)],
                       {"baseline": {1: 4, 2: 2}, "last": {1: 2, 2: 1}, "now": {1: 2, 2: 2}})
    got = {a.serial: (a.status, a.now_line_no) for a in result.assets}
    assert got == {"A": ("present", None), "B": ("damaged", None), "C": ("written_off", None),
                   "D": ("present", 2), "E": ("missing", None), "F": ("missing", None)}
    assert result.totals == {"present": 2, "damaged": 1, "missing": 2, "written_off": 1}
    assert [a.serial for a in result.not_in_baseline] == ["N"]
    assert [(q.line_no, q.baseline, q.last, q.now, q.change) for q in result.lines] == [
        (1, 4, 2, 2, -2), (2, 2, 1, 2, 0)]


def test_no_baseline() -> None:
    result = reconcile(None, [], [AssetFact(1, "A")])
    assert not result.has_baseline and result.assets == () and [a.serial for a in result.not_in_baseline] == ["A"]
