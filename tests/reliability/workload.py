"""The whole-workload run the canary and no-network tests share: every step a practitioner takes.

Demo vault, a real vault seeded with 100 canary strings in men's records, an edit, a session
review, drafts, prints saved as PDFs to a chosen folder, a backup, then a crash: the vault is
locked, a child process opens it, edits men and saves reviews about them (their names, so their
canaries, in every text) and is killed with SIGKILL inside an open write (canary_crash.py); the
files as the kill left them are copied aside, to be searched too. The vault is reopened through
the normal unlock (WAL recovery, stale temps) and the acknowledged writes checked. Then a bundle
export to a stick folder and its import into a second vault (another laptop), the erasure of one
man (services/erasure.py) and a second bundle carrying his tombstones to the other laptop, a
supervision summary saved as a PDF, and lock.

The erased man has canaries in his record, a draft and the crashed child's edits and reviews, is
in both bundles, and was never printed: the supervision summary (which lists every open man) is
printed after his erasure, so no deliberately saved file may name him.

Run as ``python -m tests.reliability.workload ROOT`` it does the same in a child process (for
``unshare -n``).
"""

from __future__ import annotations

import random
import shutil
import string
import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.services import demo, drafts, erasure, printing, sync
from engager_desktop.services.participants import (
    ParticipantForm,
    create_participant,
    update_participant,
)
from engager_desktop.services.session_review import ReviewInput, save_review
from engager_desktop.store.backup import backup_vault
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import Meeting, Participant
from engager_desktop.store.vault import Vault
from tests.reliability.canary_crash import EDIT_NOTE, REVIEW_NOTE, UNACKED, Crash, run_and_kill
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

MEN = 20
CANARIES_PER_MAN = 5  # 100 canaries in all
PRINTED = ("action-plan", "understanding", "workbook")  # for man 0; the supervision summary later
ERASED = 1  # the man erased: never printed, in the crashed writes and in both bundles
CRASHED = (0, ERASED, 2)  # the men the crashed child writes about
CRASH_ACKS = 4  # acknowledged writes before the one the kill lands in


@dataclass
class WorkloadResult:
    canaries: list[str]
    vaults: Path
    export: Path
    stick: Path
    saved_pdfs: list[Path] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    crashes: list[Crash] = field(default_factory=list)
    keys: dict[Path, bytes] = field(default_factory=dict)  # vault folder -> data key
    backups_holding_erased: tuple[Path, ...] = ()

    def of_man(self, index: int) -> list[str]:
        return self.canaries[index * CANARIES_PER_MAN : (index + 1) * CANARIES_PER_MAN]

    @property
    def erased(self) -> list[str]:
        return self.of_man(ERASED)


def make_canaries(seed: int) -> list[str]:
    """Distinctive letter-only strings (they pass name checks) that occur nowhere by chance."""
    rng = random.Random(seed)
    return [
        "Qz" + "".join(rng.choice(string.ascii_lowercase) for _ in range(10))
        for _ in range(MEN * CANARIES_PER_MAN)
    ]


def _seed_men(vault: Vault, canaries: list[str]) -> list[str]:
    ids = []
    for i in range(MEN):
        c = canaries[i * CANARIES_PER_MAN : (i + 1) * CANARIES_PER_MAN]
        form = ParticipantForm(
            given_name=c[0],
            family_name=c[1],
            preferred_name=c[2],
            prison_number=f"A{1000 + i}BC",
            establishment=f"HMP {c[3]}",
            notes=f"He said {c[4]} was the first thing to sort out.",
            date_of_birth=date(1980, 1, 1) + timedelta(days=97 * i),
        )
        ids.append(create_participant(vault, form).id)
    return ids


def _edit_and_review(vault: Vault, man_id: str, canaries: list[str]) -> None:
    current = ParticipantForm(
        given_name=canaries[0],
        family_name=canaries[1],
        preferred_name=canaries[2],
        prison_number="A1000BC",
        establishment=f"HMP {canaries[3]}",
        notes=f"He said {canaries[4]} was the first thing to sort out.",
    )
    update_participant(vault, man_id, replace(current, risk_notes=f"see {canaries[4]}"))
    review = ReviewInput(
        starts_at=TEST_START - timedelta(days=2),
        place="prison",
        attended=True,
        distress=4,
        notes=f"Talked about {canaries[4]} and {canaries[0]}.",
    )
    save_review(vault, man_id, review)
    drafts.save(vault, drafts.draft_key("review", man_id), {"notes": canaries[1]}, man_id)


def _draft(vault: Vault, man_id: str, canaries: list[str]) -> None:
    note = {"notes": f"{canaries[3]} then {canaries[4]}"}
    drafts.save(vault, drafts.draft_key("review", man_id), note, man_id)


def _print(vault: Vault, kind: str, man_id: str | None, result: WorkloadResult) -> None:
    doc = printing.prepare(vault, kind, man_id)
    target = result.export / doc.file_name
    printing.check_writable_target(target)
    atomic_write_bytes(target, doc.pdf)
    printing.record_print(vault, kind, doc.man_id, "file")
    result.saved_pdfs.append(target)


def _crash(path: Path, ids: list[str], result: WorkloadResult, timed_kills: int) -> None:
    """Kill -9 the child inside an open write (then ``timed_kills`` more at random moments);
    copy the files each kill left, so whatever the reopen tidies away is searched too."""
    men = [ids[i] for i in CRASHED]
    rng = random.Random(timed_kills)  # the child is ready after ~0.6 s: some kills land before
    plan = [(CRASH_ACKS, 0.0)] + [(-1, rng.uniform(0.3, 1.5)) for _ in range(timed_kills)]
    for round_no, (hold, delay) in enumerate(plan):
        crash = run_and_kill(path, men, hold=hold, start=1000 * round_no, delay=delay)
        result.crashes.append(crash)
        shutil.copytree(path, result.vaults / f"main-as-killed-{round_no}")


def _check_crash(vault: Vault, ids: list[str], crashes: list[Crash]) -> None:
    """After the reopen: the vault checks out, every acknowledged write is there, the held one
    is not."""
    report = check_vault(vault)
    if not report.ok:
        raise AssertionError(f"the vault does not check out after the crash: {report.items}")
    men = [ids[i] for i in CRASHED]
    with vault.read() as session:
        notes = set(session.scalars(select(Meeting.notes).where(Meeting.notes.like("crash %"))))
        people = {
            p.id: (p.given_name, p.family_name, p.risk_notes or "", p.notes or "")
            for p in session.scalars(select(Participant))
        }
    edited = EDIT_NOTE.split("{i}")[0]
    for crash in crashes:
        for i in crash.acks:
            given, family, risk_notes, _notes = people[men[i % len(men)]]
            if i % 2 == 0:
                if REVIEW_NOTE.format(i=i, given=given, family=family) not in notes:
                    raise AssertionError(f"acknowledged review {i} lost in the crash")
            # A later edit of his may have committed, unacknowledged, just before the kill.
            elif (
                not risk_notes.startswith(edited)
                or int(risk_notes[len(edited) :].split(":")[0]) < i
            ):
                raise AssertionError(f"acknowledged edit {i} lost in the crash: {risk_notes!r}")
    if any(man[3].startswith(UNACKED) for man in people.values()):
        raise AssertionError("the write the kill landed in was kept")


def _export_import(vault: Vault, result: WorkloadResult) -> str:
    """Enrol each vault's card in the other, export to the other device, import there.

    Returns the other device's id."""
    other, _code = create_vault(result.vaults / "other", TEST_PASSPHRASE, test_options())
    try:
        mine, theirs = sync.device_card(vault), sync.device_card(other)
        sync.enrol(vault, theirs.data, theirs.fingerprint)
        sync.enrol(other, mine.data, mine.fingerprint)
        bundle = sync.export(vault, result.stick, recipients=(theirs.device_id,))
        sync.commit_import(other, bundle.path)
    finally:
        other.lock()
    return theirs.device_id


def _erase(vault: Vault, man_id: str, other_id: str, result: WorkloadResult) -> None:
    """Erase him here, then carry his tombstones to the other laptop in a bundle."""
    done = erasure.erase_man(vault, man_id)
    result.backups_holding_erased = done.backups_holding_him
    bundle = sync.export(vault, result.stick, recipients=(other_id,))
    other = unlock_vault(result.vaults / "other", TEST_PASSPHRASE, test_options())
    try:
        sync.commit_import(other, bundle.path)
        with other.read() as session:
            man = session.get(Participant, man_id)
            if man is None or not erasure.is_erased(man):
                raise AssertionError("the tombstones did not erase him on the other laptop")
        result.keys[other.path] = bytes(other.data_key)
    finally:
        other.lock()


def run_workload(root: Path, seed: int = 1, timed_kills: int = 0) -> WorkloadResult:
    """The whole workload under ``root``; ``timed_kills`` more kills after the first, each at a
    random moment of the child's run."""
    result = WorkloadResult(make_canaries(seed), root / "vaults", root / "export", root / "stick")
    for folder in (result.vaults, result.export, result.stick):
        folder.mkdir(parents=True)
    demo_vault, _made = demo.open_or_create(result.vaults / "demo", test_options(), men=5)
    demo_vault.lock()
    result.steps.append("demo")
    path = result.vaults / "main"
    vault, _code = create_vault(path, TEST_PASSPHRASE, test_options())
    try:
        ids = _seed_men(vault, result.canaries)
        result.steps.append("seed")
        _edit_and_review(vault, ids[0], result.canaries)
        _draft(vault, ids[ERASED], result.of_man(ERASED))
        result.steps.append("edit, review, draft")
        for kind in PRINTED:
            _print(vault, kind, ids[0], result)
        result.steps.append("print")
        backup_vault(vault.path, vault.data_key, reason="manual", when=TEST_START)
        result.steps.append("backup")
    finally:
        vault.lock()
    _crash(path, ids, result, timed_kills)
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        _check_crash(vault, ids, result.crashes)
        result.steps.append("crash, reopen")
        other_id = _export_import(vault, result)
        result.steps.append("export, import")
        _erase(vault, ids[ERASED], other_id, result)
        result.steps.append("erase one man, tombstones imported")
        _print(vault, "supervision", None, result)
        result.steps.append("print supervision")
        result.keys[vault.path] = bytes(vault.data_key)
    finally:
        vault.lock()
    result.steps.append("lock")
    return result


if __name__ == "__main__":
    done = run_workload(Path(sys.argv[1]))
    print("done " + "; ".join(done.steps), flush=True)
