"""The background task helper: outcomes come back to the GUI thread; stale ones are dropped."""

from __future__ import annotations

import gc
import sys
import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.collector import GuiThreadGarbageCollector
from ui.tasks import BackgroundTasks, TaskControl


def test_the_result_comes_back_in_the_gui_thread(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    channel = tasks.channel()
    seen: list[tuple[int, bool]] = []
    worker: list[threading.Thread] = []

    def work() -> int:
        worker.append(threading.current_thread())
        return 42

    channel.run(work, lambda result: seen.append((result, threading.current_thread() is main)))
    main = threading.main_thread()
    assert channel.busy and tasks.busy
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker[0] is not main
    assert not channel.busy
    qtbot.waitUntil(lambda: not tasks.busy)


def test_an_exception_comes_back_to_the_error_handler(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    channel = tasks.channel()
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("no such thing")

    channel.run(fail, lambda _result: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "no such thing"


def test_a_stale_result_is_dropped(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    channel = tasks.channel()
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old search"

    channel.run(slow, results.append)
    channel.run(lambda: "new search", results.append)
    qtbot.waitUntil(lambda: results == ["new search"])
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert results == ["new search"]


def test_cancelling_drops_the_result_and_tells_the_work(
    qtbot: QtBot, tasks: BackgroundTasks
) -> None:
    channel = tasks.channel()
    started, release = threading.Event(), threading.Event()
    seen_cancelled: list[bool] = []

    def work(control: TaskControl) -> str:
        started.set()
        release.wait(5)
        seen_cancelled.append(control.cancelled)
        control.check()
        return "too late"

    channel.run_controlled(work, lambda _r: pytest.fail("cancelled work delivered a result"))
    assert started.wait(5)
    with qtbot.waitSignal(channel.busy_changed) as blocker:
        channel.cancel()
    assert blocker.args == [False]
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert seen_cancelled == [True]


def test_progress_is_reported(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    channel = tasks.channel()
    reports: list[tuple[int, int]] = []
    channel.progressed.connect(lambda done, total: reports.append((done, total)))

    def work(control: TaskControl) -> str:
        for done in range(1, 4):
            control.report(done, 3)
        return "done"

    with qtbot.waitSignal(tasks.busy_changed, check_params_cb=lambda busy: not busy):
        channel.run_controlled(work, lambda _r: None)
    assert reports == [(1, 3), (2, 3), (3, 3)]


def test_an_unhandled_error_is_reported_like_an_uncaught_exception(
    qtbot: QtBot, tasks: BackgroundTasks, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _type, error, _tb: reported.append(error))

    def fail() -> None:
        raise RuntimeError("a bug")

    channel = tasks.channel()
    channel.run(fail, lambda _r: None)
    qtbot.waitUntil(lambda: bool(reported))
    assert str(reported[0]) == "a bug"


def test_the_outcome_for_a_deleted_channel_is_dropped(qtbot: QtBot, tasks: BackgroundTasks) -> None:
    owner = QObject()
    channel = tasks.channel(owner)
    release = threading.Event()
    results: list[str] = []
    channel.run(lambda: release.wait(5) and "late", results.append)
    shiboken6.delete(owner)  # the page went away; its channel with it (not its wrapper)
    assert not shiboken6.isValid(channel)
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert results == []


def test_garbage_is_collected_in_the_gui_thread_only(qapp: QApplication) -> None:
    gc.enable()  # as outside the tests (the autouse fixture turned it off)
    collector = GuiThreadGarbageCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        for _ in range(3 * gc.get_threshold()[0]):
            cycle: list[object] = []
            cycle.append(cycle)
        assert gc.get_count()[0] > gc.get_threshold()[0]
        assert collector.collect_due() > 0
    finally:
        collector.stop()
    assert gc.isenabled()
