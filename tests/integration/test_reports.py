"""PDF reports: read back with poppler (pdftotext, pdfinfo, pdfimages, pdftoppm) in English and French."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from inspector_app import i18n
from inspector_app.crypto import keys
from inspector_app.domain.checklist import MouLineRef, PersonRef, SsTerms
from inspector_app.reports import images
from inspector_app.reports.render import RenderedReport
from inspector_app.services import attachments, demo, inspections, signing, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import render as render_report
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import Signature
from tests.ams_answers import answer_candidate

POPPLER = ("pdftotext", "pdfinfo", "pdfimages", "pdftoppm")
NON_LATIN = ("Ndèye Sène", "Иван Петров", "Ωμέγα Παπαδοπούλου")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"{', '.join(missing)} missing: run scripts/system-deps.sh (poppler-utils)"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def tester_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    with open_workspace(data, actor="tester") as ws:
        assert demo.seed(ws)
    return data


@pytest.fixture(scope="module")
def demo_ws(tester_demo: Path) -> Iterator[Workspace]:
    """The seeded demo, shared by the tests that only read it (rendering writes nothing)."""
    with open_workspace(tester_demo, actor="tester") as ws:
        yield ws


@pytest.fixture
def own_ws(tester_demo: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the demo data folder, for tests that change it."""
    with open_workspace(shutil.copytree(tester_demo, tmp_path / "demo"), actor="tester") as ws:
        yield ws


def inspection_id(ws: Workspace, template: str) -> str:
    """The demo's inspection of this template at SEN FPU 1 (its finished periodic COE) or BGD FPU 2 (its AOC in
    progress); TGO FPU 3's COE cycle is left out."""
    unit = demo.BANGLADESH.name if template == "aoc-fpu" else demo.SENEGAL.name
    [state] = [s for s in inspections.list_states(ws) if s.template.template_id == template and s.unit.name == unit]
    return state.inspection.id


@pytest.fixture(scope="module")
def rendered(demo_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The COE and AOC reports of the demo in English and French, written to files."""
    out = tmp_path_factory.mktemp("pdf")
    files = {}
    for template in ("coe-major-equipment", "aoc-fpu"):
        for lang in ("en", "fr"):
            report = render_report(demo_ws, inspection_id(demo_ws, template), lang)
            path = out / f"{template}-{lang}.pdf"
            path.write_bytes(report.pdf)
            path.with_suffix(".id").write_text(f"{report.document_id} {report.content_sha256} {report.pages}")
            files[template, lang] = path
    return files


def pages_text(pdf: Path) -> list[str]:
    """The text of each page, in reading layout (one table row per line)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True, timeout=60).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(pdf)], capture_output=True, check=True, timeout=60)
    pairs = (line.split(":", 1) for line in out.stdout.decode("utf-8").splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def image_sizes(pdf: Path) -> list[tuple[int, int]]:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True, timeout=60, text=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    return [(int(r[3]), int(r[4])) for r in rows if r[2] == "image"]


def ids(path: Path) -> tuple[str, str, int]:
    document_id, content, pages = path.with_suffix(".id").read_text().split()
    return document_id, content, int(pages)


def write(tmp_path: Path, report: RenderedReport, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(report.pdf)
    return path


def category_totals(ws: Workspace, ref: str) -> dict[str, tuple[int, ...]]:
    """Per category, from the stored answers: MOU quantity, found, found and serviceable capped at the MOU
    quantity, unserviceable (found − serviceable), shortfall, surplus."""
    answers = inspections.load(ws, ref).values()
    totals: dict[str, list[int]] = {}
    for line, (category, _item, quantity, _lease) in enumerate(demo.ANNEX_B, 1):
        count = answers[f"me.count/{line}"]
        found, serviceable = count["found"], count["serviceable"]
        t = totals.setdefault(category, [0] * 7)
        for i, n in enumerate((quantity, found, min(found, quantity), min(serviceable, quantity),
                               found - serviceable, max(quantity - found, 0), max(found - quantity, 0))):
            t[i] += n
    return {k: tuple(v) for k, v in totals.items()}


def pct(share: float, lang: str) -> str:
    """As the language writes it (CLDR): "92.3%", "92,3 %"."""
    return f"{100 * share:.1f} %".replace(".", ",") if lang == "fr" else f"{100 * share:.1f}%"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("Major equipment", "Page {n} of {total}", "Detailed results per MOU line", "Signatures")),
    ("fr", ("Matériel majeur", "Page {n} sur {total}", "Résultats détaillés par ligne du mémorandum d'accord",
            "Signatures")),
])
def test_coe_report(rendered: dict[tuple[str, str], Path], demo_ws: Workspace, lang: str,
                    words: tuple[str, ...]) -> None:
    pdf = rendered["coe-major-equipment", lang]
    document_id, content, total = ids(pdf)
    pages = pages_text(pdf)
    assert len(pages) == total >= 3
    text = "\n".join(pages)
    assert words[0] in pages[0] and "SEN FPU 1" in pages[0] and "Senegal" in pages[0]
    assert words[2] in text and words[3] in text
    for n, page in enumerate(pages, 1):  # the footer of every page
        assert words[1].format(n=n, total=total) in page
        assert document_id in page and content in page
    ref = inspection_id(demo_ws, "coe-major-equipment")
    totals = category_totals(demo_ws, ref)
    # the major-equipment table: MOU, deployed, serviceable, unserviceable, shortfall, surplus, availability,
    # serviceability, reimbursable (serviceable up to the MOU), standard
    for category, (mou, found, available, serviceable, broken, short, extra) in totals.items():
        flag = ("BELOW" if lang == "en" else "EN DEÇÀ") if serviceable / available < 0.9 else (
            "ok" if lang == "en" else "conforme")
        # a long category name wraps in its cell: its first word starts the row of figures
        row = (rf"^{re.escape(category.split()[0])}[^\n]*?\s{mou}\s+{found}\s+{serviceable}\s+{broken}\s+{short}\s+"
               rf"{extra}\s+"
               rf"{re.escape(pct(available / mou, lang))}\s+{re.escape(pct(serviceable / available, lang))}\s+"
               rf"{serviceable}\s+{flag}")
        assert re.search(row, pages[0], re.MULTILINE), f"{category}: {totals[category]}"
    assert "Overall" not in pages[0] and "Ensemble" not in pages[0]  # no pooled figure as a result...
    available = sum(t[2] for t in totals.values())
    serviceable = sum(t[3] for t in totals.values())
    indicator = "Indicator only, not a COE result" if lang == "en" else "Indicateur seulement, pas un résultat MAC"
    assert indicator in pages[0]  # ...only as a labelled indicator
    assert pct(serviceable / available, lang) in pages[0].split(indicator)[1]
    assert "APC 3: turret hatch hinge broken" in text  # the demo photo's caption in the annex
    meta = info(pdf)
    assert meta["Pages"] == str(total) and meta["Author"] == "tester" and "SEN FPU 1" in meta["Title"]
    assert document_id in meta["Keywords"] and content in meta["Keywords"]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("Overall outcome", "Results per officer", "Page 1 of", "Officers assessed", "of the roster")),
    ("fr", ("Résultat d'ensemble", "Résultats par fonctionnaire", "Page 1 sur", "Policiers évalués",
            "de l'effectif")),
])
def test_aoc_report(rendered: dict[tuple[str, str], Path], demo_ws: Workspace, lang: str,
                    words: tuple[str, ...]) -> None:
    pdf = rendered["aoc-fpu", lang]
    pages = pages_text(pdf)
    text = "\n".join(pages)
    for word in words:
        assert word in text, word
    assert "BGD FPU 2" in pages[0] and "Bangladesh" in pages[0]
    state = inspections.load(demo_ws, inspection_id(demo_ws, "aoc-fpu"))
    women = sum(1 for p in state.checklist.scope.persons if p.gender == "female")
    strength = len(state.checklist.scope.persons)
    assessed = len({key.split("/", 1)[1] for key in state.values() if "/" in key})
    assert strength == 140 and assessed > 0
    assert re.search(rf"{words[3]}\s+{assessed}\b", text)
    assert f"{women} ({pct(women / strength, lang)} {words[4]})" in text
    # the per-officer table lists every officer and repeats its header on each page it spans
    table_pages = [p for p in pages if re.search(r"BGD-\d{4}", p)]
    assert len(table_pages) >= 3
    for page in table_pages:
        heads = [line for line in page.splitlines() if re.match(r"\s*(No\.|N°)\s+\S", line)]
        assert len(heads) == 1, page
    assert all(f"BGD-{n:04d}" in text for n in range(1, strength + 1))


@pytest.fixture
def big_unit(own_ws: Workspace) -> str:
    """A unit whose MOU has 300 Annex B lines, inspected with a few lines counted and a non-Latin remark."""
    lines = [MouLineRef(n, f"Category {1 + (n - 1) // 50}", f"Item {n:03d}", 4, "wet" if n % 3 else "dry")
             for n in range(1, 301)]
    mission = units.create_mission(own_ws, "Large Mission", "LARGE")
    units.create_unit(own_ws, mission.id, name="XXL FPU", contributing_country="Greece", mou=lines)
    ref = inspections.start(own_ws, "XXL FPU", "coe-major-equipment", "periodic", team=", ".join(NON_LATIN)).id
    for n in (1, 2, 150, 299):
        inspections.answer(own_ws, ref, f"me.count/{n}", f"found={n % 5} serviceable={min(n % 4, n % 5)}")
    inspections.set_remark(own_ws, ref, "me.count/2", " / ".join(NON_LATIN))
    return ref


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("Self-sustainment (Annex C)", "Catering", "contingent", "partially met", "Communications", "met",
            "Not met", "yes", "no", "Explosive ordnance disposal", "UN", "not verified", "strength on the inspection "
            "date: 141")),
    ("fr", ("Soutien logistique autonome (annexe C)", "Restauration", "contingent", "partiellement satisfait",
            "Communications", "satisfait", "Non conforme", "oui", "non", "Neutralisation des explosifs et", "ONU",
            "non vérifié", "Effectif à la date de l'inspection : 141")),
])
def test_self_sustainment_per_category(own_ws: Workspace, tmp_path: Path, lang: str, words: tuple[str, ...]) -> None:
    """Per category: provider, verdict, score and whether the reimbursement is affected; the strength above."""
    units.set_ss_terms(own_ws, "SEN FPU 1", SsTerms("eod", "un", "Mission EOD cell"))
    ref = inspections.start(own_ws, "SEN FPU 1", "coe-self-sustainment", "operational_readiness",
                            team="COE unit").id
    for key, value in (("ss.catering.kitchen", "met"), ("ss.catering.food_storage", "not_met"),
                       ("ss.catering.dining", "met"), ("ss.communications.vhf_uhf", "met"),
                       ("ss.communications.hf", "met"), ("ss.communications.telephone", "na"),
                       ("ss.personnel.strength", "141")):
        inspections.answer(own_ws, ref, key, value, remark="Freezer broken" if value == "not_met" else None)
    text = "\n".join(pages_text(write(tmp_path, render_report(own_ws, ref, lang))))
    title, catering, contingent, partly, communications, met, not_met, yes, no, eod, un, unverified, strength = words
    assert title in text and strength in text
    # the demo MOU's catering standard (and the French verdict) wrap in their cells: the row's first line holds
    # the first words
    first = partly.split()[0]
    assert re.search(rf"{catering}\s+{contingent}\s+.*{first}.*\s+{re.escape(pct(2 / 3, lang))}\s+{yes}", text)
    assert re.search(rf"{communications}\s+{contingent}\s+—\s+{met}\s+100.*\s{no}\n", text)
    assert re.search(rf"{eod}\s+{un}\s+Mission EOD cell\s+{unverified}", text)
    assert not_met in text and "Freezer broken" in text  # the sub-category's answer and remark


def test_long_mou_table_spans_pages_with_its_header_repeated(own_ws: Workspace, big_unit: str,
                                                             tmp_path: Path) -> None:
    report = render_report(own_ws, big_unit, "en")
    pages = pages_text(write(tmp_path, report))
    assert report.pages == len(pages) > 6
    uncounted = re.compile(r"Item (?!001|002|150|299)\d{3}")  # counted lines are in the shortfall table too
    table_pages = [n for n, page in enumerate(pages) if uncounted.search(page)]
    assert len(table_pages) >= 5
    assert table_pages == list(range(table_pages[0], table_pages[-1] + 1))  # one run of pages
    for n in table_pages:
        heads = [line for line in pages[n].splitlines() if re.match(r"\s*Line\s+Category\s+Item\s+Lease", line)]
        assert len(heads) == 1, f"page {n + 1}: {heads}"
    text = "\n".join(pages)
    assert all(f"Item {n:03d}" in text for n in range(1, 301))
    for name in NON_LATIN:
        assert name in text, name  # in the header block's team and in the remark of line 2


def test_ams_results_sheet_names_in_any_script(own_ws: Workspace, tmp_path: Path) -> None:
    persons = [PersonRef(f"IPO-{n}", name, "Police Inspector", gender)
               for n, (name, gender) in enumerate(zip(NON_LATIN, ("female", "male", "female"), strict=True), 1)]
    mission = units.create_mission(own_ws, "AMS Mission", "AMS")
    units.create_unit(own_ws, mission.id, name="AMS candidates", contributing_country="Senegal", kind="ipo",
                      persons=persons)
    ref = inspections.start(own_ws, "AMS candidates", "ams", "ams").id
    for person, hits in zip(persons, ("8", "5", "10"), strict=True):
        answer_candidate(own_ws, ref, person.id_number, hits_15m=hits)
    for lang, cleared, not_cleared in (("en", "cleared", "not cleared"), ("fr", "apte", "non apte")):
        pages = pages_text(write(tmp_path, render_report(own_ws, ref, lang), f"ams-{lang}.pdf"))
        text = "\n".join(pages)
        for name, verdict in zip(NON_LATIN, (cleared, not_cleared, cleared), strict=True):
            assert re.search(rf"{re.escape(name)}.*\s{verdict}\s*$", text, re.MULTILINE), (name, verdict)


def gradient_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A 12-megapixel photo-like JPEG: smooth gradients, no noise."""
    x = Image.linear_gradient("L").resize((width, height))
    y = x.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    image = Image.merge("RGB", (x, y, Image.new("L", (width, height), 96)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def test_photo_annex_downscales_a_12_megapixel_photo(own_ws: Workspace, tmp_path: Path) -> None:
    ref = inspection_id(own_ws, "coe-major-equipment")
    inspections.reopen(own_ws, ref)
    photo = tmp_path / "apc-front.jpg"
    photo.write_bytes(gradient_jpeg())
    original = photo.read_bytes()
    row = attachments.attach(own_ws, ref, "me.general.defect_photos", photo, "APC 7: windscreen cracked")
    document = tmp_path / "handover-note.pdf"
    document.write_bytes(render_report(own_ws, inspection_id(own_ws, "aoc-fpu")).pdf)  # any PDF will do
    attachments.attach(own_ws, ref, "", document, "Handover note")
    pdf = write(tmp_path, render_report(own_ws, ref, "fr"))
    assert pdf.stat().st_size < 1_000_000
    text = "\n".join(pages_text(pdf))
    assert "APC 7: windscreen cracked" in text and "Annexe : photographies" in text
    assert "Autres documents joints" in text and "handover-note.pdf — Handover note" in text
    sizes = image_sizes(pdf)
    assert (4000, 3000) not in sizes and max(max(s) for s in sizes) <= attachments.DISPLAY_MAX
    assert attachments.media_bytes(own_ws, row, display=False) == original  # the original is untouched


def test_a_photo_without_display_copy_is_downscaled_upright() -> None:
    image = Image.new("RGB", (2000, 1000), (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    picture = images.downscaled(out.getvalue())
    assert (picture.width, picture.height) == (640, 1280)  # 1280 px long side (images.PDF_MAX)
    with Image.open(io.BytesIO(picture.data)) as shown:
        assert shown.format == "JPEG" and shown.size == (640, 1280)


def test_page_one_renders_to_an_image(rendered: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(rendered["coe-major-equipment", "en"]),
                    str(tmp_path / "page")], check=True, timeout=60)
    [png] = tmp_path.glob("page*.png")
    with Image.open(png) as page:
        assert abs(page.size[0] - 413) <= 1 and abs(page.size[1] - 585) <= 1  # A4 at 50 dpi
        grey = page.convert("L")
        darkest, _lightest = grey.getextrema()
        assert isinstance(darkest, int) and darkest < 60  # dark text on the page
        assert sum(grey.histogram()[:128]) > 2000  # and plenty of it: tables, not a blank page


def test_content_hash_follows_the_content_only(own_ws: Workspace) -> None:
    ref = inspection_id(own_ws, "coe-major-equipment")
    first = render_report(own_ws, ref, "en")
    again = render_report(own_ws, ref, "en")
    french = render_report(own_ws, ref, "fr")
    assert (again.content_sha256, again.document_id) == (first.content_sha256, first.document_id)
    # the content is the same in French; the document (the rendition) is another: its id names the language
    assert french.content_sha256 == first.content_sha256
    assert french.document_id == first.document_id.removesuffix("-EN") + "-FR"
    assert re.fullmatch(rf"INS-{ref[:8]}-R\d+-{first.content_sha256[:4]}-EN", first.document_id)
    inspections.reopen(own_ws, ref)  # the workflow status is not content
    assert render_report(own_ws, ref, "en").content_sha256 == first.content_sha256
    inspections.answer(own_ws, ref, "me.count/5", "found=2 serviceable=1")
    changed = render_report(own_ws, ref, "en")
    assert changed.content_sha256 != first.content_sha256 and changed.document_id != first.document_id


def test_handwritten_signature_fills_its_block(own_ws: Workspace, tmp_path: Path) -> None:
    ref = inspection_id(own_ws, "coe-major-equipment")
    before = render_report(own_ws, ref, "en")
    ink = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ink.paste((11, 31, 77, 255), (40, 90, 560, 110))
    out = io.BytesIO()
    ink.save(out, "PNG")
    media = attachments.check_media(out.getvalue(), "signature.png")
    attachments.store_media(own_ws, media)
    with own_ws.db.session() as session:
        session.add(own_ws.stamp(Signature(inspection_id=ref, role="contingent_commander",
                                           signer_name="Col. Mamadou Ndiaye", kind="handwritten",
                                           image_sha256=media.sha256)))
    after = render_report(own_ws, ref, "en")
    assert after.content_sha256 != before.content_sha256
    pdf = write(tmp_path, after)
    text = "\n".join(pages_text(pdf))
    assert "Contingent commander" in text and "Col. Mamadou Ndiaye" in text
    assert f"Date: {date.today().day} {date.today():%b %Y}" in text  # as English writes it: 4 Dec 2026
    assert len(image_sizes(pdf)) == len(image_sizes(write(tmp_path, before, "before.pdf"))) + 1


def test_rendering_restores_the_language(demo_ws: Workspace) -> None:
    i18n.set_language("fr")
    render_report(demo_ws, inspection_id(demo_ws, "aoc-fpu"), "en")
    assert i18n.current_language() == "fr"


def test_reports_never_import_qt() -> None:
    code = ("import sys, inspector_app.reports.render; "
            "sys.exit(sorted(m for m in sys.modules if m.startswith('PySide6')) != [])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_report_benchmark_quick_run(tmp_path: Path) -> None:
    bench = Path(__file__).resolve().parents[2] / "bench" / "bench_report.py"
    proc = subprocess.run([sys.executable, str(bench), "--quick", "--tmp-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "bare ReportLab table" in proc.stdout and "peak RSS" in proc.stdout


# An unsigned inspection's report is a DRAFT on every page; its fails with unanswered items are provisional;
# the report that is signed is not a draft.

DRAFT_PASS = "laptop-secret"


def watermarks(pdf: Path) -> set[str]:
    """The ids of the pictures every one of the pages of ``pdf`` shows (the watermark's)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True, timeout=60, text=True)
    pages: dict[str, set[str]] = {}
    for row in (line.split() for line in out.stdout.splitlines()[2:]):
        pages.setdefault(row[0], set()).add(row[10])  # page, …, object id
    every = len(pages) == len(pages_text(pdf))
    return set.intersection(*pages.values()) if every else set()


def test_every_page_of_an_unsigned_report_says_draft(own_ws: Workspace, tmp_path: Path) -> None:
    aoc, coe = inspection_id(own_ws, "aoc-fpu"), inspection_id(own_ws, "coe-major-equipment")
    for ref, lang, word in ((aoc, "en", "DRAFT"), (coe, "en", "DRAFT"), (coe, "fr", "PROJET")):
        pdf = write(tmp_path, render_report(own_ws, ref, lang))
        pages = pages_text(pdf)
        assert len(pages) > 1 and all(f"{word} — " in page.splitlines()[0] for page in pages)  # the header
        assert len(watermarks(pdf)) == 1 and all(word not in page.partition("\n")[2] for page in pages)  # a picture
    final = write(tmp_path, render_report(own_ws, coe, "en", final=True))
    assert not any("DRAFT" in page for page in pages_text(final)) and not watermarks(final)
    keys.create_identity(own_ws.data, "Awa Diop", "inspector", DRAFT_PASS)
    signing.sign_report(own_ws, coe, render_report(own_ws, coe, "en", final=True).pdf, DRAFT_PASS)
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
