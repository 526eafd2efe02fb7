"""``verify`` names what is wrong and what changed: which signature, which kind of update (issue 12)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from inspector_app.cli.report_cmd import line
from inspector_app.crypto import ca, keys, pdf_sign, trust
from inspector_app.crypto.verify import ALTERED, verify_pdf
from inspector_app.paths import DataDir
from tests.integration.test_signing import CA_PASS, PASS, hq, laptop, small_pdf  # noqa: F401  (fixtures)


def _flip_a_signed_byte(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", data)
    assert match is not None
    start, length = int(match.group(1)), int(match.group(2))
    data[data.index(b"ReportLab", start, start + length)] ^= 0x20
    return bytes(data)


def test_an_altered_signature_says_so_not_unknown_problem(
    laptop: DataDir, hq: tuple[DataDir, Path]  # noqa: F811
) -> None:
    hq_data, folder = hq
    identity = keys.import_certificate(laptop, ca.issue(folder, keys.csr_for(laptop), CA_PASS), PASS)
    [check] = verify_pdf(_flip_a_signed_byte(pdf_sign.sign_pdf(small_pdf(), identity)), trust.load(hq_data))
    assert not check.intact and not check.ok and check.problem == ALTERED
    assert check.trust == "trust not judged: issued by UN Police Division CA, but the signature does not match"
    text = line(check)
    assert "  ALTERED  " in text and text.endswith(ALTERED) and "unknown problem" not in text


def test_verify_names_the_kind_of_update_and_who_signed_after(laptop: DataDir, tmp_path: Path) -> None:  # noqa: F811
    leader = DataDir(tmp_path / "leader")
    keys.create_identity(leader, "Jean Martin", "team_leader", PASS)
    first = pdf_sign.sign_pdf(small_pdf(), keys.load_identity(laptop, PASS))
    second = pdf_sign.sign_pdf(first, keys.load_identity(leader, PASS))
    roots = trust.TrustStore((keys.read_certificate(laptop), keys.read_certificate(leader)))
    one, two = verify_pdf(second, roots)
    assert one.changes == "form fields filled or a later signature added" and two.changes == ""
    assert line(one, [two]).endswith("changed after signing: form fields filled or a later signature added "
                                     "(allowed); signed after it: Signature2 by Jean Martin")

    writer = IncrementalPdfFileWriter(io.BytesIO(first))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"BT (changed) Tj ET")))
    out = io.BytesIO()
    writer.write(out)
    [check] = verify_pdf(out.getvalue(), roots)
    assert line(check).endswith("changed after signing: the content changed (text, pages or structure) "
                                "(NOT ALLOWED by the signed document)")
