"""Reports signed before certification existed (two B-B approval signatures, no DocMDP, fields made at signing)
still verify as they did: the fixture was made by the code of main before issue 14 (tests/data/legacy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_verify_cli import run

LEGACY = Path(__file__).resolve().parent.parent / "data" / "legacy"


def test_a_report_signed_the_old_way_still_verifies(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf, ca = LEGACY / "legacy-coe-cosigned.pdf", LEGACY / "legacy-ca.pem"
    code, out, err = run(capsys, tmp_path / "hq", "verify", str(pdf), "--trust", str(ca))
    assert code == 0, err
    one, two = out.splitlines()
    assert one.startswith("Signature1  Awa Diop (inspector)  ") and "  intact  trusted  " in one
    assert one.endswith("(allowed); signed after it: Signature2 by Jean Martin")
    assert two.startswith("Signature2  Jean Martin (team_leader)  ") and two.endswith("covers the whole file")
    code, out, err = run(capsys, tmp_path / "hq", "verify", str(pdf))
    assert code == 1 and "not trusted" in out  # without HQ's CA nothing is trusted
