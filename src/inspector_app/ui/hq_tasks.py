"""What HQ mode's worker runs, off the GUI thread, and how an import is told (no Qt).

``read`` takes the summary, the standard and the signed verification reports in one go; ``import_bundles``
imports field reports one file at a time, so that each says what it did and a cancel stops before the next file;
``write_report`` renders and writes (and signs) the quarterly COE status report; ``archive_reports`` archives the
signed reports that wait (PAdES B-LTA, with HQ's timestamp authority). ``describe`` words what one file did,
``describe_archived`` what archiving did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspector_app.domain.template_model import Rules
from inspector_app.errors import InspectorError
from inspector_app.i18n import _, ngettext
from inspector_app.progress import Cancelled, Progress
from inspector_app.services import (
    archive,
    hq_export,
    hq_import,
    hq_views,
    performance_status,
    report,
    settings,
    signed_verifications,
)
from inspector_app.services.bundle_import import ImportResult
from inspector_app.services.hq_import import Refusal
from inspector_app.services.hq_views import MissionSummary
from inspector_app.services.signed_verifications import SignedReport
from inspector_app.services.workspace import Workspace


@dataclass(frozen=True)
class Snapshot:
    """What the view shows, read in one go on the worker."""

    missions: tuple[MissionSummary, ...]
    threshold: float
    signed: tuple[SignedReport, ...] = ()  # the signed verification reports held


@dataclass(frozen=True)
class ImportRun:
    """What an import did, file by file; ``untried`` files were left when it was cancelled or ``error`` stopped it."""

    outcomes: tuple[tuple[Path, ImportResult | Refusal], ...]
    untried: int = 0
    error: str | None = None
    waiting: int = 0  # signed reports in HQ's database not archived yet, once the import is over


@dataclass(frozen=True)
class Written:
    """A quarterly report written: how many units were inspected, and the PDF's pages and document id."""

    path: Path
    inspected: int
    units: int
    pages: int | None = None
    document_id: str | None = None
    signed_by: str | None = None  # the signature just added, if any
    role: str | None = None


def read(ws: Workspace) -> Snapshot:
    """The summary, the serviceability standard (the installation's, or the templates' default) and the signed
    verification reports."""
    limit = settings.get(ws, settings.SERVICEABILITY_THRESHOLD)
    threshold = float(limit) if limit else Rules().serviceability_threshold
    return Snapshot(tuple(hq_views.mission_summary(ws)), threshold, tuple(signed_verifications.signed_reports(ws)))


def import_bundles(ws: Workspace, paths: Sequence[Path], secret: str | None, progress: Progress) -> ImportRun:
    """Import ``paths`` one by one into HQ's database; runs on the worker."""
    outcomes: list[tuple[Path, ImportResult | Refusal]] = []
    key = (lambda: secret) if secret is not None else None
    for n, path in enumerate(paths):
        try:
            progress.report(n, len(paths))
            batch = hq_import.import_files(ws, [path], passphrase=key)
        except Cancelled:
            return ImportRun(tuple(outcomes), len(paths) - n)
        except InspectorError as exc:  # HQ's identity or the database: no fault of the file, which stays
            return ImportRun(tuple(outcomes), len(paths) - n, str(exc))
        found: list[ImportResult | Refusal] = [*batch.imported, *batch.duplicates, *batch.refused]
        outcomes += [(path, r) for r in found]
    progress.report(len(paths), len(paths))
    return ImportRun(tuple(outcomes), waiting=len(archive.pending(ws)))


def describe(path: Path, outcome: ImportResult | Refusal) -> str:
    """What one file did, as a sentence."""
    if isinstance(outcome, Refusal):
        text = _("{file}: refused: {reason}.").format(file=path.name, reason=outcome.reason.rstrip("."))
        if outcome.copied_to is None:
            return text
        return text + " " + _("A copy is in {path}; the file itself is left as it was.").format(path=outcome.copied_to)
    if outcome.already_imported:
        return _("{file}: imported before, on {date}; nothing changed.").format(
            file=path.name, date=f"{outcome.already_imported:%Y-%m-%d}")
    inspections: Counter[str] = outcome.counts.get("inspection", Counter())
    text = _("{file}: imported, from {sender}; inspections added: {added}, updated: {updated}.").format(
        file=path.name, sender=outcome.sender, added=inspections.get("added", 0),
        updated=inspections.get("updated", 0))
    if outcome.conflicts:
        text += " " + ngettext("{n} conflict kept for review.", "{n} conflicts kept for review.",
                               outcome.conflicts).format(n=outcome.conflicts)
    return " ".join([text, *outcome.notes])


def write_report(ws: Workspace, code: str | None, quarter: str, path: Path, lang: str,
                 signer: report.Signer | None = None, progress: Progress | None = None) -> Written:
    """Render (and with ``signer`` sign) and write the quarterly report of mission ``code`` (None: every mission)
    in ``lang``; runs on the worker."""
    produced = report.quarterly_coe(ws, code, quarter, lang, xlsx=path.suffix != ".pdf", sign=signer,
                                    progress=progress)
    hq_export.write(path, produced.data)
    return Written(path, produced.inspected, produced.units, produced.pages, produced.document_id,
                   produced.signed_by, produced.role)


def write_performance(ws: Workspace, code: str | None, quarter: str, path: Path, lang: str) -> Written:
    """Render and write the quarterly performance report of mission ``code`` (None: every mission) in ``lang``;
    runs on the worker. ``inspected`` counts the units assessed."""
    produced = performance_status.report(ws, quarter, code, lang, xlsx=path.suffix != ".pdf")
    hq_export.write(path, produced.data)
    return Written(path, produced.assessed, produced.units, produced.pages, produced.document_id)


def archive_reports(ws: Workspace, folder: Path, passphrase: str, progress: Progress) -> archive.Run:
    """Archive every signed report that waits, with the timestamp authority in the CA ``folder``; on the worker."""
    return archive.archive_pending(ws, archive.open_authority(ws.data, folder, passphrase), progress)


def describe_archived(run: archive.Run) -> list[str]:
    """What archiving did: one line per report refused (and why), then the count."""
    lines = [_("Not archived: {report}: {reason}").format(report=r.named(), reason=(r.reason or "").rstrip("."))
             for r in run.refused]
    done = ngettext("{n} signed report archived (PAdES B-LTA)", "{n} signed reports archived (PAdES B-LTA)",
                    len(run.done)).format(n=len(run.done))
    refused = ngettext("{n} not archived.", "{n} not archived.", len(run.refused)).format(n=len(run.refused))
    return [*lines, f"{done}; {refused}"]
