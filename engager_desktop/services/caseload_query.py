"""The caseload query: one row per man with his figures, built to stay fast at 10,000 men.

Definitions (``today`` is given by the caller):
- days to release (P20): days from today to his expected release while he is inside; None once
  he is out (in the community, ending or closed, or through the gate after the date) or unknown;
- open steps: steps still open; overdue: open steps due before today (none for a closed man);
- last contact: the date of his latest attended meeting or recorded contact that reached him
  (an attended meeting is never in the future); next session: his earliest meeting from today
  on that is not yet marked held or missed;
- alerts: one each for overdue steps, merge conflicts to review, and thin contact after release
  (``domain.contact_frequency``: an isolated man with fewer than two contacts in 7 days, anyone
  else with none in 14).

Speed: the facts that do not depend on the date (due dates of his open steps, last attended
meeting, meetings not yet held, last contact that reached him) are kept per man in
``caseload_figures`` by database triggers (migration 0003), so a row costs one join; Python works
out overdue steps, last contact and next session against today. Rows are NamedTuples because
making 10,000 frozen dataclasses costs more than the query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    ColumnElement,
    Join,
    MetaData,
    Select,
    String,
    Table,
    Text,
    and_,
    case,
    exists,
    false,
    func,
    outerjoin,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from engager_desktop.domain.contact_frequency import (
    COMMUNITY_PHASES,
    ISOLATED_MIN_CONTACTS,
    ISOLATED_WINDOW_DAYS,
    USUAL_WINDOW_DAYS,
)
from engager_desktop.domain.enums import Phase
from engager_desktop.services.records import not_deleted
from engager_desktop.store.orm import Conflict, ContactLog, Meeting, Participant

RELEASED = frozenset({Phase.IN_COMMUNITY, Phase.ENDING, Phase.CLOSED})
INSIDE = (Phase.ENGAGEMENT.value, Phase.IN_PRISON.value, Phase.THROUGH_THE_GATE.value)

# Kept by the triggers of migration 0003; not a model (like the search index).
FIGURES = Table(
    "caseload_figures",
    MetaData(),
    Column("participant_id", String(36), primary_key=True),
    Column("open_dues", Text),  # due dates of his open steps, "~" for none (never overdue)
    Column("min_due", Text),
    Column("last_held", Text),
    Column("unheld", Text),  # start times of meetings not yet marked held or missed
    Column("last_reached", Text),
)


@dataclass(frozen=True)
class CaseloadFilter:
    """Every filter set here applies. ``phases``: he must be in each (two different: nobody).

    ``overdue`` and ``no_contact_days`` leave out closed men; never contacted counts as no contact.
    """

    phases: tuple[str, ...] = ()
    release_within: int | None = None
    overdue: bool = False
    no_contact_days: int | None = None
    conflicts: bool = False
    held_by: tuple[str, ...] = ()  # men held by any of these laptops (device ids); () anyone


class CaseloadRow(NamedTuple):
    """One man's line in the caseload list (read-only, like every result of the services)."""

    id: str
    preferred_name: str
    given_name: str
    family_name: str
    prison_number: str | None
    phase: str
    expected_release: date | None
    days_to_release: int | None
    open_steps: int
    overdue_steps: int
    last_contact: date | None
    next_session: datetime | None
    conflicts: int
    alerts: int
    isolated: bool
    held_by: str | None = None  # the device id of the laptop holding him (None: not recorded)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON values: dates as ISO text, None as null."""
        out = self._asdict()
        for key in ("expected_release", "last_contact", "next_session"):
            value = out[key]
            out[key] = value.isoformat() if value is not None else None
        return out


def days_to_release(phase: str, expected: date | None, today: date) -> int | None:
    """Days left inside (P20), or None once he is out or no date is known."""
    if expected is None or phase in RELEASED:
        return None
    days = (expected - today).days
    if phase == Phase.THROUGH_THE_GATE and days < 0:
        return None
    return days


def midnight(day: date) -> datetime:
    return datetime.combine(day, time())


# --- conditions -----------------------------------------------------------------------------------


def _held(since: datetime | None, until: datetime) -> ColumnElement[bool]:
    where = [
        Meeting.participant_id == Participant.id,
        Meeting.attended == true(),
        Meeting.deleted == false(),
        Meeting.starts_at < until,
    ]
    if since is not None:
        where.append(Meeting.starts_at >= since)
    return and_(*where)


def _reached(since: datetime | None, until: datetime) -> ColumnElement[bool]:
    where = [
        ContactLog.participant_id == Participant.id,
        ContactLog.reached_him == true(),
        ContactLog.deleted == false(),
        ContactLog.at < until,
    ]
    if since is not None:
        where.append(ContactLog.at >= since)
    return and_(*where)


def men_with_figures() -> Join:
    """``participants`` joined to his figures: the FROM for ``conditions``."""
    return outerjoin(Participant, FIGURES, FIGURES.c.participant_id == Participant.id)


def _last_contact() -> ColumnElement[str]:
    return func.max(func.ifnull(FIGURES.c.last_held, ""), func.ifnull(FIGURES.c.last_reached, ""))


def conditions(filters: CaseloadFilter, today: date) -> list[ColumnElement[bool]]:
    """WHERE terms on ``participants`` for ``filters`` (live men only)."""
    where: list[ColumnElement[bool]] = [not_deleted(Participant.deleted)]
    where.extend(Participant.phase == phase for phase in filters.phases)
    not_closed = Participant.phase != Phase.CLOSED.value
    if filters.release_within is not None:
        where.append(
            and_(
                Participant.phase.in_(INSIDE),
                Participant.expected_release >= today,
                Participant.expected_release <= today + timedelta(days=filters.release_within),
            )
        )
    if filters.overdue:
        where.extend([not_closed, FIGURES.c.min_due < today.isoformat()])
    if filters.no_contact_days is not None:
        since = (today - timedelta(days=filters.no_contact_days - 1)).isoformat()
        where.extend([not_closed, _last_contact() < since])
    if filters.conflicts:
        unresolved = and_(Conflict.participant_id == Participant.id, Conflict.resolved_at.is_(None))
        where.append(exists(select(Conflict.id).where(unresolved)))
    if filters.held_by:
        where.append(Participant.held_by.in_(filters.held_by))
    return where


# --- the row query --------------------------------------------------------------------------------


def _text(column: Any) -> Any:
    return type_coerce(column, String)


def _row_select(today: date) -> Select[Any]:
    tomorrow = midnight(today + timedelta(days=1))
    week = midnight(today - timedelta(days=ISOLATED_WINDOW_DAYS - 1))
    recent = (
        select(func.count()).where(_held(week, tomorrow)).scalar_subquery()
        + select(func.count()).where(_reached(week, tomorrow)).scalar_subquery()
    )
    isolated_out = and_(
        Participant.isolated == true(),
        Participant.phase.in_([p.value for p in COMMUNITY_PHASES]),
    )
    return select(
        Participant.id,
        Participant.preferred_name,
        Participant.given_name,
        Participant.family_name,
        Participant.prison_number,
        Participant.phase,
        type_coerce(Participant.expected_release, String),
        FIGURES.c.open_dues,
        FIGURES.c.min_due,
        FIGURES.c.last_held,
        FIGURES.c.unheld,
        FIGURES.c.last_reached,
        case((isolated_out, recent), else_=None),  # only worked out for isolated men out
        type_coerce(Participant.isolated, String),
        Participant.held_by,
    ).select_from(men_with_figures())


def _conflict_counts(session: Session) -> dict[str, int]:
    """Unresolved conflicts per man: few, so one small grouped query beats a join per row."""
    rows = session.execute(
        select(Conflict.participant_id, func.count())
        .where(Conflict.resolved_at.is_(None))
        .group_by(Conflict.participant_id)
    ).all()
    return {str(man_id): int(count) for man_id, count in rows if man_id}


def order_rows(query: Select[Any]) -> Select[Any]:
    """Men inside first, soonest release first; then men out; closed men last; then by name."""
    group = case(
        (Participant.phase.in_(INSIDE), 0), (Participant.phase == Phase.CLOSED.value, 2), else_=1
    )
    return query.order_by(
        group,
        Participant.expected_release.is_(None),
        case((Participant.phase.in_(INSIDE), Participant.expected_release)),
        Participant.family_name,
        Participant.given_name,
        Participant.id,
    )


_CLOSED = Phase.CLOSED.value
_GATE = Phase.THROUGH_THE_GATE.value
_OUT = frozenset(p.value for p in COMMUNITY_PHASES)
_RELEASED = frozenset(p.value for p in RELEASED)


def _row_maker(
    today: date, conflict_counts: dict[str, int]
) -> Callable[[Sequence[Any]], CaseloadRow]:
    """A function turning raw result tuples into rows against ``today``.

    This is the hot loop at 10,000 men, so it is written flat: ISO strings are compared as text,
    ``days_to_release`` is inlined, and rows are made with ``tuple.__new__``.
    """
    iso, ordinal = today.isoformat(), today.toordinal()
    fromdate, fromtime, new = date.fromisoformat, datetime.fromisoformat, tuple.__new__

    def make(raw: Sequence[Any]) -> CaseloadRow:
        (man_id, preferred, given, family, number, phase, release, dues, min_due, held, unheld,
         reached, recent, isolated, held_by) = raw  # fmt: skip
        conflicts = conflict_counts.get(man_id, 0)
        open_steps = overdue = 0
        if dues:
            open_steps = dues.count(",") + 1
            if min_due is not None and min_due < iso and phase != _CLOSED:
                overdue = sum(due < iso for due in dues.split(","))
        if held is not None and (reached is None or held >= reached):
            last_day: date | None = fromdate(held[:10])
        else:
            last_day = fromdate(reached[:10]) if reached is not None else None
        expected = fromdate(release) if release else None
        days = None
        if expected is not None and phase not in _RELEASED:
            days = expected.toordinal() - ordinal
            if days < 0 and phase == _GATE:
                days = None
        upcoming = None
        if unheld:
            if "," in unheld:
                upcoming = min((when for when in unheld.split(",") if when >= iso), default=None)
            elif unheld >= iso:
                upcoming = unheld
        thin = False
        if phase in _OUT:
            if isolated:
                thin = (recent or 0) < ISOLATED_MIN_CONTACTS
            else:
                thin = last_day is None or ordinal - last_day.toordinal() >= USUAL_WINDOW_DAYS
        return new(
            CaseloadRow,
            (
                man_id,
                preferred,
                given,
                family,
                number,
                phase,
                expected,
                days,
                open_steps,
                overdue,
                last_day,
                fromtime(upcoming) if upcoming else None,
                conflicts,
                (overdue > 0) + (conflicts > 0) + thin,
                bool(isolated),
                held_by,
            ),  # fmt: skip
        )

    return make


def rows_where(
    session: Session, today: date, where: Sequence[ColumnElement[bool]], *, ordered: bool = True
) -> list[CaseloadRow]:
    """Caseload rows for the live men matching ``where`` (terms on ``participants``)."""
    query = _row_select(today).where(*where)
    if ordered:
        query = order_rows(query)
    make = _row_maker(today, _conflict_counts(session))
    return [make(raw) for raw in session.connection().execute(query).all()]
