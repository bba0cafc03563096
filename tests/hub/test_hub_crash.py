"""Kill -9 during a hub import, and two hub processes importing at once.

PostgreSQL rolls the killed import's transaction back (records, ledger, audit, all of it), so the
ledger shows the bundle not imported and a retry imports it once. Two processes importing the
same bundle at once: one imports it, the other waits on the hub's write lock and then finds it
already imported; two different bundles at once are both imported, one after the other.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from engager_desktop.store.orm import Participant
from engager_desktop.store.orm.system import ImportLedger
from tests.hub.conftest import HUB_PASSPHRASE, HubSide
from tests.sync.conftest import Laptop, add_man

ROOT = Path(__file__).resolve().parents[2]


def _child(url: str, bundle: str, signal_file: Path, hold: float) -> subprocess.Popen[str]:
    env = {**os.environ, "ENGAGER_HUB_PASSPHRASE": HUB_PASSPHRASE, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "tests.hub.import_child", url, bundle, str(signal_file)]
    return subprocess.Popen(
        [*args, str(hold)], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def _wait_for(path: Path, child: subprocess.Popen[str], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < end, "the child never reached the merge"
        time.sleep(0.02)


def _ledger(hub: HubSide) -> int:
    with hub.hub.read() as session:
        return int(session.execute(select(func.count()).select_from(ImportLedger)).scalar_one())


def _men(hub: HubSide) -> int:
    with hub.hub.read() as session:
        return int(session.execute(select(func.count()).select_from(Participant)).scalar_one())


def _some_men(laptop: Laptop, count: int) -> None:
    with laptop.vault.write() as session:
        session.add_all(
            Participant(given_name=f"Man{i}", family_name="Test", preferred_name=f"Man{i}")
            for i in range(count)
        )
    laptop.tick()


def test_kill_during_import_rolls_back_and_a_retry_imports_once(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide], tmp_path: Path
) -> None:
    hub = make_hub()
    prison = make_laptop("prison")
    hub.enrol(prison)
    _some_men(prison, 50)
    hub.clock.advance(600)
    bundle = prison.export(hub)  # type: ignore[arg-type]
    before_ledger, before_digest = _ledger(hub), hub.digest()
    signal_file = tmp_path / "in-transaction"
    child = _child(hub.url, str(bundle), signal_file, hold=60)
    _wait_for(signal_file, child)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    time.sleep(0.2)  # PostgreSQL notices the closed connection and rolls back
    assert _ledger(hub) == before_ledger  # the ledger: not imported
    assert hub.digest() == before_digest and _men(hub) == 0
    summary = hub.take(bundle)  # the retry
    assert summary.committed and summary.records_new == 50
    assert hub.take(bundle).already_imported
    assert _ledger(hub) == before_ledger + 1 and _men(hub) == 50


def test_two_processes_import_the_same_bundle_once(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide], tmp_path: Path
) -> None:
    hub = make_hub()
    prison, community = make_laptop("prison"), make_laptop("community")
    hub.enrol(prison)
    hub.enrol(community)
    add_man(prison)
    add_man(community, given_name="Owain")
    hub.clock.advance(600)
    first = prison.export(hub)  # type: ignore[arg-type]
    other = community.export(hub)  # type: ignore[arg-type]
    slow = _child(hub.url, str(first), tmp_path / "first", hold=1.5)
    _wait_for(tmp_path / "first", slow)  # inside its transaction, holding the write lock
    both = _child(hub.url, f"{first}{os.pathsep}{other}", tmp_path / "second", hold=0)
    outputs = [c.communicate(timeout=120) for c in (slow, both)]
    assert [c.returncode for c in (slow, both)] == [0, 0], outputs
    assert "imported bundle 1" in outputs[0][0]
    first_line, second_line = outputs[1][0].splitlines()[:2]
    assert "already imported" in first_line  # waited for the first process's commit
    assert "imported bundle 1" in second_line
    assert _ledger(hub) == 2 and _men(hub) == 2
