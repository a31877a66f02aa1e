"""`session.sync`: the sync of users and roles with each account's platform."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import sync, sync_pull, sync_push

#: A run may change users here (pulled changes, users created on the platform) and
#: always changes the queue and the trail.
RUN = Changes.SYNC | Changes.USERS | Changes.AUDIT


class SyncArea(Area):
    #: Set an account's platform (URL, role mapping, optionally its token); the first
    #: time, every user of the account is queued.
    configure = writes(sync.configure_sync, Changes.SYNC | Changes.AUDIT)
    #: Keep an account's token (keyring, else this session only).
    set_token = writes(sync.set_token, Changes.SYNC)
    has_token = reads(sync.has_token)
    test = reads(sync.test_connection)
    status = reads(sync.sync_status)
    failed = reads(sync.failed_entries)
    retry = writes(sync.retry_failed, Changes.SYNC)
    push = writes(sync_push.push, RUN)
    pull = writes(sync_pull.pull, RUN)
