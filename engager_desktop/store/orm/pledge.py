"""The pledge or contract, if he wants one (P13): what each side commits to, signed by both."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import MEDIUM, Base, OwnedByMan


class Pledge(OwnedByMan, Base):
    __tablename__ = "pledges"

    wanted: Mapped[bool | None]
    his_commitments: Mapped[str | None] = mapped_column(Text(MEDIUM))
    practitioner_commitments: Mapped[str | None] = mapped_column(Text(MEDIUM))
    printed_on: Mapped[date | None]
    signed_on: Mapped[date | None]
