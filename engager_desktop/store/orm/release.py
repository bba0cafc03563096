"""Release preparation (P20-P22): the checklist for through the gate. Whereabouts are sensitive."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class ReleasePlan(OwnedByMan, Base):
    __tablename__ = "release_plans"

    release_date: Mapped[date | None]
    going_to: Mapped[str | None] = mapped_column(Text(MEDIUM))
    accommodation: Mapped[str | None] = mapped_column(Text(MEDIUM))
    accommodation_confirmed: Mapped[bool] = mapped_column(default=False)
    benefit_claim_prepared: Mapped[bool] = mapped_column(default=False)
    id_documents: Mapped[bool] = mapped_column(default=False)
    bank_account: Mapped[bool] = mapped_column(default=False)
    gp_registered: Mapped[bool] = mapped_column(default=False)
    discharge_letter: Mapped[bool] = mapped_column(default=False)
    gp_follow_up: Mapped[str | None] = mapped_column(Text(MEDIUM))
    medication: Mapped[str | None] = mapped_column(Text(MEDIUM))
    medication_arranged: Mapped[bool] = mapped_column(default=False)
    phone_working: Mapped[bool] = mapped_column(default=False)
    phone_number: Mapped[str | None] = mapped_column(String(40))
    other_ways_to_reach: Mapped[str | None] = mapped_column(Text(MEDIUM))
    gate_meeter: Mapped[str | None] = mapped_column(String(20))  # "peer" or "practitioner"
    gate_meeter_name: Mapped[str | None] = mapped_column(String(200))
    gate_meeting_place: Mapped[str | None] = mapped_column(String(200))
    first_24_hours: Mapped[str | None] = mapped_column(Text(MEDIUM))
    family_meeting_held: Mapped[bool] = mapped_column(default=False)
    family_meeting_note: Mapped[str | None] = mapped_column(Text(MEDIUM))
    first_week_appointments: Mapped[bool] = mapped_column(default=False)
    services_met_inside: Mapped[bool] = mapped_column(default=False)
    what_to_bring: Mapped[str | None] = mapped_column(Text(MEDIUM))
