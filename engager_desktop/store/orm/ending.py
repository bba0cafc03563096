"""The planned ending (P30-P33, P38): tapering, blueprint, continuing support, sign-off."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class EndingPlan(OwnedByMan, Base):
    __tablename__ = "ending_plans"

    tapering: Mapped[str | None] = mapped_column(Text(MEDIUM))
    how_to_mark_it: Mapped[str | None] = mapped_column(Text(MEDIUM))
    signs_to_watch: Mapped[str | None] = mapped_column(Text(MEDIUM))
    what_helps: Mapped[str | None] = mapped_column(Text(MEDIUM))
    who_to_contact: Mapped[str | None] = mapped_column(Text(MEDIUM))
    mentoring: Mapped[str | None] = mapped_column(Text(MEDIUM))
    services: Mapped[str | None] = mapped_column(Text(MEDIUM))
    family_and_friends: Mapped[str | None] = mapped_column(Text(MEDIUM))
    self_care: Mapped[str | None] = mapped_column(Text(MEDIUM))
    aftercare_call_on: Mapped[date | None]
    signed_off_on: Mapped[date | None]
    signed_off_in_person: Mapped[bool] = mapped_column(default=False)
    peer_mentor_interest: Mapped[bool] = mapped_column(default=False)
    support_in_place_checked: Mapped[bool] = mapped_column(default=False)
    closing_note: Mapped[str | None] = mapped_column(String(200))
