"""Community tab: contact since release, the lost-contact steps, his appointments and contacts,
and the plan for his days and weekends (P27)."""

from __future__ import annotations

from engager_desktop.services.practice_notes import COMMUNITY
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace import practice_note_edits as note_edits
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row

METHOD = {
    "in_person": "In person",
    "phone": "Phone",
    "text": "Text",
    "letter": "Letter",
    "via_other": "Through someone else",
}

# Two short rows, so they fit beside the caseload at 1024×768.
APPOINTMENT_BUTTONS = (
    (
        ("add_appointment", "&Book an appointment…", "Book an appointment"),
        ("edit_appointment", "&Change…", "Change the chosen appointment"),
        ("cancel_appointment", "Cancel &it…", "Cancel the chosen appointment"),
    ),
    (
        ("attended", "He &went", "He went to the chosen appointment"),
        ("missed", "He misse&d it…", "He missed the chosen appointment: follow it up"),
    ),
)


# Short, with names that say which plan (they fit beside the caseload at 1024×768).
DAY_BUTTONS = (
    ("add_day_plan", "Add a da&y plan…", "Add a plan for his days or weekend"),
    ("edit_day_plan", "Change…", "Change the chosen plan for his days"),
    ("remove_day_plan", "Remove…", "Remove the chosen plan for his days"),
)


class CommunityTab(TabPage):
    title = "Community"
    places = ("tab.community",)

    def __init__(self) -> None:
        super().__init__()
        self.action("log_contact", "Lo&g a contact…")
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
        self.due = self.add(
            Table(
                "Reminders and follow-ups due",
                ("What", "When", "With"),
                empty="No reminder or follow-up is due.",
            )
        )
        self.add(
            button_row(
                self,
                ("give_reminder", "Re&minder given…", "Reminder given for the chosen one"),
                ("follow_up", "F&ollow up…", "Follow up the chosen missed one"),
            )
        )
        self.appointments = self.add(
            Table(
                "Appointments with services",
                ("When", "With", "Where", "Attended"),
                empty="No appointments recorded.",
            )
        )
        for specs in APPOINTMENT_BUTTONS:
            self.add(button_row(self, *specs))
        self.contacts = self.add(
            Table(
                "Contacts and attempts",
                ("When", "How", "Reached him", "Why"),
                empty="No contacts logged.",
            )
        )
        self.notes = self.add(
            Table(
                "His days and weekends",
                note_edits.COLUMNS,
                empty="No plan for his days or weekends yet.",
            )
        )
        self.add(button_row(self, *DAY_BUTTONS))
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
        self.due.set_rows(due_rows(data))
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
        self.notes.set_rows(note_edits.note_rows(data.practice_notes, COMMUNITY))


def _attended(value: bool | None) -> str:
    return "Not yet" if value is None else labels.yes_no(value)


REMINDER = "reminder"
MISSED = "missed"


def due_rows(data: ManData) -> list[TextRow]:
    """Reminders to give and missed ones to follow up; each id is ``what:kind:slot id``."""
    rows = []
    for what, word, slots in (
        (REMINDER, "Reminder to give", data.reminders),
        (MISSED, "Missed: follow up", data.missed),
    ):
        for slot in slots:
            rows.append(
                TextRow(
                    (word, labels.moment(slot.starts_at), slot.with_whom),
                    id=f"{what}:{slot.kind}:{slot.id}",
                    sort_keys=(word, slot.starts_at, slot.with_whom),
                )
            )
    return rows


def parse_due(row_id: str | None) -> tuple[str, str, str] | None:
    """(what, kind, slot id) of a due row's id, or None."""
    if not row_id or row_id.count(":") < 2:
        return None
    what, kind, slot_id = row_id.split(":", 2)
    return what, kind, slot_id
