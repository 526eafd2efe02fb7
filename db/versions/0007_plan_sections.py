"""a planned spot check names the sections it covers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-18
"""

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing plans cover their whole template: no sections named.
    with op.batch_alter_table('planned_inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sections_json', sa.Text(), nullable=False, server_default='[]'))


def downgrade() -> None:
    # A planned spot check then covers its whole template again.
    with op.batch_alter_table('planned_inspection', schema=None) as batch_op:
        batch_op.drop_column('sections_json')
