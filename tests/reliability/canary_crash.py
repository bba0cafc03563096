"""The workload's crash: a child opens the vault, writes about canary men, and is killed with -9.

Run as ``python -m tests.reliability.canary_crash VAULT HOLD START MAN_ID...`` the child unlocks
the vault, then for each write in turn edits one of the men (his risk notes) or saves a session
review for him, each text holding his own name (so his canaries), and prints "ack N" only after
write N (numbered from START) has committed. With HOLD >= 0, after HOLD acknowledged writes it
opens one more write, changes his notes to "unacked: ..." and flushes, prints "holding" and waits
inside the open transaction: the parent kills it there, so the kill always lands mid-write. With
HOLD < 0 it writes until a timed kill lands wherever it lands (imports, unlock, commit, checkpoint).

The child refuses every socket as the parent's workload does, and says so on stdout ("network
NAME") so the parent can count attempts. The kill is the one of tests/reliability/test_crash_kill.py
(a reader thread collects the acks, then SIGKILL and wait), its moment chosen by a line seen or by
a delay; crash_writer.py's modes write men of their own, not the canary men, so are not reused.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, fields
from datetime import timedelta
from pathlib import Path

from engager_desktop.services.participants import (
    ParticipantForm,
    get_participant,
    update_participant,
)
from engager_desktop.services.session_review import ReviewInput, save_review
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

ROOT = Path(__file__).resolve().parents[2]
HOLDING = "holding"
UNACKED = "unacked: "
REVIEW_NOTE = "crash review {i}: {given} {family}"
EDIT_NOTE = "crash edit {i}: see {preferred}"


@dataclass
class Crash:
    acks: list[int] = field(default_factory=list)
    held: bool = False  # the kill landed inside the open write ("holding" was seen)
    network: list[str] = field(default_factory=list)
    returncode: int | None = None


def run_and_kill(
    vault: Path, men: list[str], *, hold: int, start: int = 0, delay: float = 0.0
) -> Crash:
    """Start the child (its writes numbered from ``start``); kill -9 it when it holds its open
    write (``hold`` >= 0) or after ``delay`` seconds (``hold`` < 0). Return what it acknowledged."""
    child = [str(vault), str(hold), str(start), *men]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.canary_crash", *child],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    crash = Crash()
    holding = threading.Event()
    assert proc.stdout is not None
    stdout = proc.stdout

    def reader() -> None:
        for line in stdout:
            words = line.split()
            if line.startswith("ack "):
                crash.acks.append(int(words[1]))
            elif line.startswith("network "):
                crash.network.append(words[1])
            elif line.strip() == HOLDING:
                holding.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if hold >= 0:
        ended = False
        while not holding.wait(0.05):
            if proc.poll() is not None:
                ended = True
                break
        if ended:
            thread.join(timeout=5)
            assert proc.stderr is not None
            error = proc.stderr.read()[-2000:]
            raise AssertionError(f"the writer ended ({proc.returncode}) before holding: {error}")
        crash.held = True
    else:
        time.sleep(delay)
    proc.kill()  # SIGKILL on POSIX (TerminateProcess on Windows)
    crash.returncode = proc.wait()
    thread.join(timeout=5)
    assert proc.stderr is not None
    proc.stderr.close()
    return crash


# --------------------------------------------------------------------------- the child


def _refuse_sockets() -> None:
    def refuse(name: str) -> object:
        def refused(*_args: object, **_kwargs: object) -> object:
            print(f"network {name}", flush=True)
            raise OSError(f"network use attempted: {name}")

        return refused

    for name in ("socket", "create_connection", "socketpair", "getaddrinfo"):
        setattr(socket, name, refuse(name))


def _write(vault: Vault, man_id: str, i: int) -> None:
    man = get_participant(vault, man_id)
    if i % 2:
        form = {f.name: getattr(man, f.name) for f in fields(ParticipantForm)}
        form["risk_notes"] = EDIT_NOTE.format(i=i, preferred=man.preferred_name)
        update_participant(vault, man_id, ParticipantForm(**form))
        return
    review = ReviewInput(
        starts_at=TEST_START - timedelta(days=20, minutes=i),
        place="prison",
        attended=True,
        distress=1 + i % 9,
        notes=REVIEW_NOTE.format(i=i, given=man.given_name, family=man.family_name),
    )
    save_review(vault, man_id, review)


def _hold(vault: Vault, man_id: str) -> None:
    with vault.write() as session:
        man = session.get(Participant, man_id)
        assert man is not None
        man.notes = f"{UNACKED}{man.given_name} {man.family_name}"
        session.flush()
        print(HOLDING, flush=True)
        time.sleep(120)  # killed here
    raise SystemExit("not killed while holding the write")


def main() -> None:
    _refuse_sockets()  # after the imports, as the parent does (classes derive from socket)
    path, hold, start, men = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    print("ready", flush=True)
    i = start
    while hold < 0 or i < start + hold:
        _write(vault, men[i % len(men)], i)
        print(f"ack {i}", flush=True)
        i += 1
    _hold(vault, men[i % len(men)])


if __name__ == "__main__":
    main()
