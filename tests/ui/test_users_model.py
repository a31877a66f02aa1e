"""The users model: ids for the filter, rows fetched in chunks, stale chunks dropped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import UserQuery
from ui.models import users as users_model
from ui.models.users import PLACEHOLDER, UserIdRole, UsersModel
from ui.tasks import BackgroundTasks


@pytest.fixture
def model(admin_session: OperatorSession, tasks: BackgroundTasks) -> UsersModel:
    return UsersModel(admin_session, tasks)


def loaded(model: UsersModel) -> bool:
    return all(model.user(row) is not None for row in range(model.rowCount()))


def test_the_model_passes_the_model_tester_while_loading_and_loaded(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    model: UsersModel,
    company_id: int,
) -> None:
    monkeypatch.setattr(users_model, "CHUNK", 7)
    qtmodeltester.check(model)  # empty
    model.set_role_names({"named-user": "Named user", "designer": "Designer"})
    model.set_filter(UserQuery(company_id))
    qtbot.waitUntil(lambda: not model.is_loading())
    assert model.rowCount() == 40
    qtmodeltester.check(model)  # rows loading: placeholders
    qtbot.waitUntil(lambda: loaded(model))
    qtmodeltester.check(model)
    model.set_filter(UserQuery(company_id, "garnier"))
    qtbot.waitUntil(lambda: not model.is_loading())
    qtmodeltester.check(model)


def test_a_missing_row_is_a_placeholder_until_its_chunk_arrives(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    model: UsersModel,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    monkeypatch.setattr(users_model, "CHUNK", 10)
    model.set_filter(UserQuery(company_id))
    qtbot.waitUntil(lambda: model.rowCount() == 40)
    ids = admin_session.users.ids(UserQuery(company_id))
    assert model.data(model.index(35, 0), UserIdRole) == ids[35]  # ids known at once
    assert model.data(model.index(35, 0)) == PLACEHOLDER
    with qtbot.waitSignal(model.dataChanged) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), last.row()) == (30, 39)  # the chunk around the row asked for
    assert model.data(model.index(35, 0)) == admin_session.users.get(ids[35]).email
    assert model.user(0) is None  # never shown, never loaded


def test_chunks_asked_for_under_an_old_filter_are_dropped(
    qtbot: QtBot, model: UsersModel, admin_session: OperatorSession, company_id: int
) -> None:
    model.set_filter(UserQuery(company_id))
    qtbot.waitUntil(lambda: model.rowCount() == 40)
    generation = model._generation
    model._rows_arrived(generation - 1, {0: [1]}, {0: admin_session.users.by_ids([1])})
    assert model.user(0) is None  # the stale chunk was not kept
    model.set_filter(UserQuery(company_id, "garnier"))  # while row 0's chunk loads
    qtbot.waitUntil(lambda: not model.is_loading())
    qtbot.waitUntil(lambda: loaded(model))
    assert all("garnier" in model.data(model.index(row, 0)) for row in range(model.rowCount()))


def test_sorting_asks_sql_for_a_new_order(
    qtbot: QtBot, model: UsersModel, admin_session: OperatorSession, company_id: int
) -> None:
    model.set_filter(UserQuery(company_id))
    qtbot.waitUntil(lambda: not model.is_loading())
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading())
    assert list(model.ids()) == admin_session.users.ids(
        UserQuery(company_id, sort="department", descending=True)
    )
    model.sort(4)  # roles: not sortable, nothing happens
    assert not model.is_listing()
    assert model.sort_key == ("department", True)
