"""Community tab: contact since release, the lost-contact steps, his appointments and contacts."""

from __future__ import annotations

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage

METHOD = {
    "in_person": "In person",
    "phone": "Phone",
    "text": "Text",
    "letter": "Letter",
    "via_other": "Through someone else",
}


class CommunityTab(TabPage):
    title = "Community"

    def __init__(self) -> None:
        super().__init__()
        self.facts = self.add(
            Facts(
                [
                    ("contact", "Contact"),
                    ("since", "Days since he was reached"),
                    ("attempts", "Tries since then"),
                    ("steps", "If contact is lost"),
                ]
            )
        )
        self.appointments = self.add(
            Table(
                "Appointments with services",
                ("When", "With", "Where", "Attended"),
                empty="No appointments recorded.",
            )
        )
        self.contacts = self.add(
            Table(
                "Contacts and attempts",
                ("When", "How", "Reached him", "Why"),
                empty="No contacts logged.",
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        lost = data.lost_contact
        alert = data.contact_alert
        self.facts.set(
            "contact", alert.alert.message if alert else "Contact is as often as needed."
        )
        days = lost.days_since_contact
        self.facts.set("since", "Never reached" if days is None else str(days))
        self.facts.set("attempts", str(lost.attempts_since))
        steps = "\n".join(f"{n}. {s}" for n, s in enumerate(lost.steps, 1)) if lost.alert else None
        self.facts.set("steps", steps or "Only needed when contact becomes thin.")
        plan = data.record.plan
        self.appointments.set_rows(
            [
                TextRow(
                    (
                        labels.moment(row_value(a, "starts_at")),
                        row_value(a, "with_whom") or "",
                        row_value(a, "location") or "",
                        _attended(row_value(a, "attended")),
                    ),
                    id=row_value(a, "id"),
                    sort_keys=(row_value(a, "starts_at"), "", "", ""),
                )
                for a in reversed(plan.appointments)
            ]
        )
        self.contacts.set_rows(
            [
                TextRow(
                    (
                        labels.moment(row_value(c, "at")),
                        labels.word(METHOD, row_value(c, "method")),
                        labels.yes_no(row_value(c, "reached_him")),
                        row_value(c, "purpose") or "",
                    ),
                    id=row_value(c, "id"),
                    sort_keys=(row_value(c, "at"), "", "", ""),
                )
                for c in reversed(plan.contact_logs)
            ]
        )


def _attended(value: bool | None) -> str:
    return "Not yet" if value is None else labels.yes_no(value)
