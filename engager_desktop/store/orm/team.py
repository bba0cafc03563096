"""Who holds each man, and the handovers that move him from one laptop to another.

``participants.held_by`` (on the man's own record) is the device id of the laptop that holds him.
A ``Handover`` is made by the laptop handing him over; the laptop receiving him sets
``acknowledged_at`` when it imports the bundle, and that edit, travelling back in its next bundle,
tells the old laptop it may remove his records from itself (docs/sync.md, "Handing a man over").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engager_desktop.store.orm.base import Base, OwnedByMan


class Handover(OwnedByMan, Base):
    """One man handed from one laptop (``from_device``) to another (``to_device``)."""

    __tablename__ = "handovers"

    from_device: Mapped[str] = mapped_column(String(36))
    to_device: Mapped[str] = mapped_column(String(36))
    made_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
