"""A man on the caseload, his consent records and the history of his phase moves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import LONG, MEDIUM, Base, OwnedByMan, Synced


class Participant(Synced, Base):
    __tablename__ = "participants"

    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    # How he wants to be addressed (P11): "Mr Surname" or his first name, as he chose it.
    preferred_name: Mapped[str] = mapped_column(String(100))
    prison_number: Mapped[str | None] = mapped_column(String(20), index=True)
    date_of_birth: Mapped[date | None]
    establishment: Mapped[str | None] = mapped_column(String(100))
    phase: Mapped[str] = mapped_column(String(20), default="engagement", index=True)
    expected_release: Mapped[date | None] = mapped_column(index=True)
    planned_sessions: Mapped[int | None]
    planned_end: Mapped[date | None]
    # Identity in his own words (P2).
    gender: Mapped[str | None] = mapped_column(String(100))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    faith: Mapped[str | None] = mapped_column(String(100))
    isolated: Mapped[bool] = mapped_column(default=False)
    # Risk notes are sensitive: kept out of print unless ticked in.
    risk_notes: Mapped[str | None] = mapped_column(Text(MEDIUM))
    closure_reason: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text(LONG))
    # The device id of the laptop that holds him (bundle format 1.2); None: not recorded (a man
    # who came in a bundle from a laptop of an older release). See store/orm/team.py.
    held_by: Mapped[str | None] = mapped_column(String(36), index=True)
    # His preferred language for the papers he keeps: a code of i18n.LANGUAGES ("en", "cy");
    # None reads as English (bundle format 1.3). Printing for him uses it by default.
    document_language: Mapped[str | None] = mapped_column(String(8))


class Consent(OwnedByMan, Base):
    """His agreement (or refusal) to one kind of sharing, optionally with one named service."""

    __tablename__ = "consents"

    kind: Mapped[str] = mapped_column(String(40))
    given: Mapped[bool]
    service_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("services.id"))
    recorded_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text(MEDIUM))


class PhaseChange(OwnedByMan, Base):
    __tablename__ = "phase_changes"

    from_phase: Mapped[str] = mapped_column(String(20))
    to_phase: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text(MEDIUM))
