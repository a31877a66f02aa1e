"""The audit trail's filters: which record, who, between which days, which words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.audit_words import RECORDS, record_words
from ui.i18n import translate

#: A day edit at this date shows its special text: no bound.
NO_DAY = QDate(2000, 1, 1)


@dataclass(frozen=True)
class AuditCriteria:
    """What the trail is filtered on; empty fields filter nothing."""

    entity: str | None = None
    entity_id: str | None = None
    actor: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    search: str | None = None

    def query(self) -> dict[str, object]:
        """The keyword arguments of `session.audit.entries`: days are the local
        calendar's, from the first day's midnight to the end of the last."""
        return {
            "entity": self.entity,
            "entity_id": self.entity_id,
            "actor": self.actor,
            "since": _midnight(self.first_day),
            "until": _midnight(self.last_day + timedelta(days=1)) if self.last_day else None,
            "search": self.search,
        }


def _midnight(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class AuditFilters(QWidget):
    """A row of filters; `changed` is emitted a moment after the last edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = QComboBox()
        self.record.setObjectName("audit_record_kind")
        self.record.addItem(translate("AuditPage", "All records"), None)
        for entity in sorted(RECORDS, key=record_words):
            self.record.addItem(record_words(entity).capitalize(), entity)
        self.record_id = self._line("audit_record_id", translate("AuditPage", "its id"), 80)
        self.actor = self._line("audit_actor", translate("AuditPage", "anyone"), 110)
        self.first_day, self.last_day = self._day("audit_from"), self._day("audit_to")
        self.search = self._line("audit_search", translate("AuditPage", "Search…"), 180)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            (translate("AuditPage", "Record:"), self.record),
            (None, self.record_id),
            (translate("AuditPage", "Who:"), self.actor),
            (translate("AuditPage", "From:"), self.first_day),
            (translate("AuditPage", "to:"), self.last_day),
        ):
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.search)
        self._quiet = QTimer(self, singleShot=True, interval=300)
        self._quiet.timeout.connect(self.changed)
        self.record.currentIndexChanged.connect(self._quiet.start)
        for day in (self.first_day, self.last_day):
            day.dateChanged.connect(self._quiet.start)

    def _line(self, name: str, placeholder: str, width: int) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        line.setMinimumWidth(width)
        line.textChanged.connect(lambda _text: self._quiet.start())
        return line

    def _day(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DAY)
        edit.setSpecialValueText(translate("AuditPage", "any day"))
        edit.setDate(NO_DAY)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        return edit

    def criteria(self) -> AuditCriteria:
        def text(line: QLineEdit) -> str | None:
            return line.text().strip() or None

        def day(edit: QDateEdit) -> date | None:
            chosen = edit.date()
            return None if chosen == NO_DAY else chosen.toPython()  # type: ignore[no-any-return]

        return AuditCriteria(
            entity=self.record.currentData(),
            entity_id=text(self.record_id),
            actor=text(self.actor),
            first_day=day(self.first_day),
            last_day=day(self.last_day),
            search=text(self.search),
        )
