"""Community tab: contact since release, the lost-contact steps, his appointments and contacts,
and the plan for his days and weekends (P27)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr
from engager_desktop.services.practice_notes import COMMUNITY
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace import practice_note_edits as note_edits
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row

METHOD = {
    "in_person": N_("CommunityTab", "In person"),
    "phone": N_("CommunityTab", "Phone"),
    "text": N_("CommunityTab", "Text"),
    "letter": N_("CommunityTab", "Letter"),
    "via_other": N_("CommunityTab", "Through someone else"),
}

# Two short rows, so they fit beside the caseload at 1024×768.
APPOINTMENT_BUTTONS = (
    (
        (
            "add_appointment",
            N_("CommunityTab", "&Book an appointment…"),
            N_("CommunityTab", "Book an appointment"),
        ),
        (
            "edit_appointment",
            N_("CommunityTab", "&Change…"),
            N_("CommunityTab", "Change the chosen appointment"),
        ),
        (
            "cancel_appointment",
            N_("CommunityTab", "Cancel &it…"),
            N_("CommunityTab", "Cancel the chosen appointment"),
        ),
    ),
    (
        (
            "attended",
            N_("CommunityTab", "He &went"),
            N_("CommunityTab", "He went to the chosen appointment"),
        ),
        (
            "missed",
            N_("CommunityTab", "He misse&d it…"),
            N_("CommunityTab", "He missed the chosen appointment: follow it up"),
        ),
    ),
)


# Short, with names that say which plan (they fit beside the caseload at 1024×768).
DAY_BUTTONS = (
    (
        "add_day_plan",
        N_("CommunityTab", "Add a da&y plan…"),
        N_("CommunityTab", "Add a plan for his days or weekend"),
    ),
    (
        "edit_day_plan",
        N_("CommunityTab", "Change…"),
        N_("CommunityTab", "Change the chosen plan for his days"),
    ),
    (
        "remove_day_plan",
        N_("CommunityTab", "Remove…"),
        N_("CommunityTab", "Remove the chosen plan for his days"),
    ),
)


class CommunityTab(TabPage):
    title = N_("Workspace", "Community")
    places = ("tab.community",)

    def __init__(self) -> None:
        super().__init__()
        self.action("log_contact", tr("CommunityTab", "Lo&g a contact…"))
        self.facts = self.add(
            Facts(
                [
                    ("contact", tr("CommunityTab", "Contact")),
                    ("since", tr("CommunityTab", "Days since he was reached")),
                    ("attempts", tr("CommunityTab", "Tries since then")),
                    ("steps", tr("CommunityTab", "If contact is lost")),
                ]
            )
        )
        self.due = self.add(
            Table(
                tr("CommunityTab", "Reminders and follow-ups due"),
                (
                    tr("CommunityTab", "What"),
                    tr("CommunityTab", "When"),
                    tr("CommunityTab", "With"),
                ),
                empty=tr("CommunityTab", "No reminder or follow-up is due."),
            )
        )
        self.add(
            button_row(
                self,
                (
                    "give_reminder",
                    N_("CommunityTab", "Re&minder given…"),
                    N_("CommunityTab", "Reminder given for the chosen one"),
                ),
                (
                    "follow_up",
                    N_("CommunityTab", "F&ollow up…"),
                    N_("CommunityTab", "Follow up the chosen missed one"),
                ),
                context="CommunityTab",
            )
        )
        self.appointments = self.add(
            Table(
                tr("CommunityTab", "Appointments with services"),
                (
                    tr("CommunityTab", "When"),
                    tr("CommunityTab", "With"),
                    tr("CommunityTab", "Where"),
                    tr("CommunityTab", "Attended"),
                ),
                empty=tr("CommunityTab", "No appointments recorded."),
            )
        )
        for specs in APPOINTMENT_BUTTONS:
            self.add(button_row(self, *specs, context="CommunityTab"))
        self.contacts = self.add(
            Table(
                tr("CommunityTab", "Contacts and attempts"),
                (
                    tr("CommunityTab", "When"),
                    tr("CommunityTab", "How"),
                    tr("CommunityTab", "Reached him"),
                    tr("CommunityTab", "Why"),
                ),
                empty=tr("CommunityTab", "No contacts logged."),
            )
        )
        self.notes = self.add(
            Table(
                tr("CommunityTab", "His days and weekends"),
                note_edits.columns(),
                empty=tr("CommunityTab", "No plan for his days or weekends yet."),
            )
        )
        self.add(button_row(self, *DAY_BUTTONS, context="CommunityTab"))
        self.finish()

    def show_data(self, data: ManData) -> None:
        lost = data.lost_contact
        alert = data.contact_alert
        self.facts.set(
            "contact",
            alert.alert.message if alert else tr("CommunityTab", "Contact is as often as needed."),
        )
        days = lost.days_since_contact
        self.facts.set("since", tr("CommunityTab", "Never reached") if days is None else str(days))
        self.facts.set("attempts", str(lost.attempts_since))
        steps = "\n".join(f"{n}. {s}" for n, s in enumerate(lost.steps, 1)) if lost.alert else None
        self.facts.set(
            "steps", steps or tr("CommunityTab", "Only needed when contact becomes thin.")
        )
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
                        _method(row_value(c, "method")),
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
    return tr("CommunityTab", "Not yet") if value is None else labels.yes_no(value)


def _method(method: str | None) -> str:
    """How a contact was made, in the table's words."""
    return tr("CommunityTab", METHOD[method]) if method in METHOD else labels.word({}, method)


REMINDER = "reminder"
MISSED = "missed"


def due_rows(data: ManData) -> list[TextRow]:
    """Reminders to give and missed ones to follow up; each id is ``what:kind:slot id``."""
    rows = []
    for what, word, slots in (
        (REMINDER, tr("CommunityTab", "Reminder to give"), data.reminders),
        (MISSED, tr("CommunityTab", "Missed: follow up"), data.missed),
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
