"""Alembic environment: runs on the connection that the app's migration runner hands in."""

from alembic import context
from sqlmodel import SQLModel

from inspector_app.storage import models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through inspector_app.storage.migrations.upgrade()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
