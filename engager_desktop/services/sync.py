"""Sync use cases for the GUI and CLI: device cards, enrolment, export, import, verify, conflicts.

Each takes the open ``Vault`` first and returns frozen dataclasses. Imports rebuild the search
index of the men they touched inside the import's own transaction. Every export and import, and
every refusal, is audited (counts and codes only, never content).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engager_desktop.i18n import tr
from engager_desktop.services import erasure, handover
from engager_desktop.services.bundle_consent import withheld_for_men
from engager_desktop.services.common import rebuild_search, refresh_search
from engager_desktop.store import read_mostly
from engager_desktop.store.orm.system import ImportLedger
from engager_desktop.store.stamping import naive_utc
from engager_desktop.store.vault import Vault
from engager_desktop.sync import (
    audit_anchor,
    bundle_passphrase,
    importer,
    passed_on,
    plan,
    trust,
    verify,
)
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import conflicts as conflict_rules
from engager_desktop.sync import device_card as cards
from engager_desktop.sync.device_card import CARD_SUFFIX as CARD_SUFFIX
from engager_desktop.sync.device_card import DeviceCard as DeviceCard
from engager_desktop.sync.errors import BundleRefused, TrustError
from engager_desktop.sync.errors import SyncError as SyncError
from engager_desktop.sync.export import ExportResult, export_bundle
from engager_desktop.sync.identity import IdentityCheck, ensure_own_identity
from engager_desktop.sync.snapshot import Scope
from engager_desktop.sync.summary import ImportSummary

ConflictView = conflict_rules.ConflictView
FieldView = conflict_rules.FieldView
Resolution = conflict_rules.Resolution
KEEP_MINE = conflict_rules.KEEP_MINE
TAKE_THEIRS = conflict_rules.TAKE_THEIRS
_REBUILD_ABOVE = 200  # more men touched than this: rebuild the whole index (faster)

__all__ = ["ExportResult", "ImportSummary", "KEEP_MINE", "TAKE_THEIRS", "ConflictView"]


@dataclass(frozen=True)
class DeviceView:
    device_id: str
    name: str
    fingerprint: str
    is_self: bool
    enrolled_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class CardResult:
    data: bytes
    device_id: str
    name: str
    fingerprint: str


@dataclass(frozen=True)
class VerifyResult:
    exporter: str
    exporter_name: str
    seq: int
    records: int
    men: int
    by_passphrase: bool
    already_imported: bool
    warnings: tuple[str, ...]


def after_unlock(vault: Vault) -> IdentityCheck:
    """Run right after every unlock: a copied or restored vault takes a new device identity."""
    return ensure_own_identity(vault)


def _view(key: trust.DeviceKey) -> DeviceView:
    return DeviceView(
        key.device_id, key.name, key.fingerprint, key.is_self, key.enrolled_at, key.revoked_at
    )


# --------------------------------------------------------------------------- devices


def device_card(vault: Vault) -> CardResult:
    """This vault's card (public keys only) and the fingerprint to show beside it."""
    ensure_own_identity(vault)
    with vault.read() as session:
        own = trust.own_keys(session.connection())
    card = own.card()
    data = cards.write_card(card, own.signing_private)
    return CardResult(data, card.device_id, card.name, card.fingerprint)


def write_device_card(vault: Vault, path: Path) -> CardResult:
    """Save the card to a new file (an existing file is never replaced)."""
    result = device_card(vault)
    with Path(path).open("xb") as handle:
        handle.write(result.data)
    vault.audit("device_card_exported", "devices", result.device_id)
    return result


def read_card(data: bytes) -> cards.DeviceCard:
    """Check a card file before enrolling; show its name and fingerprint to compare."""
    return cards.read_card(data)


def enrol(vault: Vault, card_data: bytes, confirmed_fingerprint: str) -> DeviceView:
    """Enrol a card once the practitioner confirmed the fingerprint seen on both screens."""
    card = cards.read_card(card_data)
    try:
        with vault.write() as session:
            key = trust.enrol(
                session.connection(), card, confirmed_fingerprint, naive_utc(vault.clock)
            )
            vault.stamper.audit(session, "device_enrolled", "devices", key.device_id)
    except TrustError as exc:
        importer.audit_refusal(vault, "enrol_refused", exc.code)
        raise
    return _view(key)


def revoke(vault: Vault, device_id: str) -> DeviceView:
    with vault.write() as session:
        key = trust.revoke(session.connection(), device_id, naive_utc(vault.clock))
        vault.stamper.audit(session, "device_revoked", "devices", device_id)
    return _view(key)


def list_devices(vault: Vault) -> list[DeviceView]:
    ensure_own_identity(vault)
    with vault.read() as session:
        return [_view(key) for key in trust.devices(session.connection())]


def enrolled_device_for_card(vault: Vault, card_data: bytes) -> str:
    """The enrolled device a card describes (same id and keys), for ``--recipient CARD``."""
    card = cards.read_card(card_data)
    with vault.read() as session:
        key = trust.device(session.connection(), card.device_id)
    if key is None or key.is_self or key.signing_public != card.signing_key:
        raise TrustError(
            "not_enrolled", tr("Errors", "that card's device is not enrolled here; enrol it first")
        )
    if key.revoked:
        raise TrustError("revoked", tr("Errors", "that card's device has been revoked"))
    return key.device_id


# --------------------------------------------------------------------------- export


def generate_passphrase() -> str:
    """A bundle passphrase to show once: 24 characters (about 119 bits) in groups of four."""
    return bundle_passphrase.generate()


def export(
    vault: Vault,
    folder: Path,
    *,
    recipients: tuple[str, ...] = (),
    passphrase: str | None = None,
    since_ack: bool = False,
    men: tuple[str, ...] = (),
) -> ExportResult:
    """Write a verified bundle to ``folder``: to enrolled devices, or (instead) to a passphrase.

    A bundle for chosen men leaves out what he has not agreed to share (``left_out`` says what
    and why; see ``services/bundle_consent.py``)."""
    if since_ack and men:
        raise SyncError(
            "scope", tr("Errors", "choose either 'since the last ack' or chosen men, not both")
        )
    scope = Scope.chosen_men(men) if men else Scope.since_ack() if since_ack else Scope()
    return export_bundle(
        vault,
        folder,
        recipients=recipients,
        passphrase=passphrase,
        scope=scope,
        withhold=withheld_for_men,
    )


def left_out_for(vault: Vault, men: tuple[str, ...]) -> tuple[str, ...]:
    """What a bundle for these men would leave out for want of consent, and why (a preview;
    the export decides again in its own transaction)."""
    if not men:
        return ()
    with vault.read() as session:
        return withheld_for_men(session, men).reasons


# --------------------------------------------------------------------------- import


def _refresh(session: Session, men: set[str]) -> None:
    if len(men) > _REBUILD_ABOVE:
        rebuild_search(session)
        return
    for man in sorted(men):
        refresh_search(session, man)


def preview_import(vault: Vault, path: Path, passphrase: str | None = None) -> ImportSummary:
    """What importing would do (men and records new, updated, deleted, in conflict)."""
    data = _read(vault, path)
    return importer.import_bundle(
        vault, data, passphrase=passphrase, dry_run=True, screen=handover.screen(vault.device_id)
    )


def commit_import(vault: Vault, path: Path, passphrase: str | None = None) -> ImportSummary:
    """Import for real, in one transaction; a bundle already imported changes nothing."""
    data = _read(vault, path)
    scrubbed: list[str] = []

    def after_merge(session: Session, men: set[str]) -> None:
        read_mostly.allow(session)  # handovers move men held elsewhere on a supervisor's laptop
        # A bundle made before the other laptop heard of an erasure may carry him back: erase
        # what it brought (in this transaction) before the search index is rebuilt for anyone.
        scrubbed.extend(erasure.scrub_erased(vault, session, men))
        # Handovers: acknowledge those to this laptop, remove men the receiver acknowledged.
        settled = handover.settle(vault, session)
        _refresh(session, men - set(settled.removed))

    summary = importer.import_bundle(
        vault,
        data,
        passphrase=passphrase,
        after_merge=after_merge,
        screen=handover.screen(vault.device_id),
    )
    if scrubbed:
        erasure.wipe_free_space(vault)
    return summary


def _read(vault: Vault, path: Path) -> bytes:
    try:
        return importer.read_bundle_file(path)
    except BundleRefused as exc:
        importer.audit_refusal(vault, "import_refused", exc.code)
        raise


def verify_bundle(vault: Vault, path: Path, passphrase: str | None = None) -> VerifyResult:
    """Every check an import makes, records included, without importing anything."""
    data = _read(vault, path)
    ensure_own_identity(vault)
    try:
        opened = importer.open_checked(vault, data, passphrase, fmt.DEFAULT_LIMITS)
        records = verify.records(opened)
        known, _foreign = passed_on.split(records)
        with vault.read() as session:
            conn = session.connection()
            plan.check_stamps(records, int(vault.clock.now().timestamp() * 1000))
            plan.check_references(conn, known)
            plan.check_own_versions(conn, known, vault.device_id)
            audit_anchor.check_heads(conn, opened.manifest)
            warnings = importer.ledger_warnings(conn, opened)
            done = session.get(ImportLedger, opened.manifest.bundle_id) is not None
    except BundleRefused as exc:
        importer.audit_refusal(vault, "verify_refused", exc.code)
        raise
    made = opened.manifest
    men = {r.participant_id for r in records if r.participant_id is not None}
    return VerifyResult(
        made.exporter,
        made.exporter_name,
        made.seq,
        len(records),
        len(men),
        made.recipient_kind == "passphrase",
        done,
        tuple(warnings),
    )


# --------------------------------------------------------------------------- conflicts


def list_conflicts(vault: Vault, participant_id: str | None = None) -> list[ConflictView]:
    with vault.read() as session:
        return conflict_rules.list_open(session, participant_id)


def resolve_conflict(
    vault: Vault, conflict_id: str, choice: str, field: str | None = None
) -> Resolution:
    """Keep mine or take theirs (for one field, or all); a rewrite is a new edit that wins."""
    with vault.write() as session:
        read_mostly.allow(session)  # it chooses between versions others wrote
        at = naive_utc(vault.clock)
        result = conflict_rules.resolve(session, conflict_id, choice, at, field)
        session.flush()
        detail = choice if field is None else f"{choice} {field}"
        vault.stamper.audit(session, "conflict_resolved", result.table, result.record_id, detail)
        if result.participant_id is not None:
            refresh_search(session, result.participant_id)
    return result
