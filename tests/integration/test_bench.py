"""The benchmarks keep running (a smoke run; figures are read by people, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.slow
def test_answer_benchmark_quick_run(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH / "bench_answers.py"), "--quick", "--tmp-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "answer: 200 answers" in proc.stdout and "ratio" in proc.stdout


@pytest.mark.slow
def test_import_benchmark_quick_run(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH / "bench_import.py"), "--quick", "--tmp-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "sqlite     import 20 inspections" in proc.stdout and "ratio" in proc.stdout
    assert "postgresql" in proc.stdout  # measured, or said loudly that it was not
