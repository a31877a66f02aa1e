"""`session.users`: named users, their roles, reading them by query, CSV import and
export, and changes of many users at once."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import user_bulk, user_import, user_queries, users

#: A change of who holds which role: users, seats in use, the trail.
HOLDERS = Changes.USERS | Changes.ASSIGNMENTS | Changes.AUDIT


class UsersArea(Area):
    add = writes(users.add_user, HOLDERS)
    #: Change a user's details, refused as a conflict if the user's version is no
    #: longer `expected_version`, or (given `unchanged`) if those fields changed.
    edit = writes(users.edit_user, Changes.USERS | Changes.AUDIT)
    set_enabled = writes(users.set_enabled, HOLDERS)
    #: Details, state and roles of one user in one transaction (the user dialog).
    update = writes(users.update_user, HOLDERS)
    assign = writes(users.assign_role, HOLDERS)
    unassign = writes(users.unassign_role, HOLDERS)
    remove = writes(users.remove_users, HOLDERS)
    get = reads(users.get_user)

    #: Enable, disable, assign or unassign many users in one transaction.
    bulk_change = writes(user_bulk.bulk_change, HOLDERS)
    #: What a bulk change would do to the seats, and the refusal it would meet.
    preview_bulk_change = reads(user_bulk.preview_bulk_change)

    count = reads(user_queries.count_users)
    ids = reads(user_queries.user_ids)
    by_ids = reads(user_queries.users_by_ids)
    export = reads(user_queries.export_users)
    export_csv = reads(user_queries.export_users_csv)

    #: Import a user CSV; the account's assignment rules give the new users their roles
    #: unless `apply_rules` is false.
    import_csv = writes(user_import.import_users, HOLDERS)
    check_import = reads(user_import.check_users)
