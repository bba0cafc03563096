"""What the workspace makes of one read of a man's record: its alerts in plain words (no Qt).

The read itself is ``services.workspace_read.load_workspace`` (one snapshot, off the UI thread);
its ``ManData`` is re-exported here for the tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engager_desktop.services.workspace_read import ManData as ManData
from engager_desktop.ui import labels


def man_name(data: ManData) -> str:
    """How his name heads the workspace."""
    man = data.record.participant
    return labels.name_of(man.preferred_name, man.given_name, man.family_name)


@dataclass(frozen=True)
class Alert:
    kind: str  # reminder, clash, stale, contact, overdue, conflict, missed
    text: str


def alerts_of(data: ManData) -> list[Alert]:
    """The overview's alerts, most pressing first, in plain words."""
    found: list[Alert] = []
    summary = data.record.summary
    if data.contact_alert is not None:
        found.append(Alert("contact", data.contact_alert.alert.message))
    for slot in data.missed:
        found.append(
            Alert(
                "missed", f"Missed: {slot.with_whom} on {labels.moment(slot.starts_at)}. Follow up."
            )
        )
    for slot in data.reminders:
        found.append(
            Alert(
                "reminder",
                f"Reminder due: {slot.with_whom} on {labels.moment(slot.starts_at)}.",
            )
        )
    for clash in data.clashes:
        first, second = clash.first, clash.second
        found.append(
            Alert(
                "clash",
                f"{first.with_whom} ({labels.moment(first.starts_at)}) and {second.with_whom}: "
                f"{clash.message}",
            )
        )
    if summary.overdue_steps:
        found.append(
            Alert("overdue", f"{labels.plural(summary.overdue_steps, 'step')} past the due date.")
        )
    if summary.conflicts:
        found.append(
            Alert(
                "conflict",
                f"{labels.plural(summary.conflicts, 'change')} from another laptop to review.",
            )
        )
    closed = data.record.participant.phase == "closed"
    for service in () if closed else data.stale_services:
        days = service.days_since_verified
        when = f"{days} days ago" if days is not None else "never"
        found.append(
            Alert(
                "stale", f"Service details to check again: {service.entry.name} (checked {when})."
            )
        )
    return found


def row_value(row: Any, key: str, default: Any = None) -> Any:
    """A column of a read-only record row (rows are mappings)."""
    try:
        return row[key]
    except (KeyError, TypeError):
        return default
