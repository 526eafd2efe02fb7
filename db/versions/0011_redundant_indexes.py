"""Drop two indexes that repeat the first column of a unique constraint: answer.inspection_id, audit_event.device_id

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

The unique constraints (inspection_id, key) and (device_id, seq) are indexes that serve every lookup by their first
column, on SQLite and PostgreSQL alike; the two single-column indexes only cost writes (an answer saved wrote
about nine WAL frames where a bare upsert writes three; bench/README.md, bench_answers.py). Plain DROP INDEX: the
tables are not rebuilt, so the kept-result triggers of 0010 stay.
"""

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_answer_inspection_id', table_name='answer')
    op.drop_index('ix_audit_event_device_id', table_name='audit_event')


def downgrade() -> None:
    op.create_index('ix_audit_event_device_id', 'audit_event', ['device_id'], unique=False)
    op.create_index('ix_answer_inspection_id', 'answer', ['inspection_id'], unique=False)
