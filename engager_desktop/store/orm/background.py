"""Background from him and from records (P1-P7): services he has known, family, life story."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import LONG, MEDIUM, Base, OwnedByMan


class Background(OwnedByMan, Base):
    """One per man. Trauma and family contact restrictions are sensitive (P5, P6)."""

    __tablename__ = "backgrounds"

    existing_assessments: Mapped[str | None] = mapped_column(Text(MEDIUM))
    previous_experiences: Mapped[str | None] = mapped_column(Text(MEDIUM))
    expectations: Mapped[str | None] = mapped_column(Text(MEDIUM))
    family_context: Mapped[str | None] = mapped_column(Text(MEDIUM))
    contact_restrictions: Mapped[str | None] = mapped_column(Text(MEDIUM))
    restrictions_checked_on: Mapped[date | None]
    family_worries: Mapped[str | None] = mapped_column(Text(MEDIUM))
    children: Mapped[str | None] = mapped_column(Text(MEDIUM))
    # Whether relationships help or harm is recorded, never assumed (P5): null means not yet known.
    relationships_help: Mapped[bool | None]
    relationship_work: Mapped[str] = mapped_column(String(20), default="none_decided")
    life_story: Mapped[str | None] = mapped_column(Text(LONG))
    trauma: Mapped[str | None] = mapped_column(Text(LONG))
    substance_use: Mapped[str | None] = mapped_column(Text(MEDIUM))
    substance_links: Mapped[str | None] = mapped_column(Text(MEDIUM))
    basic_needs_worries: Mapped[str | None] = mapped_column(Text(MEDIUM))
    doing_your_time: Mapped[str | None] = mapped_column(Text(MEDIUM))
    told_sentence_unaffected: Mapped[bool] = mapped_column(default=False)


class ServiceContact(OwnedByMan, Base):
    """A service he is or was in contact with, any referral and what came of it (P1)."""

    __tablename__ = "service_contacts"

    service_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("services.id"))
    service_name: Mapped[str] = mapped_column(String(200))
    when: Mapped[str | None] = mapped_column(String(100))
    referral_made: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str | None] = mapped_column(Text(MEDIUM))
    still_involved: Mapped[bool] = mapped_column(default=False)
    excluded: Mapped[bool] = mapped_column(default=False)
    exclusion_reason: Mapped[str | None] = mapped_column(Text(MEDIUM))
