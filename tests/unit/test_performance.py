"""The performance assessment's rules: its quarter, and how criteria rate a section and the unit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError as ModelError

from inspector_app.domain import performance
from inspector_app.domain.checklist import Checklist, Scope
from inspector_app.domain.template_loader import load_template_file, parse_template
from inspector_app.errors import ValidationError

TEMPLATE = load_template_file(Path(__file__).parents[2] / "resources/templates/fpu-performance-quarterly.yaml")
CHECKLIST = Checklist(TEMPLATE, Scope(period="2026Q3"))


@pytest.mark.parametrize(("text", "code"), [("2026Q3", "2026Q3"), ("2026-q1", "2026Q1"), (" 2025q4 ", "2025Q4")])
def test_a_period_is_a_quarter_written_several_ways(text: str, code: str) -> None:
    assert performance.parse_period(text, date(2026, 12, 4)) == code


@pytest.mark.parametrize(("text", "why"), [("2026Q5", "not a quarter"), ("26Q1", "not a quarter"),
                                           ("2027Q1", "has not begun")])
def test_a_period_that_is_not_a_begun_quarter_is_refused(text: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        performance.parse_period(text, date(2026, 12, 4))


def test_the_quarter_that_begins_today_can_be_assessed() -> None:
    assert performance.parse_period("2027Q1", date(2027, 1, 1)) == "2027Q1"


def test_sections_and_the_whole_take_the_mean_rounded_down_and_leave_out_n_a() -> None:
    answers = {
        "perf.command.leadership": "meets", "perf.command.reporting": "partially",
        "perf.command.coordination": "exceeds",  # (0.67 + 0.33 + 1) / 3 = 0.667: meets, not rounded below
        "perf.poc.awareness": "below", "perf.poc.response": "n/a",  # n/a left out: 0 → below
        "perf.sustainment.equipment": "meets", "perf.sustainment.self": "exceeds",  # 0.835 → meets
    }
    found = performance.assess(CHECKLIST, answers)
    ratings = {r.section.code: (r.rating.option.code if r.rating.option else None, r.rating.rated)
               for r in found.sections}
    assert ratings["perf.command"] == ("meets", 3)
    assert ratings["perf.poc"] == ("below", 1)
    assert ratings["perf.sustainment"] == ("meets", 2)
    assert ratings["perf.training"] == (None, 0)
    # whole: (0.67 + 0.33 + 1 + 0 + 0.67 + 1) / 6 = 0.611 → partially (rounded down), below the standard
    assert found.overall.option is not None and found.overall.option.code == "partially"
    assert found.overall.rated == 6 and found.overall.mean == pytest.approx(3.67 / 6)
    assert found.overall.meets_standard is False
    assert [s.key for s in found.below] == ["perf.command.reporting", "perf.poc.awareness"]


def test_nothing_rated_yet_has_no_rating() -> None:
    found = performance.assess(CHECKLIST, {"perf.general.remarks": "text only"})
    assert found.overall.option is None and found.overall.meets_standard is None and found.below == ()


def test_the_scale_is_ranked_from_the_lowest() -> None:
    assert [performance.rank(TEMPLATE, c) for c in ("below", "partially", "meets", "exceeds")] == [0, 1, 2, 3]


def test_a_performance_template_needs_a_rating_scale_with_scores_and_verdicts() -> None:
    source = (Path(__file__).parents[2] / "resources/templates/fpu-performance-quarterly.yaml").read_text()
    with pytest.raises((ValidationError, ModelError), match="rating_scale"):
        parse_template(source.replace("  rating_scale: rating\n", ""))
    with pytest.raises((ValidationError, ModelError), match="unknown scale"):
        parse_template(source.replace("  rating_scale: rating\n", "  rating_scale: stars\n"))
    with pytest.raises((ValidationError, ModelError), match="needs a score and passes"):
        parse_template(source.replace("      score: 0.33\n", ""))
