"""Starting the application: arguments, the missing-screen check, the screenshot mode."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.launch import SCREENSHOT_SIZE, parse_args, screen_problem

from .conftest import ADMIN, PASSWORD

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def test_the_arguments() -> None:
    args = parse_args(
        ["--db", "sqlite:///x.db", "--today", "2026-03-15", "--as", "admin", "--page", "users"]
    )
    assert (args.db, args.today, args.login, args.page) == (
        "sqlite:///x.db",
        date(2026, 3, 15),
        "admin",
        "users",
    )
    assert args.screenshot is None


@pytest.mark.parametrize("bad", [["--today", "15/03/2026"], ["--page", "payroll"]])
def test_bad_arguments_are_refused(bad: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(bad)
    assert exit_.value.code == 2
    assert "seat-desk: error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environ", "platform", "problem"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_a_missing_screen_is_detected_on_linux(
    environ: dict[str, str], platform: str, problem: bool
) -> None:
    sentence = screen_problem(environ, platform)
    assert (sentence is not None) is problem
    if sentence:
        assert "QT_QPA_PLATFORM=offscreen" in sentence and "xvfb-run" in sentence


def run_main(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DESKTOP_ADMIN_PASSWORD"}
    }
    return subprocess.run(
        [sys.executable, str(MAIN), *args],
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_main_explains_a_missing_screen_instead_of_aborting(tmp_path: Path) -> None:
    result = run_main("--db", f"sqlite:///{tmp_path / 'never.sqlite3'}")
    assert result.returncode == 2
    assert "no screen found" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert not (tmp_path / "never.sqlite3").exists()


def test_main_saves_a_screenshot_of_the_loaded_window(db_url: str, tmp_path: Path) -> None:
    png = tmp_path / "shots" / "users.png"
    result = run_main(
        *("--db", db_url, "--today", "2026-03-15", "--as", ADMIN),
        *("--screenshot", str(png), "--page", "users"),
        QT_QPA_PLATFORM="offscreen",
        DESKTOP_ADMIN_PASSWORD=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(png))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE


def test_the_screenshot_mode_reports_a_refused_sign_in(db_url: str, tmp_path: Path) -> None:
    png = tmp_path / "never.png"
    result = run_main(
        *("--db", db_url, "--as", ADMIN, "--screenshot", str(png)),
        QT_QPA_PLATFORM="offscreen",
        DESKTOP_ADMIN_PASSWORD="not the password",
    )
    assert result.returncode == 1
    assert result.stderr.startswith("seat-desk: ")
    assert not png.exists()
