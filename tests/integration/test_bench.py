"""The benchmarks keep running (a smoke run; figures are read by people, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def quick_run(script: str, tmp_path: Path) -> str:
    """A benchmark's ``--quick`` run: it must succeed; its standard output."""
    proc = subprocess.run([sys.executable, str(BENCH / script), "--quick", "--tmp-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_answer_benchmark_quick_run(tmp_path: Path) -> None:
    out = quick_run("bench_answers.py", tmp_path)
    assert "answer: 200 answers" in out and "ratio" in out


@pytest.mark.slow
def test_import_benchmark_quick_run(tmp_path: Path) -> None:
    out = quick_run("bench_import.py", tmp_path)
    assert "sqlite     import 20 inspections" in out and "ratio" in out
    assert "postgresql" in out  # measured, or said loudly that it was not
