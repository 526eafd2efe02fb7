"""Version vectors: which of two versions of an answer came after the other, whatever the laptops' clocks say.

A vector counts the edits each device made to one answer (``{device id: count}``). A version *follows*
another when it counts at least as many edits from every device (it was made knowing all of them); two
versions where each counts an edit the other never saw are *concurrent*: a conflict for a person to resolve.
"""

from __future__ import annotations

import json
from enum import Enum

Clock = dict[str, int]


class Order(Enum):
    SAME = "same"  # the same edits
    BEFORE = "before"  # the first is an ancestor of the second
    AFTER = "after"  # the first follows the second
    CONCURRENT = "concurrent"


def parse(text: str | None) -> Clock:
    """A vector from its stored JSON; anything that is not a map of device to positive count is refused."""
    value = json.loads(text) if text else {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0 for k, v in value.items()
    ):
        raise ValueError("a version vector maps device ids to positive edit counts")
    return value


def dumps(clock: Clock) -> str:
    return json.dumps(dict(sorted(clock.items())), separators=(",", ":"))


def tick(clock: Clock, device: str) -> Clock:
    """The vector after one more edit on ``device``."""
    return {**clock, device: clock.get(device, 0) + 1}


def merge(a: Clock, b: Clock) -> Clock:
    """The least vector that follows both."""
    return {d: max(a.get(d, 0), b.get(d, 0)) for d in a.keys() | b.keys()}


def compare(a: Clock, b: Clock) -> Order:
    devices = a.keys() | b.keys()
    a_ahead = any(a.get(d, 0) > b.get(d, 0) for d in devices)
    b_ahead = any(b.get(d, 0) > a.get(d, 0) for d in devices)
    if a_ahead and b_ahead:
        return Order.CONCURRENT
    if a_ahead:
        return Order.AFTER
    return Order.BEFORE if b_ahead else Order.SAME
