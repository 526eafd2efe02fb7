"""Inspection workflow: allowed and refused transitions, locking after signing."""

import pytest

from inspector_app.domain.workflow import (
    Status,
    check_editable,
    check_transition,
    check_unlocked,
    status_after_edit,
)
from inspector_app.errors import ValidationError

D, P, R, S, E = (
    Status.DRAFT,
    Status.IN_PROGRESS,
    Status.READY_FOR_REVIEW,
    Status.SIGNED,
    Status.EXPORTED,
)

# draft -> in progress -> ready for review -> signed -> exported; review may send it back (reopen).
ALLOWED = [(D, P), (P, R), (R, P), (R, S), (S, E)]
ALL_PAIRS = [(a, b) for a in Status for b in Status]
REFUSED = [pair for pair in ALL_PAIRS if pair not in ALLOWED]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_transitions(current: Status, target: Status) -> None:
    check_transition(current, target)  # no exception


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_transitions(current: Status, target: Status) -> None:
    with pytest.raises(ValidationError) as err:
        check_transition(current, target)
    # the message names both states in words, e.g. "draft cannot become signed"
    assert current.label in str(err.value)
    assert target.label in str(err.value)


def test_refused_list_covers_the_notable_cases() -> None:
    # a guard against a mistyped ALLOWED list: these jumps must be in REFUSED
    for pair in [(D, R), (D, S), (P, S), (S, P), (S, R), (E, P), (E, S), (D, D), (E, E)]:
        assert pair in REFUSED
    assert len(REFUSED) == 25 - 5


def test_labels_are_words() -> None:
    assert R.label == "ready for review"
    assert P.label == "in progress"


@pytest.mark.parametrize("status", [D, P])
def test_editable_while_being_filled_in(status: Status) -> None:
    check_editable(status)
    check_unlocked(status)


@pytest.mark.parametrize("status", [S, E])
def test_no_edits_after_signing(status: Status) -> None:
    with pytest.raises(ValidationError, match="amendment"):
        check_editable(status)
    with pytest.raises(ValidationError, match="locked"):
        check_unlocked(status)
    with pytest.raises(ValidationError):
        status_after_edit(status)


def test_ready_for_review_needs_reopen_before_editing() -> None:
    with pytest.raises(ValidationError, match="reopen"):
        check_editable(R)
    with pytest.raises(ValidationError, match="reopen"):
        status_after_edit(R)
    # it is not locked: findings may still change until signing
    check_unlocked(R)
    # reopening is the allowed way back
    check_transition(R, P)
    check_editable(P)


def test_first_edit_moves_draft_to_in_progress() -> None:
    assert status_after_edit(D) is P


def test_edit_in_progress_stays_in_progress() -> None:
    assert status_after_edit(P) is P
