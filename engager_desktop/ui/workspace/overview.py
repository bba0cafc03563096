"""Overview tab: his phase, the release countdown, next session, open steps and the alerts."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, alerts_of
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage

ISOLATED = N_("OverviewTab", "Yes: contact at least twice a week after release")
ALERT_WORDS = {
    "contact": N_("OverviewTab", "Contact"),
    "missed": N_("OverviewTab", "Missed"),
    "reminder": N_("OverviewTab", "Reminder"),
    "clash": N_("OverviewTab", "Clash"),
    "overdue": N_("OverviewTab", "Overdue"),
    "conflict": N_("OverviewTab", "To review"),
    "stale": N_("OverviewTab", "Directory"),
}


class OverviewTab(TabPage):
    title = N_("Workspace", "Overview")
    places = ("tab.overview",)

    def __init__(self) -> None:
        super().__init__()
        self.action("move_phase", tr("OverviewTab", "&Move to another phase…"))
        self.action("flags", tr("OverviewTab", "&Isolation and risk…"))
        self.facts = self.add(
            Facts(
                [
                    ("phase", tr("OverviewTab", "Phase")),
                    ("release", tr("OverviewTab", "Expected release")),
                    ("countdown", tr("OverviewTab", "Days to release")),
                    ("next_session", tr("OverviewTab", "Next session")),
                    ("steps", tr("OverviewTab", "Open steps")),
                    ("last_contact", tr("OverviewTab", "Last contact")),
                    ("sessions", tr("OverviewTab", "Sessions")),
                    ("where", tr("OverviewTab", "Prison and number")),
                    ("isolated", tr("OverviewTab", "Isolated")),
                    ("risk", tr("OverviewTab", "Risk notes")),
                ]
            )
        )
        self.alerts = self.add(
            Table(
                tr("OverviewTab", "Alerts"),
                (tr("OverviewTab", "Kind"), tr("OverviewTab", "What needs attention")),
                empty=tr("OverviewTab", "No alerts for him today."),
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        man = data.record.participant
        row = data.record.summary
        self.facts.set("phase", labels.word(labels.PHASE, man.phase))
        self.facts.set("release", labels.day(man.expected_release))
        self.facts.set("countdown", _countdown(row.days_to_release))
        self.facts.set("next_session", labels.moment(row.next_session))
        steps = str(row.open_steps)
        if row.overdue_steps:
            steps = trn(
                "OverviewTab", "{open}, {n} overdue", "{open}, {n} overdue", row.overdue_steps
            ).format(open=row.open_steps)
        self.facts.set("steps", steps)
        self.facts.set("last_contact", labels.day(row.last_contact))
        self.facts.set("sessions", data.ending_check.sessions.message)
        where = " · ".join(p for p in (man.establishment, man.prison_number) if p)
        self.facts.set("where", where)
        self.facts.set(
            "isolated", tr("OverviewTab", ISOLATED) if man.isolated else labels.yes_no(False)
        )
        risk = tr("OverviewTab", "Recorded (see Isolation and risk)") if man.risk_notes else None
        self.facts.set("risk", risk or tr("OverviewTab", "None"))
        self.alerts.set_rows([TextRow((_alert_word(a.kind), a.text)) for a in alerts_of(data)])


def _alert_word(kind: str) -> str:
    return tr("OverviewTab", ALERT_WORDS[kind]) if kind in ALERT_WORDS else kind


def _countdown(days: int | None) -> str:
    if days is None:
        return tr("OverviewTab", "Not inside, or no date known")
    if days < 0:
        return trn(
            "OverviewTab", "The date passed {n} day ago", "The date passed {n} days ago", -days
        )
    if days == 0:
        return tr("OverviewTab", "Released today")
    return trn("Labels", "{n} day", "{n} days", days)
