"""Alembic environment: runs on the engine the application hands it.

Two processes opening a new or older database at once must not both migrate it: the
migration holds the database's write lock (SQLite: `BEGIN IMMEDIATE`, so the DDL is in
the transaction too) or an advisory lock (PostgreSQL) from before it reads the current
revision until it commits; the second process then finds the schema up to date.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from desktop_admin.persistence.schema import metadata

#: pg_advisory_xact_lock key of schema migrations ("SeatDesk" in ASCII, as a bigint).
MIGRATION_LOCK = 0x5365617444657368

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    driver = connection.connection.driver_connection if sqlite else None
    previous = driver.isolation_level if driver is not None else None
    try:
        if driver is not None:
            # The driver's own transaction handling would run DDL outside any transaction.
            driver.isolation_level = None
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if driver is not None:
            if driver.in_transaction:
                driver.rollback()
            driver.isolation_level = previous
