"""Meetings with him, other contacts, and his appointments with other services (P24-P26)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import LONG, MEDIUM, Base, OwnedByMan


class Meeting(OwnedByMan, Base):
    """A session with him, held or missed. Named Meeting to keep clear of database sessions."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_caseload", "participant_id", "attended", "deleted", "starts_at"),
        Index("ix_meetings_held", "starts_at", "attended", "deleted", "place"),  # figures
    )

    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(200))
    attended: Mapped[bool | None]  # null: planned, not yet held
    follow_up: Mapped[str | None] = mapped_column(Text(MEDIUM))
    distress: Mapped[int | None]
    reviewed: Mapped[str | None] = mapped_column(Text(MEDIUM))
    notes: Mapped[str | None] = mapped_column(Text(LONG))
    minutes: Mapped[int | None]  # how long it lasted, when recorded


class ContactLog(OwnedByMan, Base):
    """Any other contact or attempt: a reminder call, a lost-contact enquiry, a text."""

    __tablename__ = "contact_logs"
    __table_args__ = (
        Index("ix_contact_logs_caseload", "participant_id", "reached_him", "deleted", "at"),
    )

    at: Mapped[datetime] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(20))
    reached_him: Mapped[bool] = mapped_column(default=False)
    purpose: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text(MEDIUM))


class Appointment(OwnedByMan, Base):
    """An appointment with another service; reminders and clashes are worked out from these."""

    __tablename__ = "appointments"

    with_whom: Mapped[str] = mapped_column(String(200))
    service_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("services.id"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    minutes: Mapped[int] = mapped_column(default=60)
    location: Mapped[str | None] = mapped_column(String(200))
    travel_minutes: Mapped[int | None]
    reminder_given: Mapped[bool] = mapped_column(default=False)
    attended: Mapped[bool | None]
    note: Mapped[str | None] = mapped_column(Text(MEDIUM))
