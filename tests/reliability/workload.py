"""The whole-workload run the canary and no-network tests share: every step a practitioner takes.

Demo vault, a real vault seeded with 100 canary strings in men's records, an edit, a session
review, a draft, prints saved as PDFs to a chosen folder, a backup, a bundle export to a stick
folder and its import into a second vault, then lock. Run as ``python -m
tests.reliability.workload ROOT`` it does the same in a child process (for ``unshare -n``).
"""

from __future__ import annotations

import random
import string
import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.services import demo, drafts, printing, sync
from engager_desktop.services.participants import (
    ParticipantForm,
    create_participant,
    update_participant,
)
from engager_desktop.services.session_review import ReviewInput, save_review
from engager_desktop.store.backup import backup_vault
from engager_desktop.store.lifecycle import create_vault
from engager_desktop.store.vault import Vault
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

MEN = 20
CANARIES_PER_MAN = 5  # 100 canaries in all
PRINTED = ("action-plan", "understanding", "workbook", "supervision")


@dataclass
class WorkloadResult:
    canaries: list[str]
    vaults: Path
    export: Path
    stick: Path
    saved_pdfs: list[Path] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


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


def _print(vault: Vault, man_id: str, export: Path, result: WorkloadResult) -> None:
    for kind in PRINTED:
        doc = printing.prepare(vault, kind, None if kind == "supervision" else man_id)
        target = export / doc.file_name
        printing.check_writable_target(target)
        atomic_write_bytes(target, doc.pdf)
        printing.record_print(vault, kind, doc.man_id, "file")
        result.saved_pdfs.append(target)


def _export_import(vault: Vault, result: WorkloadResult) -> None:
    """Enrol each vault's card in the other, export to the other device, import there."""
    other, _code = create_vault(result.vaults / "other", TEST_PASSPHRASE, test_options())
    try:
        mine, theirs = sync.device_card(vault), sync.device_card(other)
        sync.enrol(vault, theirs.data, theirs.fingerprint)
        sync.enrol(other, mine.data, mine.fingerprint)
        bundle = sync.export(vault, result.stick, recipients=(theirs.device_id,))
        sync.commit_import(other, bundle.path)
    finally:
        other.lock()


def run_workload(root: Path, seed: int = 1) -> WorkloadResult:
    result = WorkloadResult(make_canaries(seed), root / "vaults", root / "export", root / "stick")
    for folder in (result.vaults, result.export, result.stick):
        folder.mkdir(parents=True)
    demo_vault, _made = demo.open_or_create(result.vaults / "demo", test_options(), men=5)
    demo_vault.lock()
    result.steps.append("demo")
    vault, _code = create_vault(result.vaults / "main", TEST_PASSPHRASE, test_options())
    try:
        ids = _seed_men(vault, result.canaries)
        result.steps.append("seed")
        _edit_and_review(vault, ids[0], result.canaries)
        result.steps.append("edit, review, draft")
        _print(vault, ids[0], result.export, result)
        result.steps.append("print")
        backup_vault(vault.path, vault.data_key, reason="manual", when=TEST_START)
        result.steps.append("backup")
        _export_import(vault, result)
        result.steps.append("export, import")
    finally:
        vault.lock()
    result.steps.append("lock")
    return result


if __name__ == "__main__":
    done = run_workload(Path(sys.argv[1]))
    print("done " + "; ".join(done.steps), flush=True)
