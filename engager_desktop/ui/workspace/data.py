"""What the workspace makes of one read of a man's record: its alerts in plain words (no Qt).

The read itself is ``services.workspace_read.load_workspace`` (one snapshot, off the UI thread);
its ``ManData`` is re-exported here for the tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engager_desktop.i18n import tr, trn
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
                "missed",
                tr("Workspace", "Missed: {who} on {when}. Follow up.").format(
                    who=slot.with_whom, when=labels.moment(slot.starts_at)
                ),
            )
        )
    for slot in data.reminders:
        found.append(
            Alert(
                "reminder",
                tr("Workspace", "Reminder due: {who} on {when}.").format(
                    who=slot.with_whom, when=labels.moment(slot.starts_at)
                ),
            )
        )
    for clash in data.clashes:
        first, second = clash.first, clash.second
        found.append(
            Alert(
                "clash",
                tr("Workspace", "{first} ({when}) and {second}: {message}").format(
                    first=first.with_whom,
                    when=labels.moment(first.starts_at),
                    second=second.with_whom,
                    message=clash.message,
                ),
            )
        )
    if summary.overdue_steps:
        found.append(
            Alert(
                "overdue",
                trn(
                    "Workspace",
                    "{n} step past the due date.",
                    "{n} steps past the due date.",
                    summary.overdue_steps,
                ),
            )
        )
    if summary.conflicts:
        found.append(
            Alert(
                "conflict",
                trn(
                    "Workspace",
                    "{n} change from another laptop to review.",
                    "{n} changes from another laptop to review.",
                    summary.conflicts,
                ),
            )
        )
    closed = data.record.participant.phase == "closed"
    for service in () if closed else data.stale_services:
        days = service.days_since_verified
        if days is None:
            text = tr("Workspace", "Service details to check again: {name} (never checked).")
        else:
            text = trn(
                "Workspace",
                "Service details to check again: {name} (checked {n} day ago).",
                "Service details to check again: {name} (checked {n} days ago).",
                days,
            )
        found.append(Alert("stale", text.format(name=service.entry.name)))
    return found


def row_value(row: Any, key: str, default: Any = None) -> Any:
    """A column of a read-only record row (rows are mappings)."""
    try:
        return row[key]
    except (KeyError, TypeError):
        return default
