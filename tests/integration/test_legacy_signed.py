"""Reports signed before certification existed (two B-B approval signatures, no DocMDP, fields made at signing)
still verify as they did: the fixture was made by the code of main before issue 14 (tests/data/legacy).

Its signatures carry no timestamp, so they are judged at a fixed moment (``verify --at``), a day after they were
signed (4 December 2026): the verdicts do not change when the signers' certificates expire (December 2028)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration import forge
from tests.integration.test_forgeries import pyhanko_statuses
from tests.integration.test_verify_cli import pdfsig, run

LEGACY = Path(__file__).resolve().parent.parent / "data" / "legacy"
AT = ("--at", "2026-12-05")
MOMENT = datetime(2026, 12, 5, tzinfo=UTC)


def test_a_report_signed_the_old_way_still_verifies(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf, ca = LEGACY / "legacy-coe-cosigned.pdf", LEGACY / "legacy-ca.pem"
    code, out, err = run(capsys, tmp_path / "hq", "verify", str(pdf), "--trust", str(ca), *AT)
    assert code == 0, err
    one, two = out.splitlines()
    assert one.startswith("Signature1  Awa Diop (inspector)  ") and "  intact  trusted  " in one
    assert "  B-B  no timestamp, judged as of 2026-12-05 00:00 UTC  " in one
    assert one.endswith("(allowed); signed after it: Signature2 by Jean Martin")
    assert two.startswith("Signature2  Jean Martin (team_leader)  ") and two.endswith("covers the whole file")
    code, out, err = run(capsys, tmp_path / "hq", "verify", str(pdf), *AT)
    assert code == 1 and "not trusted" in out  # without HQ's CA nothing is trusted


def test_an_overlay_field_on_an_old_report_is_refused_though_pyhanko_allows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without certification pyHanko sees a new visible signature field as form filling; verify refuses an
    update that adds a field and signs nothing (its appearance can cover the signed table)."""
    pdf, ca = LEGACY / "legacy-coe-cosigned.pdf", LEGACY / "legacy-ca.pem"
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(forge.overlay_field(pdf.read_bytes()))
    code, out, _ = run(capsys, tmp_path / "hq", "verify", str(forged), "--trust", str(ca), *AT)
    assert code == 1
    assert out.splitlines()[-1] == ("REFUSED update revision 3 (after Signature2): page 1 changed, a signature "
                                    "field Overlay added (NOT ALLOWED by the signed document)")
    statuses = pyhanko_statuses(forged, ca, MOMENT)
    assert [s.bottom_line for s in statuses] == [True, True]  # pyHanko alone lets it pass
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.FORM_FILLING"] * 2
    assert pdfsig(forged).count("Signature is Valid.") == 2


def test_judged_after_its_signers_expired_an_untimestamped_report_fails(capsys: pytest.CaptureFixture[str],
                                                                       tmp_path: Path) -> None:
    """Without a timestamp nothing proves the report was signed while the certificates were valid (B-B)."""
    pdf, ca = LEGACY / "legacy-coe-cosigned.pdf", LEGACY / "legacy-ca.pem"
    code, out, _ = run(capsys, tmp_path / "hq", "verify", str(pdf), "--trust", str(ca), "--at", "2029-01-01")
    assert code == 1
    assert all("  B-B  no timestamp, judged as of 2029-01-01 00:00 UTC  intact  not trusted: the certificate of "
               in line and " expired on 2028-" in line for line in out.splitlines())
    assert not any(s.trusted for s in pyhanko_statuses(pdf, ca, datetime(2029, 1, 1, tzinfo=UTC)))
