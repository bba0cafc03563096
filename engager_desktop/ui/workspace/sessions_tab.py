"""Sessions tab: every session with him, held, missed or planned, and how his distress moves."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage


def attendance(attended: bool | None, minutes: int | None = None) -> str:
    """Planned, missed or held, with how long it lasted when that was recorded."""
    if attended is None:
        return tr("SessionsTab", "Planned")
    if not attended:
        return tr("SessionsTab", "Missed")
    if minutes:
        return tr("SessionsTab", "Held, {minutes} min").format(minutes=minutes)
    return tr("SessionsTab", "Held")


class SessionsTab(TabPage):
    title = N_("Workspace", "Sessions")

    def __init__(self) -> None:
        super().__init__()
        self.action("edit_session", tr("SessionsTab", "&Change the session…")).setAccessibleName(
            tr("SessionsTab", "Change the chosen session")
        )
        self.action(
            "cancel_session", tr("SessionsTab", "Cancel a planne&d session…")
        ).setAccessibleName(tr("SessionsTab", "Cancel the chosen planned session"))
        self.facts = self.add(
            Facts(
                [
                    ("held", tr("SessionsTab", "Sessions held")),
                    ("distress", tr("SessionsTab", "Distress")),
                    ("suggestion", tr("SessionsTab", "Prompt from the latest rating")),
                ]
            )
        )
        self.sessions = self.add(
            Table(
                tr("SessionsTab", "Sessions with him"),
                (
                    tr("SessionsTab", "When"),
                    tr("SessionsTab", "Place"),
                    tr("SessionsTab", "Attended"),
                    tr("SessionsTab", "Distress"),
                    tr("SessionsTab", "Reviewed"),
                ),
                empty=tr("SessionsTab", "No sessions recorded yet."),
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        understanding = data.record.understanding
        self.facts.set("held", data.ending_check.sessions.message)
        reading = understanding.distress_trend
        trend = labels.word(labels.TREND, str(reading.direction.value))
        if reading.prompt:
            trend = f"{trend}. {reading.prompt}"
        latest = understanding.distress[-1] if understanding.distress else None
        if latest is not None:
            trend = tr("SessionsTab", "{trend}; latest {score} on {day}").format(
                trend=trend, score=latest.score, day=labels.day(latest.rated_on)
            )
        self.facts.set("distress", trend)
        self.facts.set("suggestion", understanding.distress_suggestion)
        rows = []
        for meeting in reversed(data.record.plan.meetings):
            starts = row_value(meeting, "starts_at")
            distress = row_value(meeting, "distress")
            rows.append(
                TextRow(
                    (
                        labels.moment(starts),
                        labels.word(labels.PLACE, row_value(meeting, "place")),
                        attendance(row_value(meeting, "attended"), row_value(meeting, "minutes")),
                        "" if distress is None else str(distress),
                        row_value(meeting, "reviewed") or row_value(meeting, "follow_up") or "",
                    ),
                    id=row_value(meeting, "id"),
                    sort_keys=(starts, row_value(meeting, "place"), "", distress or -1, ""),
                )
            )
        self.sessions.set_rows(rows)
