"""The shared action plan (P14-P19): goals, their steps, and what happened to each step."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class Goal(OwnedByMan, Base):
    __tablename__ = "goals"

    title: Mapped[str] = mapped_column(String(300))
    his_words: Mapped[str | None] = mapped_column(Text(MEDIUM))
    horizon: Mapped[str] = mapped_column(String(30))
    domain: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    set_on: Mapped[date]
    # Why and when it was last achieved, changed or dropped (P8, P13); empty while open.
    status_reason: Mapped[str | None] = mapped_column(Text(MEDIUM))
    status_changed_on: Mapped[date | None]


class Step(OwnedByMan, Base):
    """Who does what by when, drawing on one of the four kinds of resource."""

    __tablename__ = "steps"
    __table_args__ = (Index("ix_steps_caseload", "participant_id", "status", "deleted", "due_on"),)

    goal_id: Mapped[str] = mapped_column(String(36), ForeignKey("goals.id"), index=True)
    what: Mapped[str] = mapped_column(Text(MEDIUM))
    resource_kind: Mapped[str] = mapped_column(String(30))
    service_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("services.id"))
    support_person_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("support_people.id")
    )
    responsible: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(index=True)
    before_next_session: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    what_happened: Mapped[str | None] = mapped_column(Text(MEDIUM))
    quick_win: Mapped[bool] = mapped_column(default=False)
    skill_area: Mapped[str | None] = mapped_column(String(30))
    closed_on: Mapped[date | None]


class StepReview(OwnedByMan, Base):
    """At one meeting, what happened to one step: done or not, and why (the workbook page)."""

    __tablename__ = "step_reviews"

    meeting_id: Mapped[str] = mapped_column(String(36), ForeignKey("meetings.id"), index=True)
    step_id: Mapped[str] = mapped_column(String(36), ForeignKey("steps.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    why: Mapped[str | None] = mapped_column(Text(MEDIUM))
