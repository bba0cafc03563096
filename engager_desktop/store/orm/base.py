"""Declarative base, naming convention and the columns every synced record carries."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Text limits: generous for a practitioner, small enough that a pasted file is refused.
SHORT = 200
MEDIUM = 2_000
LONG = 20_000


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        str: String(SHORT),
        datetime: DateTime(timezone=False),
        date: Date(),
        bool: Boolean(),
        int: Integer(),
    }


class Synced:
    """Columns shared by every record that travels in a bundle.

    ``updated_at`` is a hybrid-logical-clock stamp (see domain.hlc) and ``updated_by`` the random
    device id of the vault that made the change; together they decide which copy wins a merge.
    """

    __synced__ = True
    __tablename__: str

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    updated_at: Mapped[str] = mapped_column(String(20), index=True)
    updated_by: Mapped[str] = mapped_column(String(36))
    # No index on deleted: almost every row has the same value, and without statistics SQLite
    # picked such an index over the per-man one and walked whole tables (migration 0005).
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    rev: Mapped[int] = mapped_column(Integer, default=1)


class OwnedByMan(Synced):
    """A synced record that belongs to one man; deleting him tombstones it."""

    @declared_attr
    def participant_id(cls) -> Mapped[str]:  # noqa: N805 - declared_attr takes the class
        return mapped_column(String(36), ForeignKey("participants.id"), index=True)


def text_column(limit: int = MEDIUM, *, nullable: bool = True) -> Mapped[str | None]:
    return mapped_column(Text(limit), nullable=nullable)


__all__ = ["Base", "Synced", "OwnedByMan", "new_id", "text_column", "SHORT", "MEDIUM", "LONG"]
