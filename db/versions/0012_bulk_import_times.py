"""Times the SQLite bulk import wrote as "2026-12-05 06:53:32.738004+00:00" rewritten as the ORM writes them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

SQLite keeps times as text. The bulk import of new records (``storage.bulk.insert_rows``, since 0011) bound them
through the generic type, so the driver wrote Python's ``isoformat(" ")`` with its UTC offset (and without the
microseconds when they were 0), where everything else writes "2026-12-05 06:53:32.738004". Both read back as the
same time, but a query comparing times compared different text. Every time column of every table is rewritten in
the ORM's form (the same instant: the offset is always +00:00); PostgreSQL keeps real timestamps and is left alone.
Nothing to undo on downgrade: earlier versions write and read the ORM's form.
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

OFFSET = "+00:00"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            if not isinstance(column["type"], sa.DateTime):
                continue
            name, quoted = column["name"], bind.dialect.identifier_preparer.quote
            c = quoted(name)
            op.execute(sa.text(
                f"UPDATE {quoted(table)} SET {c} = CASE WHEN length({c}) = 25 "  # no microseconds: add them
                f"THEN substr({c}, 1, 19) || '.000000' ELSE substr({c}, 1, length({c}) - 6) END "
                f"WHERE {c} LIKE :offset").bindparams(offset=f"%{OFFSET}"))


def downgrade() -> None:
    pass
