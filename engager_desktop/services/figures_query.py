"""Raw service counts by month, read from the vault in a few narrow, portable queries.

The definitions are in docs/figures.md; this module is their one implementation. Only dates,
phases, ticks and scores are read: no name, no free text. The SQL is plain SQLAlchemy Core with
no database-specific function (month boundaries are worked out here and passed as parameters),
so the same code runs over SQLite/SQLCipher on the laptop and PostgreSQL on the hub.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ClosureReason, MeetingPlace, Phase
from engager_desktop.domain.figures import median
from engager_desktop.store.orm import DistressRating, Meeting, Participant, PhaseChange, ReleasePlan
from engager_desktop.store.orm.base import Synced

TOTAL = "total"
FLOWS = (
    "referred",
    "engaged",
    "released",
    "ended",
    "ended_planned",
    "ended_unplanned",
    "sessions",
    "sessions_prison",
    "sessions_community",
    "sessions_phone",
    "sessions_other",
    "housing",
    "housing_not",
    "gp",
    "gp_not",
    "gate",
    "gate_not",
)
STOCKS = ("in_prison", "in_community")
DISTRESS = ("distress_men", "distress_first", "distress_latest", "distress_change")
_PLACE_ROW = {
    MeetingPlace.PRISON.value: "sessions_prison",
    MeetingPlace.COMMUNITY.value: "sessions_community",
    MeetingPlace.PHONE.value: "sessions_phone",
}


@dataclass(frozen=True)
class Period:
    """One column: a calendar month cut to the range asked for, or the whole range (``TOTAL``)."""

    key: str  # "2026-01", or TOTAL
    first: date
    last: date  # inclusive


@dataclass
class RawFigures:
    """Every count before suppression, keyed (measure, period key); medians apart."""

    periods: tuple[Period, ...]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    medians: dict[tuple[str, str], float | None] = field(default_factory=dict)


def months(first: date, last: date) -> tuple[Period, ...]:
    """The calendar months from ``first`` to ``last``, each cut to the range."""
    out = []
    start = first
    while start <= last:
        following = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        out.append(Period(f"{start:%Y-%m}", start, min(last, following - timedelta(days=1))))
        start = following
    return tuple(out)


def alive(model: type[Synced]) -> ColumnElement[bool]:
    """Not tombstoned; ``IS NOT TRUE`` reads the same in SQLite and PostgreSQL."""
    return model.deleted.is_not(True)


@dataclass
class _Man:
    created: date
    phase: str
    closure: str | None
    moves: list[tuple[date, str]] = field(default_factory=list)  # (day, to phase), in order
    released: date | None = None
    closed: date | None = None

    def phase_on(self, day: date) -> str | None:
        """His phase at the end of ``day``; None before he was on the caseload."""
        if self.created > day:
            return None
        current = Phase.ENGAGEMENT.value
        for moved_on, to_phase in self.moves:
            if moved_on > day:
                break
            current = to_phase
        return current


def _men(session: Session) -> dict[str, _Man]:
    rows = session.execute(
        select(
            Participant.id, Participant.created_at, Participant.phase, Participant.closure_reason
        ).where(alive(Participant))
    )
    men = {man_id: _Man(created.date(), phase, closure) for man_id, created, phase, closure in rows}
    moves = session.execute(
        select(PhaseChange.participant_id, PhaseChange.changed_on, PhaseChange.to_phase)
        .where(alive(PhaseChange))
        .order_by(PhaseChange.participant_id, PhaseChange.changed_on, PhaseChange.updated_at)
    )
    for man_id, day, to_phase in moves:
        man = men.get(man_id)
        if man is not None:
            man.moves.append((day, to_phase))
    for man in men.values():
        man.released = next((day for day, to in man.moves if to == Phase.IN_COMMUNITY.value), None)
        if man.phase == Phase.CLOSED.value:
            man.closed = max(
                (day for day, to in man.moves if to == Phase.CLOSED.value), default=None
            )
    return men


def _ticks(session: Session) -> dict[str, tuple[bool, bool, bool]]:
    """Per man, from his latest live release plan: housing confirmed, GP registered, gate meeter."""
    rows = session.execute(
        select(
            ReleasePlan.participant_id,
            ReleasePlan.accommodation_confirmed,
            ReleasePlan.gp_registered,
            ReleasePlan.gate_meeter,
        )
        .where(alive(ReleasePlan))
        .order_by(ReleasePlan.participant_id, ReleasePlan.updated_at)
    )
    return {man: (bool(home), bool(gp), bool(gate)) for man, home, gp, gate in rows}


def _add(raw: RawFigures, measure: str, period: Period, amount: int = 1) -> None:
    key = (measure, period.key)
    raw.counts[key] = raw.counts.get(key, 0) + amount


def _within(day: date | None, periods: Iterable[Period]) -> list[Period]:
    if day is None:
        return []
    return [p for p in periods if p.first <= day <= p.last]


def _first_sessions(session: Session) -> dict[str, date]:
    rows = session.execute(
        select(Meeting.participant_id, func.min(Meeting.starts_at))
        .where(alive(Meeting), Meeting.attended.is_(True))
        .group_by(Meeting.participant_id)
    )
    return {man: first.date() for man, first in rows if first is not None}


def _sessions(session: Session, raw: RawFigures, periods: Sequence[Period]) -> None:
    """Sessions held, by place, one grouped count per month (a covering index, migration 0010)."""
    for period in periods[:-1]:
        rows = session.execute(
            select(Meeting.place, func.count())
            .where(
                Meeting.starts_at >= datetime.combine(period.first, time()),
                Meeting.starts_at < datetime.combine(period.last + timedelta(days=1), time()),
                Meeting.attended.is_(True),
                alive(Meeting),
            )
            .group_by(Meeting.place)
        )
        for place, count in rows:
            row = _PLACE_ROW.get(place, "sessions_other")
            for each in (period, periods[-1]):
                _add(raw, row, each, count)
                _add(raw, "sessions", each, count)


def _distress(session: Session, raw: RawFigures, periods: Sequence[Period], men: Set[str]) -> None:
    """Men rated in the period who have an earlier rating: first and latest scores, medians.

    One pass over the ratings up to the range's end, in a covering index's order (migration
    0010): per man, the days and scores in order; per period a binary search finds his latest
    rating up to its end, which counts when it falls in the period and is not his only one.
    """
    rows = session.execute(
        select(DistressRating.participant_id, DistressRating.rated_on, DistressRating.score)
        .where(alive(DistressRating), DistressRating.rated_on <= periods[-1].last)
        .order_by(DistressRating.participant_id, DistressRating.rated_on, DistressRating.created_at)
    )
    days: dict[str, list[date]] = defaultdict(list)
    scores: dict[str, list[int]] = defaultdict(list)
    for man, day, score in rows:
        days[man].append(day)
        scores[man].append(score)
    for period in periods:
        pairs: list[tuple[int, int]] = []
        for man, series in days.items():
            upto = bisect_right(series, period.last)  # his ratings up to the period's end
            if upto >= 2 and series[upto - 1] >= period.first and man in men:
                pairs.append((scores[man][0], scores[man][upto - 1]))
        raw.counts[("distress_men", period.key)] = len(pairs)
        for name, values in (
            ("distress_first", [float(a) for a, _ in pairs]),
            ("distress_latest", [float(b) for _, b in pairs]),
            ("distress_change", [float(b - a) for a, b in pairs]),
        ):
            raw.medians[(name, period.key)] = median(values)


def count_figures(session: Session, first: date, last: date) -> RawFigures:
    """Every raw count for the months from ``first`` to ``last`` and for the whole range."""
    periods = (*months(first, last), Period(TOTAL, first, last))
    raw = RawFigures(periods)
    for measure in FLOWS + STOCKS:
        for period in periods:
            if measure in FLOWS or period.key != TOTAL:
                raw.counts[(measure, period.key)] = 0
    men = _men(session)
    first_held = _first_sessions(session)
    ticks = _ticks(session)
    for man_id, man in men.items():
        for period in _within(man.created, periods):
            _add(raw, "referred", period)
        for period in _within(first_held.get(man_id), periods):
            _add(raw, "engaged", period)
        for period in _within(man.released, periods):
            _add(raw, "released", period)
            home, gp, gate = ticks.get(man_id, (False, False, False))
            _add(raw, "housing" if home else "housing_not", period)
            _add(raw, "gp" if gp else "gp_not", period)
            _add(raw, "gate" if gate else "gate_not", period)
        for period in _within(man.closed, periods):
            _add(raw, "ended", period)
            planned = man.closure == ClosureReason.SIGNED_OFF.value
            _add(raw, "ended_planned" if planned else "ended_unplanned", period)
        for period in periods[:-1]:
            phase = man.phase_on(period.last)
            if phase is None or phase == Phase.CLOSED.value:
                continue
            out = man.released is not None and man.released <= period.last
            _add(raw, "in_community" if out else "in_prison", period)
    _sessions(session, raw, periods)
    _distress(session, raw, periods, men.keys())
    return raw
