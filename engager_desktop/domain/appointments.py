"""Appointments that clash or leave too little travel time, reminders due, and missed ones (P26).

Times may be naive (local wall-clock time, as the vault stores them) or timezone-aware, but not a
mix. Aware times are compared as instants, so a meeting across a clock change is measured in real
minutes; the day a slot falls on is always its own wall-clock date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

DEFAULT_TRAVEL_MINUTES = 30  # assumed between two different places when nothing was entered
LONG_TRAVEL_MINUTES = 60  # a journey this long or longer is worth talking about with him
REMINDER_HOURS = 48
MAX_SLOT_MINUTES = 24 * 60

TravelFunction = Callable[[str | None, str | None], int | None]
TravelLookup = TravelFunction | Mapping[tuple[str, str], int]


class SlotKind(StrEnum):
    SESSION = "session"  # a meeting with the practitioner
    APPOINTMENT = "appointment"  # with another service (offender manager, GP, housing …)


class ClashKind(StrEnum):
    OVERLAP = "overlap"
    TRAVEL = "travel"


@dataclass(frozen=True)
class Slot:
    id: str
    starts_at: datetime
    minutes: int
    location: str | None
    kind: SlotKind = SlotKind.APPOINTMENT
    travel_minutes: int | None = None  # time to get here, as the practitioner entered it
    reminder_given: bool = False
    attended: bool | None = None  # None: not yet held, or outcome not recorded
    followed_up: bool = False  # a call after a missed one has been made

    def __post_init__(self) -> None:
        if not 0 < self.minutes <= MAX_SLOT_MINUTES:
            raise ValueError("an appointment must last between 1 minute and 24 hours")
        if self.travel_minutes is not None and self.travel_minutes < 0:
            raise ValueError("travel time cannot be negative")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Clash:
    first: Slot  # the earlier one
    second: Slot
    kind: ClashKind
    minutes_short: int  # minutes of overlap, or minutes missing for the journey
    message: str


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def _check_same_kind_of_time(moments: Iterable[datetime]) -> None:
    kinds = {moment.tzinfo is None for moment in moments}
    if len(kinds) > 1:
        raise ValueError("times with and without a time zone cannot be compared")


def _start(slot: Slot) -> datetime:
    return _instant(slot.starts_at)


def _end(slot: Slot) -> datetime:
    return _start(slot) + timedelta(minutes=slot.minutes)


def _place(location: str | None) -> str | None:
    if location is None or not location.strip():
        return None
    return " ".join(location.split()).casefold()


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _as_function(travel: TravelLookup | None) -> TravelFunction:
    """One way to ask for a journey time, whether given a function, a table or nothing."""
    if travel is None:
        return lambda here, there: None
    if callable(travel):
        return travel
    table = {(_place(a), _place(b)): minutes for (a, b), minutes in travel.items()}

    def from_table(here: str | None, there: str | None) -> int | None:
        key = (_place(here), _place(there))
        return table.get(key, table.get((key[1], key[0])))

    return from_table


def _needed(
    travel: TravelFunction, first: Slot, second: Slot, default_travel: int | None
) -> int | None:
    needed = travel(first.location, second.location)
    if needed is None:
        needed = second.travel_minutes
    return default_travel if needed is None else needed


def _clash(
    first: Slot, second: Slot, travel: TravelFunction, default_travel: int | None
) -> Clash | None:
    overlap = _minutes(_end(first) - _start(second))
    if overlap > 0:
        return Clash(
            first, second, ClashKind.OVERLAP, overlap, "These two happen at the same time."
        )
    if first.starts_at.date() != second.starts_at.date():
        return None
    here, there = _place(first.location), _place(second.location)
    if here is None or there is None or here == there:
        return None
    needed = _needed(travel, first, second, default_travel)
    gap = _minutes(_start(second) - _end(first))
    if needed is None or gap >= needed:
        return None
    message = f"Only {gap} minutes between them, but the journey takes about {needed}."
    return Clash(first, second, ClashKind.TRAVEL, needed - gap, message)


def find_clashes(
    slots: Sequence[Slot],
    travel_minutes: TravelLookup | None = None,
    default_travel: int | None = DEFAULT_TRAVEL_MINUTES,
) -> list[Clash]:
    """Pairs that overlap, or that are at two places on one day with too little time to travel.

    Travel time from one place to the next comes from ``travel_minutes`` (a function of the two
    locations, or a table keyed by the pair in either order), else from the later slot's own
    ``travel_minutes``, else ``default_travel`` (None: do not guess). Slots without a location
    (a phone call) can overlap but never need travel.
    """
    _check_same_kind_of_time(slot.starts_at for slot in slots)
    ordered = sorted(slots, key=lambda slot: (_start(slot), slot.id))
    travel = _as_function(travel_minutes)
    clashes: list[Clash] = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.starts_at.date() > first.ends_at.date() and _start(second) >= _end(first):
                break
            clash = _clash(first, second, travel, default_travel)
            if clash is not None:
                clashes.append(clash)
    return clashes


def reminders_due(slots: Iterable[Slot], now: datetime, hours: int = REMINDER_HOURS) -> list[Slot]:
    """Slots starting within the next ``hours`` whose reminder (text or call) is not yet given."""
    items = list(slots)
    _check_same_kind_of_time([now, *(slot.starts_at for slot in items)])
    start, limit = _instant(now), _instant(now) + timedelta(hours=hours)
    due = [
        slot
        for slot in items
        if not slot.reminder_given and slot.attended is None and start <= _start(slot) < limit
    ]
    return sorted(due, key=_start)


def missed_follow_ups(slots: Iterable[Slot]) -> list[Slot]:
    """Missed slots with no call afterwards yet, oldest first: each needs a call to him."""
    missed = [slot for slot in slots if slot.attended is False and not slot.followed_up]
    _check_same_kind_of_time(slot.starts_at for slot in missed)
    return sorted(missed, key=_start)


def awaiting_outcome(slots: Iterable[Slot], now: datetime) -> list[Slot]:
    """Slots that have ended with nothing recorded about whether he went."""
    items = list(slots)
    _check_same_kind_of_time([now, *(slot.starts_at for slot in items)])
    ended = [slot for slot in items if slot.attended is None and _end(slot) <= _instant(now)]
    return sorted(ended, key=_start)


def long_travel(slots: Iterable[Slot], limit: int = LONG_TRAVEL_MINUTES) -> list[Slot]:
    """Slots whose journey is ``limit`` minutes or more: long travel puts men off going."""
    return [
        slot for slot in slots if slot.travel_minutes is not None and slot.travel_minutes >= limit
    ]
