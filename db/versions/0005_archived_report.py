"""HQ's archived copies (PAdES B-LTA) of signed reports

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: signed reports imported before wait for archiving (inspector hq archive --pending).
    op.create_table(
        'archived_report',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('inspection_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('signed_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('archived_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('timestamp_expires', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('renewals', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('signed_sha256'),
    )
    with op.batch_alter_table('archived_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archived_report_inspection_id'), ['inspection_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('archived_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archived_report_inspection_id'))
    op.drop_table('archived_report')
