"""The sync push benchmark (bench/sync_push.py) still runs: a tiny size, in-process."""

from __future__ import annotations

import pytest

from bench.sync_push import main

USERS = 50


def test_sync_push_benchmark_runs_and_every_user_arrives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    measures = main(["--users", str(USERS)])
    printed = capsys.readouterr().out
    labels = [m.label for m in measures]
    assert [label[:3] for label in labels] == ["(a)", "(b)", "(c)", "(d)"]
    for measure in measures:
        assert measure.done == USERS and measure.stored == USERS, measure
        assert measure.line() in printed
    assert printed.count("users/s") == len(measures)
    assert "ratio (a)/(c)" in printed and "ratio (b)/(c)" in printed
    bulk, pooled, naive, _ = measures
    assert naive.requests == USERS and naive.connections == USERS
    assert bulk.requests < USERS // 5  # discovery and one Bulk request
    assert pooled.requests >= USERS and pooled.connections < USERS  # kept alive
