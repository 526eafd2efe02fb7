"""Who is on the record: the inspector's profile (name, role), or the certificate's subject once a key exists.

Never the OS login: with neither, answers, audit events, reports and bundles record ``UNKNOWN``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspector_app.domain.answers import shown, text_problem
from inspector_app.errors import InspectorError, ValidationError
from inspector_app.services import settings

if TYPE_CHECKING:
    from inspector_app.services.workspace import Workspace

UNKNOWN = "unknown inspector"
MAX_NAME = 200
CERTIFICATE, PROFILE, NONE = "certificate", "profile", "none"
ROLE_DEFAULT = settings.ROLES[0]


@dataclass(frozen=True)
class Profile:
    name: str  # "" when nobody is set
    role: str
    source: str  # CERTIFICATE, PROFILE or NONE

    @property
    def actor(self) -> str:
        """The name that goes on the record."""
        return self.name or UNKNOWN


def current(ws: Workspace) -> Profile:
    """The certificate's subject once a key exists, else the profile set on this installation, else nobody."""
    if ws.data.identity.is_file():
        from inspector_app.crypto import keys  # noqa: PLC0415  (cryptography only once a key exists)

        try:
            info = keys.describe(keys.read_certificate(ws.data))
        except InspectorError:
            pass  # an unreadable certificate is reported by the commands that use it; the profile still names
        else:
            return Profile(str(info["name"]), str(info["role"]), CERTIFICATE)
    name = settings.get(ws, settings.USER_NAME) or ""
    role = settings.get(ws, settings.USER_ROLE) or ROLE_DEFAULT
    return Profile(name, role, PROFILE if name else NONE)


def save(ws: Workspace, name: str, role: str) -> Profile:
    """Set the inspector's name and role (both in one transaction); the certificate's name still wins."""
    name = name.strip()
    problem = text_problem(name, MAX_NAME) if name else "is empty"
    if problem:
        raise ValidationError(f"the name {shown(name)} {problem}; give the inspector's full name, "
                              f"1 to {MAX_NAME} characters")
    if role not in settings.ROLES:
        raise ValidationError(f"unknown role {role!r}; choose one of {', '.join(settings.ROLES)}")
    settings.put_all(ws, {settings.USER_NAME: name, settings.USER_ROLE: role})
    saved = current(ws)
    ws.actor = saved.actor
    return saved
