"""Alembic environment: runs on the engine the application hands it."""

from __future__ import annotations

from alembic import context

from desktop_admin.persistence.orm import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
