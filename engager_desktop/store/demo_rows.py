"""Row building for the demo caseload: seeded ids, the synced columns and one man's timeline."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from engager_desktop.domain.enums import ClosureReason, GoalDomain, Phase
from engager_desktop.store.demo_services import DOMAIN_SERVICE_KINDS
from engager_desktop.store.orm import SYNCED_MODELS, Synced

Row = dict[str, Any]
DemoData = dict[type[Synced], list[Row]]
T = TypeVar("T")

_BITS_128 = (1 << 128) - 1
# UUID version 4 and RFC 4122 variant bits, as uuid.UUID(int=..., version=4) sets them.
_ID_CLEAR = _BITS_128 & ~((0xF000 << 64) | (0xC000 << 48))
_ID_SET = (4 << 76) | (0x8000 << 48)
_HOURS = tuple(time(hour, minute) for hour in range(9, 17) for minute in (0, 30))


def at(day: date, moment: time) -> datetime:
    """A naive UTC datetime on ``day``."""
    return datetime.combine(day, moment)


def weekday(day: date) -> date:
    """The same day, or the Monday after if it falls at a weekend."""
    shift = day.weekday() - 4
    return day + timedelta(days=3 - shift) if shift > 0 else day


class RowWriter:
    """Collects rows per model, filling the synced columns from the seeded generator."""

    def __init__(
        self, rng: random.Random, today: date, device_id: str, clock_stamp: Callable[[], str]
    ) -> None:
        self.rng = rng
        self.today = today
        self.now = at(today, time(8, 0))
        self.rows: DemoData = {model: [] for model in SYNCED_MODELS}
        self._device = device_id
        self._stamp = clock_stamp

    @property
    def device_id(self) -> str:
        """The device id of the vault the rows are made for."""
        return self._device

    def new_id(self) -> str:
        """A UUID4-format id drawn from the seeded generator (never from the system)."""
        h = f"{(self.rng.getrandbits(128) & _ID_CLEAR) | _ID_SET:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def add(self, model: type[Synced], created: datetime, fields: Row) -> str:
        """Append one row of ``model`` made at ``created``; return its id."""
        row_id = self.new_id()
        fields["id"] = row_id
        fields["created_at"] = created
        fields["updated_at"] = self._stamp()
        fields["updated_by"] = self._device
        fields["deleted"] = False
        fields["rev"] = 1
        if model.__tablename__ == "participants":
            fields["held_by"] = self._device  # demo men are held by this laptop
        self.rows[model].append(fields)
        return row_id

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self.rng.random() * len(options))]

    def maybe(self, p: float, options: Sequence[T]) -> T | None:
        return self.pick(options) if self.rng.random() < p else None

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=low + int(self.rng.random() * (high - low + 1)))

    def between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def moment(self, day: date) -> datetime:
        """A half-hour slot in the working day."""
        return at(day, self.pick(_HOURS))

    def phone(self) -> str:
        """A mobile number from the range set aside for drama, so it reaches nobody."""
        return f"07700 900{self.between(0, 999):03d}"


@dataclass(frozen=True)
class Entry:
    """A directory service as the generator needs it."""

    id: str
    name: str
    kind: str
    setting: str
    area: str
    address: str | None


class Directory:
    """Finds a fitting service for a step, an appointment or a past contact."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_kind: dict[str, list[Entry]] = {}
        self._by_kind_area: dict[tuple[str, str], list[Entry]] = {}
        self._by_domain: dict[tuple[GoalDomain, str], list[Entry]] = {}
        for entry in self.entries:
            self._by_kind.setdefault(entry.kind, []).append(entry)
            self._by_kind_area.setdefault((entry.kind, entry.area), []).append(entry)
        for domain, kinds in DOMAIN_SERVICE_KINDS.items():
            for entry in self.entries:
                if entry.kind in kinds:
                    self._by_domain.setdefault((domain, entry.area), []).append(entry)
                    self._by_domain.setdefault((domain, entry.setting), []).append(entry)

    def for_domain(self, w: RowWriter, domain: GoalDomain, setting: str, area: str) -> Entry:
        """A service for goals in ``domain``: in his prison or town if any, else in the setting."""
        choices = self._by_domain.get((domain, area)) or self._by_domain.get((domain, setting))
        return w.pick(choices or self.entries)

    def of_kind(self, w: RowWriter, kind: str, area: str) -> Entry:
        """A service of ``kind``, in ``area`` where there is one."""
        return w.pick(self._by_kind_area.get((kind, area)) or self._by_kind[kind])


@dataclass
class Person:
    id: str
    name: str
    helpful: bool | None
    restricted: bool
    meets_at_gate: bool


@dataclass
class Man:
    """One man's fixed dates, worked out before any of his rows are written."""

    id: str
    phase: Phase
    given: str
    family: str
    preferred: str
    town: str
    establishment: str
    start: date  # first meeting
    release: date  # expected if still inside, actual if out
    planned_end: date
    closed_on: date | None
    closure: ClosureReason | None
    active_until: date  # today, or the day he closed: nothing happens with him after it
    isolated: bool
    heavy: bool
    changes: list[tuple[Phase, Phase, date]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.phase is not Phase.CLOSED

    def phase_on(self, day: date) -> Phase:
        phase = Phase.ENGAGEMENT
        for _, to_phase, changed_on in self.changes:
            if changed_on <= day:
                phase = to_phase
        return phase


__all__ = ["DemoData", "Directory", "Entry", "Man", "Person", "Row", "RowWriter", "at", "weekday"]
