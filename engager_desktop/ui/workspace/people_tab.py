"""People and services tab: the people around him, services he is in touch with, his consent,
support given to his family (P19) and work with other services for him (P29, P36)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from engager_desktop.i18n import N_, tr
from engager_desktop.services.practice_notes import PEOPLE
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace import practice_note_edits as note_edits
from engager_desktop.ui.workspace.data import ManData, row_value
from engager_desktop.ui.workspace.parts import Table, TabPage, button_row

NOTE_BUTTONS = (
    (
        "add_people_note",
        N_("PeopleTab", "Add a n&ote…"),
        N_("PeopleTab", "Add a note of support for his family or a service"),
    ),
    ("edit_people_note", N_("PeopleTab", "Change…"), N_("PeopleTab", "Change the chosen note")),
    ("remove_people_note", N_("PeopleTab", "Remove…"), N_("PeopleTab", "Remove the chosen note")),
)


class PeopleTab(TabPage):
    title = N_("Workspace", "People and services")
    places = ("tab.people", "tab.services")

    def __init__(self) -> None:
        super().__init__()
        self.action("add_person", tr("PeopleTab", "A&dd a person…"))
        self.action("edit_person", tr("PeopleTab", "Chan&ge…")).setAccessibleName(
            tr("PeopleTab", "Change the chosen person")
        )
        self.action("remove_person", tr("PeopleTab", "Re&move…")).setAccessibleName(
            tr("PeopleTab", "Remove the chosen person")
        )
        self.people = self.add(
            Table(
                tr("PeopleTab", "People around him"),
                (
                    tr("PeopleTab", "Name"),
                    tr("PeopleTab", "Role"),
                    tr("PeopleTab", "Relationship"),
                    tr("PeopleTab", "Helpful"),
                    tr("PeopleTab", "Involve"),
                    tr("PeopleTab", "At gate"),
                ),
                empty=tr("PeopleTab", "No one recorded yet."),
            )
        )
        self.services = self.add(
            Table(
                tr("PeopleTab", "Services he is in touch with"),
                (
                    tr("PeopleTab", "Service"),
                    tr("PeopleTab", "When"),
                    tr("PeopleTab", "Still involved"),
                    tr("PeopleTab", "Referral made"),
                ),
                empty=tr("PeopleTab", "No services recorded yet."),
            )
        )
        self.consents = self.add(
            Table(
                tr("PeopleTab", "His consent to sharing"),
                (
                    tr("PeopleTab", "Sharing"),
                    tr("PeopleTab", "Service"),
                    tr("PeopleTab", "Agreed"),
                    tr("PeopleTab", "Recorded on"),
                ),
                empty=tr("PeopleTab", "No consent recorded yet: nothing may be shared."),
            )
        )
        self.consent_button = self.add(QPushButton(tr("PeopleTab", "Record his &consent…")))
        self.consent_button.setObjectName("record_consent")
        self.buttons["record_consent"] = self.consent_button
        self.notes = self.add(
            Table(
                tr("PeopleTab", "Support for his family, and work with services"),
                note_edits.columns(),
                empty=tr(
                    "PeopleTab", "No support for his family or work with services recorded yet."
                ),
            )
        )
        self.add(button_row(self, *NOTE_BUTTONS, context="PeopleTab"))
        self.finish()

    def show_data(self, data: ManData) -> None:
        self.people.set_rows(
            [
                TextRow(
                    (
                        row_value(p, "name") or "",
                        labels.word(labels.SUPPORT_ROLE, row_value(p, "role")),
                        row_value(p, "relationship") or "",
                        labels.yes_no(row_value(p, "helpful")),
                        labels.yes_no(row_value(p, "consent_to_involve")),
                        labels.yes_no(row_value(p, "meets_at_gate")),
                    ),
                    id=row_value(p, "id"),
                )
                for p in data.record.plan.support_people
            ]
        )
        self.services.set_rows(
            [
                TextRow(
                    (
                        c.service_name or "",
                        c.when or "",
                        labels.yes_no(c.still_involved),
                        labels.yes_no(c.referral_made),
                    ),
                    id=c.id,
                )
                for c in data.record.understanding.service_contacts
            ]
        )
        self.consents.set_rows(
            [
                TextRow(
                    (
                        labels.word(labels.CONSENT, c.kind),
                        c.service_name or tr("PeopleTab", "Any service"),
                        labels.yes_no(c.given),
                        labels.day(c.recorded_on),
                    ),
                    sort_keys=(c.kind, c.service_name or "", c.given, c.recorded_on),
                )
                for c in data.consents
            ]
        )
        self.notes.set_rows(note_edits.note_rows(data.practice_notes, PEOPLE))
