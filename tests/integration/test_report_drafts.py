"""An unsigned inspection's report is a DRAFT on every page, its fails with unanswered items are provisional;
the report that is signed is not a draft."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app import i18n
from inspector_app.crypto import keys
from inspector_app.reports.render import render_report
from inspector_app.services import inspections, signing
from inspector_app.services.workspace import Workspace
from tests.integration.test_reports import own_ws, seeded_demo  # noqa: F401 (fixtures)
from tests.integration.test_reports import inspection_id, pages_text, write

PASS = "laptop-secret"


def watermarks(pdf: Path) -> set[str]:
    """The ids of the pictures every one of the pages of ``pdf`` shows (the watermark's)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True, timeout=60, text=True)
    pages: dict[str, set[str]] = {}
    for row in (line.split() for line in out.stdout.splitlines()[2:]):
        pages.setdefault(row[0], set()).add(row[10])  # page, …, object id
    every = len(pages) == len(pages_text(pdf))
    return set.intersection(*pages.values()) if every else set()


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_every_page_of_an_unsigned_report_says_draft(own_ws: Workspace, tmp_path: Path) -> None:
    aoc, coe = inspection_id(own_ws, "aoc-fpu"), inspection_id(own_ws, "coe-major-equipment")
    for ref, lang, word in ((aoc, "en", "DRAFT"), (coe, "en", "DRAFT"), (coe, "fr", "PROJET")):
        pdf = write(tmp_path, render_report(own_ws, ref, lang))
        pages = pages_text(pdf)
        assert len(pages) > 1 and all(f"{word} — " in page.splitlines()[0] for page in pages)  # the header
        assert len(watermarks(pdf)) == 1 and all(word not in page.partition("\n")[2] for page in pages)  # a picture
    final = write(tmp_path, render_report(own_ws, coe, "en", final=True))
    assert not any("DRAFT" in page for page in pages_text(final)) and not watermarks(final)
    keys.create_identity(own_ws.data, "Awa Diop", "inspector", PASS)
    signing.sign_report(own_ws, coe, render_report(own_ws, coe, "en", final=True).pdf, PASS)
    for lang in ("en", "fr"):  # signed: neither rendition is a draft any more
        pdf = write(tmp_path, render_report(own_ws, coe, lang))
        assert not any(re.search(r"DRAFT|PROJET", page) for page in pages_text(pdf)) and not watermarks(pdf)


def test_fails_computed_with_unanswered_items_read_provisional(own_ws: Workspace, tmp_path: Path) -> None:
    aoc = inspection_id(own_ws, "aoc-fpu")
    summary = inspections.load(own_ws, aoc)
    assert summary.results().missing and summary.results().passed is False  # the demo's AOC is half done
    text = "\n".join(pages_text(write(tmp_path, render_report(own_ws, aoc, "en"))))
    assert "Overall outcome: provisional" in text and "Overall outcome: FAIL" not in text
    officers = [line for line in text.splitlines() if re.match(r"\s*\d+\s+\S+-\d+", line)]
    assert officers and all(not line.rstrip().endswith("not certified") for line in officers)
    assert any(line.rstrip().endswith("provisional") for line in officers)
    french = "\n".join(pages_text(write(tmp_path, render_report(own_ws, aoc, "fr"))))
    assert "Résultat d'ensemble : provisoire" in french
