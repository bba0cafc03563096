"""Export a bundle: snapshot, sign, encrypt, write to the stick safely, read back, verify, record.

The snapshot is read under the vault's write lock (so the clock stamp recorded as the bundle's
cutoff covers exactly what it holds); compression, encryption, writing and the read-back happen
after the lock is released. Nothing is written to the vault until the file on the stick has been
read back and verified; then one transaction records the export and its audit entry. Any failure
leaves no file at the bundle's name and the records unchanged (the failure itself is audited when
the vault can still write).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from engager_desktop.domain import device_names
from engager_desktop.fsutil import Writer
from engager_desktop.i18n import tr
from engager_desktop.store import audit, sync_state
from engager_desktop.store.stamping import naive_utc, utc_iso
from engager_desktop.store.vault import Vault
from engager_desktop.sync import audit_anchor, bundle_passphrase, field_lists, stick, trust
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync.age_header import parse_header
from engager_desktop.sync.errors import BundleRefused, ExportFailed, SyncError
from engager_desktop.sync.host import SyncHost
from engager_desktop.sync.identity import ensure_own_identity, rotate_token
from engager_desktop.sync.manifest import MAX_SENT_BEFORE, Manifest
from engager_desktop.sync.snapshot import Scope, Selection, acks, select_records
from engager_desktop.sync.verify import OpenKeys, count_only, open_bundle

SUFFIX = ".engager"
EVERYTHING = Scope()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    seq: int
    bundle_id: str
    records: int
    men: int
    complete: bool
    recipients: tuple[str, ...]  # device ids; empty for a passphrase bundle
    by_passphrase: bool
    size: int
    note: str | None = None
    left_out: tuple[str, ...] = ()  # what was left out for want of his consent, and why
    recipient_names: tuple[str, ...] = ()  # as enrolled here, in the order of ``recipients``


@dataclass(frozen=True)
class Withheld:
    """Records to leave out of a chosen-men bundle (table -> ids) and the practitioner's words
    for what was left out and why."""

    records: Mapping[str, frozenset[str]] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.records.values())


# Works out, inside the export's own transaction, what a chosen-men bundle must leave out.
WithholdFn = Callable[[Session, tuple[str, ...]], Withheld]


@dataclass(frozen=True)
class _Header:
    bundle_id: str
    seq: int
    previous: str | None
    schema: str
    created_at: str
    hlc: str
    acks: dict[str, tuple[int, int]]
    audit_count: int
    audit_head: str
    sent_before: dict[str, tuple[int, ...]]
    audit_earlier: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class _Built:
    manifest: Manifest
    data: bytes
    selection: Selection
    own: trust.OwnKeys
    arrival_mark: int
    withheld: Withheld
    recipient_names: tuple[str, ...] = ()


def bundle_name(device_id: str, seq: int, name: str = device_names.DEFAULT_NAME) -> str:
    """The laptop's name made safe, the start of its device id, the number: never a man's data."""
    return f"{device_names.file_slug(name)}-{device_id[:8]}-{seq}{SUFFIX}"


def export_bundle(
    vault: Vault,
    folder: Path,
    *,
    recipients: tuple[str, ...] = (),
    passphrase: str | None = None,
    scope: Scope = EVERYTHING,
    write: Writer | None = None,
    withhold: WithholdFn | None = None,
) -> ExportResult:
    """Write one verified bundle into ``folder`` and record it; see the module docstring.

    ``withhold`` decides what a chosen-men bundle leaves out (other scopes ignore it)."""
    if bool(recipients) == (passphrase is not None):
        raise SyncError(
            "recipients", tr("Errors", "choose enrolled devices or a passphrase, not both")
        )
    if passphrase is not None:
        bundle_passphrase.require_strong(passphrase)
    if not Path(folder).is_dir():
        raise SyncError(
            "folder", tr("Errors", "the chosen folder does not exist (is the stick plugged in?)")
        )
    ensure_own_identity(vault)
    return export_from(
        vault,
        folder,
        recipients=recipients,
        passphrase=passphrase,
        scope=scope,
        write=write,
        withhold=withhold,
        on_record=lambda conn: rotate_token(conn, vault),  # a restore will show as one
    )


def export_from(
    vault: SyncHost,
    folder: Path,
    *,
    recipients: tuple[str, ...] = (),
    passphrase: str | None = None,
    scope: Scope = EVERYTHING,
    write: Writer | None = None,
    withhold: WithholdFn | None = None,
    on_record: Callable[[Connection], None] | None = None,
) -> ExportResult:
    """``export_bundle`` on any host (the hub too); ``on_record`` runs in the recording
    transaction."""
    if bool(recipients) == (passphrase is not None):
        raise SyncError(
            "recipients", tr("Errors", "choose enrolled devices or a passphrase, not both")
        )
    if not Path(folder).is_dir():
        raise SyncError(
            "folder", tr("Errors", "the chosen folder does not exist (is the stick plugged in?)")
        )
    built = _build(vault, Path(folder), list(recipients), passphrase, scope, withhold)
    final = Path(folder) / bundle_name(built.own.device_id, built.manifest.seq, built.own.name)
    try:
        stick.write_new(final, built.data, write=write)
    except OSError as exc:
        _audit_failure(vault, "write")
        raise ExportFailed(
            "write",
            tr(
                "Errors",
                "the bundle could not be written (is the stick full or removed?); nothing was left",
            ),
        ) from exc
    try:
        _read_back(final, built, passphrase)
        _record(vault, built, final, on_record)
    except BaseException as exc:
        stick.remove_quietly(final)
        _audit_failure(vault, getattr(exc, "code", "verify"))
        if isinstance(exc, BundleRefused | OSError):
            raise ExportFailed(
                "verify",
                tr("Errors", "the bundle read back from the stick did not verify; it was removed"),
            ) from exc
        raise
    return ExportResult(
        path=final,
        seq=built.manifest.seq,
        bundle_id=built.manifest.bundle_id,
        records=built.manifest.records,
        men=len(built.selection.men),
        complete=built.manifest.complete,
        recipients=built.manifest.recipients,
        by_passphrase=passphrase is not None,
        size=len(built.data),
        note=built.selection.note,
        left_out=built.withheld.reasons,
        recipient_names=built.recipient_names,
    )


def _build(
    vault: SyncHost,
    folder: Path,
    recipients: list[str],
    passphrase: str | None,
    scope: Scope,
    withhold: WithholdFn | None,
) -> _Built:
    with vault.write() as session:  # the write lock: no change can land between read and cutoff
        conn = session.connection()
        own = trust.own_keys(conn)
        keys = trust.recipients_for(conn, recipients) if recipients else []
        if scope.kind == "since_ack" and passphrase is not None:
            raise SyncError(
                "since_ack_needs_device",
                tr("Errors", "'since the last ack' needs an enrolled device"),
            )
        withheld = Withheld()
        if scope.kind == "men" and withhold is not None:
            withheld = withhold(session, scope.men)
        selection = select_records(conn, scope, own.device_id, recipients, withheld.records)
        head = _header(conn, vault, own, folder, recipients)
        arrival_mark = sync_state.arrival_mark(conn)
    payload = fmt.compress_lines(selection.lines)
    made = Manifest(
        bundle_id=head.bundle_id,
        exporter=own.device_id,
        exporter_name=own.name,
        seq=head.seq,
        previous=head.previous,
        schema=head.schema,
        created_at=head.created_at,
        hlc=head.hlc,
        acks=head.acks,
        audit_count=head.audit_count,
        audit_head=head.audit_head,
        audit_earlier=head.audit_earlier,
        recipient_kind="passphrase" if passphrase is not None else "x25519",
        recipients=tuple(k.device_id for k in keys),
        scope=scope.kind,
        complete=selection.complete,
        payload_sha256=payload.sha256,
        payload_length=len(payload.data),
        inflated_length=payload.inflated_length,
        counts=selection.counts,
        format_minor=field_lists.FORMATS.current.minor,
        sent_before=head.sent_before if keys else None,
    )
    body = made.to_bytes()
    plain = fmt.pack(body, fmt.sign(own.signing_private, body), payload.data)
    if passphrase is not None:
        data = fmt.encrypt_to_passphrase(plain, passphrase)
        _check_work_factor(data)
    else:  # this device too, so it can read its own bundle back and verify it
        data = fmt.encrypt_to_devices(plain, [k.age_recipient for k in keys] + [own.age_recipient])
    if len(data) > fmt.MAX_FILE_BYTES:
        raise ExportFailed(
            "too_big", tr("Errors", "the bundle would be over 200 MiB; choose fewer men")
        )
    names = tuple(k.name for k in keys)
    return _Built(made, data, selection, own, arrival_mark, withheld, names)


def _check_work_factor(data: bytes) -> None:
    """pyrage tunes scrypt to about a second on this laptop; importers refuse above 20."""
    try:
        parse_header(data)
    except BundleRefused as exc:
        raise ExportFailed(
            "work_factor",
            tr(
                "Errors",
                (
                    "this laptop made a passphrase lock stronger than other laptops accept; "
                    "enrol the other laptop's card and export to it instead"
                ),
            ),
        ) from exc


def _header(
    conn: Connection, vault: SyncHost, own: trust.OwnKeys, folder: Path, recipients: list[str]
) -> _Header:
    seq = sync_state.next_seq(conn, own.device_id)
    while (folder / bundle_name(own.device_id, seq, own.name)).exists():
        seq += 1  # a file from an export that was never recorded: never overwrite it
    last = sync_state.last_export(conn, own.device_id)
    chain = audit.head(conn)
    return _Header(
        bundle_id=str(uuid.uuid4()),
        seq=seq,
        previous=last.file_hash if last else None,
        schema=field_lists.FORMATS.current.schema,  # readers from before format versions check it
        created_at=utc_iso(vault.clock),
        hlc=str(vault.hlc.last),
        acks=acks(conn),
        audit_count=chain.count,
        audit_head=chain.hash,
        sent_before=sync_state.sent_before(conn, own.device_id, recipients, MAX_SENT_BEFORE),
        audit_earlier=audit_anchor.earlier_heads(conn, own.device_id),
    )


def _read_back(final: Path, built: _Built, passphrase: str | None) -> None:
    data = stick.read_back(final, fmt.MAX_FILE_BYTES)
    if data != built.data:
        raise BundleRefused(
            "read_back", tr("Errors", "the file read back differs from what was written")
        )
    own = built.own

    def signer(device_id: str) -> bytes:
        if device_id != own.device_id:
            raise BundleRefused("signer", tr("Errors", "the bundle names another maker"))
        return own.signing_public

    keys = OpenKeys(own.device_id, own.age_identity, passphrase)
    opened = open_bundle(data, keys, signer, as_recipient=False)
    if opened.manifest != built.manifest:
        raise BundleRefused("read_back", tr("Errors", "the manifest read back differs"))
    count_only(opened)


def _record(
    vault: SyncHost, built: _Built, final: Path, on_record: Callable[[Connection], None] | None
) -> None:
    made = built.manifest
    with vault.write() as session:
        conn = session.connection()
        conn.execute(
            insert(sync_state.SyncExport).values(
                device_id=made.exporter,
                seq=made.seq,
                bundle_id=made.bundle_id,
                file_name=final.name,
                file_hash=_sha256(built.data),
                cutoff=made.hlc,
                arrival_mark=built.arrival_mark,
                complete=made.complete,
                scope=made.scope,
                recipients=",".join(made.recipients) or "passphrase",
                created_at=naive_utc(vault.clock),
                audit_count=made.audit_count,
            )
        )
        detail = (
            f"bundle {made.seq}: {made.records} records, scope {made.scope}, "
            f"{'passphrase' if not made.recipients else str(len(made.recipients)) + ' device(s)'}"
        )
        if built.withheld.count:
            detail += f", {built.withheld.count} left out for want of consent"
        vault.stamper.audit(session, "bundle_exported", "bundle", made.bundle_id, detail)
        if on_record is not None:
            on_record(conn)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _audit_failure(vault: SyncHost, code: str) -> None:
    """Best effort: a full disk may refuse this too, and the export's own error matters more."""
    try:
        vault.audit("export_failed", "bundle", None, str(code)[:40])
    except Exception:  # noqa: BLE001 - the original failure is what the caller reports
        pass
