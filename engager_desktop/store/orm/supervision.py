"""Supervision notes (P34): team, MBA and meta-supervision."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, Synced


class SupervisionNote(Synced, Base):
    __tablename__ = "supervision_notes"

    kind: Mapped[str] = mapped_column(String(10))
    held_on: Mapped[date]
    cases_discussed: Mapped[str | None] = mapped_column(Text(MEDIUM))
    risk: Mapped[str | None] = mapped_column(Text(MEDIUM))
    reflections: Mapped[str | None] = mapped_column(Text(MEDIUM))
    actions: Mapped[str | None] = mapped_column(Text(MEDIUM))
