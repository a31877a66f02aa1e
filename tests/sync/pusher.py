"""Push one account's outbox, in a process of its own: the SIGKILL test of test_faults.py
starts it and kills it in the middle of the push.

    python -m tests.sync.pusher DATABASE_URL ACCOUNT_ID

The platform token comes from DESKTOP_ADMIN_SYNC_TOKEN (never from an argument: arguments
show in `ps`). Prints one line per report when it gets to the end.
"""

from __future__ import annotations

import os
import sys

from desktop_admin.app import AdminApp
from desktop_admin.security import Argon2Hasher
from desktop_admin.sync import ScimSync
from desktop_admin.sync.tokens import ENVIRONMENT, KeyringTokens
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TODAY
from tests.sync.conftest import QUICK


def main(argv: list[str]) -> int:
    url, account_id = argv[0], int(argv[1])
    sync = ScimSync(KeyringTokens(environ={ENVIRONMENT: os.environ[ENVIRONMENT]}), QUICK)
    app = AdminApp.open(url, today=TODAY, hasher=Argon2Hasher.cheap(), sync=sync, create=False)
    try:
        session = app.login(ADMIN_LOGIN, ADMIN_PASSWORD)
        print("pushing", flush=True)
        for report in session.sync.push(account_id).value:
            print(report.as_record(), flush=True)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
