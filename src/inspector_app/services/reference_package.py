"""HQ → field reference packages: missions, units, MOUs, rosters and templates, with HQ's CA and CRL.

``build_package`` writes a signed ``reference`` bundle from HQ's database and CA folder. ``import_reference``
applies one on a laptop: the bundle is checked completely (signature, hashes, every record), its signer must
be trusted — on a laptop that trusts no CA yet, through the CA certificate the package carries, whose
fingerprint HQ gives out of band — then every record is applied in one transaction, and the CA certificate
and CRL are installed once that transaction is committed. See ``docs/bundle-format.md`` (Reference bundles).

Records are matched by id: new ones are added, changed ones take HQ's values (with the device and time of
their origin). For each MOU and unit the package carries, its MOU lines, self-sustainment categories and
roster are HQ's list: the ones HQ no longer lists are removed, unless this laptop wrote them itself.
Missions, units and MOUs are never removed. The package also carries the planned inspections of its units (never
removed: HQ cancels a plan instead), merged as a laptop's bundles bring them to HQ (``planning.merge``): a plan
started here keeps its link to its inspection, otherwise the later edit wins (docs/planning.md). Inspections keep
the scope they froze when they started. Template versions are added, never changed. These rules are decided record
by record in ``sync.merge``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, SQLModel, func, select

from inspector_app.crypto import CryptoError, ca, keys, trust
from inspector_app.crypto.certificates import (
    Certificate,
    RevocationList,
    fingerprint,
    is_ca,
    issued_by,
    load_certificates,
    load_crls,
    pem,
)
from inspector_app.errors import InspectorError, NotFound, ValidationError
from inspector_app.files import sha256_of
from inspector_app.paths import DataDir
from inspector_app.progress import Progress
from inspector_app.services import planning, templates
from inspector_app.storage.bulk import select_in
from inspector_app.storage.models import (
    ImportedBundle,
    Mission,
    Mou,
    MouLine,
    MouSelfSustainment,
    Person,
    PlannedInspection,
    TemplateRecord,
    Unit,
)
from inspector_app.sync import BundleError, merge
from inspector_app.sync.archive import Bundle, read_bundle, write_bundle
from inspector_app.sync.manifest import Kind, Manifest
from inspector_app.sync.merge import Action, Reason
from inspector_app.sync.records import REFERENCE_TABLES, dump, fields, parse_tables, record_files, table_name, utc

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

__all__ = ["KIND", "CaNotAccepted", "ReferenceResult", "TableCounts", "build_package", "import_reference"]

KIND: Kind = "reference"
HQ_ROLE = "hq"
CA_FILE = "trust/hq-ca.pem"
CRL_FILE = "trust/hq-crl.pem"
# The tables applied by id (templates go by template id and version), parents first.
RECORD_TABLES: tuple[type[SQLModel], ...] = (Mission, Unit, Mou, MouLine, MouSelfSustainment, Person,
                                             PlannedInspection)
# Two records with different ids must not share one of these.
NATURAL_KEYS: dict[type[SQLModel], tuple[str, ...]] = {
    Mission: ("code",), Unit: ("mission_id", "name"), Mou: ("unit_id", "version"), MouLine: ("mou_id", "line_no"),
    MouSelfSustainment: ("mou_id", "category"), Person: ("unit_id", "id_number"), PlannedInspection: ("id",),
}
DESCRIPTIONS: dict[type[SQLModel], str] = {
    Mission: "mission {code}", Unit: "unit {name!r} (in the same mission)",
    Mou: "MOU version {version} (of the same unit)",
    MouLine: "MOU line {line_no} (of the same MOU)",
    MouSelfSustainment: "self-sustainment category {category!r} (of the same MOU)",
    Person: "officer {id_number} (of the same unit's roster)", PlannedInspection: "planned inspection {id}",
}
PARENTS: dict[type[SQLModel], tuple[type[SQLModel], str]] = {
    Unit: (Mission, "mission_id"), Mou: (Unit, "unit_id"), MouLine: (Mou, "mou_id"),
    MouSelfSustainment: (Mou, "mou_id"), Person: (Unit, "unit_id"), PlannedInspection: (Unit, "unit_id"),
}
# The package lists these in full for each parent it carries.
LISTS: tuple[type[SQLModel], ...] = (MouLine, MouSelfSustainment, Person)


class CaNotAccepted(BundleError):
    """A package this laptop cannot check without the CA fingerprint HQ gave, or with another fingerprint."""

    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint  # of the CA certificate the package carries ("" if it carries none)


@dataclass(frozen=True)
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0  # this laptop's copy differs and stays (a plan started or changed here)


@dataclass(frozen=True)
class ReferenceResult:
    """What an import did: per table, per template version, and to the trust store."""

    bundle_id: str
    signer: str
    ca_fingerprint: str  # the CA certificate the package carries ("" if none)
    tables: dict[str, TableCounts]
    templates_added: tuple[str, ...]  # "id vN"
    templates_unchanged: int
    trust_installed: tuple[str, ...]  # trust files written or replaced in data/trust/
    already_imported: bool = False  # this very bundle was applied before: nothing was applied again
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.templates_added or self.trust_installed or any(
            c.added or c.updated or c.removed for c in self.tables.values()))


@dataclass(frozen=True)
class _Checked:
    bundle: Bundle
    trust_files: dict[str, bytes]  # trust/*.pem path -> bytes, each checked
    ca_fingerprint: str


# --- HQ: build ---------------------------------------------------------------------------------------------

def build_package(
    ws: Workspace,
    path: str | os.PathLike[str],
    passphrase: str,
    ca_dir: Path,
    missions: list[str] | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Write HQ's signed reference package to ``path`` and return its manifest.

    ``ws`` is HQ's workspace (its database and data folder, whose identity signs); ``ca_dir`` is HQ's CA
    folder, whose CA certificate and current CRL travel in the package; ``missions`` are mission codes
    (every mission when None or empty). The signer must hold a certificate issued by that CA, else laptops
    could not check the package.
    """
    if not (ca_dir / ca.CA_PEM).is_file():
        raise CryptoError(f"no CA in {ca_dir}; create one with 'inspector hq ca init', or give its folder")
    authority = ca.ca_certificate(ca_dir)
    crl = ca.current_crl(ca_dir)
    identity = keys.load_identity(ws.data, passphrase)
    if not issued_by(identity.certificate, authority):
        raise CryptoError(f"the identity of {identity.name} was not issued by the CA in {ca_dir}: laptops could "
                          "not check the package; issue HQ's certificate with 'inspector hq ca issue' first")
    if crl is not None and crl.get_revoked_certificate_by_serial_number(identity.certificate.serial_number):
        raise CryptoError(f"the certificate of {identity.name} is revoked by HQ's CA: laptops would refuse the "
                          "package")
    if identity.role != HQ_ROLE:
        raise CryptoError(f"the identity of {identity.name} is for the role '{identity.role}': laptops take reference "
                          "packages only from a certificate for the 'hq' role (inspector keys init --role hq)")
    with ws.db.read() as session:
        records = _reference_records(session, missions or [])
    files = {CA_FILE: pem(authority)}
    if crl is not None:
        files[CRL_FILE] = pem(crl)
    return write_bundle(path, KIND, records, files, identity, sender_name=identity.name,
                        device_id=ws.db.device_id, progress=progress)


def _reference_records(session: Session, codes: list[str]) -> dict[str, list[dict[str, Any]]]:
    query = select(Mission)
    if codes:
        query = query.where(Mission.code.in_(sorted(set(codes))))  # type: ignore[attr-defined]
    missions = list(session.exec(query))
    unknown = sorted(set(codes) - {m.code for m in missions})
    if unknown:
        raise NotFound(f"no mission {unknown[0]!r} in HQ's database")
    units = select_in(session, Unit, Unit.mission_id, (m.id for m in missions))
    mous = select_in(session, Mou, Mou.unit_id, (u.id for u in units))
    rows: dict[type[SQLModel], list[Any]] = {
        Mission: missions,
        Unit: units,
        Mou: mous,
        MouLine: select_in(session, MouLine, MouLine.mou_id, (m.id for m in mous)),
        MouSelfSustainment: select_in(session, MouSelfSustainment, MouSelfSustainment.mou_id, (m.id for m in mous)),
        Person: select_in(session, Person, Person.unit_id, (u.id for u in units)),
        PlannedInspection: select_in(session, PlannedInspection, PlannedInspection.unit_id, (u.id for u in units)),
    }
    records = record_files({m: [dump(r) for r in sorted(rows[m], key=lambda r: r.id)] for m in RECORD_TABLES})
    records[table_name(TemplateRecord)] = [dump(r) for r in templates.list_templates(session)]  # every version
    return records


# --- laptop: import ----------------------------------------------------------------------------------------

def import_reference(ws: Workspace, path: str | os.PathLike[str], *, accept_ca: str | None = None) -> ReferenceResult:
    """Apply HQ's reference package at ``path`` to this installation, all or nothing; see the module doc.

    ``accept_ca`` is the SHA-256 fingerprint of HQ's CA certificate as HQ gave it out of band (colons, spaces
    and case do not matter). It is needed when this laptop does not trust the package's signer yet (first
    run): the package's CA certificate must have that fingerprint and the signer must chain to it. When it
    is given, the package's CA certificate must match it in any case.
    """
    path = Path(path)
    checked = _checked(ws.data, path, accept_ca)
    bundle = checked.bundle
    tables = parse_tables(bundle.records, REFERENCE_TABLES)
    bundle_id = str(bundle.manifest.bundle_id)
    created = bundle.manifest.created_at
    with ws.db.session() as session:
        latest = _latest(session, bundle.manifest.source_device)
        decision = merge.bundle(session.get(ImportedBundle, bundle_id) is not None, latest, created)
        if decision.action is Action.REFUSE:
            raise BundleError(f"this reference package was made on {created:%Y-%m-%d %H:%M} UTC, before the one "
                              f"applied here already ({latest:%Y-%m-%d %H:%M} UTC): it would put older reference "
                              "data back; nothing was changed")
        already = decision.action is Action.IGNORE
        if already:
            counts = {table_name(m): TableCounts(unchanged=len(tables[m])) for m in RECORD_TABLES}
            added: list[str] = []
            notes: list[str] = []
        else:
            counts = _apply_records(ws, session, tables)
            added, notes = _apply_templates(ws, session, tables[TemplateRecord], path.name)
            summary = {"file": path.name, "signer": bundle.signer.name, "templates_added": added,
                       "tables": {t: asdict(c) for t, c in counts.items()}}
            ws.audit(session, "reference.import", "bundle", bundle_id, new=summary)
            session.add(ImportedBundle(
                id=bundle_id, kind=KIND, sender=bundle.manifest.sender.name,
                certificate_sha256=bundle.signer.fingerprint, source_device=bundle.manifest.source_device,
                created_at=bundle.manifest.created_at, file_sha256=sha256_of(path),
                summary_json=json.dumps(summary, sort_keys=True, ensure_ascii=False)))
    installed = _install_trust(ws.data, checked.trust_files)  # only once the records are committed
    return ReferenceResult(
        bundle_id=bundle_id, signer=bundle.signer.name, ca_fingerprint=checked.ca_fingerprint, tables=counts,
        templates_added=tuple(added), templates_unchanged=len(tables[TemplateRecord]) - len(added),
        trust_installed=installed, already_imported=already, notes=tuple(notes))


def _latest(session: Session, source_device: str) -> datetime | None:
    """When the newest package applied here from the HQ installation ``source_device`` was made."""
    latest = session.exec(select(func.max(ImportedBundle.created_at)).where(
        ImportedBundle.kind == KIND, ImportedBundle.source_device == source_device)).one()
    return None if latest is None else utc(latest)


def normalize_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as 64 upper-case hex digits, from any spelling (colons, spaces, case)."""
    digits = re.sub(r"[\s:]", "", text).upper()
    if not re.fullmatch(r"[0-9A-F]{64}", digits):
        raise ValidationError(f"{text.strip()!r} is not a SHA-256 fingerprint (64 hexadecimal digits, "
                              "usually written in pairs separated by colons)")
    return digits


def _checked(data: DataDir, path: Path, accept_ca: str | None) -> _Checked:
    wanted = normalize_fingerprint(accept_ca) if accept_ca is not None else None
    store = trust.load(data)
    bundle = read_bundle(path, store, allow_untrusted=True)  # altered, damaged or revoked: refused here
    if bundle.manifest.kind != KIND:
        raise BundleError(f"{path.name} is a {bundle.manifest.kind} bundle, not a reference package from HQ")
    files, cas, crls = _trust_files(bundle, store)
    match = next((c for c in cas if normalize_fingerprint(fingerprint(c)) == wanted), None)
    shown = fingerprint(match or cas[0]) if cas else ""
    if wanted is not None and match is None:
        has = f"a CA certificate whose fingerprint is {shown}" if shown else "no CA certificate"
        raise CaNotAccepted(f"the package carries {has}, not the one given ({accept_ca}): do not import it; "
                            "ask HQ", shown)
    if not bundle.signer.trusted:
        if match is None:
            raise CaNotAccepted(_untrusted_message(bundle, store, shown), shown)
        # The signer must chain to the CA whose fingerprint was given (and not be revoked by its CRL).
        bundle = read_bundle(path, trust.TrustStore((match,), tuple(crls)))
    if bundle.signer.role != HQ_ROLE:  # any certificate the CA issued is trusted; only HQ's may send reference data
        raise BundleError(f"the package is signed by {bundle.signer.name}, whose certificate is for the role "
                          f"'{bundle.signer.role or 'none'}': only a certificate HQ's CA issued for the 'hq' role "
                          "may sign reference packages")
    return _Checked(bundle, files, shown)


def _untrusted_message(bundle: Bundle, store: trust.TrustStore, shown: str) -> str:
    who = f"{bundle.signer.name} ({bundle.signer.trust})"
    if not shown:
        return f"the package is signed by {who} and carries no CA certificate: this laptop cannot check it"
    if not store.roots:
        return (f"this laptop does not trust HQ's CA yet. The package says its CA fingerprint is {shown}: check "
                "with HQ that this is their CA's fingerprint, then import it again giving that fingerprint")
    return (f"the package is signed by {who}, whom the CAs this laptop trusts did not certify. If HQ has a new "
            f"CA, check with HQ that its fingerprint is {shown}, then import again giving that fingerprint")


def _trust_files(bundle: Bundle, store: trust.TrustStore) -> tuple[
        dict[str, bytes], list[Certificate], list[RevocationList]]:
    """The package's trust files, each a CA certificate or a CRL signed by one; refused otherwise."""
    files = {p: bundle.read(p) for p in bundle.paths if p.startswith("trust/")}
    cas: list[Certificate] = []
    crls: list[RevocationList] = []
    for name, blob in files.items():
        has_cert, has_crl = b"-----BEGIN CERTIFICATE-----" in blob, b"-----BEGIN X509 CRL-----" in blob
        if not (has_cert or has_crl):
            raise BundleError(f"the package is refused: {name} holds neither a certificate nor a CRL (PEM)")
        try:
            certs = load_certificates(blob, name) if has_cert else []
            lists = load_crls(blob, name) if has_crl else []
        except CryptoError as exc:
            raise BundleError(f"the package is refused: {exc}") from None
        if not all(is_ca(c) for c in certs):
            raise BundleError(f"the package is refused: {name} holds a certificate that is not a CA's")
        cas += certs
        crls += lists
    issuers = cas + list(store.roots)
    for crl in crls:
        if not any(c.subject == crl.issuer and crl.is_signature_valid(c.public_key())  # type: ignore[arg-type]
                   for c in issuers):
            raise BundleError("the package is refused: it carries a revocation list that no CA it carries, nor "
                              "any this laptop trusts, has signed")
    return files, cas, crls


def _apply_records(ws: Workspace, session: Session, tables: dict[type[SQLModel], list[Any]]) -> dict[str, TableCounts]:
    local = {m: _by_id(session.exec(select(m))) for m in RECORD_TABLES}
    incoming = {m: {r.id: r for r in tables[m]} for m in RECORD_TABLES}
    removed = _stale(ws, local, incoming)
    _check_final(local, incoming, removed)
    # Rows of a list whose natural key changes are replaced (deleted, then added again with the same id),
    # so that swapped line numbers never meet in the database half-way.
    rekeyed = {m: {i for i, r in incoming[m].items() if i in local[m] and _key(m, r) != _key(m, local[m][i])}
               for m in LISTS}
    for model in reversed(LISTS):
        for record_id in sorted(removed[model] | rekeyed[model]):
            session.delete(local[model][record_id])
    session.flush()
    counts: dict[str, TableCounts] = {}
    for model in RECORD_TABLES:
        if model is PlannedInspection:  # the later edit wins; a plan started here keeps its link
            outcomes = planning.merge(session, incoming[model].values())
        else:
            outcomes = _apply_table(session, incoming[model], local[model], rekeyed.get(model, set()))
        counts[table_name(model)] = TableCounts(outcomes["added"], outcomes["updated"], outcomes["unchanged"],
                                                len(removed.get(model, ())), outcomes["kept"])
    return counts


def _apply_table(session: Session, incoming: dict[str, Any], local: dict[str, Any], rekeyed: set[str]) -> Counter[str]:
    """HQ's records of one table by id (``merge.hq_record``); what each became."""
    outcomes: Counter[str] = Counter()
    for record_id, row in incoming.items():
        mine = local.get(record_id)
        decision = merge.hq_record(None if mine is None else fields(mine), fields(row), rekeyed=record_id in rekeyed)
        if decision.action is Action.INSERT or decision.reason is Reason.REKEYED:
            session.add(row)
        elif decision.action is Action.UPDATE:
            for column in type(row).model_fields:  # HQ's values, stamped as written by their origin
                setattr(mine, column, getattr(row, column))
        outcomes[decision.outcome] += 1
    session.flush()
    return outcomes


def _by_id(rows: Iterable[Any]) -> dict[str, Any]:
    return {r.id: r for r in rows}


def _stale(ws: Workspace, local: dict[type[SQLModel], dict[str, Any]],
           incoming: dict[type[SQLModel], dict[str, Any]]) -> dict[type[SQLModel], set[str]]:
    """List rows HQ no longer lists for a parent the package carries (never the ones this laptop wrote)."""
    stale: dict[type[SQLModel], set[str]] = {}
    for model in LISTS:
        parent, column = PARENTS[model]
        stale[model] = {i for i, r in local[model].items() if merge.hq_list_row(
            listed=i in incoming[model], parent_carried=getattr(r, column) in incoming[parent],
            written_here=r.device_id == ws.db.device_id).action is Action.REMOVE}
    return stale


def _check_final(local: dict[type[SQLModel], dict[str, Any]], incoming: dict[type[SQLModel], dict[str, Any]],
                 removed: dict[type[SQLModel], set[str]]) -> None:
    """Refuse, before any change, a package whose records would collide with this laptop's or lack a parent."""
    final = {m: {**{i: r for i, r in local[m].items() if i not in removed.get(m, set())}, **incoming[m]}
             for m in RECORD_TABLES}
    for model in RECORD_TABLES:
        name = table_name(model)
        if model in PARENTS:
            parent, column = PARENTS[model]
            for row in incoming[model].values():
                if getattr(row, column) not in final[parent]:
                    raise BundleError(f"the package is refused: its {name} {row.id[:8]} refers to a "
                                      f"{table_name(parent)} that is neither in it nor on this laptop")
        seen: dict[tuple[Any, ...], str] = {}
        for record_id, row in final[model].items():
            other = seen.setdefault(_key(model, row), record_id)
            if other != record_id and (record_id in incoming[model] or other in incoming[model]):
                raise ValidationError(_collision(model, row, other, record_id, incoming[model]))


def _collision(model: type[SQLModel], row: Any, first: str, second: str, incoming: dict[str, Any]) -> str:
    what = DESCRIPTIONS[model].format(**{c: getattr(row, c) for c in NATURAL_KEYS[model]})
    if first in incoming and second in incoming:
        return f"the package is refused: it holds two records of the {what}; nothing was changed"
    theirs, mine = (first, second) if first in incoming else (second, first)
    return (f"the package's {what} (id {theirs[:8]}) is another record than this laptop's (id {mine[:8]}), "
            "made here rather than received from HQ (the demo mission, for instance): nothing was changed; "
            "import the package into an installation without that record")


def _key(model: type[SQLModel], row: Any) -> tuple[Any, ...]:
    return tuple(getattr(row, c) for c in NATURAL_KEYS[model])


def _apply_templates(ws: Workspace, session: Session, rows: list[TemplateRecord],
                     source: str) -> tuple[list[str], list[str]]:
    """Install the template versions this laptop lacks; an installed version never changes."""
    added: list[str] = []
    notes: list[str] = []
    for row in sorted(rows, key=lambda r: (r.template_id, r.version)):
        label = f"{row.template_id} v{row.version}"
        existing = session.exec(select(TemplateRecord).where(
            TemplateRecord.template_id == row.template_id, TemplateRecord.version == row.version)).first()
        decision = merge.template_version(None if existing is None else existing.sha256, row.sha256, strict=False)
        if decision.action is Action.INSERT:
            if templates.install(ws, session, row.source, f"{source}: template {label}") is not None:
                added.append(label)
        elif decision.reason is Reason.LOCAL:
            notes.append(f"template {label} differs from HQ's; this laptop keeps its own (a template version "
                         "never changes once installed)")
    return added, notes


def _install_trust(data: DataDir, files: dict[str, bytes]) -> tuple[str, ...]:
    """Install the CA certificates, then the CRLs; the names of the trust files written or replaced."""
    before = _trust_snapshot(data)
    ordered = sorted(files.items(), key=lambda item: (b"-----BEGIN CERTIFICATE-----" not in item[1], item[0]))
    try:
        for name, blob in ordered:
            trust.install(data, blob, name)
    except (CryptoError, OSError) as exc:
        raise InspectorError(f"the records were imported, but the CA certificate and CRL could not be installed "
                             f"({exc}); import the package again to install them") from exc
    after = _trust_snapshot(data)
    return tuple(sorted(name for name, blob in after.items() if before.get(name) != blob))


def _trust_snapshot(data: DataDir) -> dict[str, bytes]:
    folder = trust.trust_dir(data)
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pem"))} if folder.is_dir() else {}
