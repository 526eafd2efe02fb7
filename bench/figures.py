"""What every benchmark prints: figures, each against a baseline measured in the same run.

A script collects ``Figure`` rows and ends with ``emit(figures, as_json)``: a table for a person, or with
``--json`` a JSON list of ``{"name", "value", "baseline", "ratio", "unit"}`` on stdout alone (its other lines go to
stderr then), which ``bench/run.py`` gathers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    baseline: float
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "value": self.value, "baseline": self.baseline, "ratio": self.ratio,
                "unit": self.unit}


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the figures as a JSON list on stdout (the other lines go to stderr)")


@contextlib.contextmanager
def quiet_stdout(as_json: bool) -> Iterator[None]:
    """With ``--json``, the script's own lines go to stderr, so that stdout holds the JSON alone."""
    if not as_json:
        yield
        return
    with contextlib.redirect_stdout(sys.stderr):
        yield


def table(figures: Sequence[Figure]) -> str:
    width = max([len(f.name) for f in figures] + [6])
    unit = max([len(f.unit) for f in figures] + [4])
    lines = [f"{'figure':<{width}}  {'value':>10}  {'baseline':>10}  {'unit':<{unit}}  {'ratio':>7}"]
    lines += [f"{f.name:<{width}}  {f.value:>10.3f}  {f.baseline:>10.3f}  {f.unit:<{unit}}  {f.ratio:>6.2f}x"
              for f in figures]
    return "\n".join(lines)


def emit(figures: Sequence[Figure], as_json: bool) -> None:
    if as_json:
        print(json.dumps([f.to_dict() for f in figures]))
    else:
        print()
        print(table(figures))
