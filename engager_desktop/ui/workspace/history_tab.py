"""History tab: an audit-style list of phase changes, sessions, consent and goals, newest first."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Table, TabPage
from engager_desktop.ui.workspace.sessions_tab import attendance


def _at(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def events(data: ManData) -> list[tuple[datetime, str, str, str]]:
    """(when, shown date, what, detail) for everything in his history."""
    found: list[tuple[datetime, str, str, str]] = []
    for change in data.record.phase_changes:
        what = (
            f"Phase: {labels.word(labels.PHASE, change.from_phase)} → "
            f"{labels.word(labels.PHASE, change.to_phase)}"
        )
        found.append((_at(change.changed_on), labels.day(change.changed_on), what, change.reason))
    for meeting in data.record.plan.meetings:
        starts: Any = row_value(meeting, "starts_at")
        if starts is None:
            continue
        what = f"Session {attendance(row_value(meeting, 'attended')).lower()}"
        found.append((starts, labels.moment(starts), what, row_value(meeting, "reviewed") or ""))
    for item in data.record.consents:
        given = "agreed to" if item.given else "refused"
        detail = f"{given}: {labels.word(labels.CONSENT, item.kind)}"
        found.append((_at(item.recorded_on), labels.day(item.recorded_on), "Consent", detail))
    for goal in data.plan.goals:
        found.append((_at(goal.set_on), labels.day(goal.set_on), "Goal set", goal.title))
    found.sort(key=lambda e: e[0], reverse=True)
    return found


class HistoryTab(TabPage):
    title = "History"

    def __init__(self) -> None:
        super().__init__()
        self.events = self.add(Table("What happened", ("When", "What", "Detail"), fit=False))
        self.events.setMinimumHeight(320)

    def show_data(self, data: ManData) -> None:
        self.events.set_rows(
            [
                TextRow((shown, what, detail), sort_keys=(when, what, detail))
                for when, shown, what, detail in events(data)
            ]
        )
