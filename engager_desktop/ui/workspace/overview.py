"""Overview tab: his phase, the release countdown, next session, open steps and the alerts."""

from __future__ import annotations

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, alerts_of
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage

ISOLATED = "Yes: contact at least twice a week after release"
ALERT_WORDS = {
    "contact": "Contact",
    "missed": "Missed",
    "reminder": "Reminder",
    "clash": "Clash",
    "overdue": "Overdue",
    "conflict": "To review",
    "stale": "Directory",
}


class OverviewTab(TabPage):
    title = "Overview"
    places = ("tab.overview",)

    def __init__(self) -> None:
        super().__init__()
        self.action("move_phase", "&Move to another phase…")
        self.action("flags", "&Isolation and risk…")
        self.facts = self.add(
            Facts(
                [
                    ("phase", "Phase"),
                    ("release", "Expected release"),
                    ("countdown", "Days to release"),
                    ("next_session", "Next session"),
                    ("steps", "Open steps"),
                    ("last_contact", "Last contact"),
                    ("sessions", "Sessions"),
                    ("where", "Prison and number"),
                    ("isolated", "Isolated"),
                    ("risk", "Risk notes"),
                ]
            )
        )
        self.alerts = self.add(
            Table("Alerts", ("Kind", "What needs attention"), empty="No alerts for him today.")
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        man = data.record.participant
        row = data.record.summary
        self.facts.set("phase", labels.word(labels.PHASE, man.phase))
        self.facts.set("release", labels.day(man.expected_release))
        self.facts.set("countdown", _countdown(row.days_to_release))
        self.facts.set("next_session", labels.moment(row.next_session))
        overdue = f", {row.overdue_steps} overdue" if row.overdue_steps else ""
        self.facts.set("steps", f"{row.open_steps}{overdue}")
        self.facts.set("last_contact", labels.day(row.last_contact))
        self.facts.set("sessions", data.ending_check.sessions.message)
        where = " · ".join(p for p in (man.establishment, man.prison_number) if p)
        self.facts.set("where", where)
        self.facts.set("isolated", ISOLATED if man.isolated else "No")
        self.facts.set("risk", "Recorded (see Isolation and risk)" if man.risk_notes else "None")
        self.alerts.set_rows(
            [TextRow((ALERT_WORDS.get(a.kind, a.kind), a.text)) for a in alerts_of(data)]
        )


def _countdown(days: int | None) -> str:
    if days is None:
        return "Not inside, or no date known"
    if days < 0:
        return f"The date passed {labels.plural(-days, 'day')} ago"
    if days == 0:
        return "Released today"
    return labels.plural(days, "day")
