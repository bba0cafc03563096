"""The services directory (P15, P37): what each service does, when, at what cost, how to refer."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, Synced


class Service(Synced, Base):
    __tablename__ = "services"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    setting: Mapped[str] = mapped_column(String(20))
    area: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text(MEDIUM))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    opening_hours: Mapped[str | None] = mapped_column(Text(MEDIUM))
    weekend_hours: Mapped[str | None] = mapped_column(Text(MEDIUM))
    out_of_hours: Mapped[str | None] = mapped_column(Text(MEDIUM))
    cost_to_him: Mapped[str | None] = mapped_column(String(200))
    referral_route: Mapped[str | None] = mapped_column(Text(MEDIUM))
    referral_agreement: Mapped[str | None] = mapped_column(Text(MEDIUM))
    does: Mapped[str | None] = mapped_column(Text(MEDIUM))
    does_not: Mapped[str | None] = mapped_column(Text(MEDIUM))
    last_verified: Mapped[date | None] = mapped_column(index=True)
