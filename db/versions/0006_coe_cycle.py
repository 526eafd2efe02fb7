"""the COE cycle: MOU versions, registered assets, self-sustainment providers and standards, planned inspections

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The name SQLite's unnamed UNIQUE(unit_id) of 0001 gets in batch mode; PostgreSQL named it itself.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _mou_unit_unique() -> str:
    return 'mou_unit_id_key' if op.get_bind().dialect.name == 'postgresql' else 'uq_mou_unit_id'


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    ]


def upgrade() -> None:
    # Existing MOUs become version 1, in force from the start.
    with op.batch_alter_table('mou', schema=None, naming_convention=_NAMING) as batch_op:
        batch_op.drop_constraint(_mou_unit_unique(), type_='unique')
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('effective_from', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_mou_unit_id'), ['unit_id'], unique=False)
        batch_op.create_unique_constraint('uq_mou_unit_id_version', ['unit_id', 'version'])
    with op.batch_alter_table('mouline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('mouselfsustainment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='contingent'))
        batch_op.add_column(sa.Column('standard', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=''))
    op.create_table(
        'asset',
        *_record_columns(),
        sa.Column('inspection_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('line_no', sa.Integer(), nullable=False),
        sa.Column('serial', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('condition', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('remark', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asset_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_asset_serial'), ['serial'], unique=False)
    op.create_table(
        'planned_inspection',
        *_record_columns(),
        sa.Column('unit_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('template_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('planned_date', sa.Date(), nullable=False),
        sa.Column('team_json', sa.Text(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('inspection_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('planned_inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planned_inspection_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('planned_inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planned_inspection_unit_id'))
    op.drop_table('planned_inspection')
    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asset_serial'))
        batch_op.drop_index(batch_op.f('ix_asset_inspection_id'))
    op.drop_table('asset')
    with op.batch_alter_table('mouselfsustainment', schema=None) as batch_op:
        batch_op.drop_column('standard')
        batch_op.drop_column('provider')
    with op.batch_alter_table('mouline', schema=None) as batch_op:
        batch_op.drop_column('registered')
    # Only the latest version of each MOU can stay under UNIQUE(unit_id): the older versions' lines go first.
    op.execute("DELETE FROM mouline WHERE mou_id IN (SELECT m.id FROM mou m WHERE m.version < "
               "(SELECT max(n.version) FROM mou n WHERE n.unit_id = m.unit_id))")
    op.execute("DELETE FROM mouselfsustainment WHERE mou_id IN (SELECT m.id FROM mou m WHERE m.version < "
               "(SELECT max(n.version) FROM mou n WHERE n.unit_id = m.unit_id))")
    op.execute("DELETE FROM mou WHERE version < (SELECT max(n.version) FROM mou n WHERE n.unit_id = mou.unit_id)")
    with op.batch_alter_table('mou', schema=None) as batch_op:
        batch_op.drop_constraint('uq_mou_unit_id_version', type_='unique')
        batch_op.drop_index(batch_op.f('ix_mou_unit_id'))
        batch_op.drop_column('effective_from')
        batch_op.drop_column('version')
        batch_op.create_unique_constraint(_mou_unit_unique(), ['unit_id'])
