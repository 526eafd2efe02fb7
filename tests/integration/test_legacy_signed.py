"""Reports signed before certification existed (two B-B approval signatures, no DocMDP, fields made at signing)
still verify as they did: the fixture was made by the code of main before issue 14 (tests/data/legacy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration import forge
from tests.integration.test_forgeries import pyhanko_statuses
from tests.integration.test_verify_cli import pdfsig, run

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


def test_an_overlay_field_on_an_old_report_is_refused_though_pyhanko_allows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without certification pyHanko sees a new visible signature field as form filling; verify refuses an
    update that adds a field and signs nothing (its appearance can cover the signed table)."""
    pdf, ca = LEGACY / "legacy-coe-cosigned.pdf", LEGACY / "legacy-ca.pem"
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(forge.overlay_field(pdf.read_bytes()))
    code, out, _ = run(capsys, tmp_path / "hq", "verify", str(forged), "--trust", str(ca))
    assert code == 1
    assert out.splitlines()[-1] == ("REFUSED update revision 3 (after Signature2): page 1 changed, a signature "
                                    "field Overlay added (NOT ALLOWED by the signed document)")
    statuses = pyhanko_statuses(forged, ca)
    assert [s.bottom_line for s in statuses] == [True, True]  # pyHanko alone lets it pass
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.FORM_FILLING"] * 2
    assert pdfsig(forged).count("Signature is Valid.") == 2
