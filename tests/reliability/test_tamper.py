"""Tampering with a closed vault: random bit flips, audit edits and removals, a truncated tail.

Every single-bit flip in vault.db or keyslots.json must be reported as damage (at unlock or by
``check``), never as a wrong passphrase, and no read may return a changed value.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy.exc
import sqlcipher3
from sqlalchemy import Connection, select, text

from engager_desktop.crypto.errors import VaultDamaged, WrongPassphrase
from engager_desktop.store import audit
from engager_desktop.store.backoff import start_file
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import AuditEvent, Participant
from engager_desktop.store.vault import Vault
from tests.reliability.crash_writer import write_one
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

FILES = ("vault.db", "keyslots.json")
AUDIT_COLUMNS = ("seq", "at", "device_id", "action", "kind", "record_id", "detail", "prev_hash")


def content_hash(vault: Vault) -> str:
    """One hash over every man's row (what a wrong value returned would change)."""
    with vault.read() as session:
        rows = session.execute(
            select(
                Participant.id,
                Participant.given_name,
                Participant.family_name,
                Participant.prison_number,
            ).order_by(Participant.id)
        ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def small_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], str]:
    """A closed vault of a few men, as bytes per file, and the hash of its records."""
    path = tmp_path_factory.mktemp("tamper") / "vault"
    vault, _code = create_vault(path, TEST_PASSPHRASE, test_options())
    for i in range(3):
        write_one(vault, i)
    expected = content_hash(vault)
    vault.lock()
    assert not (path / "vault.db-wal").exists() or (path / "vault.db-wal").stat().st_size == 0
    return {name: (path / name).read_bytes() for name in FILES}, expected


@dataclass
class FlipTally:
    at_unlock: int = 0
    by_check: int = 0
    wrong_passphrase: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)
    undetected: list[str] = field(default_factory=list)
    engine_errors: list[str] = field(default_factory=list)


def _try_flip(folder: Path, files: dict[str, bytes], expected: str, rng: random.Random) -> str:
    """Write a copy with one bit flipped; return how it was caught."""
    name = rng.choice(FILES)
    data = bytearray(files[name])
    offset = rng.randrange(len(data))
    data[offset] ^= 1 << rng.randrange(8)
    folder.mkdir()
    for other, body in files.items():
        (folder / other).write_bytes(bytes(data) if other == name else body)
    start_file(folder / "backoff.json")  # as in every vault: a missing one would mean a wait
    where = f"{name}@{offset}"
    try:
        vault = unlock_vault(folder, TEST_PASSPHRASE, test_options())
    except VaultDamaged:
        return "unlock"
    except WrongPassphrase:
        return f"wrong-passphrase {where}"
    except (sqlalchemy.exc.DatabaseError, sqlcipher3.DatabaseError):
        return f"engine-error {where}"  # refused, but as a raw database error, not as damage
    except Exception as exc:  # noqa: BLE001 - any other failure is a finding, recorded
        return f"other {where} {type(exc).__name__}"
    try:
        report = check_vault(vault)
        if not report.ok:
            return "check"
        if content_hash(vault) != expected:
            return f"undetected-wrong-value {where}"
        return f"undetected {where}"
    finally:
        vault.lock()


def _flip_run(
    tmp_path: Path, small_vault: tuple[dict[str, bytes], str], n: int, seed: int
) -> FlipTally:
    files, expected = small_vault
    rng = random.Random(seed)
    tally = FlipTally()
    for i in range(n):
        outcome = _try_flip(tmp_path / f"f{i}", files, expected, rng)
        if outcome == "unlock":
            tally.at_unlock += 1
        elif outcome == "check":
            tally.by_check += 1
        elif outcome.startswith("wrong-passphrase"):
            tally.wrong_passphrase.append(outcome)
        elif outcome.startswith("engine-error"):
            tally.engine_errors.append(outcome)
        elif outcome.startswith("other"):
            tally.other_errors.append(outcome)
        else:
            tally.undetected.append(outcome)
    print(
        f"{n} flips: {tally.at_unlock} VaultDamaged at unlock, {tally.by_check} by check, "
        f"{len(tally.engine_errors)} raw database errors at unlock, "
        f"{len(tally.wrong_passphrase)} wrong passphrase, {len(tally.undetected)} undetected, "
        f"{len(tally.other_errors)} other"
    )
    assert tally.wrong_passphrase == [], "damage reported as a wrong passphrase"
    assert tally.undetected == [], "bit flips not detected (or a wrong value returned)"
    assert tally.other_errors == [], "unexpected failures"
    assert tally.at_unlock + tally.by_check + len(tally.engine_errors) == n
    return tally


def test_random_bit_flips_detected(
    tmp_path: Path, small_vault: tuple[dict[str, bytes], str]
) -> None:
    _flip_run(tmp_path, small_vault, n=200, seed=1)


@pytest.mark.slow
def test_random_bit_flips_detected_long(
    tmp_path: Path, small_vault: tuple[dict[str, bytes], str]
) -> None:
    _flip_run(tmp_path, small_vault, n=1000, seed=2)


def test_every_bit_flip_reported_as_vault_damaged(
    tmp_path: Path, small_vault: tuple[dict[str, bytes], str]
) -> None:
    tally = _flip_run(tmp_path, small_vault, n=60, seed=3)
    assert tally.engine_errors == []


# --------------------------------------------------------------------------- audit chain


def _chain_ok(conn: Connection) -> bool:
    return audit.verify(conn).ok


def test_every_audit_edit_and_removal_detected(vault: Vault) -> None:
    for i in range(5):
        write_one(vault, i)
    vault.audit("print", detail="explainer to file")
    with vault.engine.connect() as conn:
        seqs = list(conn.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
        assert _chain_ok(conn) and len(seqs) >= 10
        conn.rollback()
        cases = detected = 0
        for seq in seqs:
            for column in (*AUDIT_COLUMNS, "hash"):
                trans = conn.begin()
                value = f"'x{seq}'" if column != "seq" else str(10_000 + seq)
                conn.execute(text(f"UPDATE audit_events SET {column} = {value} WHERE seq = {seq}"))
                cases += 1
                detected += not _chain_ok(conn)
                trans.rollback()
            if seq == seqs[-1]:
                continue  # removing the last entry is truncation: see the next test
            trans = conn.begin()
            conn.execute(text(f"DELETE FROM audit_events WHERE seq = {seq}"))
            cases += 1
            detected += not _chain_ok(conn)
            trans.rollback()
        assert _chain_ok(conn)
    print(f"audit edits and removals: {detected} of {cases} detected")
    assert detected == cases


def test_check_reports_an_audit_edit(vault: Vault) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET action = 'unlock' WHERE seq = 1"))
    report = check_vault(vault)
    assert not report.ok
    assert [item.name for item in report.items if not item.ok] == ["audit chain"]


def test_truncated_audit_tail_detected_against_carried_head(vault: Vault) -> None:
    for i in range(4):
        write_one(vault, i)
    carried = vault.audit_head()  # what a bundle or a supervision summary took away
    vault.audit("print", detail="explainer to file")  # later entries do not break the match
    with vault.engine.connect() as conn:
        assert audit.matches_head(conn, carried)
        conn.rollback()
        total = carried.count + 1
        print(f"audit tail cut at each of {total - 1} points, carried head at {carried.count}")
        for cut in range(1, total):
            trans = conn.begin()
            conn.execute(text(f"DELETE FROM audit_events WHERE seq > {total - cut}"))
            assert _chain_ok(conn), "a clean truncation leaves a valid chain"
            truncated_past_head = total - cut < carried.count
            assert audit.matches_head(conn, carried) is not truncated_past_head
            trans.rollback()
