"""Run ``gui_probe`` in a child process and read back what it printed, timed from the spawn."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.vaults import BENCH_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


class ProbeFailed(Exception):
    """The child did not reach its moment; the message is the reason to record."""


@dataclass(frozen=True)
class ProbeRun:
    values: dict[str, float]
    spawned: float  # time.monotonic() in this process just before the spawn

    def since_spawn(self, key: str) -> float:
        """Seconds from the spawn to the child's monotonic stamp ``key`` (a system-wide clock)."""
        return self.values[key] - self.spawned


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # let children reuse compiled modules, as installed
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ENGAGER_DATA_DIR"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["ENGAGER_BENCH_PASSPHRASE"] = BENCH_PASSPHRASE
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def parse(stdout: str) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "PROBE":
            try:
                values[parts[1]] = float(parts[2])
            except ValueError:
                continue
    return values


def probe(mode: str, vault: Path | None = None, *, timeout: float = 300) -> ProbeRun:
    """Spawn ``gui_probe MODE [VAULT]``; ProbeFailed if it exits without reporting."""
    args = [sys.executable, "-m", "tests.benchmarks.gui_probe", mode]
    if vault is not None:
        args.append(str(vault))
    with tempfile.TemporaryDirectory(prefix="engager-bench-") as home:
        spawned = time.monotonic()
        done = subprocess.run(
            args,
            cwd=ROOT,
            env=child_env(Path(home)),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    values = parse(done.stdout)
    if done.returncode != 0 or not values:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
        raise ProbeFailed(f"{mode} probe exited {done.returncode}: {tail}")
    return ProbeRun(values, spawned)
