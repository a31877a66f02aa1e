"""`session.accounts`: accounts (create, edit, archive), their payment methods (add,
replace, remove), purging one after R17."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import accounts, retention

CHANGED = Changes.ACCOUNTS | Changes.AUDIT


class AccountsArea(Area):
    create = writes(accounts.create_account, CHANGED)
    edit = writes(accounts.edit_account, CHANGED)
    archive = writes(accounts.archive_account, CHANGED)
    all = reads(accounts.list_accounts)
    get = reads(accounts.get_account)
    add_card = writes(accounts.add_card, CHANGED)
    add_bank_transfer = writes(accounts.add_bank_transfer, CHANGED)
    replace_card = writes(accounts.replace_card, CHANGED)
    remove_payment_method = writes(accounts.remove_payment_method, CHANGED)
    payment_methods = reads(accounts.payment_methods)
    #: R17: an archive of the account's people, then their removal.
    purge = writes(
        retention.purge_account,
        Changes.ACCOUNTS | Changes.USERS | Changes.ASSIGNMENTS | Changes.AUDIT,
    )
