"""Hybrid logical clock stamps: sortable strings that order edits across offline laptops.

A stamp is ``<13-digit milliseconds since 1970>-<6-digit counter>``; comparing two stamps as strings
compares them in time. Ties between devices are broken by the device id, outside this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engager_desktop.domain.clock import Clock

_STAMP = re.compile(r"^(\d{13})-(\d{6})$")
DRIFT_LIMIT_MS = 24 * 60 * 60 * 1000  # a remote stamp further ahead than this is flagged


class HlcError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:06d}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        match = _STAMP.match(text)
        if not match:
            raise HlcError("not a clock stamp")
        return cls(int(match.group(1)), int(match.group(2)))


ZERO = Stamp(0, 0)


class HybridClock:
    """Issues stamps that never go backwards, even when the wall clock does."""

    def __init__(self, clock: Clock, last: Stamp = ZERO) -> None:
        self._clock = clock
        self._last = last

    @property
    def last(self) -> Stamp:
        return self._last

    def _wall_ms(self) -> int:
        return int(self._clock.now().timestamp() * 1000)

    def tick(self) -> Stamp:
        wall = self._wall_ms()
        if wall > self._last.millis:
            stamp = Stamp(wall, 0)
        else:
            stamp = Stamp(self._last.millis, self._last.counter + 1)
        self._last = stamp
        return stamp

    def observe(self, remote: Stamp) -> bool:
        """Move past a stamp seen in an import; return True if it is suspiciously far ahead."""
        wall = self._wall_ms()
        if remote > self._last:
            self._last = remote
        return remote.millis - wall > DRIFT_LIMIT_MS
