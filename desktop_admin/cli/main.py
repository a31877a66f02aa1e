"""`desktop-admin`: the parser, the operator's login, and the exit statuses.

Exit status: 0 done; 1 refused by a rule, a permission or a conflict; 2 bad
usage or bad input (file, line and field named).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence

from desktop_admin.app import AdminApp, log_file
from desktop_admin.cli.auth import LOGIN_VARIABLE, PASSWORD_VARIABLE
from desktop_admin.cli.parser import iso_date, register
from desktop_admin.domain.errors import DomainError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-admin",
        description="Seat Desk: seat-based subscriptions, users and roles, from the command line.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL (default: a SQLite file in "
        "the user data folder, or $DESKTOP_ADMIN_DB)",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=iso_date,
        help="the application's date (default: the real date)",
    )
    parser.add_argument(
        "--as",
        dest="login",
        metavar="LOGIN",
        help=f"the operator acting (default: ${LOGIN_VARIABLE}); the password "
        f"comes from ${PASSWORD_VARIABLE} or a prompt",
    )
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[AdminApp, argparse.Namespace], int] = args.handler
    app: AdminApp | None = None
    try:
        app = AdminApp.open(args.db, args.today, create=args.command == "init")
        return handler(app, args)
    except DomainError as error:
        return _refused(args, error)
    except KeyboardInterrupt:
        print(
            "desktop-admin: interrupted; nothing was changed by the interrupted command",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:  # a bug: a sentence here, the details in the log
        return _unexpected(args, error)
    finally:
        if app is not None:
            app.close()


def _refused(args: argparse.Namespace, error: DomainError) -> int:
    """Print the refusal: a sentence on stderr, and with --json one error document."""
    print(f"desktop-admin: {error}", file=sys.stderr)
    if getattr(args, "json", False):
        document = {
            "error": error.message,
            "rule": error.rule,
            "exit_status": error.exit_status,
            "problems": [
                {"line": p.line, "field": p.field, "reason": p.reason}
                for p in getattr(error, "problems", [])
            ],
        }
        json.dump(document, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    return error.exit_status


def _unexpected(args: argparse.Namespace, error: Exception) -> int:
    log = log_file()
    logging.getLogger("desktop_admin").error("unexpected error", exc_info=error)
    kind = type(error).__name__
    return _refused(
        args,
        DomainError(f"unexpected error ({kind}); nothing more was done; the details are in {log}"),
    )


if __name__ == "__main__":
    raise SystemExit(main())
