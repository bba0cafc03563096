"""Records that never leave the vault: audit chain, drafts, settings, devices, ledger, conflicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import Base, new_id


class VaultMeta(Base):
    """Key/value facts about this vault: its id, device id, demo flag, last clock stamp."""

    __tablename__ = "vault_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    """One entry of the hash chain. Says what and when, never the sensitive content."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Draft(Base):
    """Unsaved input from a form, kept encrypted in the vault so a lock or crash loses nothing."""

    __tablename__ = "drafts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    participant_id: Mapped[str | None] = mapped_column(String(36), index=True)
    saved_at: Mapped[datetime]
    content: Mapped[str] = mapped_column(Text)


class SettingValue(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Device(Base):
    """This device (``is_self``) and every device card enrolled for sync."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    is_self: Mapped[bool] = mapped_column(default=False)
    signing_public: Mapped[bytes] = mapped_column(LargeBinary(32))
    age_recipient: Mapped[str] = mapped_column(String(100))
    signing_private: Mapped[bytes | None] = mapped_column(LargeBinary(64))
    age_identity: Mapped[str | None] = mapped_column(String(100))
    enrolled_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # The practitioner who uses that laptop and their role (practitioner / supervisor), from its
    # device card; for this laptop itself, set in Settings (migration 0010).
    practitioner: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(20))


class ImportLedger(Base):
    __tablename__ = "import_ledger"

    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int]
    bundle_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]
    summary: Mapped[str | None] = mapped_column(Text)


class Conflict(Base):
    """A merge loser kept for the practitioner to review: keep mine or take theirs."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_caseload", "participant_id", "resolved_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    participant_id: Mapped[str | None] = mapped_column(String(36), index=True)
    losing_version: Mapped[str] = mapped_column(Text)
    from_device: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(20))
