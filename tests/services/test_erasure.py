"""Erasure of one man: his bytes gone from the decrypted files, tombstones that travel and hold."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engager_desktop.services import erasure
from engager_desktop.services import sync as sync_service
from engager_desktop.services.common import NotFound
from engager_desktop.store.backup import backup_vault
from engager_desktop.store.orm import (
    SYNCED_MODELS,
    AuditEvent,
    Conflict,
    Draft,
    Meeting,
    Participant,
)
from engager_desktop.store.vault import Vault
from engager_desktop.sync import importer
from tests.deletion_helpers import delete_participant
from tests.services.protection_fixtures import hits, seed_man
from tests.sync.conftest import Laptop

CANARY = "Qzxcanaryerase7"
OTHER = "Kwpotherman3"


def _synced_rows(vault: Vault, man_id: str) -> list[tuple[str, bool, dict[str, object]]]:
    rows: list[tuple[str, bool, dict[str, object]]] = []
    with vault.read() as session:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            key = table.c.id if model is Participant else table.c.get("participant_id")
            if key is None:
                continue
            for row in session.execute(select(table).where(key == man_id)).mappings():
                rows.append((table.name, bool(row["deleted"]), dict(row)))
    return rows


def test_erase_leaves_no_canary_in_any_form_and_keeps_other_men(vault: Vault) -> None:
    man_id, counts = seed_man(vault, CANARY)
    other_id, _ = seed_man(vault, OTHER)
    before = hits(vault.path, vault.data_key, CANARY)
    assert before, "the scan must see the canary before erasure (else it proves nothing)"

    result = erasure.erase_man(vault, man_id)

    assert result.records_erased == sum(counts.values())
    assert result.conflicts_removed == 1 and result.drafts_removed == 1
    assert hits(vault.path, vault.data_key, CANARY) == {}
    assert hits(vault.path, vault.data_key, OTHER), "another man's data must still be there"
    assert (vault.path / "vault.db-wal").stat().st_size == 0
    with vault.read() as session:
        assert session.get(Participant, other_id).deleted is False  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(Draft)) == 1
        assert session.scalar(select(func.count()).select_from(Conflict)) == 1
        found = session.execute(text("SELECT count(*) FROM search_index WHERE participant_id = :m"),
                                {"m": man_id}).scalar()  # fmt: skip
        assert found == 0
        figures = session.execute(
            text("SELECT count(*) FROM caseload_figures WHERE participant_id = :m"), {"m": man_id}
        ).scalar()
        assert figures == 0


def test_every_record_becomes_an_empty_tombstone(vault: Vault) -> None:
    man_id, counts = seed_man(vault, CANARY)
    erasure.erase_man(vault, man_id)
    rows = _synced_rows(vault, man_id)
    assert len(rows) == sum(counts.values())
    for table, deleted, row in rows:
        assert deleted, table
        for name, value in row.items():
            assert CANARY not in str(value), (table, name)
    with vault.read() as session:
        man = session.get(Participant, man_id)
        assert man is not None and erasure.is_erased(man)


def test_audit_keeps_only_an_erasure_entry_without_detail(vault: Vault) -> None:
    man_id, _ = seed_man(vault, CANARY)
    with vault.read() as session:
        seq_before = session.scalar(select(func.max(AuditEvent.seq)))
    erasure.erase_man(vault, man_id)
    with vault.read() as session:
        columns = (AuditEvent.action, AuditEvent.kind, AuditEvent.record_id, AuditEvent.detail)
        new = session.execute(select(*columns).where(AuditEvent.seq > seq_before)).all()
        every = session.execute(select(*columns)).all()
    assert [tuple(row) for row in new] == [("erasure", None, None, None)]
    for row in every:  # earlier entries hold record ids and field names, never content
        assert CANARY not in str(tuple(row))


def test_backups_made_before_are_listed(vault: Vault) -> None:
    man_id, _ = seed_man(vault, CANARY)
    made = backup_vault(vault.path, vault.data_key, reason="manual", when=vault.clock.now())
    result = erasure.erase_man(vault, man_id)
    assert result.backups_holding_him == (made,)


def test_unknown_man_is_not_found_and_erasing_twice_is_harmless(vault: Vault) -> None:
    with pytest.raises(NotFound):
        erasure.erase_man(vault, "00000000-0000-4000-8000-000000000000")
    man_id, counts = seed_man(vault, CANARY)
    erasure.erase_man(vault, man_id)
    again = erasure.erase_man(vault, man_id)
    assert again.records_erased == sum(counts.values())
    assert len(_synced_rows(vault, man_id)) == sum(counts.values())


def take(laptop: Laptop, bundle: Path) -> None:
    """Import as services.sync.commit_import does, with erasure.scrub_erased in after_merge."""
    found: list[str] = []

    def after(session: Session, men: set[str]) -> None:
        sync_service._refresh(session, men)
        found.extend(erasure.scrub_erased(laptop.vault, session, men))

    importer.import_bundle(laptop.vault, bundle.read_bytes(), after_merge=after)
    if found:
        erasure.wipe_free_space(laptop.vault)


def _pair(make: Callable[[str], Laptop]) -> tuple[Laptop, Laptop]:
    prison, community = make("prison"), make("community")
    prison.enrol(community)
    community.enrol(prison)
    return prison, community


def test_tombstones_erase_him_on_another_laptop_and_older_bundles_do_not_bring_him_back(
    make_laptop: Callable[[str], Laptop],  # noqa: F811 - the fixture imported above
) -> None:
    prison, community = _pair(make_laptop)
    man_id, counts = seed_man(prison.vault, CANARY)
    seed_man(prison.vault, OTHER)
    prison.tick()
    old_bundle = prison.export(community)
    community.take(old_bundle)
    community.tick()
    # The community laptop edits him too, and exports before it hears of the erasure.
    with community.vault.write() as session:
        man = session.get(Participant, man_id)
        assert man is not None
        man.notes = f"community note {CANARY}"
    community.tick()
    their_old = community.export(prison)
    prison.tick()

    erasure.erase_man(prison.vault, man_id)
    prison.tick()
    take(community, prison.export(community))
    community.tick()
    rows = _synced_rows(community.vault, man_id)
    assert len(rows) == sum(counts.values())
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)

    # An older bundle from the community laptop, made before it heard: he must stay erased.
    take(prison, their_old)
    assert hits(prison.path, prison.vault.data_key, CANARY) == {}
    rows = _synced_rows(prison.vault, man_id)
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)
    with prison.vault.read() as session:
        kept = session.scalars(select(Conflict.losing_version)).all()
    assert not any(CANARY in version for version in kept), "a conflict row brought him back"


def test_a_fresh_laptop_taking_old_then_new_bundles_keeps_him_erased(
    make_laptop: Callable[[str], Laptop],  # noqa: F811
    tmp_path: Path,
) -> None:
    prison, community = _pair(make_laptop)
    man_id, _ = seed_man(prison.vault, CANARY)
    prison.tick()
    old_bundle = prison.export(community)
    prison.tick()
    erasure.erase_man(prison.vault, man_id)
    prison.tick()
    new_bundle = prison.export(community)
    take(community, new_bundle)
    community.tick()
    take(community, old_bundle)
    rows = _synced_rows(community.vault, man_id)
    assert rows and all(deleted and CANARY not in str(row) for _t, deleted, row in rows)


def test_records_made_elsewhere_before_the_news_arrive_erased(
    make_laptop: Callable[[str], Laptop],  # noqa: F811
) -> None:
    prison, community = _pair(make_laptop)
    man_id, _ = seed_man(prison.vault, CANARY)
    prison.tick()
    take(community, prison.export(community))
    community.tick()
    with community.vault.write() as session:  # a meeting the prison laptop never saw
        session.add(Meeting(participant_id=man_id, starts_at=datetime(2026, 11, 3, 10),
                            place="community", notes=f"new {CANARY}"))  # fmt: skip
    community.tick()
    their_old = community.export(prison)
    erasure.erase_man(prison.vault, man_id)
    prison.tick()
    take(prison, their_old)
    rows = _synced_rows(prison.vault, man_id)
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)
    assert hits(prison.path, prison.vault.data_key, CANARY) == {}
    # ... and the fresh tombstone goes back, so the community laptop loses the meeting too.
    prison.tick()
    take(community, prison.export(community))
    rows = _synced_rows(community.vault, man_id)
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)


def test_commit_import_itself_scrubs_erased_men(
    make_laptop: Callable[[str], Laptop],  # noqa: F811
) -> None:
    prison, community = _pair(make_laptop)
    man_id, _ = seed_man(prison.vault, CANARY)
    prison.tick()
    community.take(prison.export(community))
    community.tick()
    with community.vault.write() as session:
        man = session.get(Participant, man_id)
        assert man is not None
        man.notes = f"edited {CANARY}"
    community.tick()
    their_old = community.export(prison)
    erasure.erase_man(prison.vault, man_id)
    prison.tick()
    prison.take(their_old)
    with prison.vault.read() as session:
        kept = session.scalars(select(Conflict.losing_version)).all()
    assert not any(CANARY in version for version in kept)


def test_an_erasure_beats_a_later_edit_made_elsewhere_before_the_news(
    make_laptop: Callable[[str], Laptop],  # noqa: F811
) -> None:
    """Deletions follow edit order now; an erasure does not: it wins over newer versions too."""
    prison, community = _pair(make_laptop)
    man_id, counts = seed_man(prison.vault, CANARY)
    prison.tick()
    take(community, prison.export(community))
    erasure.erase_man(prison.vault, man_id)
    prison.tick()
    community.tick(3600)  # an hour after the erasure, by the clock
    with community.vault.write() as session:
        man = session.get(Participant, man_id)
        assert man is not None
        man.notes = f"later {CANARY}"
    community.tick()
    take(community, prison.export(community))
    take(prison, community.export(prison))
    for laptop in (prison, community):
        rows = _synced_rows(laptop.vault, man_id)
        assert len(rows) == sum(counts.values())
        assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)
        assert hits(laptop.path, laptop.vault.data_key, CANARY) == {}
        assert sync_service.list_conflicts(laptop.vault) == []
        with laptop.vault.read() as session:
            man = session.get(Participant, man_id)
            assert man is not None and erasure.is_erased(man)
    assert prison.digest() == community.digest()


@pytest.mark.parametrize("deleted_later", [False, True])
def test_a_deletion_elsewhere_does_not_bring_his_content_back(
    make_laptop: Callable[[str], Laptop],  # noqa: F811
    deleted_later: bool,
) -> None:
    """The other laptop deletes him (a tombstone that keeps content) before or after, by the
    clock, the erasure here, but before it hears of it; importing that must not restore him."""
    prison, community = _pair(make_laptop)
    man_id, counts = seed_man(prison.vault, CANARY)
    prison.tick()
    take(community, prison.export(community))
    if not deleted_later:
        community.tick()
        delete_participant(community.vault, man_id)
    prison.tick(600)
    erasure.erase_man(prison.vault, man_id)
    if deleted_later:
        community.tick(3600)
        delete_participant(community.vault, man_id)
    community.tick()
    take(prison, community.export(prison))
    rows = _synced_rows(prison.vault, man_id)
    assert len(rows) == sum(counts.values())
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)
    assert hits(prison.path, prison.vault.data_key, CANARY) == {}
    prison.tick()
    take(community, prison.export(community))
    rows = _synced_rows(community.vault, man_id)
    assert all(deleted and CANARY not in str(row) for _t, deleted, row in rows)


@pytest.mark.bench
def test_erasure_on_the_cached_10000_man_vault_is_within_30_seconds(tmp_path: Path) -> None:
    """Run with ``-m bench``; uses a COPY of the benchmark cache (never erases in the cache)."""
    from engager_desktop.store.lifecycle import unlock_vault
    from engager_desktop.store.vault import VaultOptions
    from tests.benchmarks.vaults import BENCH_PASSPHRASE, READY_FILE

    cache = Path(__file__).resolve().parents[1] / "benchmarks" / ".cache"
    ready = [p.parent / "keyed" for p in cache.glob(f"men10000-prod-*/{READY_FILE}")]
    if not ready:
        pytest.skip("no cached 10,000-man vault: run the benchmarks once to build it")
    copy = tmp_path / "vault"
    shutil.copytree(ready[0], copy, ignore=shutil.ignore_patterns("vault.lock", "backups"))
    vault = unlock_vault(copy, BENCH_PASSPHRASE, VaultOptions())
    try:
        with vault.read() as session:
            busiest = session.execute(
                select(Meeting.participant_id)
                .group_by(Meeting.participant_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
        result = erasure.erase_man(vault, busiest)
    finally:
        vault.lock()
    print(f"erased {result.records_erased} records in {result.seconds:.1f} s")
    assert result.seconds <= 30.0
    wal = copy / "vault.db-wal"  # removed when the last connection closes
    assert not wal.exists() or wal.stat().st_size == 0
