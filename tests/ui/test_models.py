"""The table models: Qt's model tester, seat colours, chunked users."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.users import NamedUser, SeatUsage, UserQuery
from ui.models.records import (
    SEAT_COLOURS,
    AccountsModel,
    AuditModel,
    RecordRole,
    SeatsModel,
    SeatState,
    SeatStateRole,
    UsersModel,
    audit_changes,
    audit_record,
)


def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, admin_session: OperatorSession, company_id: int
) -> None:
    filled = [
        (AccountsModel(), admin_session.accounts.all()),
        (SeatsModel(), admin_session.licences.seats(company_id)),
        (UsersModel(), admin_session.users.export(UserQuery(company_id, sort="id"))),
        (AuditModel(), admin_session.audit.entries()),
    ]
    for model, records in filled:
        qtmodeltester.check(model)
        model.set_records(records)
        assert model.rowCount() == len(records) > 0
        qtmodeltester.check(model)


def test_the_users_model_passes_the_model_tester_while_loading_in_chunks(
    qtmodeltester: ModelTester, admin_session: OperatorSession, company_id: int
) -> None:
    users = admin_session.users.export(UserQuery(company_id, sort="id"))
    model = UsersModel()
    model.set_role_names({"named-user": "Named user"})
    model.set_chunk(users[:10], True, first=True)
    qtmodeltester.check(model)
    model.set_chunk(users[10:], False, first=False)
    qtmodeltester.check(model)
    assert model.rowCount() == len(users)


def seat(purchased: int, in_use: int) -> SeatUsage:
    return SeatUsage("designer", "Designer", purchased, in_use)


@pytest.mark.parametrize(
    ("purchased", "in_use", "state", "free"),
    [
        (10, 7, SeatState.NORMAL, "3"),
        (10, 8, SeatState.WARNING, "2"),
        (10, 10, SeatState.WARNING, "0"),
        (10, 12, SeatState.OVER_ASSIGNED, "2 over"),
        (0, 0, SeatState.NORMAL, "0"),
    ],
)
def test_seats_are_coloured_from_80_percent_and_distinctly_when_over_assigned(
    purchased: int, in_use: int, state: SeatState, free: str
) -> None:
    model = SeatsModel()
    model.set_records([seat(purchased, in_use)])
    index = model.index(0, 0)
    assert model.data(index, SeatStateRole) == state.value
    assert model.data(model.index(0, 3)) == free
    background = model.data(index, Qt.ItemDataRole.BackgroundRole)
    if state is SeatState.NORMAL:
        assert background is None
    else:
        assert background == SEAT_COLOURS[state][0]
    assert SEAT_COLOURS[SeatState.WARNING][0] != SEAT_COLOURS[SeatState.OVER_ASSIGNED][0]


def test_the_users_model_asks_for_the_next_chunk_once(qtbot: QtBot) -> None:
    users = [NamedUser(1, f"u{i}@example.com", id=i) for i in range(3)]
    model = UsersModel()
    model.set_chunk(users, True, first=True)
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.more_wanted) as wanted:
        model.fetchMore(QModelIndex())
    assert wanted.args == [3]
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    model.set_chunk([NamedUser(1, "u3@example.com", id=3)], False, first=False)
    assert model.rowCount() == 4
    assert not model.canFetchMore(QModelIndex())
    assert model.data(model.index(3, 0), RecordRole).id == 3


def test_users_show_role_names_and_guests() -> None:
    model = UsersModel()
    model.set_role_names({"designer": "Designer", "named-user": "Named user"})
    model.set_records(
        [
            NamedUser(1, "a@example.com", roles=frozenset({"named-user", "designer"}), id=1),
            NamedUser(1, "g@example.com", is_guest=True, enabled=False, id=2),
        ]
    )
    assert model.data(model.index(0, 4)) == "Designer, Named user"
    assert model.data(model.index(1, 4)) == "Guest"
    assert model.data(model.index(1, 3)) == "No"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_an_audit_update_lists_what_changed() -> None:
    entry = AuditEntry(
        at=datetime(2026, 3, 15, 9, 30, tzinfo=UTC),
        actor="admin",
        action="user.disable",
        entity="user",
        entity_id="7",
        before={"email": "a@example.com", "enabled": True},
        after={"email": "a@example.com", "enabled": False},
    )
    assert audit_record(entry) == "user 7 · a@example.com"
    assert audit_changes(entry) == "enabled: yes → no"
