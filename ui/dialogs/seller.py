"""Settings > Seller details: who issues the quotes and invoices (R19): legal name and
form, address, country, VAT number, company registration, bank account and logo.

The form is filled from `session.billing.seller_details`; OK saves every field through
`session.billing.set_seller` (the service checks the IBAN, the BIC, the registration and
the logo); a refusal is shown under the fields it is about and the dialog stays open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.bank import compact, grouped_iban
from desktop_admin.domain.seller import SellerDetails
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import bare_box, muted
from ui.widgets.field_errors import FieldErrors

LOGO_SIZE = 96
#: The one-line fields: (field, label, placeholder).
LINES = (
    ("name", QT_TRANSLATE_NOOP("SellerDialog", "Legal &name:"), "Seat Desk SAS"),
    ("legal_form", QT_TRANSLATE_NOOP("SellerDialog", "Legal &form:"), "SAS, GmbH, Ltd"),
    ("postcode", "", "75002"),
    ("city", "", "Paris"),
    ("country", QT_TRANSLATE_NOOP("SellerDialog", "&Country:"), "FR"),
    ("vat_number", QT_TRANSLATE_NOOP("SellerDialog", "&VAT number:"), "FR40303265045"),
    ("registration", QT_TRANSLATE_NOOP("SellerDialog", "&Registration:"), "SIREN / SIRET"),
    ("iban", QT_TRANSLATE_NOOP("SellerDialog", "&IBAN:"), "FR76 3000 6000 0112 3456 7890 189"),
    ("bic", QT_TRANSLATE_NOOP("SellerDialog", "&BIC:"), "BNPAFRPP"),
    ("email", QT_TRANSLATE_NOOP("SellerDialog", "&Email:"), "billing@example.com"),
)


class SellerDialog(QDialog):
    """The seller's details; OK saves them, a refusal keeps the dialog open."""

    #: The details were saved: the `SellerDetails` kept.
    saved = Signal(object)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seller_dialog")
        self.setWindowTitle(translate("SellerDialog", "Seller details"))
        self.setMinimumWidth(600)
        self._ops = ops
        self._channel = ops.tasks.channel(self)
        self.details: SellerDetails | None = None
        #: The logo file chosen, to be read when OK is pressed; `_remove_logo`: drop it.
        self.logo_file: Path | None = None
        self._remove_logo = False
        self.message = QLabel()
        self.message.setObjectName("seller_message")
        self.errors = FieldErrors(self.message)
        self.edits: dict[str, QLineEdit] = {}
        for field, _label, placeholder in LINES:
            edit = QLineEdit()
            edit.setObjectName(f"seller_{field}")
            edit.setPlaceholderText(placeholder)
            self.edits[field] = edit
        self.edits["country"].setMaxLength(2)
        self.edits["country"].setMaximumWidth(60)
        self.edits["iban"].editingFinished.connect(self._group_iban)
        self.street_edit = QPlainTextEdit()
        self.street_edit.setObjectName("seller_street")
        self.street_edit.setTabChangesFocus(True)
        self.street_edit.setPlaceholderText(
            translate("SellerDialog", "Street, building… (one line each)")
        )
        self.street_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self._build_logo()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(self._set_working)
        self._layout()
        self._set_working(True)
        self.errors.say(translate("SellerDialog", "Loading…"))
        ops.query(
            self,
            lambda session: session.billing.seller_details(),
            self.set_details,
            failed=self._refused,
            channel=self._channel,
        )

    def _build_logo(self) -> None:
        self.logo_view = QLabel()
        self.logo_view.setObjectName("seller_logo")
        self.logo_view.setFixedSize(LOGO_SIZE, LOGO_SIZE)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setStyleSheet("border: 1px solid palette(mid);")
        self.logo_info = muted(QLabel())
        self.logo_info.setObjectName("seller_logo_info")
        self.logo_info.setWordWrap(True)
        self.choose_logo_button = QPushButton(translate("SellerDialog", "C&hoose…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(translate("SellerDialog", "Re&move"))
        self.remove_logo_button.clicked.connect(self.remove_logo)

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = {field: label for field, label, _placeholder in LINES}

        def row(field: str, widget: QWidget | None = None) -> None:
            shown = widget if widget is not None else self.edits[field]
            form.addRow(translate("SellerDialog", labels[field]), self.errors.wrap(field, shown))

        row("name")
        row("legal_form")
        form.addRow(
            translate("SellerDialog", "&Street:"), self.errors.wrap("street", self.street_edit)
        )
        town = bare_box(
            QHBoxLayout,
            self.errors.wrap("postcode", self.edits["postcode"]),
            QLabel(translate("SellerDialog", "City:")),
            (self.errors.wrap("city", self.edits["city"]), 1),
        )
        self.edits["postcode"].setMaximumWidth(110)
        form.addRow(translate("SellerDialog", "&Postcode:"), town)
        row("country")
        row("vat_number")
        row("registration")
        row("iban")
        row("bic")
        row("email")
        buttons = bare_box(QVBoxLayout, self.choose_logo_button, self.remove_logo_button, None)
        logo = bare_box(QHBoxLayout, self.logo_view, buttons, (self.logo_info, 1))
        form.addRow(translate("SellerDialog", "&Logo:"), self.errors.wrap("logo", logo))
        layout = QVBoxLayout(self)
        intro = muted(
            QLabel(
                translate(
                    "SellerDialog",
                    "Printed on every quote, invoice and credit note. An issued document "
                    "keeps the details it was issued with.",
                )
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # Loading
    def set_details(self, details: SellerDetails | None) -> None:
        self.details = details
        self.errors.clear()
        values = vars(details) if details is not None else {}
        for field, edit in self.edits.items():
            edit.setText(str(values.get(field) or ""))
        if details is not None and details.iban:
            self.edits["iban"].setText(grouped_iban(details.iban))
        self.street_edit.setPlainText((details.street or "") if details is not None else "")
        self.logo_file, self._remove_logo = None, False
        self._show_logo()
        self._set_working(False)
        self.edits["name"].setFocus()

    def _show_logo(self) -> None:
        kept = self.details.logo if self.details is not None else None
        pixmap = QPixmap()
        if self.logo_file is not None:
            pixmap.load(str(self.logo_file))
            info = translate("SellerDialog", "{name}: kept when you press OK.").format(
                name=self.logo_file.name
            )
        elif kept is not None and not self._remove_logo:
            pixmap.loadFromData(QByteArray(kept.data))
            info = translate("SellerDialog", "{kind} image, {size} KB.").format(
                kind=kept.media_type.split("/")[1].split("+")[0].upper(),
                size=max(1, round(len(kept.data) / 1024)),
            )
        else:
            info = translate("SellerDialog", "No logo. PNG, JPEG or SVG, up to 512 KB.")
        if pixmap.isNull():
            self.logo_view.clear()
        else:
            self.logo_view.setPixmap(
                pixmap.scaled(
                    LOGO_SIZE - 8,
                    LOGO_SIZE - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.logo_info.setText(info)
        self.remove_logo_button.setEnabled(self._has_logo() and not self._channel.busy)

    # The logo
    def choose_logo(self) -> QFileDialog:
        """Ask for an image file (window-modal, not blocking)."""
        chooser = QFileDialog(self, translate("SellerDialog", "Choose the logo"))
        chooser.setObjectName("seller_logo_chooser")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilter(translate("SellerDialog", "Images (*.png *.jpg *.jpeg *.svg)"))
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.set_logo_file(Path(name)))
        chooser.open()
        return chooser

    def set_logo_file(self, path: Path) -> None:
        """The logo to keep when OK is pressed (read and checked then)."""
        self.logo_file, self._remove_logo = path, False
        self._show_logo()

    def remove_logo(self) -> None:
        self.logo_file, self._remove_logo = None, True
        self._show_logo()

    # Saving
    def _group_iban(self) -> None:
        edit = self.edits["iban"]
        edit.setText(grouped_iban(compact(edit.text())))

    def save(self) -> None:
        if self._channel.busy:
            return
        given = {field: edit.text() for field, edit in self.edits.items()}
        given["street"] = self.street_edit.toPlainText()
        logo_file, remove_logo = self.logo_file, self._remove_logo
        self.errors.say(translate("SellerDialog", "Saving…"))
        self._ops.run(
            self,
            lambda session: session.billing.set_seller(
                **given, logo_file=logo_file, remove_logo=remove_logo
            ),
            self._saved,
            failed=self._refused,
            channel=self._channel,
        )

    def _saved(self, details: SellerDetails) -> None:
        self.details = details
        self.saved.emit(details)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.errors.show(error)

    def _set_working(self, working: bool) -> None:
        for widget in (
            *self.edits.values(),
            self.street_edit,
            self.choose_logo_button,
            self.ok_button,
        ):
            widget.setEnabled(not working)
        self.remove_logo_button.setEnabled(not working and self._has_logo())

    def _has_logo(self) -> bool:
        kept = self.details is not None and self.details.logo is not None
        return self.logo_file is not None or (kept and not self._remove_logo)

    def is_busy(self) -> bool:
        return self._channel.busy

    def reject(self) -> None:
        if not self._channel.busy:  # once sent, the details are saved or refused
            super().reject()
