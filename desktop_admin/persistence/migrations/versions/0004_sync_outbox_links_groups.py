"""0004 (after 0003, 2026-12-03): the sync with the platform: settings per account,
the outbox of changes to send, and the links to remote users and groups."""

import sqlalchemy as sa
from alembic import op

revision, down_revision, branch_labels, depends_on = "0004", "0003", None, None


def upgrade() -> None:
    op.create_table('sync_groups',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('role_code', sa.String(length=64), nullable=False),
    sa.Column('remote_id', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sync_groups_account_id_accounts')),
    sa.PrimaryKeyConstraint('account_id', 'role_code', name=op.f('pk_sync_groups'))
    )
    op.create_table('sync_links',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('remote_id', sa.String(length=255), nullable=False),
    sa.Column('etag', sa.String(length=255), nullable=False),
    sa.Column('baseline', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sync_links_account_id_accounts')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_sync_links'))
    )
    with op.batch_alter_table('sync_links', schema=None) as batch_op:
        batch_op.create_index('ix_sync_links_account_id_remote_id', ['account_id', 'remote_id'], unique=True)

    op.create_table('sync_outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('user_name', sa.String(length=254), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sync_outbox_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_outbox'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_sync_outbox_account_id_id', ['account_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_user_id'), ['user_id'], unique=False)

    op.create_table('sync_settings',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('base_url', sa.String(length=2000), nullable=False),
    sa.Column('roles', sa.String(length=16), nullable=False),
    sa.Column('last_sync_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('sent', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_sync_settings_account_id_accounts')),
    sa.PrimaryKeyConstraint('account_id', name=op.f('pk_sync_settings'))
    )


def downgrade() -> None:
    op.drop_table('sync_settings')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_user_id'))
        batch_op.drop_index('ix_sync_outbox_account_id_id')

    op.drop_table('sync_outbox')
    with op.batch_alter_table('sync_links', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_links_account_id_remote_id')

    op.drop_table('sync_links')
    op.drop_table('sync_groups')
