"""What the hub does: set up, enrol a laptop, import bundles, export for one laptop, report.

Every step runs the laptop's own code on the hub's PostgreSQL database: ``sync.trust`` to enrol,
``sync.importer.import_into`` (every check, the ledger, the merge, the conflicts, one transaction)
and ``sync.export.export_from`` (snapshot, sign, encrypt, read back, record).

A laptop's men are every man whose records any of its bundles carried, and every man assigned to
it at the hub (``assign``); ``hub_holdings`` keeps them, written in the import's (or the
assignment's) own transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, String, Table, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from engager_desktop.store import sync_state
from engager_desktop.store.lifecycle import require_strong
from engager_desktop.store.orm import Participant
from engager_desktop.store.orm.system import Conflict, Device, ImportLedger
from engager_desktop.store.stamping import naive_utc
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync import conflicts, importer, snapshot, trust
from engager_desktop.sync.device_card import normalise_fingerprint, read_card, write_card
from engager_desktop.sync.export import ExportResult, export_from
from engager_desktop.sync.snapshot import Scope
from engager_desktop.sync.summary import ImportSummary
from engager_hub import handovers, schema
from engager_hub import keys as hub_keys
from engager_hub.errors import HubError
from engager_hub.hub import Hub, make_engine, open_hub

HOLDINGS = Table(
    "hub_holdings",
    MetaData(),
    Column("device_id", String(36), primary_key=True),
    Column("participant_id", String(36), primary_key=True),
    Column("since", DateTime, nullable=False),
)
MAX_CARD_BYTES = 64 * 1024
TEAM_TABLES = ("supervision_notes",)  # every laptop enrolled at the hub is one team
SUPERVISOR = "supervisor"  # a laptop whose card gives this role (device_card.ROLES): every man


@dataclass(frozen=True)
class Created:
    device_id: str
    fingerprint: str
    recovery_code: str


def init(url: str, passphrase: str, name: str, options: VaultOptions) -> Created:
    """Create (or upgrade) the schema with alembic and the hub's own identity."""
    require_strong(passphrase, options)
    engine = make_engine(url)
    try:
        schema.upgrade(engine)
        with engine.begin() as conn:
            own, code = hub_keys.create(
                conn,
                name=name,
                passphrase=passphrase,
                policy=options.kdf,
                now=naive_utc(options.clock),
            )
    finally:
        engine.dispose()
    with Hub(make_engine(url), own, options) as hub:
        hub.audit("hub_created", "devices", own.device_id)
    return Created(own.device_id, own.card().fingerprint, code)


def change_passphrase(
    url: str, current: str, new_passphrase: str, options: VaultOptions, *, by_recovery_code: bool
) -> str:
    """A new passphrase (opened with the old one or the recovery code); a new recovery code."""
    require_strong(new_passphrase, options)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            schema.require_current(conn)
            code = hub_keys.change_passphrase(
                conn,
                current=current,
                by_recovery_code=by_recovery_code,
                new_passphrase=new_passphrase,
                policy=options.kdf,
            )
    finally:
        engine.dispose()
    with open_hub(url, new_passphrase, options) as hub:
        hub.audit(
            "passphrase_changed",
            "devices",
            hub.device_id,
            "recovery code" if by_recovery_code else None,
        )
    return code


def enrol(hub: Hub, card_path: Path, typed_fingerprint: str) -> trust.DeviceKey:
    data = Path(card_path).read_bytes()[: MAX_CARD_BYTES + 1]
    card = read_card(data)
    with hub.write() as session:
        key = trust.enrol(session.connection(), card, typed_fingerprint, naive_utc(hub.clock))
        hub.stamper.audit(session, "device_enrolled", "devices", key.device_id)
    return key


def _keep_holdings(now: datetime) -> importer.AfterMerge:
    def keep(session: Session, _touched: set[str]) -> None:
        maker, men = session.info[importer.BUNDLE_MADE_BY]
        if not men:
            return
        rows = [{"device_id": maker, "participant_id": man, "since": now} for man in sorted(men)]
        session.connection().execute(pg_insert(HOLDINGS).on_conflict_do_nothing(), rows)
        handovers.keep_holders(session, HOLDINGS, men, now)

    return keep


def import_file(hub: Hub, path: Path, *, dry_run: bool = False) -> ImportSummary:
    """One bundle: the laptop's checks, ledger and merge, in one PostgreSQL transaction."""
    data = importer.read_bundle_file(Path(path))
    keep = _keep_holdings(naive_utc(hub.clock))
    return importer.import_into(hub, data, dry_run=dry_run, after_merge=keep)


@dataclass(frozen=True)
class Revoked:
    device_id: str
    name: str
    changed: bool  # False: it was already revoked


def revoke(hub: Hub, device_id: str, typed_fingerprint: str) -> Revoked:
    """Stop trusting an enrolled laptop, as a laptop's revoke does: every later bundle it makes
    is refused (``trust.trusted_signer``), the hub exports nothing more for it and assigns it no
    man. Its men, and their records, stay at the hub: ``assign`` gives them to another laptop.
    ``typed_fingerprint`` must be that laptop's card fingerprint (as at enrolment), so a mistyped
    device id cannot revoke the wrong laptop."""
    with hub.write() as session:
        conn = session.connection()
        key = trust.device(conn, device_id) if len(device_id) <= 36 else None
        if key is None:
            raise HubError("no enrolled laptop has that device id")
        if key.is_self:
            raise HubError("that is the hub's own device id; the hub cannot revoke itself")
        if normalise_fingerprint(typed_fingerprint) != normalise_fingerprint(key.fingerprint):
            raise HubError(
                "that fingerprint is not the one of the laptop enrolled under that device id; "
                "nothing was revoked"
            )
        if key.revoked:
            return Revoked(key.device_id, key.name, False)
        trust.revoke(conn, key.device_id, naive_utc(hub.clock))
        hub.stamper.audit(session, "device_revoked", "devices", key.device_id)
    return Revoked(key.device_id, key.name, True)


@dataclass(frozen=True)
class Assigned:
    man_id: str
    device_id: str
    name: str  # the laptop as enrolled at the hub (its practitioner's name, if given)
    changed: bool  # False: he was already held by that laptop


def assign(hub: Hub, man_id: str, device_id: str) -> Assigned:
    """Make ``device_id`` the laptop holding the man: his ``held_by`` (a stamped hub edit, so
    every laptop that has him learns it from the hub's next export for it), a handover from the
    laptop that held him (the laptop's own record, so the laptops complete it as their own
    handover: ``engager_hub/handovers.py``) and the hub's holdings (so ``export --for`` that
    laptop carries him)."""
    with hub.write() as session:
        key = trust.device(session.connection(), device_id)
        if key is None:
            raise HubError("no enrolled laptop has that device id")
        if key.is_self:
            raise HubError("that is the hub's own device id; choose the laptop that holds him")
        if key.revoked:
            raise HubError("that laptop has been revoked; it cannot hold men")
        man = session.get(Participant, man_id) if len(man_id) <= 36 else None
        if man is None or man.deleted:
            raise HubError("the hub holds no man with that id")
        changed = man.held_by != key.device_id
        if changed:
            made = handovers.record_assignment(
                session, HOLDINGS, man, hub.device_id, key.device_id, naive_utc(hub.clock)
            )
            man.held_by = key.device_id
            session.flush()
            hub.stamper.audit(session, "handover_made", "handovers", made.id, f"to {device_id}")
        row = {"device_id": key.device_id, "participant_id": man.id, "since": naive_utc(hub.clock)}
        added = session.connection().execute(
            pg_insert(HOLDINGS)
            .values(row)
            .on_conflict_do_nothing()
            .returning(HOLDINGS.c.participant_id)
        )
        changed = added.first() is not None or changed
        if changed:
            hub.stamper.audit(session, "man_assigned", "participants", man.id, f"to {device_id}")
    return Assigned(man.id, key.device_id, key.practitioner or key.name, changed)


def whole_team(hub: Hub) -> list[str]:
    """Every man the hub holds (not deleted): what a supervisor's laptop is sent."""
    with hub.read() as session:
        men = [
            str(m)
            for m in session.scalars(
                select(Participant.id)
                .where(Participant.deleted.is_(False))
                .order_by(Participant.id)
            )
        ]
    if len(men) > snapshot.MAX_MEN:
        raise HubError(
            f"the hub holds more than {snapshot.MAX_MEN} men, more than one bundle carries; "
            "a supervisor's laptop cannot be sent them all"
        )
    return men


def men_of(hub: Hub, device_id: str) -> list[str]:
    with hub.read() as session:
        rows = session.execute(
            select(HOLDINGS.c.participant_id)
            .where(HOLDINGS.c.device_id == device_id)
            .order_by(HOLDINGS.c.participant_id)
        )
        return [str(r) for r in rows.scalars()]


def export_for(hub: Hub, device_id: str, folder: Path) -> ExportResult:
    """A bundle for one enrolled laptop: its men (all their records, their handovers among
    them), the directory and the team's supervision notes (the team: every laptop enrolled at
    this hub); the manifest carries the hub's acknowledgements of every laptop's bundles. Men it
    handed over and has removed since are left out (``handovers.handed_away``). A supervisor's
    laptop (its card says so) gets every man the hub holds: her team's caseloads, which her
    laptop keeps read-only (``store/read_mostly.py``)."""
    with hub.read() as session:
        key = trust.device(session.connection(), device_id)
    if key is None or key.is_self:
        raise HubError("no enrolled laptop has that device id")
    if key.revoked:
        raise HubError("that laptop has been revoked")
    with hub.write() as session:
        handovers.handed_away(session, HOLDINGS, hub.device_id, device_id)
    men = tuple(whole_team(hub) if key.role == SUPERVISOR else men_of(hub, device_id))
    if not men:
        raise HubError("no man's records have come from that laptop yet; nothing to send it")
    scope = Scope.chosen_men(men, whole=TEAM_TABLES)
    return export_from(hub, Path(folder), recipients=(device_id,), scope=scope)


def status(hub: Hub) -> dict[str, Any]:
    """Laptops, last bundle in and out of each, conflicts waiting: a few small queries."""
    with hub.read() as session:
        conn = session.connection()
        devices = [d for d in trust.devices(conn) if not d.is_self]
        peers = {p.device_id: p for p in sync_state.all_peers(conn)}
        waiting = dict(
            conn.execute(
                select(Conflict.from_device, func.count())
                .where(Conflict.resolved_at.is_(None))
                .group_by(Conflict.from_device)
            ).all()
        )
        outs = _last_exports(conn)
        men: dict[str, int] = dict(
            conn.execute(
                select(HOLDINGS.c.device_id, func.count()).group_by(HOLDINGS.c.device_id)
            ).all()
        )
        imported = conn.execute(select(func.count()).select_from(ImportLedger)).scalar_one()
    laptops = []
    for d in devices:
        peer = peers.get(d.device_id)
        out = outs.get(d.device_id)
        laptops.append(
            {
                "device_id": d.device_id,
                "name": d.name,
                "fingerprint": d.fingerprint,
                "revoked": d.revoked,
                "men": int(men.get(d.device_id, 0)),
                "last_in": _bundle_in(peer),
                "last_out": out,
                "conflicts_waiting": int(waiting.get(d.device_id, 0)),
            }
        )
    return {
        "hub": {"device_id": hub.device_id, "name": hub.own.name},
        "laptops": laptops,
        "bundles_imported": int(imported),
        "conflicts_waiting": int(sum(waiting.values())),
    }


def _bundle_in(peer: sync_state.PeerRow | None) -> dict[str, Any] | None:
    if peer is None or peer.imported_last == 0:
        return None
    at = peer.last_import_at
    return {"seq": peer.imported_last, "at": at.strftime("%Y-%m-%dT%H:%M:%SZ") if at else None}


def _last_exports(conn: Any) -> dict[str, dict[str, Any]]:
    table = sync_state.SyncExport
    rows = conn.execute(
        select(table.recipients, table.seq, table.created_at).order_by(table.seq)
    ).all()
    out: dict[str, dict[str, Any]] = {}
    for recipients, seq, created in rows:
        for device_id in str(recipients).split(","):
            out[device_id] = {"seq": seq, "at": created.strftime("%Y-%m-%dT%H:%M:%SZ")}
    return out


def list_conflicts(hub: Hub) -> list[conflicts.ConflictView]:
    with hub.read() as session:
        return conflicts.list_open(session)


def resolve_conflict(
    hub: Hub, conflict_id: str, choice: str, field: str | None = None
) -> conflicts.Resolution:
    """Settle a conflict at the hub: the hub's choice is a new edit every laptop receives."""
    with hub.write() as session:
        result = conflicts.resolve(session, conflict_id, choice, naive_utc(hub.clock), field)
        hub.stamper.audit(session, "conflict_resolved", result.table, result.record_id, choice)
    return result


def device_name(hub: Hub, device_id: str) -> str:
    with hub.read() as session:
        name = session.execute(select(Device.name).where(Device.id == device_id)).scalar()
    return str(name) if name is not None else device_id


def as_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True)


def device_card(hub: Hub) -> bytes:
    """The hub's device card (public keys, self-signed), for laptops to enrol."""
    return write_card(hub.own.card(), hub.own.signing_private)
