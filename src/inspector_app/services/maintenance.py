"""Health checks of an installation: SQLite integrity, foreign keys, audit chains, media files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import select

from inspector_app.storage import audit
from inspector_app.storage.models import ArchivedReport, Attachment, Signature

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


@dataclass
class CheckReport:
    audit_events: int = 0
    media_files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(ws: Workspace) -> CheckReport:
    report = CheckReport(problems=ws.db.integrity_problems())
    with ws.db.read() as session:
        report.audit_events, chain_problems = audit.verify_chains(session)
        report.problems.extend(str(p) for p in chain_problems)
        hashes = {h for column in (Attachment.sha256, Attachment.display_sha256, Signature.image_sha256,
                                   Signature.document_sha256, ArchivedReport.archived_sha256)
                  for h in session.exec(select(column)).all() if h}
    for sha in sorted(hashes):
        path = ws.data.media_path(sha)
        if not path.exists():
            report.problems.append(f"media file {sha[:12]}… is missing from {ws.data.media}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            report.problems.append(f"media file {sha[:12]}… does not match its hash (altered or damaged)")
        else:
            report.media_files += 1
    return report
