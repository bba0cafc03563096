"""People around him: family, friends, peer mentors, Listeners (P5, P18, P19)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class SupportPerson(OwnedByMan, Base):
    __tablename__ = "support_people"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    relationship: Mapped[str | None] = mapped_column(String(100))
    # Helpful or not is recorded, never assumed (P5): null means not yet known.
    helpful: Mapped[bool | None]
    contact_restrictions: Mapped[str | None] = mapped_column(Text(MEDIUM))
    phone: Mapped[str | None] = mapped_column(String(40))
    consent_to_involve: Mapped[bool] = mapped_column(default=False)
    meets_at_gate: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text(MEDIUM))
