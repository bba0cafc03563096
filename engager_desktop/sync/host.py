"""What importing and exporting a bundle need of the database they run on.

A laptop's ``Vault`` is one; the community hub (package ``engager_hub``, on PostgreSQL) is the
other. Both give sessions for reading and writing (a write session holds the write lock for its
transaction), the hybrid clock and the stamper that audits.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy.orm import Session

from engager_desktop.domain.clock import Clock
from engager_desktop.domain.hlc import HybridClock
from engager_desktop.store.stamping import Stamper


class SyncHost(Protocol):
    device_id: str
    hlc: HybridClock
    stamper: Stamper

    @property
    def clock(self) -> Clock: ...

    def read(self) -> AbstractContextManager[Session]: ...

    def write(self) -> AbstractContextManager[Session]: ...

    def audit(
        self,
        action: str,
        kind: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> None: ...
