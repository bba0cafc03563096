"""Hybrid logical clock stamps: sortable strings that order edits across offline laptops.

A stamp is ``<13-digit milliseconds since 1970>-<6-digit counter>``; comparing two stamps as strings
compares them in time. Ties between devices are broken by the device id, outside this module. The
counter never outgrows its six digits: when it would, the time part moves on a millisecond
instead. A stamp from another laptop is only accepted (by the importer) when ``remote_problem``
finds nothing wrong with it: not malformed, counter below its maximum, not further ahead of this
laptop's clock than ``DRIFT_LIMIT_MS``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from engager_desktop.domain.clock import Clock

_STAMP = re.compile(r"^(\d{13})-(\d{6})$")
DRIFT_LIMIT_MS = 24 * 60 * 60 * 1000  # a remote stamp further ahead than this is refused
MAX_MILLIS = 10**13 - 1
MAX_COUNTER = 10**6 - 1  # a stamp may not carry this: the next tick must still fit


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

    def next(self) -> Stamp:
        """The smallest stamp after this one that still fits the format."""
        if self.counter + 1 < MAX_COUNTER:
            return Stamp(self.millis, self.counter + 1)
        if self.millis >= MAX_MILLIS:
            raise HlcError("the clock stamp has reached its largest value")
        return Stamp(self.millis + 1, 0)


ZERO = Stamp(0, 0)


def remote_problem(text: str, wall_ms: int) -> str | None:
    """Why a stamp made on another laptop cannot be accepted here, or None when it can."""
    try:
        stamp = Stamp.parse(text)
    except HlcError:
        return "a record's clock stamp is malformed"
    if stamp.counter >= MAX_COUNTER:
        return "a record's clock stamp has its counter at the maximum"
    if stamp.millis - wall_ms > DRIFT_LIMIT_MS:
        return (
            "a record is stamped more than a day ahead of this laptop's clock; "
            "check the date and time on both laptops"
        )
    return None


class HybridClock:
    """Issues stamps that never go backwards, even when the wall clock does; safe across threads."""

    def __init__(self, clock: Clock, last: Stamp = ZERO) -> None:
        self._clock = clock
        self._last = last
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return self._last

    def _wall_ms(self) -> int:
        return int(self._clock.now().timestamp() * 1000)

    def tick(self) -> Stamp:
        wall = self._wall_ms()
        with self._lock:
            stamp = Stamp(wall, 0) if wall > self._last.millis else self._last.next()
            self._last = stamp
            return stamp

    def observe(self, remote: Stamp) -> bool:
        """Move past a stamp seen in an import; return True if it is suspiciously far ahead."""
        wall = self._wall_ms()
        with self._lock:
            if remote > self._last:
                self._last = remote
        return remote.millis - wall > DRIFT_LIMIT_MS
