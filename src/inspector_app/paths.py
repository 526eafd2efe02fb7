"""Where an installation keeps its files: the data folder and what lies in it."""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "INSPECTOR_DATA_DIR"
IDENTITY_FILE = "identity.p12"  # the inspector's key and certificate, passphrase-protected (crypto.keys)


@dataclass(frozen=True)
class DataDir:
    """The data folder: the SQLite database, media by SHA-256, backups and logs."""

    root: Path

    @classmethod
    def resolve(cls, explicit: str | os.PathLike[str] | None = None) -> DataDir:
        """``--data-dir`` wins, then ``INSPECTOR_DATA_DIR``, then the platform's user data folder."""
        chosen = explicit or os.environ.get(DATA_DIR_ENV)
        root = Path(chosen) if chosen else Path(platformdirs.user_data_dir("Inspector", "UN"))
        return cls(root.expanduser().absolute())

    @property
    def database(self) -> Path:
        return self.root / "inspector.sqlite"

    @property
    def read_only(self) -> bool:
        """True when this process may not write here: a write-protected key, a read-only share or medium.

        Tried for real (a temporary file made and removed), as permissions alone do not tell: root on a
        read-only medium, or Windows folder ACLs.
        """
        if not self.root.is_dir():
            return False
        if self.database.exists() and not os.access(self.database, os.W_OK):
            return True
        try:
            with tempfile.TemporaryFile(dir=self.root):
                return False
        except OSError as exc:
            return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)

    @property
    def hq_database(self) -> Path:
        """HQ's consolidation database when no ``--db`` URL is given."""
        return self.root / "hq.sqlite"

    @property
    def quarantine(self) -> Path:
        """Where HQ import keeps a copy of a refused bundle, with a text file giving the reason."""
        return self.root / "quarantine"

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def identity(self) -> Path:
        """The inspector's key and certificate (``crypto.keys``), once made."""
        return self.root / IDENTITY_FILE

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def media_path(self, sha256: str) -> Path:
        return self.media / sha256[:2] / sha256
