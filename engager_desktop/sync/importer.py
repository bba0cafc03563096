"""Import a bundle: every check in order, a preview, then one transaction that merges and records.

Order (docs/sync.md): size cap -> scrypt work factor -> decrypt in memory -> strict parse -> signer
enrolled and not revoked -> signature -> recipient is me -> payload hash (``verify.open_bundle``)
-> import ledger (the same bundle again is "already imported" and changes nothing; a gap in the
maker's bundles made for this laptop, as its manifest lists them, is a warning naming them) ->
every record checked in staging -> ONE write transaction that plans, writes records (unstamped),
conflicts, sync rows, the ledger entry, the peer's acks, the clock and a single audit entry with
counts. Every refusal is audited and changes no record. ``after_merge`` runs inside that
transaction (the services layer rebuilds the search index of the men touched there).

Right after the ledger, the maker's audit heads are held against those seen before
(``audit_anchor``): a log rewritten or cut short is refused.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from engager_desktop.domain.hlc import Stamp
from engager_desktop.i18n import tr
from engager_desktop.store import sync_state
from engager_desktop.store.orm.system import ImportLedger
from engager_desktop.store.stamping import naive_utc
from engager_desktop.store.vault import Vault
from engager_desktop.sync import audit_anchor, merge, passed_on, trust, verify
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync.apply import apply_plan
from engager_desktop.sync.canonical import Record
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.host import SyncHost
from engager_desktop.sync.identity import ensure_own_identity
from engager_desktop.sync.manifest import Manifest
from engager_desktop.sync.plan import Plan, check_stamps, plan_merge
from engager_desktop.sync.summary import ImportSummary, summarise

AfterMerge = Callable[[Session, set[str]], None]
# Drops records this vault must not take back (men handed over and removed here): given the
# records read from the bundle, returns those to merge.
Screen = Callable[[Connection, list[Record]], list[Record]]
BUNDLE_MADE_BY = "engager_bundle_made_by"
"""``session.info`` key ``after_merge`` may read: (the bundle's maker, every man it carries)."""
_MAX_LISTED = 10


def read_bundle_file(path: Path, limits: fmt.Limits = fmt.DEFAULT_LIMITS) -> bytes:
    """Read a bundle file, refusing one over the size cap before reading it."""
    if Path(path).stat().st_size > limits.file:
        raise fmt.too_large(limits)
    with Path(path).open("rb") as handle:
        return fmt.read_capped(handle, limits)


def open_checked(
    vault: SyncHost, data: bytes, passphrase: str | None, limits: fmt.Limits
) -> verify.OpenedBundle:
    """Every check up to the payload hash, with this vault's keys and roster."""
    with vault.read() as session:
        conn = session.connection()
        own = trust.own_keys(conn)

        def signer(device_id: str) -> bytes:
            return trust.trusted_signer(conn, device_id, own.device_id).signing_public

        keys = verify.OpenKeys(own.device_id, own.age_identity, passphrase)
        opened = verify.open_bundle(data, keys, signer, limits=limits)
        return _named_as_enrolled(conn, opened)


def _named_as_enrolled(conn: Connection, opened: verify.OpenedBundle) -> verify.OpenedBundle:
    """The name the bundle gives its maker is the maker's own text: show the one enrolled here."""
    key = trust.device(conn, opened.manifest.exporter)
    if key is None or key.name == opened.manifest.exporter_name:
        return opened
    named = dataclasses.replace(opened.manifest, exporter_name=key.name)
    return dataclasses.replace(opened, manifest=named)


def import_bundle(
    vault: Vault,
    data: bytes,
    *,
    passphrase: str | None = None,
    dry_run: bool = False,
    after_merge: AfterMerge | None = None,
    limits: fmt.Limits = fmt.DEFAULT_LIMITS,
    screen: Screen | None = None,
) -> ImportSummary:
    """Preview (``dry_run``) or commit one bundle; BundleRefused (audited) if any check fails.

    ``screen`` drops records before the merge plans anything (see ``Screen``)."""
    ensure_own_identity(vault)
    return import_into(
        vault,
        data,
        passphrase=passphrase,
        dry_run=dry_run,
        after_merge=after_merge,
        limits=limits,
        screen=screen,
    )


def import_into(
    vault: SyncHost,
    data: bytes,
    *,
    passphrase: str | None = None,
    dry_run: bool = False,
    after_merge: AfterMerge | None = None,
    limits: fmt.Limits = fmt.DEFAULT_LIMITS,
    screen: Screen | None = None,
) -> ImportSummary:
    """``import_bundle`` on any host (the hub too): it keeps its own identity checks."""
    try:
        return _import(vault, data, passphrase, dry_run, after_merge, limits, screen)
    except BundleRefused as exc:
        audit_refusal(vault, "import_refused", exc.code)
        raise


def audit_refusal(vault: SyncHost, action: str, code: str) -> None:
    try:
        vault.audit(action, "bundle", None, code[:40])
    except Exception:  # noqa: BLE001 - the refusal itself is what the caller must see
        pass


def _import(
    vault: SyncHost,
    data: bytes,
    passphrase: str | None,
    dry_run: bool,
    after_merge: AfterMerge | None,
    limits: fmt.Limits,
    screen: Screen | None = None,
) -> ImportSummary:
    opened = open_checked(vault, data, passphrase, limits)
    made = opened.manifest
    with vault.read() as session:
        if _already_imported(session.connection(), made.bundle_id):
            return _repeat(vault, opened, dry_run)
        audit_anchor.check_heads(session.connection(), made)
        warnings = ledger_warnings(session.connection(), opened)
    every = verify.records(opened, limits)
    if screen is not None:
        with vault.read() as session:
            every = screen(session.connection(), every)
    records, foreign = passed_on.split(every)
    check_stamps(foreign, int(vault.clock.now().timestamp() * 1000))  # known ones: plan_merge
    warnings += passed_on.notice(records, foreign)
    if dry_run:
        with vault.read() as session:
            plan = _plan(vault, session.connection(), opened, records)
        return summarise(made, plan, warnings, committed=False)
    with vault.write() as session:
        conn = session.connection()
        if _already_imported(conn, made.bundle_id):
            return summarise(made, Plan(), [], committed=False, already=True)
        plan = _plan(vault, conn, opened, records)
        result = summarise(made, plan, warnings, committed=True)
        arrival = sync_state.arrival_mark(conn) + 1  # the number _commit gives this import
        _commit(vault, session, opened, plan, result)
        passed_on.keep(conn, plan, foreign, arrival)
        if after_merge is not None:
            session.info[BUNDLE_MADE_BY] = (
                made.exporter,
                _men_of(records) | passed_on.men_of(foreign),
            )
            after_merge(session, plan.touched_men() | passed_on.men_of(foreign))
    return result


def _men_of(records: Sequence[Record]) -> set[str]:
    return {man for r in records if (man := r.participant_id) is not None}


def _repeat(vault: SyncHost, opened: verify.OpenedBundle, dry_run: bool) -> ImportSummary:
    if not dry_run:
        vault.audit("import_repeated", "bundle", opened.manifest.bundle_id, "already imported")
    return summarise(opened.manifest, Plan(), [], committed=False, already=True)


def _already_imported(conn: Connection, bundle_id: str) -> bool:
    found = conn.execute(
        select(ImportLedger.bundle_id).where(ImportLedger.bundle_id == bundle_id)
    ).first()
    return found is not None


def ledger_warnings(conn: Connection, opened: verify.OpenedBundle) -> list[str]:
    made = opened.manifest
    rows = conn.execute(
        select(ImportLedger.seq, ImportLedger.bundle_hash).where(
            ImportLedger.device_id == made.exporter
        )
    ).all()
    hashes = {seq: digest for seq, digest in rows}
    warnings = _gap_warnings(made, hashes, trust.own_keys(conn).device_id)
    if made.seq in hashes and hashes[made.seq] != opened.file_sha256:
        warnings.append(
            tr("Sync", "a different bundle numbered {seq} from this device was imported").format(
                seq=made.seq
            )
        )
    before = hashes.get(made.seq - 1)
    if before is not None and made.previous is not None and before != made.previous:
        warnings.append(
            tr("Sync", "this bundle does not follow the last one imported from that device")
        )
    newest = max(hashes, default=0)
    if newest > made.seq:
        warnings.append(
            tr(
                "Sync",
                "this bundle is older than bundle {newest} already imported; newer data is kept",
            ).format(newest=newest)
        )
    return warnings


def _gap_warnings(made: Manifest, hashes: dict[int, str], own_id: str) -> list[str]:
    """Earlier bundles made for this laptop that never arrived. A bundle listing what its maker
    sent each recipient is checked against that list only; a passphrase bundle (for anyone) is
    not checked; an older bundle without the list, against every earlier number."""
    if made.sent_before is not None:
        missing = [n for n in made.sent_before.get(own_id, ()) if n not in hashes]
        template = tr(
            "Sync",
            "bundles {numbers} made for this laptop by that device have not been imported here",
        )
    elif made.recipient_kind == "passphrase":
        return []
    else:
        missing = [n for n in range(1, made.seq) if n not in hashes]
        template = tr(
            "Sync",
            "bundles {numbers} from this device have not been imported here "
            "(they may have gone to another device)",
        )
    if not missing:
        return []
    listed = ", ".join(str(n) for n in missing[:_MAX_LISTED])
    if len(missing) > _MAX_LISTED:
        listed = tr("Sync", "{listed} and {more} more").format(
            listed=listed, more=len(missing) - _MAX_LISTED
        )
    return [template.format(numbers=listed)]


def exchange(vault: SyncHost, conn: Connection, opened: verify.OpenedBundle) -> merge.Exchange:
    made = opened.manifest
    stored = sync_state.peer(conn, made.exporter)
    acked = max(stored.acked_complete, made.acks.get(vault.device_id, (0, 0))[1])
    row = sync_state.export_by_seq(conn, vault.device_id, acked) if acked else None
    if row is None:
        return merge.Exchange(vault.device_id, made.exporter, None)
    return merge.Exchange(vault.device_id, made.exporter, row.cutoff, row.arrival_mark)


def _plan(
    vault: SyncHost, conn: Connection, opened: verify.OpenedBundle, records: Sequence[Record]
) -> Plan:
    wall_ms = int(vault.clock.now().timestamp() * 1000)
    return plan_merge(conn, records, exchange(vault, conn, opened), wall_ms)


def _commit(
    vault: SyncHost,
    session: Session,
    opened: verify.OpenedBundle,
    plan: Plan,
    result: ImportSummary,
) -> None:
    conn = session.connection()
    made = opened.manifest
    now = naive_utc(vault.clock)
    arrival = sync_state.arrival_mark(conn) + 1
    apply_plan(conn, plan, arrival_no=arrival, now=now)
    conn.execute(
        insert(ImportLedger).values(
            bundle_id=made.bundle_id,
            device_id=made.exporter,
            seq=made.seq,
            bundle_hash=opened.file_sha256,
            imported_at=now,
            summary=json.dumps(
                {"counts": result.counts(), "audit": [made.audit_count, made.audit_head]},
                sort_keys=True,
            ),
        )
    )
    _update_peer(vault, conn, opened, now)
    if plan.items:
        vault.hlc.observe(Stamp.parse(plan.newest))
    vault.stamper.persist_clock(session)
    vault.stamper.audit(session, "bundle_imported", "bundle", made.bundle_id, result.audit_detail())


def _update_peer(
    vault: SyncHost, conn: Connection, opened: verify.OpenedBundle, now: datetime
) -> None:
    made = opened.manifest
    old = sync_state.peer(conn, made.exporter)
    acked_last, acked_complete = made.acks.get(vault.device_id, (0, 0))
    sync_state.save_peer(
        conn,
        sync_state.PeerRow(
            device_id=made.exporter,
            imported_last=max(old.imported_last, made.seq),
            imported_complete=max(old.imported_complete, made.seq if made.complete else 0),
            acked_last=max(old.acked_last, acked_last),
            acked_complete=max(old.acked_complete, acked_complete),
            last_import_at=now,
        ),
    )
