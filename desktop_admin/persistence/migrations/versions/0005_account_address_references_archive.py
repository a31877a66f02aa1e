"""0005 (after 0004): an account's postal address in fields (street, postcode, city),
its buyer reference and purchase order number for invoices, and the day it was
archived. The former one-text `address` becomes the `street`, whole: nothing is lost.

The column is renamed and the new ones added in place (`ALTER TABLE`, on SQLite too):
rebuilding `accounts` would drop a table that other tables refer to, while the
migration runs with SQLite's foreign keys on.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision, branch_labels, depends_on = "0005", "0004", None, None


def new_columns() -> tuple[sa.Column[object], ...]:
    """The columns added (new objects each time: a column belongs to one table)."""
    return (
        sa.Column("postcode", sa.String(length=16), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("buyer_reference", sa.String(length=100), nullable=True),
        sa.Column("purchase_order", sa.String(length=100), nullable=True),
        sa.Column("archived_on", sa.Date(), nullable=True),
    )


def upgrade() -> None:
    op.execute("ALTER TABLE accounts RENAME COLUMN address TO street")
    for column in new_columns():
        op.add_column("accounts", column)


def downgrade() -> None:
    """Back to one text: the street lines, then "postcode city"."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, street, postcode, city FROM accounts"))
    composed = []
    for account_id, street, postcode, city in rows.fetchall():
        place = " ".join(part for part in (postcode, city) if part)
        lines = [line for line in (street or "").splitlines() if line.strip()]
        composed.append(
            {"id": account_id, "address": "\n".join([*lines, place] if place else lines) or None}
        )
    for column in reversed(new_columns()):
        op.execute(f"ALTER TABLE accounts DROP COLUMN {column.name}")
    op.execute("ALTER TABLE accounts RENAME COLUMN street TO address")
    for row in composed:
        connection.execute(sa.text("UPDATE accounts SET address = :address WHERE id = :id"), row)
