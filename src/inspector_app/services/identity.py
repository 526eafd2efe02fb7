"""The inspector's signing identity, as the settings screen shows and creates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspector_app.crypto import keys
from inspector_app.errors import InspectorError
from inspector_app.services import profile, settings

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace


def summary(ws: Workspace) -> str | None:
    """One line on the installed certificate, or None when there is no identity yet."""
    if not keys.has_identity(ws.data):
        return None
    info = keys.describe(keys.read_certificate(ws.data))
    trust = "self-signed, not yet trusted by HQ" if info["self_signed"] else f"issued by {info['issuer']}"
    return f"{info['name']} ({info['role']}): {trust}; {info['validity']} until {str(info['not_after'])[:10]}"


def create(ws: Workspace, passphrase: str) -> str:
    """A key and self-signed certificate for the user of this installation, in identity.p12."""
    if ws.actor == profile.UNKNOWN:
        raise InspectorError("give your name first: it goes on your certificate and every report you sign")
    role = settings.get(ws, settings.USER_ROLE) or "inspector"
    keys.create_identity(ws.data, ws.actor, role, passphrase)
    return summary(ws) or ""
