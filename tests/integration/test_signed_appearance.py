"""What a reader sees of each signature: fields over their blocks, the signer's name, role, date and serial.

Each signed report here is checked with pyHanko (the widget's rectangle and page), with poppler's
``pdftotext`` (the text of the appearances) and with ``inspector verify``'s own check (still intact).
"""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfgen import canvas
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.crypto import keys
from inspector_app.errors import ValidationError
from inspector_app.locale_format import format_date
from inspector_app.services import inspections, report, signing
from inspector_app.services.workspace import Workspace
from inspector_app.storage.models import AuditEvent, Signature
from tests.conftest import mark_ready_for_review

PASS = "laptop-secret"


def ink(width: int = 600, height: int = 200) -> bytes:
    """A drawn signature: a zigzag on a transparent background, as the signature pad saves it."""
    picture = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    pen = ImageDraw.Draw(picture)
    pen.line([(20, 150), (120, 40), (200, 160), (300, 50), (420, 150), (560, 60)], fill=(20, 40, 120, 255), width=8)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def has_image(xobject: object, depth: int = 0) -> bool:
    """True when the appearance stream ``xobject`` draws an image (in itself or a form it uses)."""
    resources = xobject.get("/Resources", {}) if hasattr(xobject, "get") else {}  # type: ignore[attr-defined]
    for ref in resources.get("/XObject", {}).values():
        inner = ref.get_object()
        if inner.get("/Subtype") == "/Image" or (depth < 4 and has_image(inner, depth + 1)):
            return True
    return False


def _text(pdf: bytes, page: int | None = None) -> str:
    pages = ["-f", str(page + 1), "-l", str(page + 1)] if page is not None else []
    return subprocess.run(["pdftotext", *pages, "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def _switch_identity(ws: Workspace, name: str, role: str) -> keys.Identity:
    for file in ("identity.p12", "identity.pem", "identity.csr.pem"):
        (ws.data.root / file).unlink(missing_ok=True)
    keys.create_identity(ws.data, name, role, PASS)
    return keys.load_identity(ws.data, PASS)


def _widgets(pdf: bytes) -> dict[str, tuple[int, tuple[float, ...], bool]]:
    """Every signature field: (page, rectangle, signed), read with pyHanko."""
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = {reader.find_page_for_modification(i)[0].idnum: i
             for i in range(int(reader.root["/Pages"]["/Count"]))}
    found = {}
    for ref in reader.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/FT") != "/Sig":
            continue
        page = field.raw_get("/P").idnum if "/P" in field else -1
        found[str(field["/T"])] = (pages.get(page, -1), tuple(float(v) for v in field["/Rect"]), "/V" in field)
    return found


@pytest.fixture
def ready(ws: Workspace, unit_name: str) -> str:
    inspection = inspections.start(ws, unit_name, "coe-major-equipment", "arrival")
    mark_ready_for_review(ws, inspection.id)
    return inspection.id


def test_each_signature_sits_over_its_block_and_shows_name_role_date_and_serial(ws: Workspace, ready: str) -> None:
    boxes = report.render(ws, ready, "en", final=True).signature_boxes
    assert set(boxes) == {"inspector", "team_leader", "contingent_commander"}
    assert len({page for page, _rect in boxes.values()}) == 1  # the blocks side by side
    inspector = _switch_identity(ws, "Awa Diop", "inspector")
    first = report.produce(ws, ready, "en", sign=report.Signer(PASS, image=ink())).pdf
    commander = _switch_identity(ws, "Col. Ndèye Sène", "contingent_commander")  # the commander has a key
    signed = report.produce(ws, ready, "en", sign=report.Signer(PASS)).pdf
    assert signed.startswith(first)

    widgets = _widgets(signed)
    assert set(widgets) == {"Signature_inspector", "Signature_team_leader", "Signature_contingent_commander"}
    for role, (page, rect) in boxes.items():
        on_page, widget, _signed = widgets[f"Signature_{role}"]
        assert on_page == page
        assert widget == pytest.approx(rect, abs=1)  # over the place to sign of the role's block
    assert [w[2] for w in widgets.values()] == [True, False, True]
    shown = [has_image(s.sig_field["/AP"]["/N"]) for s in PdfFileReader(io.BytesIO(signed)).embedded_signatures]
    assert shown == [True, False]  # the inspector's drawing; the commander drew none

    page = boxes["inspector"][0]
    text = _text(signed, page)
    today = format_date(date.today(), "en")
    for identity, role in ((inspector, "UN inspector"), (commander, "Contingent commander")):
        assert f"Signed digitally by {identity.name}" in text
        assert f"Role: {role}" in text
        serial = f"{identity.certificate.serial_number:x}"
        half = (len(serial) + 1) // 2  # on two lines, so that the text keeps its size
        assert f"Certificate serial:\n{serial[:half]}\n{serial[half:]}\n" in text
    assert text.count(f"Date: {today}") == 2
    assert "Handwritten signature" not in text  # both are digital signatures
    checks = signing.verify_report(ws, signed, extra_roots=[inspector.certificate, commander.certificate])
    assert [c.intact for c in checks] == [True, True]

    rows = signing.signatures(ws, ready, signing.DIGITAL)
    assert rows[0].image_sha256 is not None and rows[1].image_sha256 is None
    assert ws.data.media_path(rows[0].image_sha256).read_bytes() == ink()
    # the digital signature's image is in its field only: the report's content (and blocks) stay as signed
    assert report.render(ws, ready, "fr").content_sha256 == report.render(ws, ready, "en").content_sha256


def test_the_labels_are_in_the_report_s_language(ws: Workspace, ready: str) -> None:
    identity = _switch_identity(ws, "Awa Diop", "inspector")
    signed = report.produce(ws, ready, "fr", sign=report.Signer(PASS)).pdf
    text = _text(signed)
    assert "Signé numériquement par Awa Diop" in text
    assert "Rôle : Inspecteur de l'ONU" in text
    assert f"Date : {format_date(date.today(), 'fr')}" in text
    serial = f"{identity.certificate.serial_number:x}"
    half = (len(serial) + 1) // 2
    assert f"Numéro de série du certificat :\n{serial[:half]}\n{serial[half:]}\n" in text


def test_a_pdf_without_blocks_gets_invisible_fields_as_before(ws: Workspace, ready: str) -> None:
    _switch_identity(ws, "Awa Diop", "inspector")
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "COE verification report")
    page.showPage()
    page.save()
    signed = signing.sign_report(ws, ready, buffer.getvalue(), PASS, role="inspector")
    widgets = _widgets(signed)
    assert len(widgets) == 3
    assert all(rect == (0, 0, 0, 0) for _page, rect, _signed in widgets.values())


def test_the_commander_s_drawn_signature_is_marked_handwritten(ws: Workspace, ready: str) -> None:
    signing.sign_handwritten(ws, ready, "contingent_commander", "Col. Ndèye Sène", ink())
    rendered = report.render(ws, ready, "en", final=True)
    text = _text(rendered.pdf, rendered.signature_boxes["inspector"][0])
    block = text[text.index("Contingent commander"):]
    assert "Name: Col. Ndèye Sène" in text and f"Date: {format_date(date.today(), 'en')}" in text
    assert "Handwritten signature" in block and text.count("Handwritten signature") == 1
    # its place to sign holds the drawing: the commander's field is not put over it
    assert set(rendered.signature_boxes) == {"inspector", "team_leader"}
    french = _text(report.render(ws, ready, "fr", final=True).pdf)
    assert "Signature manuscrite" in french


@pytest.mark.parametrize(("content", "message"), [
    (b"not a picture at all", "the signature image is not a PNG or JPEG picture"),
    (b"%PDF-1.7\n%%EOF\n", "the signature image is not a PNG or JPEG picture"),
    (ink()[:300], "the signature image is a damaged or unreadable image"),
])
def test_a_bad_signature_image_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ws: Workspace, ready: str,
    data_dir: Path, tmp_path: Path, content: bytes, message: str,
) -> None:
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    bad = tmp_path / "signature.png"
    bad.write_bytes(content)
    out = tmp_path / "signed.pdf"
    media = sorted(ws.data.media.rglob("*")) if ws.data.media.exists() else []
    with ws.db.read() as session:
        events = len(session.exec(select(AuditEvent)).all())
    code = main(["--data-dir", str(data_dir), "report", ready, "-o", str(out), "--sign",
                 "--signature-image", str(bad)])
    assert code != 0 and message in capsys.readouterr().err
    assert not out.exists()
    assert inspections.load(ws, ready).status == "ready_for_review"
    with ws.db.read() as session:
        assert not session.exec(select(Signature)).all()
        assert len(session.exec(select(AuditEvent)).all()) == events
    assert (sorted(ws.data.media.rglob("*")) if ws.data.media.exists() else []) == media
    with pytest.raises(ValidationError, match=message):
        report.produce(ws, ready, "en", sign=report.Signer(PASS, image=content))


def test_a_signature_image_is_shown_with_the_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ws: Workspace, ready: str,
    data_dir: Path, tmp_path: Path,
) -> None:
    keys.create_identity(ws.data, "Awa Diop", "inspector", PASS)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASS)
    image = tmp_path / "signature.png"
    image.write_bytes(ink())
    out = tmp_path / "signed.pdf"
    assert main(["--data-dir", str(data_dir), "report", ready, "-o", str(out), "--signature-image",
                 str(image)]) != 0
    assert "--signature-image goes with --sign" in capsys.readouterr().err
    code = main(["--data-dir", str(data_dir), "report", ready, "-o", str(out), "--sign", "--signature-image",
                 str(image)])
    assert code == 0, capsys.readouterr().err
    [row] = signing.signatures(ws, ready, signing.DIGITAL)
    assert row.image_sha256 is not None and ws.data.media_path(row.image_sha256).read_bytes() == ink()
    reader = PdfFileReader(io.BytesIO(out.read_bytes()))
    field = reader.embedded_signatures[0].sig_field
    assert has_image(field["/AP"]["/N"])  # the drawing shown in the field

