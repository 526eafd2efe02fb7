"""answer version vectors, merge conflicts, imported bundles

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clock', sa.Text(), nullable=False, server_default='{}'))
    # Every edit so far was made on the device that last wrote the answer: that is its vector.
    op.execute("UPDATE answer SET clock = '{\"' || device_id || '\":' || CAST(revision AS VARCHAR(12)) || '}' "
               "WHERE device_id <> '' AND revision > 0")
    op.create_table(
        'conflict',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('inspection_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('theirs_json', sa.Text(), nullable=True),
        sa.Column('theirs_remark', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('theirs_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('theirs_device', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('theirs_clock', sa.Text(), nullable=False),
        sa.Column('bundle_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_status'), ['status'], unique=False)
    op.create_table(
        'imported_bundle',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('certificate_sha256', sqlmodel.sql.sqltypes.AutoString(length=95), nullable=False),
        sa.Column('source_device', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('file_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('summary_json', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('imported_bundle')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_status'))
        batch_op.drop_index(batch_op.f('ix_conflict_inspection_id'))
    op.drop_table('conflict')
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('clock')
