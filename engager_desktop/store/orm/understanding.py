"""Shared understanding (P8-P12): his problems as goals, links map, strengths, distress."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class Understanding(OwnedByMan, Base):
    """One per man: readiness to change and what he hopes to see at the end."""

    __tablename__ = "understandings"

    readiness: Mapped[str | None] = mapped_column(String(30))
    readiness_note: Mapped[str | None] = mapped_column(Text(MEDIUM))
    hopes_for_ending: Mapped[str | None] = mapped_column(Text(MEDIUM))


class PriorityProblem(OwnedByMan, Base):
    __tablename__ = "priority_problems"

    his_words: Mapped[str] = mapped_column(Text(MEDIUM))
    as_goal_or_need: Mapped[str | None] = mapped_column(Text(MEDIUM))
    goal_id: Mapped[str | None] = mapped_column(String(36))


class LinksMapEntry(OwnedByMan, Base):
    __tablename__ = "links_map_entries"

    situation: Mapped[str | None] = mapped_column(Text(MEDIUM))
    thoughts: Mapped[str | None] = mapped_column(Text(MEDIUM))
    feelings: Mapped[str | None] = mapped_column(Text(MEDIUM))
    behaviour: Mapped[str | None] = mapped_column(Text(MEDIUM))
    outcomes: Mapped[str | None] = mapped_column(Text(MEDIUM))
    recorded_on: Mapped[date]


class Strength(OwnedByMan, Base):
    __tablename__ = "strengths"

    text: Mapped[str] = mapped_column(Text(MEDIUM))
    kind: Mapped[str] = mapped_column(String(10), default="has")


class DistressRating(OwnedByMan, Base):
    """Distress rated together, 0 (none) to 10 (worst), with a note (P9)."""

    __tablename__ = "distress_ratings"
    __table_args__ = (  # service figures read every rating in his date order (migration 0010)
        Index(
            "ix_distress_ratings_figures",
            "participant_id",
            "rated_on",
            "created_at",
            "score",
            "deleted",
        ),
    )

    rated_on: Mapped[date] = mapped_column(index=True)
    score: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text(MEDIUM))
    meeting_id: Mapped[str | None] = mapped_column(String(36))


class ReadinessRating(OwnedByMan, Base):
    """His readiness to change as it was on one day (P9): a row each time it is saved."""

    __tablename__ = "readiness_ratings"

    rated_on: Mapped[date] = mapped_column(index=True)
    readiness: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text(MEDIUM))
    meeting_id: Mapped[str | None] = mapped_column(String(36))


class QuickWin(OwnedByMan, Base):
    __tablename__ = "quick_wins"

    text: Mapped[str] = mapped_column(Text(MEDIUM))
    source: Mapped[str] = mapped_column(String(20), default="practitioner")
    achieved_on: Mapped[date | None]
