"""History tab: an audit-style list of phase changes, sessions, consent and goals, newest first."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Table, TabPage


def _at(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def _session(attended: bool | None) -> str:
    if attended is None:
        return tr("HistoryTab", "Session planned")
    if not attended:
        return tr("HistoryTab", "Session missed")
    return tr("HistoryTab", "Session held")


def events(data: ManData) -> list[tuple[datetime, str, str, str]]:
    """(when, shown date, what, detail) for everything in his history."""
    found: list[tuple[datetime, str, str, str]] = []
    for change in data.record.phase_changes:
        what = tr("HistoryTab", "Phase: {before} → {after}").format(
            before=labels.word(labels.PHASE, change.from_phase),
            after=labels.word(labels.PHASE, change.to_phase),
        )
        found.append((_at(change.changed_on), labels.day(change.changed_on), what, change.reason))
    for meeting in data.record.plan.meetings:
        starts: Any = row_value(meeting, "starts_at")
        if starts is None:
            continue
        what = _session(row_value(meeting, "attended"))
        found.append((starts, labels.moment(starts), what, row_value(meeting, "reviewed") or ""))
    for item in data.record.consents:
        kind = labels.word(labels.CONSENT, item.kind)
        if item.given:
            detail = tr("HistoryTab", "agreed to: {kind}").format(kind=kind)
        else:
            detail = tr("HistoryTab", "refused: {kind}").format(kind=kind)
        consent = tr("HistoryTab", "Consent")
        found.append((_at(item.recorded_on), labels.day(item.recorded_on), consent, detail))
    for goal in data.plan.goals:
        set_word = tr("HistoryTab", "Goal set")
        found.append((_at(goal.set_on), labels.day(goal.set_on), set_word, goal.title))
    found.sort(key=lambda e: e[0], reverse=True)
    return found


class HistoryTab(TabPage):
    title = N_("Workspace", "History")

    def __init__(self) -> None:
        super().__init__()
        self.events = self.add(
            Table(
                tr("HistoryTab", "What happened"),
                (tr("HistoryTab", "When"), tr("HistoryTab", "What"), tr("HistoryTab", "Detail")),
                fit=False,
            )
        )
        self.events.setMinimumHeight(320)

    def show_data(self, data: ManData) -> None:
        self.events.set_rows(
            [
                TextRow((shown, what, detail), sort_keys=(when, what, detail))
                for when, shown, what, detail in events(data)
            ]
        )
