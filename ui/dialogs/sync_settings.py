"""Sync with an account's platform: its settings (SCIM base URL, how roles map, the
bearer token), the token asked for where none is kept (without a keyring, once per
session), and what the platform says it supports."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.platform import PlatformFeatures
from desktop_admin.domain.sync import RoleMapping, SyncStatus
from desktop_admin.services.sync import Configured
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import TaskChannel, report_unexpected
from ui.widgets.basics import muted

#: How a platform may hold the roles, as the window names them.
ROLE_MAPPINGS = (
    (RoleMapping.GROUPS, QT_TRANSLATE_NOOP("SyncSettingsDialog", "SCIM groups with members")),
    (RoleMapping.ROLES, QT_TRANSLATE_NOOP("SyncSettingsDialog", "The users' roles attribute")),
    (
        RoleMapping.ENTITLEMENTS,
        QT_TRANSLATE_NOOP("SyncSettingsDialog", "The users' entitlements attribute"),
    ),
)
#: Where a token is kept: in the keyring, or in memory for this session only.
KEYRING, SESSION = "keyring", "session"
ERROR_STYLE = "color: #b3261e;"


def mapping_label(mapping: RoleMapping | None) -> str:
    """How roles map, in the installed language."""
    for value, label in ROLE_MAPPINGS:
        if value is mapping:
            return translate("SyncSettingsDialog", label)
    return "—"


def kept_placeholder(kept: str) -> str:
    """The token field's placeholder when a token is already kept (`kept`: where)."""
    if kept == SESSION:
        return translate("SyncSettingsDialog", "kept for this session")
    return translate("SyncSettingsDialog", "kept in the keyring")


class SyncSettingsDialog(QDialog):
    """The platform of one account. OK saves through `session.sync.configure`; a refusal
    is shown in the dialog, which stays open."""

    #: The settings were saved: the `Configured` value.
    saved = Signal(object)

    def __init__(
        self,
        ops: Operations,
        account_id: int,
        current: SyncStatus | None,
        kept: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync_settings_dialog")
        self.setWindowTitle(translate("SyncSettingsDialog", "Sync settings"))
        self.setMinimumWidth(560)
        self._ops, self._account_id = ops, account_id
        self._channel = ops.tasks.channel(self)
        self.url_edit = QLineEdit(current.base_url if current else "")
        self.url_edit.setObjectName("sync_url")
        self.url_edit.setPlaceholderText("https://platform.example/scim/v2")
        self.roles_combo = QComboBox()
        self.roles_combo.setObjectName("sync_roles")
        for mapping, label in ROLE_MAPPINGS:
            self.roles_combo.addItem(translate("SyncSettingsDialog", label), mapping.value)
        if current is not None and current.roles is not None:
            self.roles_combo.setCurrentIndex(self.roles_combo.findData(current.roles.value))
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("sync_token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(
            kept_placeholder(kept)
            if kept
            else translate("SyncSettingsDialog", "the platform's bearer token")
        )
        self.message = QLabel()
        self.message.setObjectName("sync_settings_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(self._set_working)
        self._layout(kept)

    def _layout(self, kept: str) -> None:
        form = QFormLayout()
        form.addRow(translate("SyncSettingsDialog", "SCIM base &URL:"), self.url_edit)
        form.addRow(translate("SyncSettingsDialog", "&Roles are:"), self.roles_combo)
        form.addRow(translate("SyncSettingsDialog", "Bearer &token:"), self.token_edit)
        hint = translate(
            "SyncSettingsDialog",
            "The token is kept in the operating system's keyring, never in the database; "
            "without a keyring, it is kept for this session only.",
        )
        if kept:
            hint += " " + translate("SyncSettingsDialog", "Leave it empty to keep the one kept.")
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    translate(
                        "SyncSettingsDialog",
                        "The platform receives this account's users and roles over SCIM 2.0.",
                    )
                )
            )
        )
        layout.addLayout(form)
        note = muted(QLabel(hint))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def is_busy(self) -> bool:
        return self._channel.busy

    def save(self) -> None:
        if self._channel.busy:
            return
        account_id, url = self._account_id, self.url_edit.text().strip()
        roles = str(self.roles_combo.currentData())
        token = self.token_edit.text().strip() or None
        self.message.setStyleSheet("")
        self.message.setText(translate("SyncSettingsDialog", "Saving…"))
        self._ops.run(
            self,
            lambda session: session.sync.configure(account_id, url=url, roles=roles, token=token),
            self._saved,
            failed=self._refused,
            channel=self._channel,
        )

    def _saved(self, configured: Configured) -> None:
        self.saved.emit(configured)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_sentence(error))
        if not isinstance(error, DomainError):
            report_unexpected(error)

    def _set_working(self, working: bool) -> None:
        for widget in (self.url_edit, self.roles_combo, self.token_edit, self.ok_button):
            widget.setEnabled(not working)

    def reject(self) -> None:
        if not self._channel.busy:  # once sent, the settings are saved or refused
            super().reject()


class TokenDialog(QDialog):
    """Asks for an account's token (none is kept: no keyring, or a new session)."""

    #: The token typed, stripped.
    given = Signal(str)

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_token_dialog")
        self.setWindowTitle(translate("SyncSettingsDialog", "Platform token"))
        self.setMinimumWidth(460)
        intro = QLabel(
            translate(
                "SyncSettingsDialog",
                "No token is kept for {url}. Give the platform's bearer token: it goes to "
                "the keyring or, without one on this computer, is kept for this session only.",
            ).format(url=url)
        )
        intro.setWordWrap(True)
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("sync_token_prompt")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.token_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.token_edit)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        token = self.token_edit.text().strip()
        if token:
            super().accept()
            self.given.emit(token)


class TokenKeeper(QObject):
    """Makes sure a token is kept for an account before what needs one: asks for it
    when none is (no keyring: once per session), then keeps it with `set_token`."""

    def __init__(self, ops: Operations, channel: TaskChannel, parent: QWidget) -> None:
        super().__init__(parent)
        self._ops, self._parent, self.channel = ops, parent, channel
        self.dialog: TokenDialog | None = None
        #: The accounts whose token this session keeps in memory (no keyring here).
        self.in_memory: set[int] = set()

    def record(self, account_id: int, kept: str) -> None:
        """Where the account's token went ("keyring", "session" or "": unchanged)."""
        if kept == SESSION:
            self.in_memory.add(account_id)
        elif kept == KEYRING:
            self.in_memory.discard(account_id)

    def where(self, account_id: int) -> str:
        return SESSION if account_id in self.in_memory else KEYRING

    def ensure(self, account_id: int, url: str, then: Callable[[], None]) -> None:
        """`then()` once a token is kept for the account."""

        def checked(kept: bool) -> None:
            if kept:
                then()
                return
            self.dialog = TokenDialog(url, self._parent)
            self.dialog.given.connect(lambda token: self._keep(account_id, token, then))
            self.dialog.open()

        self._ops.query(
            self._parent,
            lambda session: session.sync.has_token(account_id),
            checked,
            failed=translate("SyncSettingsDialog", "The token could not be read"),
            channel=self.channel,
        )

    def _keep(self, account_id: int, token: str, then: Callable[[], None]) -> None:
        def kept(in_keyring: bool) -> None:
            self.record(account_id, KEYRING if in_keyring else SESSION)
            then()

        self._ops.run(
            self._parent,
            lambda session: session.sync.set_token(account_id, token=token),
            kept,
            failed=translate("SyncSettingsDialog", "The token was not kept"),
            channel=self.channel,
        )


def features_text(features: PlatformFeatures) -> str:
    """What the platform supports, one line each."""
    yes, no = translate("SyncSettingsDialog", "yes"), translate("SyncSettingsDialog", "no")
    bulk = no
    if features.bulk:
        bulk = translate(
            "SyncSettingsDialog", "yes, up to {operations} operations and {size} KB a request"
        ).format(operations=features.bulk_max_operations, size=features.bulk_max_payload // 1024)
    found = no
    if features.filter:
        found = translate("SyncSettingsDialog", "yes, up to {count} results").format(
            count=features.filter_max_results
        )
    lines = (
        (translate("SyncSettingsDialog", "PATCH"), yes if features.patch else no),
        (translate("SyncSettingsDialog", "Bulk"), bulk),
        (translate("SyncSettingsDialog", "Filter"), found),
        (translate("SyncSettingsDialog", "ETag"), yes if features.etag else no),
        (translate("SyncSettingsDialog", "Sort"), yes if features.sort else no),
    )
    return "\n".join(f"{name}: {value}" for name, value in lines)
