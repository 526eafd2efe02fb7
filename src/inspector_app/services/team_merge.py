"""The team merge: inspectors' laptops exchange ``peer-merge`` bundles of the inspection they share.

The team leader sends the inspection to each inspector (``export_peer``); each inspector answers their
part and sends it back; the leader imports every bundle (``import_file``, which also takes HQ's reference
packages). Answers merge per item (``services.bundle_import``); concurrent edits become conflicts
(``services.conflicts``). Assets merge by id and by serial, a removal on either side holds, and a registered
line's count follows its merged assets. Colleagues may still carry self-signed certificates: a peer bundle is
accepted from a signer HQ does not vouch for yet (the result says so), never from a revoked one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from inspector_app.crypto import trust
from inspector_app.errors import ValidationError
from inspector_app.files import sha256_of
from inspector_app.progress import Progress
from inspector_app.services import bundle_export, reference_package
from inspector_app.services.bundle_import import ImportResult, apply_bundle
from inspector_app.services.reference_package import ReferenceResult
from inspector_app.sync import BundleError
from inspector_app.sync.archive import read_bundle
from inspector_app.sync.manifest import Kind, Manifest

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

KIND: Kind = "peer-merge"


def export_peer(ws: Workspace, path: str | os.PathLike[str], passphrase: str, inspection_refs: list[str],
                progress: Progress | None = None) -> Manifest:
    """A signed peer-merge bundle of the chosen inspections, for a colleague of the team."""
    if not inspection_refs:
        raise ValidationError("choose the inspection to share with the team")
    return bundle_export.export_bundle(ws, path, passphrase, inspection_refs, kind=KIND, progress=progress)


def import_file(ws: Workspace, path: str | os.PathLike[str], *, accept_ca: str | None = None,
                progress: Progress | None = None) -> ImportResult | ReferenceResult:
    """Import a bundle on a laptop: a colleague's peer-merge bundle, or HQ's reference package.

    ``accept_ca`` is for a first reference package (``reference_package.import_reference``). A field
    report is refused: it goes to HQ.
    """
    bundle = read_bundle(path, trust.load(ws.data), allow_untrusted=True)
    kind = bundle.manifest.kind
    if kind == reference_package.KIND:
        return reference_package.import_reference(ws, path, accept_ca=accept_ca)
    if kind != KIND:
        raise BundleError(f"it is a {kind} bundle, for HQ: import it there with 'inspector hq import'")
    return apply_bundle(ws, bundle, sha256_of(Path(path)), progress)
