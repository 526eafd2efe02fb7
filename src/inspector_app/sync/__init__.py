"""Sync bundles (no Qt): the signed ZIP format that carries records, media and reports between installations.

``manifest``: the typed manifest and the archive's naming rules; ``signature``: the detached CMS signature
of ``manifest.json``; ``archive``: ``write_bundle`` and ``read_bundle``. The format is documented in
``docs/bundle-format.md`` (a contract).
"""

from __future__ import annotations

from inspector_app.errors import ValidationError


class BundleError(ValidationError):
    """A bundle that cannot be written, or is refused on reading: nothing of it was used."""
