"""HQ archives the signed verification reports bundles bring (PAdES B-LTA), as it does inspections' reports: the
provisional file, then the countersigned one, each named by its document id; migration 0009 on both backends."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from inspector_app.cli.main import main
from inspector_app.crypto import trust, tsa
from inspector_app.crypto.archive import document_timestamps
from inspector_app.crypto.verify import verify_pdf
from inspector_app.services import archive, hq_import, signed_verifications
from inspector_app.services.installation import open_workspace
from inspector_app.services.workspace import Workspace
from inspector_app.storage import migrations
from inspector_app.storage.engine import make_engine
from tests.integration.field import CA_PASS, Field
from tests.integration.old_rows import STAMP, insert_row, signed_inspection
from tests.integration.test_verification_sync import signed_field


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    field = signed_field(tmp_path_factory.mktemp("varchive"))
    tsa.init_tsa(field.ca_dir, CA_PASS)
    (field.root / "ca-pass").write_text(CA_PASS + "\n", encoding="utf-8")
    return field.root


@pytest.fixture
def authority(field: Field) -> Iterator[archive.Authority]:
    with open_workspace(field.hq) as ws:
        yield archive.open_authority(ws.data, field.ca_dir, CA_PASS)


def _import(hq: Workspace, field: Field, name: str) -> None:
    batch = hq_import.import_files(hq, [field.root / name])
    assert len(batch.imported) == 1 and not batch.refused


def test_the_provisional_then_the_countersigned_report_are_archived(field: Field, hq: Workspace, hq_url: str,
                                                                  authority: archive.Authority,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _import(hq, field, "provisional.bundle")
    [report] = signed_verifications.signed_reports(hq)
    [waiting] = [r for r in archive.pending(hq) if r.document_id is not None]
    assert (waiting.inspection_id, waiting.lang, waiting.signed_sha256) == (None, "fr", report.document_sha256)
    assert waiting.document_id == report.document_id

    run = archive.archive_pending(hq, authority)
    assert not run.refused
    assert report.document_id in [r.document_id for r in run.done]
    assert [r for r in archive.pending(hq) if r.document_id is not None] == []
    first = archive.archived_copy(hq, archive.find(hq, report.document_id[:12].lower()))
    assert first is not None and document_timestamps(first) == 1

    _import(hq, field, "countersigned.bundle")  # the countersigned file waits in its turn
    [report] = signed_verifications.signed_reports(hq)
    [waiting] = [r for r in archive.pending(hq) if r.document_id is not None]
    signed = (field.root / "signed.pdf").read_bytes()
    assert waiting.signed_sha256 == report.document_sha256 == hashlib.sha256(signed).hexdigest()
    assert archive.archive_pending(hq, authority).refused == []

    data = str(field.hq)
    out = field.root / "archived.pdf"
    assert main(["--data-dir", data, "hq", "archived", report.document_id, "-o", str(out), "--db", hq_url]) == 0
    archived = out.read_bytes()
    assert archived.startswith(signed)  # incremental updates: every signed byte as it was
    checks = verify_pdf(archived, trust.load(hq.data))
    assert [(c.field, c.intact, c.trusted) for c in checks] == [
        ("Signature_coe_inspector", True, True), ("Signature_chief_coe_officer", True, True)]
    capsys.readouterr()
    assert main(["--data-dir", data, "hq", "archived", "--json", "--db", hq_url]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["document"] == report.document_id]
    assert len(rows) == 2 and {r["inspection"] for r in rows} == {None}


def test_a_verification_report_not_archived_is_said_by_its_document_id(field: Field, hq: Workspace, hq_url: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _import(hq, field, "provisional.bundle")
    [report] = signed_verifications.signed_reports(hq)
    out = field.root / "none.pdf"
    assert main(["--data-dir", str(field.hq), "hq", "archived", report.document_id, "-o", str(out),
                 "--db", hq_url]) == 1
    assert f"the verification report {report.document_id} is not archived" in capsys.readouterr().err
    assert not out.exists()


def test_migration_0009_keeps_inspection_reports_and_downgrades(hq_url: str) -> None:
    engine = make_engine(hq_url)
    migrations.migrate(engine, "0007")
    with engine.begin() as conn:
        signed_inspection(conn)
        insert_row(conn, "archived_report", id="a", inspection_id="i", lang="en", signed_sha256="1" * 64,
                   archived_sha256="2" * 64, timestamp_expires=STAMP, renewals=0)
    migrations.migrate(engine, "0009")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT id, inspection_id, document_id FROM archived_report")).all() == [
            ("a", "i", None)]
        insert_row(conn, "archived_report", id="v", document_id="VR-X-2026Q3-0123abcd-EN", lang="en",
                   signed_sha256="3" * 64, archived_sha256="4" * 64, timestamp_expires=STAMP, renewals=0)
    migrations.migrate(engine, migrations.head_revision())
    with engine.begin() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    migrations.migrate(engine, "0007", down=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, inspection_id FROM archived_report")).all() == [("a", "i")]
        assert "document_id" not in conn.execute(text("SELECT * FROM archived_report")).keys()
    engine.dispose()
