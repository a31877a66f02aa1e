"""Racing real processes on one database."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Finish:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"{' '.join(self.args)} -> {self.returncode}\n{self.stdout}{self.stderr}"


def race(commands: Sequence[Sequence[str]], env: Mapping[str, str], folder: Path) -> list[Finish]:
    """Start one process per command, release them together, wait for them all."""
    folder.mkdir(parents=True, exist_ok=True)
    start = folder / "start"
    start.unlink(missing_ok=True)
    for old in folder.glob("ready-*"):
        old.unlink()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrency.racer", str(start), *command],
            env=dict(env),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    deadline = time.monotonic() + 60
    while len(list(folder.glob("ready-*"))) < len(processes):
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
            break
        time.sleep(0.002)
    start.touch()
    finishes = []
    for command, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=120)
        finishes.append(Finish(tuple(command), process.returncode, out, err))
    return finishes
