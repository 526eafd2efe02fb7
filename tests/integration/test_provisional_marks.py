"""A verification report reads "provisional" until countersigned, although a signed PDF never changes: its marks
are form fields only the countersignature settles (crypto.provisional). ``inspector verify``, pyHanko's validator
and poppler's pdfsig on the genuine report, and on reports whose marks someone else settled."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from inspector_app import i18n
from inspector_app.crypto import keys
from inspector_app.crypto.provisional import shown
from inspector_app.locale_format import format_date
from inspector_app.services import verification_report
from inspector_app.services.report import Signer
from inspector_app.services.workspace import Workspace
from tests.integration import forge
from tests.integration.test_verification_report import PASS, _become, _text
from tests.integration.test_verification_report import unit as unit  # noqa: PLC0414  (the fixture)
from tests.integration.test_verify_cli import pdfsig, run

UNTIL = "Signature_chief_coe_officer"
STATUS = f"Provisional_status_{UNTIL}"


def _sign(ws: Workspace, tmp_path: Path, unit: str, name: str, certificate_role: str, role: str,
          lang: str = "en") -> bytes:
    _become(ws, tmp_path, name, certificate_role)
    return verification_report.produce(ws, unit, "2026Q4", lang, sign=Signer(PASS, role)).pdf


def _watermarks(pdf: bytes) -> list[str]:
    return [said for name, said in sorted(shown(pdf).items()) if name.startswith("Provisional_watermark")]


def _drawn(pdf: bytes, tmp_path: Path, page: int) -> bool:
    """True when the fields of ``page`` (1 = first) draw something in the middle of it (where the watermark
    crosses, away from the signature blocks): it differs with and without them."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    middle = ["-x", "100", "-y", "150", "-W", "50", "-H", "50"]  # of 248 × 351 pixels at 30 dpi

    def picture(*hide: str) -> bytes:
        return subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", str(page), "-l", str(page), *middle, *hide,
                               str(path)], capture_output=True, check=True).stdout

    return picture() != picture("-hide-annotations")


def _pyhanko(pdf: bytes) -> list[PdfSignatureStatus]:
    """pyHanko's validator (nobody trusted: integrity and changes are what it is asked)."""
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    return [validate_pdf_signature(es, context) for es in PdfFileReader(io.BytesIO(pdf)).embedded_signatures]


def _verify(capsys: pytest.CaptureFixture[str], ws: Workspace, tmp_path: Path, pdf: bytes) -> tuple[int, dict]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    code, out, _err = run(capsys, tmp_path / "elsewhere", "verify", str(path), "--json")
    return code, json.loads(out)


@pytest.mark.parametrize(("lang", "word", "waiting", "settled"), [
    ("en", "PROVISIONAL", "Provisional until countersigned: Chief COE officer.", "Countersigned by Chief Officer "
     "(Chief COE officer) on {date}."),
    ("fr", "PROVISOIRE", "Provisoire jusqu’au contreseing : Chef du service du matériel appartenant aux contingents.",
     "Contresigné par Chief Officer (Chef du service du matériel appartenant aux contingents) le {date}."),
])
def test_provisional_on_every_page_until_the_countersignature_settles_it(
    ws: Workspace, unit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    lang: str, word: str, waiting: str, settled: str,
) -> None:
    fresh = verification_report.produce(ws, unit, "2026Q4", lang)
    assert fresh.pages == 2 and _watermarks(fresh.pdf) == [word, word] and shown(fresh.pdf)[STATUS] == waiting
    assert all(word in page for page in _text(fresh.pdf).split("\f") if page.strip())  # text tools read marks too
    assert _drawn(fresh.pdf, tmp_path, 1) and _drawn(fresh.pdf, tmp_path, 2)
    first = _sign(ws, tmp_path, unit, "Jean Martin", "inspector", "coe_inspector", lang)
    second = _sign(ws, tmp_path, unit, "Col. Ndiaye", "team_leader", "contingent_commander", lang)
    assert _watermarks(second) == [word, word] and shown(second)[STATUS] == waiting
    assert _verify(capsys, ws, tmp_path, second)[1]["provisional"] == {
        "state": "provisional", "until": UNTIL, "ok": True, "problem": ""}
    third = _sign(ws, tmp_path, unit, "Chief Officer", "hq", "chief_coe_officer", lang)
    assert third.startswith(second) and second.startswith(first)  # each signature an incremental update
    with i18n.language(lang):
        today = format_date(date.today())
    assert _watermarks(third) == ["", ""] and shown(third)[STATUS] == settled.format(date=today)
    assert not _drawn(third, tmp_path, 2) and not _drawn(third, tmp_path, 1)
    assert word not in _text(third) and settled.format(date=today) in _text(third).replace("\n", " ")
    code, verdict = _verify(capsys, ws, tmp_path, third)
    assert verdict["provisional"] == {"state": "countersigned", "until": UNTIL, "ok": True, "problem": ""}
    assert code == 1 and not any(s["trusted"] for s in verdict["signatures"])  # self-signed here: not trusted
    assert all(s["intact"] and (s["changes_allowed"] or not s["changed_after"]) for s in verdict["signatures"])
    # pyHanko: every signature intact, the earlier ones followed by allowed form filling only
    statuses = _pyhanko(third)
    assert [s.intact for s in statuses] == [True] * 3
    assert [str(s.modification_level) for s in statuses] == ["ModificationLevel.FORM_FILLING"] * 2 + [
        "ModificationLevel.NONE"]
    assert all(s.docmdp_ok for s in statuses)
    path = tmp_path / "third.pdf"
    path.write_bytes(third)
    assert pdfsig(path).count("Signature is Valid.") == 3


Forgery = Callable[[bytes, bytes, keys.Identity], bytes]  # (after one signature, countersigned, forger) -> forged
FORGERIES: dict[str, tuple[Forgery, str, bool]] = {
    # name: (forge, who changed the marks, whether pyHanko refuses it)
    "a signature in the commander's field settles them": (
        lambda first, _third, forger: forge.signed_settling(first, forger, "Signature_contingent_commander", UNTIL),
        "by the signature in Signature_contingent_commander", False),
    "an unsigned update settles them before the countersignature": (
        lambda first, _third, _forger: forge.settled_marks(first, UNTIL), "by no signature", False),
    "an unsigned update rewords them after the countersignature": (
        lambda _first, third, _forger: forge.settled_marks(third, UNTIL), "by no signature", True),
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_marks_settled_by_anyone_but_the_countersignature_fail_verify(
    ws: Workspace, unit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    make, who, pyhanko_refuses = FORGERIES[name]
    first = _sign(ws, tmp_path, unit, "Jean Martin", "inspector", "coe_inspector")
    _sign(ws, tmp_path, unit, "Col. Ndiaye", "team_leader", "contingent_commander")
    third = _sign(ws, tmp_path, unit, "Chief Officer", "hq", "chief_coe_officer")
    forged = make(first, third, keys.load_identity(ws.data, PASS))
    assert _watermarks(forged) == ["", ""] and shown(forged)[STATUS].startswith("Countersigned")
    code, verdict = _verify(capsys, ws, tmp_path, forged)
    marks = verdict["provisional"]
    assert code == 1 and not marks["ok"] and marks["until"] == UNTIL
    assert marks["problem"].startswith("the provisional mark was changed in revision ") and who in marks["problem"]
    assert marks["problem"].endswith(f"only the countersignature ({UNTIL}) may change it")
    # each signature: intact for all three tools; pyHanko sees allowed form filling unless a lock forbids it
    statuses = _pyhanko(forged)
    assert all(s.intact for s in statuses)
    assert any(not s.docmdp_ok or str(s.modification_level) == "ModificationLevel.OTHER"
               for s in statuses) is pyhanko_refuses
    assert [s["changes_allowed"] or not s["changed_after"] for s in verdict["signatures"]] == [
        s.docmdp_ok and str(s.modification_level) != "ModificationLevel.OTHER" for s in statuses]
    path = tmp_path / "forged.pdf"
    path.write_bytes(forged)
    assert "Digest Mismatch" not in pdfsig(path)
