"""Raw service counts by month, read from the vault in a few narrow, portable queries.

The definitions are in docs/figures.md; this module is their one implementation. Only dates,
phases, ticks and scores are read: no name, no free text. The SQL is plain SQLAlchemy Core with
no database-specific function (month boundaries are worked out here and passed as parameters),
so the same code runs over SQLite/SQLCipher on the laptop and PostgreSQL on the hub.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, String, func, select, type_coerce
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
CLOSED = Phase.CLOSED.value
OUT = Phase.IN_COMMUNITY.value
PLANNED = ClosureReason.SIGNED_OFF.value
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


def _men(session: Session) -> dict[str, _Man]:
    rows = (
        session.connection()
        .execute(
            select(
                Participant.id,
                Participant.created_at,
                Participant.phase,
                Participant.closure_reason,
            ).where(alive(Participant))
        )
        .fetchall()
    )
    men = {man_id: _Man(created.date(), phase, closure) for man_id, created, phase, closure in rows}
    moves = (
        session.connection()
        .execute(
            select(PhaseChange.participant_id, PhaseChange.changed_on, PhaseChange.to_phase)
            .where(alive(PhaseChange))
            .order_by(PhaseChange.participant_id, PhaseChange.changed_on, PhaseChange.updated_at)
        )
        .fetchall()
    )
    for man_id, day, to_phase in moves:
        man = men.get(man_id)
        if man is not None:
            man.moves.append((day, to_phase))
    for man in men.values():
        man.released = next((day for day, to in man.moves if to == OUT), None)
        if man.phase == CLOSED:
            man.closed = max((day for day, to in man.moves if to == CLOSED), default=None)
    return men


def _ticks(session: Session) -> dict[str, tuple[bool, bool, bool]]:
    """Per man, from his latest live release plan: housing confirmed, GP registered, gate meeter."""
    rows = (
        session.connection()
        .execute(
            select(
                ReleasePlan.participant_id,
                ReleasePlan.accommodation_confirmed,
                ReleasePlan.gp_registered,
                ReleasePlan.gate_meeter,
            )
            .where(alive(ReleasePlan))
            .order_by(ReleasePlan.participant_id, ReleasePlan.updated_at)
        )
        .fetchall()
    )
    return {man: (bool(home), bool(gp), bool(gate)) for man, home, gp, gate in rows}


class _Lookup:
    """The periods a day falls in: its month's and the whole range's, or none outside it."""

    def __init__(self, periods: Sequence[Period]) -> None:
        self.total = periods[-1]
        self.by_month = {(p.first.year, p.first.month): (p.key, TOTAL) for p in periods[:-1]}

    def keys(self, day: date | None) -> tuple[str, ...]:
        if day is None or not self.total.first <= day <= self.total.last:
            return ()
        return self.by_month[(day.year, day.month)]


def _first_sessions(session: Session) -> dict[str, date]:
    rows = (
        session.connection()
        .execute(
            select(Meeting.participant_id, func.min(Meeting.starts_at))
            .where(alive(Meeting), Meeting.attended.is_(True))
            .group_by(Meeting.participant_id)
        )
        .fetchall()
    )
    return {man: first.date() for man, first in rows if first is not None}


def _sessions(session: Session, raw: RawFigures, periods: Sequence[Period]) -> None:
    """Sessions held, by place, one grouped count per month (a covering index, migration 0010)."""
    for period in periods[:-1]:
        rows = session.connection().execute(
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
            for key in (period.key, TOTAL):
                raw.counts[(row, key)] += count
                raw.counts[("sessions", key)] += count


def _iso(day: date | str) -> str:
    """A day as YYYY-MM-DD: SQLite hands the text over as stored, PostgreSQL a date."""
    return day if isinstance(day, str) else day.isoformat()


def _distress(session: Session, raw: RawFigures, periods: Sequence[Period], men: Set[str]) -> None:
    """Men rated in the period who have an earlier rating: first and latest scores, medians.

    His latest rating up to a period's end counts when it falls in the period and is not his
    first rating. One pass over the ratings up to the range's end, in a covering index's order
    (migration 0010); the day is read as text, which spares parsing 100,000 dates.
    """
    last = periods[-1].last
    result = session.connection().execute(  # Core rows: no ORM shaping for 100,000 ratings
        select(
            DistressRating.participant_id,
            type_coerce(DistressRating.rated_on, String),
            DistressRating.score,
        )
        .where(alive(DistressRating), DistressRating.rated_on <= last)
        .order_by(DistressRating.participant_id, DistressRating.rated_on, DistressRating.created_at)
    )
    rows = result.fetchall()
    men_of = [row[0] for row in rows]
    days = [_iso(row[1]) for row in rows] if rows and not isinstance(rows[0][1], str) else None
    days_of: Sequence[str] = days if days is not None else [row[1] for row in rows]
    scores = [row[2] for row in rows]
    starts = {p.key: p.first.isoformat() for p in periods}
    pairs: dict[str, list[tuple[int, int]]] = {p.key: [] for p in periods}
    count = len(rows)
    first_score = 0
    for index in range(count):
        man = men_of[index]
        if index == 0 or men_of[index - 1] != man:
            first_score = scores[index]
            continue  # his first rating: nothing earlier to compare it with
        if man not in men:
            continue
        iso = days_of[index]
        month = iso[:7]
        same_man = index + 1 < count and men_of[index + 1] == man
        if month in starts and iso >= starts[month]:
            if not (same_man and days_of[index + 1][:7] == month):  # the month's last rating
                pairs[month].append((first_score, scores[index]))
        if not same_man and iso >= starts[TOTAL]:  # his last rating in the whole range
            pairs[TOTAL].append((first_score, scores[index]))
    for period in periods:
        found = pairs[period.key]
        raw.counts[("distress_men", period.key)] = len(found)
        for name, values in (
            ("distress_first", [float(a) for a, _ in found]),
            ("distress_latest", [float(b) for _, b in found]),
            ("distress_change", [float(b - a) for a, b in found]),
        ):
            raw.medians[(name, period.key)] = median(values)


def _stock(counts: dict[tuple[str, str], int], man: _Man, months_only: Sequence[Period]) -> None:
    """Where he is at each month's end: not yet referred, closed, in prison or out."""
    phase, step = Phase.ENGAGEMENT.value, 0
    for period in months_only:
        if man.created > period.last:
            continue
        while step < len(man.moves) and man.moves[step][0] <= period.last:
            phase = man.moves[step][1]
            step += 1
        if phase == CLOSED:
            continue
        out = man.released is not None and man.released <= period.last
        counts[("in_community" if out else "in_prison", period.key)] += 1


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
    lookup = _Lookup(periods)
    counts = raw.counts
    for man_id, man in men.items():
        for key in lookup.keys(man.created):
            counts[("referred", key)] += 1
        for key in lookup.keys(first_held.get(man_id)):
            counts[("engaged", key)] += 1
        home, gp, gate = ticks.get(man_id, (False, False, False))
        for key in lookup.keys(man.released):
            counts[("released", key)] += 1
            counts[("housing" if home else "housing_not", key)] += 1
            counts[("gp" if gp else "gp_not", key)] += 1
            counts[("gate" if gate else "gate_not", key)] += 1
        for key in lookup.keys(man.closed):
            counts[("ended", key)] += 1
            counts[("ended_planned" if man.closure == PLANNED else "ended_unplanned", key)] += 1
        _stock(counts, man, periods[:-1])
    _sessions(session, raw, periods)
    _distress(session, raw, periods, men.keys())
    return raw
