"""Practice notes: his days and weekends (P27), support for his family (P19), advocacy (P29).

One table with a ``kind`` rather than four: each is the same shape (a day, what was done or
planned, with whom), none has rules of its own, and one table is one synced format entry, one
erasure and subject-access line and one form instead of four of each. A kind that grows fields of
its own should move to a table of its own.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, SHORT, Base, OwnedByMan


class PracticeNote(OwnedByMan, Base):
    """One dated note of a kind in domain.enums.PracticeNoteKind."""

    __tablename__ = "practice_notes"

    kind: Mapped[str] = mapped_column(String(30), index=True)
    noted_on: Mapped[date] = mapped_column(index=True)
    what: Mapped[str] = mapped_column(Text(MEDIUM))
    with_whom: Mapped[str | None] = mapped_column(String(SHORT))
