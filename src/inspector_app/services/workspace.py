"""The open installation that every use case works on: data folder, database, who is acting (the profile).

A plain holder: ``services.installation.open_workspace`` opens one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from inspector_app.paths import DataDir
from inspector_app.storage.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

    from inspector_app.domain.checklist import Checklist
    from inspector_app.storage.models import Record


@dataclass
class Workspace:
    data: DataDir
    db: Database
    actor: str
    _checklists: dict[str, Checklist] = field(default_factory=dict, repr=False)

    @property
    def read_only(self) -> bool:
        """Browse, show and report only: the data folder is read-only (nothing can be saved)."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stamp(self, record: Record) -> Record:
        """Mark ``record`` as written now by this device."""
        record.device_id = self.db.device_id
        record.updated_at = datetime.now(UTC)
        return record

    def audit(
        self, session: Session, action: str, entity: str, entity_id: str, old: Any = None, new: Any = None
    ) -> None:
        from inspector_app.storage import audit  # noqa: PLC0415  (the ORM's tables: not for the answer path)

        audit.append(
            session,
            device_id=self.db.device_id,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            old=old,
            new=new,
        )

    def cached_checklist(self, inspection_id: str) -> Checklist | None:
        return self._checklists.get(inspection_id)

    def cache_checklist(self, inspection_id: str, checklist: Checklist) -> None:
        """Checklists never change once an inspection starts (template and scope are frozen)."""
        self._checklists[inspection_id] = checklist
