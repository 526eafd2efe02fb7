"""HQ's views keep each inspection's results (kept_result), dropped by triggers whenever what they come from changes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

The triggers delete an inspection's kept results when one of its answers is inserted, updated or deleted, and
when its status, template or scope changes. They are the only thing that keeps the table true whatever writes
the answers (the app, a merge, an import, the demo), so a later migration that rebuilds the ``answer`` or
``inspection`` table (Alembic's batch mode on SQLite copies a table and drops the old one, and its triggers
with it) must create them again: ``tests/integration/test_kept_results.py`` checks that they work at head.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

FORGET = "DELETE FROM kept_result WHERE inspection_id"
INSPECTION_CHANGED = "status, template_pk, scope_json"

SQLITE_TRIGGERS = {
    "kept_result_answer_insert": f"AFTER INSERT ON answer BEGIN {FORGET} = NEW.inspection_id; END",
    "kept_result_answer_update":
        f"AFTER UPDATE ON answer BEGIN {FORGET} IN (OLD.inspection_id, NEW.inspection_id); END",
    "kept_result_answer_delete": f"AFTER DELETE ON answer BEGIN {FORGET} = OLD.inspection_id; END",
    "kept_result_inspection_update":
        f"AFTER UPDATE OF {INSPECTION_CHANGED} ON inspection BEGIN {FORGET} = NEW.id; END",
}

# PostgreSQL: statement-level triggers with transition tables, so a bulk insert of answers runs one DELETE, not
# one per row.
POSTGRES_FUNCTIONS = {
    "kept_result_forget_new": f"{FORGET} IN (SELECT inspection_id FROM changed)",
    "kept_result_forget_inspection": f"{FORGET} IN (SELECT id FROM changed)",
}
POSTGRES_TRIGGERS = {  # name: (event, table, transition table, function)
    "kept_result_answer_insert": ("INSERT", "answer", "NEW", "kept_result_forget_new"),
    "kept_result_answer_update": ("UPDATE", "answer", "OLD", "kept_result_forget_new"),  # never moves inspection
    "kept_result_answer_delete": ("DELETE", "answer", "OLD", "kept_result_forget_new"),
    "kept_result_inspection_update": ("UPDATE", "inspection", "NEW", "kept_result_forget_inspection"),
}  # (a trigger with a transition table takes no column list: any update of an inspection forgets its results)


def upgrade() -> None:
    op.create_table(
        'kept_result',
        sa.Column('inspection_id', sa.String(length=36), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('inspection_id'),
    )
    if op.get_bind().dialect.name == "postgresql":
        for name, body in POSTGRES_FUNCTIONS.items():
            op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN {body}; RETURN NULL; END $$")
        for name, (event, table, transition, function) in POSTGRES_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition} TABLE AS changed "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, (_event, table, _transition, _function) in POSTGRES_TRIGGERS.items():  # the same names on SQLite
        op.execute(f"DROP TRIGGER {name} ON {table}" if postgres else f"DROP TRIGGER {name}")
    if postgres:
        for name in POSTGRES_FUNCTIONS:
            op.execute(f"DROP FUNCTION {name}()")
    op.drop_table('kept_result')
