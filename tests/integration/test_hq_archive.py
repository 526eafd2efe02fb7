"""HQ archives signed reports (PAdES B-LTA) with its own timestamp authority: one file (``hq archive FILE -o OUT``),
on import (``hq import --archive``) or later (``hq archive --pending``), and renews the timestamps that run out
(``hq renew``). Checked with pyHanko's validator and poppler's pdfsig, not only with ours."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import inspect, text
from sqlmodel import select

from inspector_app.cli.main import main
from inspector_app.crypto import ca, keys, trust, tsa
from inspector_app.crypto.certificates import load_certificates, to_asn1
from inspector_app.paths import DataDir
from inspector_app.services import archive, bundle_export, maintenance, signing
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.engine import make_engine
from inspector_app.storage.models import ArchivedReport
from tests.conftest import mark_ready_for_review
from tests.integration.field import CA_PASS, PASS, Field, inspections, make_field, pdf

DRAFTS = ("draft", "in_progress")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HQ's CA (trusted at HQ; its CRL only in the CA folder), a laptop with two signed reports: the demo COE and
    a second one."""
    field = make_field(tmp_path_factory.mktemp("archive"))
    with open_workspace(field.laptop, actor="Awa Diop") as ws:
        other = next(i for i in inspections(ws) if i.status in DRAFTS)
        mark_ready_for_review(ws, other.id)
        signing.sign_report(ws, other.id, pdf(), PASS)
    return field.root


@pytest.fixture
def field(seeded: Path, tmp_path: Path) -> Field:
    field = Field(Path(shutil.copytree(seeded, tmp_path / "field")))
    tsa.init_tsa(field.ca_dir, CA_PASS)
    (field.root / "ca-pass").write_text(CA_PASS + "\n", encoding="utf-8")
    return field


@pytest.fixture
def hq(field: Field, hq_url: str) -> Iterator[tuple[Field, str]]:
    with open_workspace(field.hq, actor="HQ registry", db_url=hq_url):
        pass  # HQ's database, migrated
    yield field, hq_url


def _crl(field: Field) -> x509.CertificateRevocationList:
    crl = ca.current_crl(field.ca_dir)
    assert crl is not None
    return crl


def _cli(field: Field, *args: str) -> int:
    return main(["--data-dir", str(field.hq), *args])


def _authority(field: Field) -> list[str]:
    return ["--ca-dir", str(field.ca_dir), "--passphrase-file", str(field.root / "ca-pass")]


def _signed(field: Field, number: int = 0) -> bytes:
    """A signed report from the laptop (0: the COE)."""
    with open_workspace(field.laptop) as ws:
        signed = sorted((i for i in inspections(ws) if i.status == "signed"), key=lambda i: i.id)
        report = signing.signed_report(ws, signed[number].id)
    assert report is not None
    return report


def _context(field: Field) -> ValidationContext:
    """pyHanko's validation context with HQ's CA alone."""
    ca_cert = load_certificates((field.ca_dir / ca.CA_PEM).read_bytes(), "CA")[0]
    return ValidationContext(trust_roots=[to_asn1(ca_cert)], allow_fetching=False)


def _timestamps(pdf_bytes: bytes, field: Field) -> list[tuple[bool, bool]]:
    """(intact and valid, trusted) for each document timestamp, by pyHanko's validator and HQ's CA alone."""
    context = _context(field)
    reader = PdfFileReader(io.BytesIO(pdf_bytes))
    results = [validate_pdf_timestamp(ts, context) for ts in reader.embedded_timestamp_signatures]
    return [(bool(r.intact and r.valid), bool(r.trusted)) for r in results]


def _pdfsig(path: Path) -> str:
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False, timeout=60)
    return done.stdout + done.stderr


# -- one file ------------------------------------------------------------------------------------------------
def test_one_file_is_archived_with_validation_data_and_a_trusted_timestamp(field: Field, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "signed.pdf", tmp_path / "archived.pdf"
    source.write_bytes(_signed(field))
    assert _cli(field, "hq", "archive", str(source), "-o", str(out), *_authority(field)) == 0
    assert "PAdES B-LTA" in capsys.readouterr().out
    archived = out.read_bytes()
    assert archived.startswith(source.read_bytes())  # every signed byte as it was
    dss = PdfFileReader(io.BytesIO(archived)).root["/DSS"]
    assert dss["/Certs"] and dss["/CRLs"]  # the chain, and the CA folder's CRL
    assert _timestamps(archived, field) == [(True, True)]
    # pyHanko's validator: the inspector's certification signature still holds; what follows it is LTA updates
    with out.open("rb") as handle:
        status = validate_pdf_signature(PdfFileReader(handle).embedded_regular_signatures[0], _context(field))
        assert status.bottom_line and status.modification_level is ModificationLevel.LTA_UPDATES
    # poppler 22.12 still finds the inspector's signature valid (now "Not total document signed": the
    # archiving updates follow it), and lists HQ's timestamp by its signer, but cannot validate a document
    # timestamp ("Signature Type: unknown", "Unable to validate this type of signature"): pyHanko does, above.
    said = _pdfsig(out)
    assert said.count("Signature is Valid.") == 1 and "Digest Mismatch" not in said, said
    assert "Not total document signed" in said
    assert "Signer Certificate Common Name: UN Police Division CA Timestamp Authority" in said


def test_renewing_one_file_adds_a_second_trusted_timestamp(field: Field, tmp_path: Path) -> None:
    source, out, renewed = tmp_path / "signed.pdf", tmp_path / "archived.pdf", tmp_path / "renewed.pdf"
    source.write_bytes(_signed(field))
    assert _cli(field, "hq", "archive", str(source), "-o", str(out), *_authority(field)) == 0
    assert _cli(field, "hq", "renew", str(out), "-o", str(renewed), *_authority(field)) == 0
    assert renewed.read_bytes().startswith(out.read_bytes())
    assert _timestamps(renewed.read_bytes(), field) == [(True, True), (True, True)]


def test_inspector_verify_reads_an_archived_and_a_renewed_report_as_b_lta(field: Field, tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """What HQ writes is what ``verify`` judges: every signature B-LTA, proven by HQ's timestamp, each timestamp
    intact and trusted; exit 0."""
    source, out, renewed = tmp_path / "signed.pdf", tmp_path / "archived.pdf", tmp_path / "renewed.pdf"
    source.write_bytes(_signed(field))
    assert _cli(field, "hq", "archive", str(source), "-o", str(out), *_authority(field)) == 0
    assert _cli(field, "hq", "renew", str(out), "-o", str(renewed), *_authority(field)) == 0
    capsys.readouterr()
    for path, stamps in ((out, 1), (renewed, 2)):
        assert _cli(field, "verify", str(path), "--json") == 0, capsys.readouterr()
        said = json.loads(capsys.readouterr().out)
        assert said["ok"] and said["signatures"], said
        assert {s["level"] for s in said["signatures"]} == {"B-LTA"}
        assert all(s["proven_time"] and s["ok"] for s in said["signatures"])
        assert [(t["intact"], t["trusted"]) for t in said["timestamps"]] == [(True, True)] * stamps


def _refused(field: Field, tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str],
             data_dir: Path | None = None) -> str:
    source, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(data)
    rc = main(["--data-dir", str(data_dir or field.hq), "hq", "archive", str(source), "-o", str(out),
               *_authority(field)])
    err = capsys.readouterr().err
    assert rc != 0 and not out.exists(), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


def test_a_file_without_a_signature_is_refused(field: Field, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert "no signature" in _refused(field, tmp_path, pdf(), capsys)


def test_an_altered_file_is_refused(field: Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    signed = bytearray(_signed(field))
    at = signed.index(b"/Producer")  # in the first revision: inside the signed range
    signed[at + 2] ^= 0x01
    assert "is not archived: its signatures do not check" in _refused(field, tmp_path, bytes(signed), capsys)


def test_an_untrusted_signature_is_refused(field: Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stranger = tmp_path / "stranger"  # an installation that trusts no CA
    err = _refused(field, tmp_path, _signed(field), capsys, data_dir=stranger)
    assert "is not archived: its signatures do not check" in err and "trust" in err, err


def test_a_revoked_signer_is_refused(field: Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _revoke_laptop(field)
    assert "revoked" in _refused(field, tmp_path, _signed(field), capsys)


def test_an_archived_file_is_refused_with_a_hint_to_renew(field: Field, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    once = tmp_path / "once.pdf"
    (tmp_path / "signed.pdf").write_bytes(_signed(field))
    assert _cli(field, "hq", "archive", str(tmp_path / "signed.pdf"), "-o", str(once), *_authority(field)) == 0
    capsys.readouterr()
    assert "hq renew" in _refused(field, tmp_path, once.read_bytes(), capsys)


def test_renewing_a_file_never_archived_is_refused(field: Field, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "signed.pdf").write_bytes(_signed(field))
    rc = _cli(field, "hq", "renew", str(tmp_path / "signed.pdf"), "-o", str(tmp_path / "out.pdf"), *_authority(field))
    assert rc != 0 and not (tmp_path / "out.pdf").exists()
    assert "archive it first" in capsys.readouterr().err


def test_a_wrong_ca_passphrase_is_one_clear_line(field: Field, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "signed.pdf").write_bytes(_signed(field))
    (tmp_path / "wrong").write_text("not the passphrase\n", encoding="utf-8")
    rc = _cli(field, "hq", "archive", str(tmp_path / "signed.pdf"), "-o", str(tmp_path / "out.pdf"),
              "--ca-dir", str(field.ca_dir), "--passphrase-file", str(tmp_path / "wrong"))
    err = capsys.readouterr().err
    assert rc != 0 and not (tmp_path / "out.pdf").exists() and "Traceback" not in err


def _revoke_laptop(field: Field) -> None:
    """Revoke the laptop's certificate at HQ's CA and publish the CRL to HQ's installation."""
    identity = keys.load_identity(DataDir(field.laptop), PASS)
    ca.revoke(field.ca_dir, identity.certificate.serial_number, CA_PASS, reason="key-compromise",
              when=datetime.now(UTC) - timedelta(days=1))
    trust.add_crl(DataDir(field.hq), _crl(field))


# -- HQ's database -----------------------------------------------------------------------------------------
def _bundle(field: Field, name: str, number: int | None = None) -> Path:
    out = field.root / name
    with open_workspace(field.laptop) as ws:
        refs = None
        if number is not None:
            signed = sorted((i for i in inspections(ws) if i.status == "signed"), key=lambda i: i.id)
            refs = [signed[number].id]
        bundle_export.export_bundle(ws, out, PASS, refs, full_history=True)
    return out


def _rows(field: Field, url: str) -> list[ArchivedReport]:
    with open_workspace(field.hq, db_url=url) as ws, ws.db.read() as session:
        return list(session.exec(select(ArchivedReport)))


def _check_rows(ws: Workspace, rows: list[ArchivedReport], field: Field) -> None:
    for row in rows:
        signed = ws.data.media_path(row.signed_sha256).read_bytes()
        archived = ws.data.media_path(row.archived_sha256).read_bytes()
        assert archived.startswith(signed) and archived != signed
        assert all(t == (True, True) for t in _timestamps(archived, field))


def test_import_with_the_authority_archives_the_signed_reports(hq: tuple[Field, str],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    field, url = hq
    bundle = _bundle(field, "all.bundle")
    assert _cli(field, "hq", "import", str(bundle), "--db", url, "--archive", "--ca-dir", str(field.ca_dir),
                "--ca-passphrase-file", str(field.root / "ca-pass")) == 0
    assert "archived 2 signed report(s)" in capsys.readouterr().out
    rows = _rows(field, url)
    assert len(rows) == 2
    with open_workspace(field.hq, db_url=url) as ws:
        _check_rows(ws, rows, field)
        assert archive.pending(ws) == []
        copy = ws.data.media_path(rows[0].archived_sha256).read_bytes()
        health = maintenance.check(ws)  # inspector db check: the archived copies are media files it checks
        assert health.ok and health.media_files >= 4, health.problems
    capsys.readouterr()
    assert _cli(field, "hq", "archived", "--db", url, "--json") == 0
    assert {r["archived_sha256"] for r in json.loads(capsys.readouterr().out)} == {r.archived_sha256 for r in rows}
    out = field.root / "copy.pdf"
    assert _cli(field, "hq", "archived", rows[0].inspection_id[:8], "-o", str(out), "--db", url) == 0
    assert out.read_bytes() == copy


def test_import_without_the_authority_says_how_many_wait_then_archive_pending(
        hq: tuple[Field, str], capsys: pytest.CaptureFixture[str]) -> None:
    field, url = hq
    assert _cli(field, "hq", "import", str(_bundle(field, "all.bundle")), "--db", url) == 0
    assert "2 signed report(s) wait for archiving" in capsys.readouterr().out
    assert _rows(field, url) == []
    assert _cli(field, "hq", "archive", "--pending", "--db", url, *_authority(field)) == 0
    assert "archived 2 signed report(s)" in capsys.readouterr().out
    rows = _rows(field, url)
    assert len(rows) == 2
    with open_workspace(field.hq, db_url=url) as ws:
        _check_rows(ws, rows, field)
    assert _cli(field, "hq", "archive", "--pending", "--db", url, *_authority(field)) == 0
    assert "archived 0 signed report(s)" in capsys.readouterr().out


def test_a_report_that_fails_verification_is_not_archived_and_the_import_says_so(
        hq: tuple[Field, str], capsys: pytest.CaptureFixture[str]) -> None:
    field, url = hq
    bundle = _bundle(field, "all.bundle")
    assert _cli(field, "hq", "import", str(bundle), "--db", url) == 0  # without the authority: they wait
    _revoke_laptop(field)  # then the signer is revoked (from the day before)
    capsys.readouterr()
    # Importing again: the bundle is refused as today (its sender is revoked); the reports waiting are tried,
    # and each is named as not archived, with the reason.
    assert _cli(field, "hq", "import", str(bundle), "--db", url, "--archive", "--ca-dir", str(field.ca_dir),
                "--ca-passphrase-file", str(field.root / "ca-pass")) == 1
    err = capsys.readouterr().err
    assert err.count("was not archived: its signatures do not check") == 2, err
    assert "revoked" in err
    assert _rows(field, url) == []
    assert _cli(field, "hq", "archive", "--pending", "--db", url, *_authority(field)) == 1
    assert capsys.readouterr().err.count("not archived") == 2


def test_renew_picks_only_the_reports_whose_timestamp_runs_out(hq: tuple[Field, str],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    field, url = hq
    archive_args = ["--archive", "--ca-dir", str(field.ca_dir), "--ca-passphrase-file", str(field.root / "ca-pass")]
    tsa.init_tsa(field.ca_dir, CA_PASS, days=30)  # a timestamp certificate that runs out soon
    assert _cli(field, "hq", "import", str(_bundle(field, "first.bundle", 0)), "--db", url, *archive_args) == 0
    assert _cli(field, "hq", "renew", "--db", url, *_authority(field)) == 1  # the authority itself runs out
    assert "issue a new one first" in capsys.readouterr().err
    tsa.init_tsa(field.ca_dir, CA_PASS)  # a new one, for years
    assert _cli(field, "hq", "import", str(_bundle(field, "second.bundle", 1)), "--db", url, *archive_args) == 0
    before = {r.signed_sha256: r for r in _rows(field, url)}
    assert len(before) == 2
    capsys.readouterr()
    assert _cli(field, "hq", "renew", "--before", "365", "--db", url, *_authority(field)) == 0
    assert "renewed the timestamp of 1 archived report(s)" in capsys.readouterr().out
    after = {r.signed_sha256: r for r in _rows(field, url)}
    renewed = [d for d in after if after[d].archived_sha256 != before[d].archived_sha256]
    assert len(renewed) == 1 and after[renewed[0]].renewals == 1
    assert after[renewed[0]].timestamp_expires > datetime.now(UTC) + timedelta(days=365)
    with open_workspace(field.hq, db_url=url) as ws:
        data = ws.data.media_path(after[renewed[0]].archived_sha256).read_bytes()
        assert data.startswith(ws.data.media_path(before[renewed[0]].archived_sha256).read_bytes())
    assert _timestamps(data, field) == [(True, True), (True, True)]
    assert _cli(field, "hq", "renew", "--db", url, *_authority(field)) == 0
    assert "of 0 archived" in capsys.readouterr().out


def test_migration_0005_adds_the_archive_and_earlier_signed_reports_wait(hq_url: str, tmp_path: Path) -> None:
    """A database at 0004 with a signed report upgrades on opening (SQLite and PostgreSQL): the report waits for
    archiving; the downgrade drops the table again."""
    engine = make_engine(hq_url)
    config = migrations.alembic_config()
    stamp = {"created_at": "2026-01-02 03:04:05", "updated_at": "2026-01-02 03:04:05", "device_id": "dev-a"}
    rows = [("mission", {"id": "m", "name": "Mission", "code": "M"}),
            ("unit", {"id": "u", "mission_id": "m", "name": "FPU", "kind": "fpu", "contributing_country": "X",
                      "location": "", "commander": "", "readiness_level": ""}),
            ("template", {"id": "t", "template_id": "coe", "version": 1, "kind": "coe", "title_en": "T",
                          "title_fr": "T", "source": "", "sha256": "0" * 64}),
            ("inspection", {"id": "i", "unit_id": "u", "template_pk": "t", "type": "periodic", "status": "signed",
                            "team": "", "scope_json": "{}"}),
            ("signature", {"id": "s", "inspection_id": "i", "role": "assessor", "signer_name": "A", "kind": "digital",
                           "document_sha256": "d" * 64, "signed_at": "2026-01-02 03:04:05", "lang": None})]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        for table, values in rows:
            values = {**stamp, **values}
            conn.execute(text(f"INSERT INTO {table} ({', '.join(values)}) VALUES "
                              f"({', '.join(':' + c for c in values)})"), values)
    engine.dispose()

    with open_workspace(tmp_path / "data", db_url=hq_url) as ws:
        assert [(r.inspection_id, r.lang, r.signed_sha256) for r in archive.pending(ws)] == [("i", "en", "d" * 64)]
    engine = make_engine(hq_url)
    try:
        with engine.begin() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision() >= "0005"  # opened: at the head
            assert "archived_report" in inspect(conn).get_table_names()
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
            assert "archived_report" not in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_a_report_archived_meanwhile_by_another_process_is_left_as_it_is(hq: tuple[Field, str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    field, url = hq
    assert _cli(field, "hq", "import", str(_bundle(field, "all.bundle")), "--db", url) == 0
    with open_workspace(field.hq, db_url=url) as ws:
        waiting = archive.pending(ws)
        authority = archive.open_authority(ws.data, field.ca_dir, CA_PASS)
        assert len(archive.archive_pending(ws, authority).done) == 2
        before = _rows(field, url)
        monkeypatch.setattr(archive, "pending", lambda _ws: waiting)  # as a second process saw them, before
        run = archive.archive_pending(ws, authority)
    assert run.done == [] and run.refused == []
    assert {r.archived_sha256 for r in _rows(field, url)} == {r.archived_sha256 for r in before}


def test_import_with_a_wrong_ca_passphrase_imports_nothing(hq: tuple[Field, str], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    field, url = hq
    (tmp_path / "wrong").write_text("not the passphrase\n", encoding="utf-8")
    assert _cli(field, "hq", "import", str(_bundle(field, "all.bundle")), "--db", url, "--archive",
                "--ca-dir", str(field.ca_dir), "--ca-passphrase-file", str(tmp_path / "wrong")) == 1
    assert "passphrase does not open" in capsys.readouterr().err
    with open_workspace(field.hq, db_url=url) as ws:
        assert archive.pending(ws) == []  # no signed report came in: the bundle was not imported
