"""packaging/build-linux builds the onedir package and its self-test passes (slow: ~1 minute)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_build_linux_builds_and_the_packaged_selftest_passes(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENGAGER_")}
    done = subprocess.run(
        [str(PACKAGING / "build-linux"), "--dist", str(dist), "--work", str(work)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1700,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-4000:]
    assert "selftest ok" in done.stdout.splitlines()
    assert re.search(r"^package: .* \(\S+, \d+ files\)$", done.stdout, re.MULTILINE), report
    assert re.search(r"^selftest: exit status 0 in [\d.]+ s", done.stdout, re.MULTILINE), report
    program = dist / "engager-desktop" / "engager-desktop"
    assert program.is_file() and os.access(program, os.X_OK)
    # The packaged program ignores ENGAGER_* passphrase variables: `check` must ask for one.
    vault = tmp_path / "no-vault"
    refused = subprocess.run(
        [str(program), "check", "--vault", str(vault)],
        env={**env, "ENGAGER_PASSPHRASE": "would be used by a source install"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode == 1
    assert "no passphrase given" in refused.stderr
