"""Format 1.1 and 1.2 laptops exchange bundles both ways, with the real 1.1 build.

The 1.1 build is the release before ``participants.held_by`` and ``handovers`` (commit
``PREVIOUS``, read out of this repository's history with ``git archive``); it runs in a child
process with its own code. Format 1.2 records reach it with a field and a table it does not know:
it keeps them and passes them on unchanged when it edits the man. A man it adds reaches the 1.2
laptop without a holder: ``held_by`` takes the documented default (None, "not recorded").
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import handover, sync
from engager_desktop.store.orm import Handover, Participant
from engager_desktop.sync import field_lists
from tests.sync.conftest import Laptop, add_man, man_field
from tests.vault_fixtures import TEST_START

PREVIOUS = "7c8f5d45c2e083f664b396f292faff500cad8acb"  # the last build of format 1.1
ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from datetime import datetime, timedelta, UTC
from pathlib import Path
from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.sync import field_lists
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

step, work = sys.argv[1], Path(sys.argv[2])
clock = FakeClock(datetime.fromisoformat(sys.argv[3]))
path = work / "old-build-vault"
out = {"format": field_lists.FORMATS.label()}
if step == "create":
    vault, _code = create_vault(path, TEST_PASSPHRASE, test_options(clock))
    card = sync.device_card(vault)
    (work / "old-build.card").write_bytes(card.data)
    out.update(device=card.device_id, fingerprint=card.fingerprint)
else:
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options(clock))
    new_card, new_fingerprint, bundle, man = sys.argv[4:8]
    sync.enrol(vault, Path(new_card).read_bytes(), new_fingerprint)
    summary = sync.commit_import(vault, Path(bundle))
    with vault.write() as session:
        session.get(Participant, man).notes = "edited on the 1.1 laptop"
        added = Participant(given_name="Emyr", family_name="Hughes", preferred_name="Emyr")
        session.add(added)
        session.flush()
        out["added"] = added.id
    back = work / "back"
    back.mkdir()
    out["bundle"] = str(sync.export(vault, back, recipients=(sync.read_card(
        Path(new_card).read_bytes()).device_id,)).path)
    out["imported"] = summary.committed
vault.lock()
print(json.dumps(out))
"""


def build_from_history(factory: pytest.TempPathFactory, commit: str, label: str) -> Path:
    """An earlier build's code (the package and its tests' helpers), out of git history."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "engager_desktop", "tests"],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:  # a copy without git history
        pytest.skip(f"the {label} build is not in this repository's history ({exc})")
    target = factory.mktemp(f"build-{label}")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def run_child(build: Path, *args: str, script: str = CHILD) -> dict[str, object]:
    """Run ``script`` with the earlier build's code; its last line of output, read as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=build,
        env={"PYTHONPATH": str(build), "PATH": "/usr/bin:/bin", "HOME": str(build)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_from_history(tmp_path_factory, PREVIOUS, "1.1")


def test_a_1_1_laptop_passes_on_the_holder_and_handovers_and_its_men_arrive_unheld(
    previous_build: Path, make_laptop: Callable[[str], Laptop], tmp_path: Path
) -> None:
    assert field_lists.FORMATS.current.minor >= 2  # this build writes 1.2 or a later 1.x
    new, colleague = make_laptop("new"), make_laptop("colleague")
    new.enrol(colleague)
    colleague.enrol(new)
    later = (TEST_START + timedelta(hours=1)).isoformat()
    made = run_child(previous_build, "create", str(tmp_path), later)
    assert made["format"] == "engager-bundle/1.1"
    sync.enrol(new.vault, (tmp_path / "old-build.card").read_bytes(), str(made["fingerprint"]))
    # A man handed to this laptop by a colleague: his record holds held_by and a handover.
    man = add_man(colleague, notes="first notes")
    new.take(
        handover.hand_over(colleague.vault, (man,), new.device_id, colleague.stick).bundle.path
    )
    assert man_field(new, man, "held_by") == new.device_id
    bundle = sync.export(new.vault, new.stick, recipients=(str(made["device"]),)).path
    card = tmp_path / "new.card"
    card.write_bytes(new.card())
    back = run_child(
        previous_build, "import", str(tmp_path), later, str(card), new.fingerprint(), str(bundle),
        man,
    )  # fmt: skip
    assert back["imported"] is True and back["format"] == "engager-bundle/1.1"
    with new.vault.read() as session:
        before = session.scalars(select(Handover).where(Handover.participant_id == man)).one()
        before_ack = before.acknowledged_at
    summary = new.take(Path(str(back["bundle"])))
    assert summary.committed
    # The 1.1 laptop's edit arrives, and what it did not know came back unchanged with it.
    assert man_field(new, man, "notes") == "edited on the 1.1 laptop"
    assert man_field(new, man, "held_by") == new.device_id
    with new.vault.read() as session:
        kept = session.scalars(select(Handover).where(Handover.participant_id == man)).one()
        assert kept.acknowledged_at == before_ack
        # The man the 1.1 laptop added has no holder recorded (format 1.2's default).
        added = session.get(Participant, str(back["added"]))
        assert added is not None and added.held_by is None
