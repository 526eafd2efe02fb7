"""HQ archives signed verification reports too: an archived report names its inspection or its document

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows are inspection reports: they keep their inspection and name no document.
    with op.batch_alter_table('archived_report', schema=None) as batch_op:
        batch_op.alter_column('inspection_id', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        batch_op.add_column(sa.Column('document_id', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
        batch_op.create_index(batch_op.f('ix_archived_report_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    # The archived verification reports' rows go (their files stay in the media folder; archive --pending
    # finds nothing to redo once upgraded again, as the signed files are archived anew).
    op.execute("DELETE FROM archived_report WHERE inspection_id IS NULL")
    with op.batch_alter_table('archived_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archived_report_document_id'))
        batch_op.drop_column('document_id')
        batch_op.alter_column('inspection_id', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
