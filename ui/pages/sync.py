"""The sync page: an account's platform, what waits to be sent, what failed and why, and
"Sync now" (push, then pull) in the background with its progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.platform import PlatformFeatures
from desktop_admin.domain.sync import OutboxEntry, SyncStatus
from desktop_admin.services.sync import Configured
from ui.dialogs.sync_settings import (
    ERROR_STYLE,
    SESSION,
    SyncSettingsDialog,
    TokenKeeper,
    features_text,
    mapping_label,
)
from ui.formatting import NOTHING, counted, moment
from ui.i18n import role_label, translate
from ui.models.records import RIGHT, Column, RecordsModel
from ui.operations import Operations
from ui.pages.base import AccountPage
from ui.reference import ReferenceData
from ui.widgets.basics import bare_box, bold_label, make_table
from ui.widgets.sync_status import QUEUE, SyncRun, SyncRunBar, aware

#: The facts shown of a configured account, by name, with their labels.
FACTS = (
    ("url", QT_TRANSLATE_NOOP("SyncPage", "Platform:")),
    ("roles", QT_TRANSLATE_NOOP("SyncPage", "Roles are:")),
    ("token", QT_TRANSLATE_NOOP("SyncPage", "Token:")),
    ("queued", QT_TRANSLATE_NOOP("SyncPage", "Waiting to be sent:")),
    ("failed", QT_TRANSLATE_NOOP("SyncPage", "Failed:")),
    ("sent", QT_TRANSLATE_NOOP("SyncPage", "Sent since set-up:")),
    ("last_sync", QT_TRANSLATE_NOOP("SyncPage", "Last sync:")),
    ("last_error", QT_TRANSLATE_NOOP("SyncPage", "Last error:")),
)


@dataclass(frozen=True)
class SyncView:
    """An account's sync as the page shows it: status, failed entries, a token kept."""

    status: SyncStatus
    failed: list[OutboxEntry]
    token: bool


class FailedModel(RecordsModel[OutboxEntry]):
    columns = (
        Column[OutboxEntry](QT_TRANSLATE_NOOP("Models", "User"), lambda e: e.user_name),
        Column[OutboxEntry](
            QT_TRANSLATE_NOOP("Models", "Attempts"), lambda e: str(e.attempts), RIGHT
        ),
        Column[OutboxEntry](
            QT_TRANSLATE_NOOP("Models", "Error"),
            lambda e: e.last_error,
            tooltip=lambda e: e.last_error,
        ),
    )


def read_view(session: OperatorSession, account_id: int, may_sync: bool) -> SyncView:
    [status] = session.sync.status(account_id)
    failed = session.sync.failed(account_id) if status.failed else []
    token = may_sync and status.configured and session.sync.has_token(account_id)
    return SyncView(status, failed, token)


class SyncPage(AccountPage):
    shows = QUEUE
    #: A sync run of this page started (True) or ended (False).
    sync_running = Signal(bool)

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("SyncPage", "Sync"),
            translate(
                "SyncPage",
                "The account's users and roles, sent to its platform over SCIM 2.0; "
                "the changes made there, read back.",
            ),
            ops,
            reference,
            parent,
        )
        self._sync, self._changes = self.channel(), self.channel()
        self.tokens = TokenKeeper(ops, self.channel(), self)
        self.run_bar = SyncRunBar(ops, self._sync)
        self.run_bar.said.connect(self.status_message)
        self._sync.busy_changed.connect(self.sync_running)
        for channel in (self._sync, self.tokens.channel, self._changes):
            channel.busy_changed.connect(lambda _busy: self._update_actions())
        self.may_sync = self._session.may(Permission.SYNC)
        self.may_read = self._session.may(Permission.READ_USERS)
        self.view: SyncView | None = None
        self.settings_dialog: SyncSettingsDialog | None = None
        self._build_buttons()
        # (The accounts bar says "Account:" as the licences page does.)
        bar = self.account_bar(translate("InventoryPage", "Account:"))
        bar.addWidget(self.settings_button)
        bar.addWidget(self.test_button)
        self.body.addLayout(bar)
        self.stack = QStackedWidget()
        self.empty_panel, self.details_panel = self._empty_panel(), self._details_panel()
        self.stack.addWidget(self.empty_panel)
        self.stack.addWidget(self.details_panel)
        self.body.addWidget(self.stack, 1)
        if not self.may_read:
            self.empty_text.setText(
                translate("SyncPage", "Your role ({role}) may not see the sync.").format(
                    role=role_label(self._session.operator.role)
                )
            )
        self._update_actions()

    # Building
    def _build_buttons(self) -> None:
        refusal = translate("SyncPage", "{role}s may not synchronise with the platform.").format(
            role=role_label(self._session.operator.role)
        )

        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            made = self.run_bar.sync_button if name == "sync_now" else QPushButton(text)
            made.setObjectName(name)
            made.clicked.connect(lambda: slot())
            made.setToolTip("" if self.may_sync else refusal)
            return made

        self.setup_button = button(
            translate("SyncPage", "Set up sync…"), "setup_sync", self.open_settings
        )
        self.settings_button = button(
            translate("SyncPage", "Settings…"), "sync_settings", self.open_settings
        )
        self.test_button = button(
            translate("SyncPage", "Test connection"), "test_connection", self.test_connection
        )
        self.sync_button = button(translate("SyncPage", "Sync now"), "sync_now", self.sync_now)
        self.retry_button = button(
            translate("SyncPage", "Retry failed"), "retry_failed", self.retry_failed
        )

    def _empty_panel(self) -> QWidget:
        self.empty_text = QLabel(
            translate(
                "SyncPage",
                "Sync is not set up for this account. Give its platform's SCIM base URL and "
                "bearer token: every user of the account is then queued for the first sync.",
            )
        )
        self.empty_text.setObjectName("sync_empty")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setMaximumWidth(520)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        layout.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return panel

    def _details_panel(self) -> QWidget:
        form, self.values = QFormLayout(), {}
        for name, text in FACTS:
            value = self.values[name] = QLabel()
            value.setObjectName(f"sync_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(translate("SyncPage", text), value)
        self.values["last_error"].setWordWrap(True)
        self.features_label = QLabel()
        self.features_label.setObjectName("sync_features")
        self.features_label.hide()
        self.failed_title = bold_label()
        self.failed = FailedModel(self)
        self.failed_view = make_table(self.failed, (280, 90))
        self.failed_view.setObjectName("sync_failed_table")
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addWidget(self.features_label, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.run_bar)
        layout.addWidget(bare_box(QHBoxLayout, (self.failed_title, 1), self.retry_button))
        layout.addWidget(self.failed_view, 1)
        return panel

    # Loading
    def load(self, account_id: int) -> None:
        if not self.may_read:
            return
        may_sync = self.may_sync
        self._ops.query(
            self,
            lambda session: read_view(session, account_id, may_sync),
            self._show,
            failed=translate("SyncPage", "The sync status could not be loaded"),
            channel=self.rows,
        )

    def clear(self) -> None:
        self.view = None
        self.stack.setCurrentWidget(self.empty_panel)
        self._update_actions()

    def _show(self, view: SyncView) -> None:
        if self.view is None or self.view.status.account_id != view.status.account_id:
            self.features_label.hide()
        self.view, status = view, view.status
        self.stack.setCurrentWidget(self.details_panel if status.configured else self.empty_panel)
        last = status.last_sync_at
        texts = {
            "url": status.base_url,
            "roles": mapping_label(status.roles),
            "token": self._token_text(view),
            "queued": str(status.queued),
            "failed": str(status.failed),
            "sent": str(status.sent),
            "last_sync": moment(aware(last)) if last else translate("SyncPage", "never"),
            "last_error": status.last_error or NOTHING,
        }
        for name, text in texts.items():
            self.values[name].setText(text)
        self.values["last_error"].setStyleSheet(ERROR_STYLE if status.last_error else "")
        self.values["failed"].setStyleSheet(ERROR_STYLE if status.failed else "")
        self.failed.set_records(view.failed)
        self._update_actions()

    def _token_text(self, view: SyncView) -> str:
        if not self.may_sync:
            return NOTHING
        if not view.token:
            return translate("SyncPage", "none kept: asked for at the next sync")
        if self.tokens.where(view.status.account_id) == SESSION:
            return translate("SyncPage", "kept for this session")
        return translate("SyncPage", "kept")

    def _update_actions(self) -> None:
        view = self.view
        idle = not (self._sync.busy or self.tokens.channel.busy or self._changes.busy)
        configured = view is not None and view.status.configured
        self.setup_button.setEnabled(self.may_sync and self.current_account_id() is not None)
        for button in (self.settings_button, self.test_button, self.sync_button):
            button.setEnabled(self.may_sync and configured and idle)
        self.retry_button.setEnabled(self.may_sync and idle and bool(view and view.failed))
        self.failed_title.setText(
            counted(
                len(view.failed) if view else 0,
                translate("SyncPage", "{count} failed entry"),
                translate("SyncPage", "{count} failed entries"),
            )
        )

    def is_syncing(self) -> bool:
        return self._sync.busy

    # Settings and connection
    def open_settings(self) -> SyncSettingsDialog | None:
        account_id = self.current_account_id()
        if account_id is None or not self.may_sync:
            return None
        view = self.view if self.view and self.view.status.account_id == account_id else None
        kept = self.tokens.where(account_id) if view and view.token else ""
        status = view.status if view else None
        dialog = SyncSettingsDialog(self._ops, account_id, status, kept, self)
        dialog.saved.connect(lambda configured: self._configured(account_id, configured))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _configured(self, account_id: int, configured: Configured) -> None:
        self.tokens.record(account_id, configured.token_kept)
        said = translate("SyncPage", "Sync settings saved.")
        if configured.queued:
            said += " " + counted(
                configured.queued,
                translate("SyncPage", "{count} user queued for the first sync."),
                translate("SyncPage", "{count} users queued for the first sync."),
            )
        if configured.token_kept == SESSION:
            said += " " + translate(
                "SyncPage", "No keyring here: the token is kept for this session only."
            )
        self.status_message.emit(said)

    def _with_token(self, then: Callable[[int], None]) -> None:
        account_id = self.current_account_id()
        if account_id is not None and self.may_sync and not self._sync.busy:
            url = self.view.status.base_url if self.view else ""
            self.tokens.ensure(account_id, url, lambda: then(account_id))

    def test_connection(self) -> None:
        """Read what the platform supports (its /ServiceProviderConfig), in the background."""
        self._with_token(self._test)

    def _test(self, account_id: int) -> None:
        self._ops.query(
            self,
            lambda session: session.sync.test(account_id),
            self._tested,
            failed=translate("SyncPage", "The connection failed"),
            channel=self.tokens.channel,
        )

    def _tested(self, features: PlatformFeatures) -> None:
        heading = translate("SyncPage", "The platform supports:")
        lines = features_text(features).replace("\n", "<br>")
        self.features_label.setText(f"<b>{heading}</b><br>{lines}")
        self.features_label.show()
        self.status_message.emit(translate("SyncPage", "The platform answered."))

    def retry_failed(self) -> None:
        account_id = self.current_account_id()
        if account_id is None:
            return
        self._ops.run(
            self,
            lambda session: session.sync.retry(account_id),
            lambda count: self.status_message.emit(
                counted(
                    count,
                    translate("SyncPage", "{count} entry queued again for the next sync."),
                    translate("SyncPage", "{count} entries queued again for the next sync."),
                )
            ),
            failed=translate("SyncPage", "The failed entries were not queued again"),
            channel=self._changes,
        )

    # Sync now
    def sync_now(self) -> None:
        """Push, then pull, in the background (asking for the token first if none is kept)."""
        self._with_token(self.run_bar.start)

    def cancel_sync(self) -> None:
        self.run_bar.cancel()

    @property
    def last_run(self) -> SyncRun | None:
        return self.run_bar.last_run
