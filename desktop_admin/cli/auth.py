"""Who is acting: the operator's login and password, never on the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.errors import InvalidInput, Problem

PASSWORD_VARIABLE = "DESKTOP_ADMIN_PASSWORD"
NEW_PASSWORD_VARIABLE = "DESKTOP_ADMIN_NEW_PASSWORD"
LOGIN_VARIABLE = "DESKTOP_ADMIN_LOGIN"


def read_password(
    prompt: str = "Password: ", confirm: bool = False, variable: str = PASSWORD_VARIABLE
) -> str:
    """From the environment or, on a terminal, a prompt."""
    password = os.environ.get(variable)
    if password:
        return password
    if not sys.stdin.isatty():
        raise InvalidInput(f"No password: set {variable} or run on a terminal.")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != password:
        raise InvalidInput("The two passwords differ.")
    return password


def login(app: AdminApp, args: argparse.Namespace) -> OperatorSession:
    name = args.login or os.environ.get(LOGIN_VARIABLE)
    if not name:
        raise InvalidInput(
            "Name the operator acting with --as LOGIN.", [Problem("missing", field="--as")]
        )
    return app.login(name, read_password(f"Password for {name}: "))
