"""The application layer: the composition root (`AdminApp`) and the signed-in
session in areas (`OperatorSession`), which the GUI and the command line use."""

from desktop_admin.app.logs import log_file
from desktop_admin.app.root import APP_NAME, AdminApp, default_database_url
from desktop_admin.app.session import OperatorSession
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.services.user_import import ImportReport

__all__ = [
    "APP_NAME",
    "AdminApp",
    "Changes",
    "ImportReport",
    "OperatorSession",
    "Outcome",
    "default_database_url",
    "log_file",
]
