"""Retention periods (settings) and the list of men whose records are due for review or erasure.

Nothing here erases anything: the list tells the practitioner who is due, and erasure is a
separate, confirmed step (``services.erasure``). Periods are whole months, kept in the vault's
settings table under ``retention.<phase>``; the defaults below are a starting point that the
organisation must confirm (the reasons are in docs/data-protection.md):

- a closed man: 72 months (six years) after the date he was closed;
- a man still on the caseload: reviewed when nothing has been recorded about him for 12 months
  (6 months while still in ``engagement``, where he may never have agreed to take part);
- a man deleted from the caseload but not yet erased: due at once (``deleted``: 0 months).
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import Phase
from engager_desktop.domain.hlc import HlcError, Stamp
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import N_, tr
from engager_desktop.store.orm import Participant, PhaseChange, SettingValue
from engager_desktop.store.vault import Vault

PREFIX = "retention."
DELETED = "deleted"
MAX_MONTHS = 1200

DEFAULT_MONTHS: dict[str, int] = {
    Phase.ENGAGEMENT.value: 6,
    Phase.IN_PRISON.value: 12,
    Phase.THROUGH_THE_GATE.value: 12,
    Phase.IN_COMMUNITY.value: 12,
    Phase.ENDING.value: 12,
    Phase.CLOSED.value: 72,
    DELETED: 0,
}

REASONS = {
    "closed": N_("Retention", "closed, and his retention period has ended"),
    "inactive": N_("Retention", "nothing recorded about him for the whole period"),
    "deleted": N_("Retention", "deleted from the caseload, but his records are still held"),
}


@dataclass(frozen=True)
class ReviewItem:
    """One man due for review or erasure, and why."""

    man_id: str
    preferred_name: str
    prison_number: str | None
    phase: str
    reason: str  # "closed", "inactive" or "deleted" (see REASONS)
    since: date  # closure, last activity or deletion
    period_months: int
    due_on: date
    days_overdue: int

    def as_json(self) -> dict[str, Any]:
        values = asdict(self)
        for key in ("since", "due_on"):
            values[key] = values[key].isoformat()
        values["explanation"] = REASONS[self.reason]
        return values


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periods(vault: Vault) -> dict[str, int]:
    """Every retention period in months: the defaults overlaid with what the settings hold."""
    with vault.read() as session:
        return _periods(session)


def _periods(session: Session) -> dict[str, int]:
    stored = session.execute(
        select(SettingValue.key, SettingValue.value).where(SettingValue.key.startswith(PREFIX))
    ).all()
    found = dict(DEFAULT_MONTHS)
    for key, value in stored:
        name = key[len(PREFIX) :]
        if name in found and value.isdigit():
            found[name] = int(value)
    return found


def set_period(vault: Vault, name: str, months: int) -> None:
    """Change one period (a phase identifier or ``deleted``); audited with the new value."""
    if name not in DEFAULT_MONTHS:
        raise ValidationError(
            "period", tr("Errors", "no retention period is called {name!r}").format(name=name[:40])
        )
    lowest = 0 if name == DELETED else 1
    if not isinstance(months, int) or not lowest <= months <= MAX_MONTHS:
        raise ValidationError(
            "months",
            tr("Errors", "a retention period is {lowest} to {max_months} months").format(
                lowest=lowest, max_months=MAX_MONTHS
            ),
        )
    with vault.write() as session:
        row = session.get(SettingValue, PREFIX + name)
        if row is None:
            session.add(SettingValue(key=PREFIX + name, value=str(months)))
        else:
            row.value = str(months)
        vault.stamper.audit(session, "setting", detail=f"{PREFIX}{name}={months}")


def due_for_review(vault: Vault, today: date | None = None) -> list[ReviewItem]:
    """Men whose retention period has ended by ``today`` (default: the vault clock's today)."""
    day = today or vault.clock.today()
    with vault.read() as session:
        months = _periods(session)
        closed_on = _closed_on(session)
        activity = _activity(session)
        rows = session.execute(
            select(
                Participant.id,
                Participant.preferred_name,
                Participant.given_name,
                Participant.family_name,
                Participant.prison_number,
                Participant.phase,
                Participant.deleted,
                Participant.updated_at,
            )
        ).all()
    items: list[ReviewItem] = []
    for man_id, name, given, family, number, phase, deleted, stamp in rows:
        changed = _stamp_day(stamp)
        if deleted:
            if not given and not family:
                continue  # already erased: only an empty tombstone is left
            reason, since, period = "deleted", changed, months[DELETED]
        elif phase == Phase.CLOSED.value:
            reason, since = "closed", closed_on.get(man_id, changed)
            period = months[Phase.CLOSED.value]
        else:
            reason, since = "inactive", max(changed, activity.get(man_id, changed))
            period = months.get(phase, DEFAULT_MONTHS[Phase.IN_PRISON.value])
        due = add_months(since, period)
        if due <= day:
            items.append(
                ReviewItem(
                    man_id, name, number, phase, reason, since, period, due, (day - due).days
                )
            )
    return sorted(items, key=lambda item: (item.due_on, item.preferred_name, item.man_id))


def _stamp_day(stamp: str) -> date:
    try:
        millis = Stamp.parse(stamp).millis
    except HlcError:
        return date.min
    return datetime.fromtimestamp(millis / 1000, tz=UTC).date()


def _closed_on(session: Session) -> dict[str, date]:
    rows = session.execute(
        select(PhaseChange.participant_id, func.max(PhaseChange.changed_on))
        .where(PhaseChange.to_phase == Phase.CLOSED.value, PhaseChange.deleted.is_(False))
        .group_by(PhaseChange.participant_id)
    ).all()
    return {man: day for man, day in rows if day is not None}


def _activity(session: Session) -> dict[str, date]:
    """His last meeting held, last contact that reached him, or last phase move."""
    latest: dict[str, date] = {}
    figures = session.execute(
        text("SELECT participant_id, last_held, last_reached FROM caseload_figures")
    ).all()
    for man, held, reached in figures:
        days = [_text_day(v) for v in (held, reached) if v]
        if days:
            latest[man] = max(days)
    moves = session.execute(
        select(PhaseChange.participant_id, func.max(PhaseChange.changed_on))
        .where(PhaseChange.deleted.is_(False))
        .group_by(PhaseChange.participant_id)
    ).all()
    for man, day in moves:
        if day is not None:
            latest[man] = max(day, latest.get(man, day))
    return latest


def _text_day(value: str) -> date:
    return date.fromisoformat(str(value)[:10])


__all__ = [
    "DEFAULT_MONTHS",
    "DELETED",
    "REASONS",
    "ReviewItem",
    "add_months",
    "due_for_review",
    "periods",
    "set_period",
]
