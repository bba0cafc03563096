"""The hash-chained audit log: each entry hashes the one before, so edits and removals show.

Entries say what happened and when (action, kind of record, record id, field names), never the
content. The chain head (count and hash) leaves the laptop in every bundle and supervision summary,
so a truncated tail is detectable against what was carried away.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from engager_desktop.store.orm.system import AuditEvent

GENESIS = "0" * 64
_LAST_KEY = "audit_last"


@dataclass(frozen=True)
class ChainHead:
    count: int
    hash: str


@dataclass
class ChainReport:
    count: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def entry_hash(
    seq: int,
    at: str,
    device_id: str,
    action: str,
    kind: str | None,
    record_id: str | None,
    detail: str | None,
    prev_hash: str,
) -> str:
    body = json.dumps(
        [seq, at, device_id, action, kind, record_id, detail, prev_hash],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def _last(conn: Connection) -> tuple[int, str]:
    row = conn.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(
    session: Session,
    *,
    at: str,
    device_id: str,
    action: str,
    kind: str | None = None,
    record_id: str | None = None,
    detail: str | None = None,
) -> AuditEvent:
    """Add one entry in the caller's transaction (which must hold the write lock)."""
    cached = session.info.get(_LAST_KEY)
    seq, prev = cached if cached else _last(session.connection())
    seq += 1
    digest = entry_hash(seq, at, device_id, action, kind, record_id, detail, prev)
    event = AuditEvent(
        seq=seq,
        at=at,
        device_id=device_id,
        action=action,
        kind=kind,
        record_id=record_id,
        detail=detail,
        prev_hash=prev,
        hash=digest,
    )
    session.add(event)
    session.info[_LAST_KEY] = (seq, digest)
    return event


def forget_cached_head(session: Session) -> None:
    """Call when a transaction ends: the next one reads the head afresh."""
    session.info.pop(_LAST_KEY, None)


def head(conn: Connection) -> ChainHead:
    seq, digest = _last(conn)
    return ChainHead(seq, digest)


def verify(conn: Connection) -> ChainReport:
    """Walk the whole chain; report gaps, broken links and entries whose hash does not match."""
    report = ChainReport()
    prev = GENESIS
    expected_seq = 1
    table = AuditEvent.__table__
    rows = conn.execute(select(table).order_by(table.c.seq))
    for event in rows:
        if event.seq != expected_seq:
            report.problems.append(f"audit entry {expected_seq} is missing")
        if event.prev_hash != prev:
            report.problems.append(f"audit entry {event.seq} does not follow the entry before it")
        recomputed = entry_hash(
            event.seq,
            event.at,
            event.device_id,
            event.action,
            event.kind,
            event.record_id,
            event.detail,
            event.prev_hash,
        )
        if recomputed != event.hash:
            report.problems.append(f"audit entry {event.seq} has been altered")
        prev = event.hash
        expected_seq = event.seq + 1
        report.count += 1
    report.head = prev
    return report


def hash_at(conn: Connection, count: int) -> str | None:
    """The head when the chain held ``count`` entries: the hash of entry ``count``."""
    if count == 0:
        return GENESIS
    row = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == count)).first()
    return None if row is None else str(row[0])


def matches_head(conn: Connection, carried: ChainHead) -> bool:
    """True if the chain still holds the entry a bundle carried away (no truncation)."""
    row = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == carried.count)).first()
    if carried.count == 0:
        return True
    return row is not None and row[0] == carried.hash
