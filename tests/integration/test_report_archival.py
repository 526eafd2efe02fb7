"""What every report kind declares for archiving: every font embedded (pdffonts), its language and title,
and the PDF/A-2b declarations (XMP metadata, sRGB output intent), in English and French."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from inspector_app.domain.checklist import PersonRef
from inspector_app.reports import coe_status
from inspector_app.services import demo, hq_views, inspections, units
from inspector_app.services.installation import open_workspace
from inspector_app.services.report import render as render_report

KINDS = ("coe-major-equipment", "coe-self-sustainment", "aoc-fpu", "ams", "quarterly")
LANGS = ("en", "fr")
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every kind of report, in English and French, written to files."""
    assert shutil.which("pdffonts") and shutil.which("pdfinfo"), "poppler-utils missing: scripts/system-deps.sh"
    root = tmp_path_factory.mktemp("archival")
    files: dict[tuple[str, str], Path] = {}
    with open_workspace(root / "data", actor="tester") as ws:
        assert demo.seed(ws)
        inspections.start(ws, "SEN FPU 1", "coe-self-sustainment", "periodic")
        mission = units.create_mission(ws, "AMS Mission", "AMS")
        units.create_unit(ws, mission.id, name="AMS candidates", contributing_country="Senegal", kind="ipo",
                          persons=[PersonRef("IPO-1", "Ndèye Sène", "Police Inspector", "female")])
        inspections.start(ws, "AMS candidates", "ams", "ams")
        refs = {s.template.template_id: s.inspection.id for s in inspections.list_states(ws)
                if s.unit.name != demo.TOGO.name}  # one a template: not TGO FPU 3's COE cycle
        status = hq_views.quarter_status(ws, "MINUDEM", "2026Q4")
        for kind in KINDS:
            for lang in LANGS:
                pdf = (coe_status.render_pdf(status, lang, author="tester").pdf if kind == "quarterly"
                       else render_report(ws, refs[kind], lang).pdf)
                files[kind, lang] = root / f"{kind}-{lang}.pdf"
                files[kind, lang].write_bytes(pdf)
    return files


CASES = [(kind, lang) for kind in KINDS for lang in LANGS]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_every_font_is_embedded(rendered: dict[tuple[str, str], Path], kind: str, lang: str) -> None:
    out = subprocess.run(["pdffonts", str(rendered[kind, lang])], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # name, type, encoding, emb, sub, uni, object number, generation: emb is fifth from the end
        emb = row.split()[-5]
        assert emb == "yes", f"not embedded in {kind}-{lang}: {row}"
    assert not any("Helvetica" in row or "Times" in row or "Courier" in row for row in rows), out


def _reader(path: Path) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(path.read_bytes()))


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_language_and_title_are_declared(rendered: dict[tuple[str, str], Path], kind: str, lang: str) -> None:
    path = rendered[kind, lang]
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    title = re.search(r"^Title:\s+(.+)$", info, re.MULTILINE)
    assert title and len(title.group(1).strip()) > 10, info
    root = _reader(path).root
    assert root["/Lang"] == lang
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean); readers show the title, not the file name


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_pdfa_2b_declarations(rendered: dict[tuple[str, str], Path], kind: str, lang: str) -> None:
    reader = _reader(rendered[kind, lang])
    root, info = reader.root, reader.trailer["/Info"]
    metadata = root["/Metadata"]
    assert metadata["/Type"] == "/Metadata" and metadata["/Subtype"] == "/XML" and "/Filter" not in metadata
    xmp = ElementTree.fromstring(metadata.data.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    description = xmp.find("rdf:RDF/rdf:Description", NS)
    assert description is not None
    assert description.findtext("pdfaid:part", namespaces=NS) == "2"
    assert description.findtext("pdfaid:conformance", namespaces=NS) == "B"
    # the XMP repeats the document information dictionary, as PDF/A requires
    assert description.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS) == info["/Title"]
    assert description.findtext("dc:creator/rdf:Seq/rdf:li", namespaces=NS) == info["/Author"]
    assert description.findtext("dc:description/rdf:Alt/rdf:li", namespaces=NS) == info["/Subject"]
    assert description.findtext("pdf:Keywords", namespaces=NS) == info["/Keywords"]
    assert description.findtext("pdf:Producer", namespaces=NS) == info["/Producer"]
    [intent] = root["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"]
    icc = profile.data
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "  # an RGB ICC profile
    assert "/Encrypt" not in reader.trailer and "/ID" in reader.trailer
