"""The workspace's buttons: print a document, and open the small forms (ui/forms) for him.

Each form saves through ``ops``; when it has saved, his record is loaded again and
``Workspace.record_changed`` tells the caseload to refresh.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from engager_desktop.i18n import tr
from engager_desktop.services.practice_notes import COMMUNITY, PEOPLE
from engager_desktop.ui import labels, ops
from engager_desktop.ui.workspace import read_mostly
from engager_desktop.ui.workspace.community_tab import MISSED, REMINDER, parse_due


class WorkspaceActions:
    """Connects every tab's ``buttons`` to what they open; keeps the dialogs it opened."""

    def __init__(self, workspace: Any) -> None:
        self.ws = workspace
        self.dialogs: list[QWidget] = []
        handlers = {
            "move_phase": self.move_phase,
            "flags": self.flags,
            "add_person": self.add_person,
            "edit_person": self.edit_person,
            "remove_person": self.remove_person,
            "record_consent": self.record_consent,
            "log_contact": self.log_contact,
            "give_reminder": self.give_reminder,
            "follow_up": self.follow_up,
        }
        handlers.update(self._in_place_edits())
        for tab in workspace.tabs:
            for key, button in tab.buttons.items():
                if key.startswith("print_"):
                    kind = key.removeprefix("print_")
                    button.clicked.connect(lambda _=False, k=kind: self.print_kind(k))
                elif key in handlers:
                    button.clicked.connect(lambda _=False, h=handlers[key]: h())

    def _in_place_edits(self) -> dict[str, Any]:
        """Each tab's edit-in-place wiring (its rows open forms); the handlers of its buttons."""
        from engager_desktop.ui.workspace.appointment_actions import AppointmentActions
        from engager_desktop.ui.workspace.ending_edits import EndingEdits
        from engager_desktop.ui.workspace.plan_edits import PlanEdits
        from engager_desktop.ui.workspace.practice_note_edits import PracticeNoteEdits
        from engager_desktop.ui.workspace.release_edits import ReleaseEdits
        from engager_desktop.ui.workspace.row_editing import edit_from_rows
        from engager_desktop.ui.workspace.session_edits import SessionEdits
        from engager_desktop.ui.workspace.understanding_edits import UnderstandingEdits
        from engager_desktop.ui.workspace.understanding_sections import UnderstandingSections

        self.plan = PlanEdits(self)
        self.appointments = AppointmentActions(self)
        self.understanding = UnderstandingEdits(self)
        self.release = ReleaseEdits(self)
        self.ending = EndingEdits(self)
        self.sessions = SessionEdits(self)
        self.sections = UnderstandingSections(self)
        self.days = PracticeNoteEdits(self, "CommunityTab", "day_plan", COMMUNITY)
        self.people_notes = PracticeNoteEdits(self, "PeopleTab", "people_note", PEOPLE)
        edit_from_rows(self._tab("PeopleTab").people, self.edit_person)
        wired = (
            self.plan,
            self.understanding,
            self.appointments,
            self.ending,
            self.sessions,
            self.sections,
            self.days,
            self.people_notes,
        )
        return {key: fn for part in wired for key, fn in part.handlers().items()}

    # ------------------------------------------------------------------ plumbing

    def _ready(self, *, reading: bool = False) -> tuple[Any, str] | None:
        """The vault and his id for a change (None, the reason said, when he is read-only
        here); ``reading``: for what only reads his record (printing)."""
        vault, man_id = self.ws._vault, self.ws.man_id()
        if vault is None or man_id is None or self.ws.data is None:
            return None
        if not reading and read_mostly.refuse(self.ws):
            return None
        return vault, man_id

    def _keep(self, dialog: QWidget) -> QWidget:
        self.dialogs = [d for d in self.dialogs if _alive(d)]
        self.dialogs.append(dialog)
        return dialog

    def _form(self, dialog: Any) -> Any:
        dialog.saved.connect(lambda _result: self.ws.form_saved())
        self._keep(dialog)
        dialog.open()
        return dialog

    def close_all(self) -> None:
        """Close every dialog opened from here (the vault is locking: PDFs go from memory)."""
        for dialog in self.dialogs:
            if _alive(dialog):
                if isinstance(dialog, QDialog):
                    dialog.reject()
                dialog.close()
                dialog.deleteLater()
        self.dialogs.clear()

    def _tab(self, name: str) -> Any:
        return next(t for t in self.ws.tabs if type(t).__name__ == name)

    # ------------------------------------------------------------------ printing

    def print_kind(self, kind: str, *, blank: bool = False) -> QWidget | None:
        ready = self._ready(reading=True)
        vault = self.ws._vault
        if vault is None or (ready is None and not blank):
            return None
        from engager_desktop.ui.printing import open_document_dialog

        man_id = ready[1] if ready else None
        return self._keep(open_document_dialog(vault, kind, man_id, self.ws, blank=blank))

    # ------------------------------------------------------------------ forms

    def move_phase(self) -> Any:
        if (ready := self._ready()) is None:
            return None
        from engager_desktop.ui.forms.phase_dialog import PhaseDialog

        phase = self.ws.data.record.participant.phase
        return self._form(PhaseDialog(*ready, phase, self.ws))

    def flags(self) -> Any:
        if (ready := self._ready()) is None:
            return None
        from engager_desktop.ui.forms.flags_dialog import FlagsDialog

        return self._form(FlagsDialog(ready[0], self.ws.data.record.participant, self.ws))

    def add_person(self) -> Any:
        if (ready := self._ready()) is None:
            return None
        from engager_desktop.ui.forms.person_dialog import PersonDialog

        return self._form(PersonDialog(*ready, None, self.ws))

    def _chosen_person(self) -> Any:
        person_id = self._tab("PeopleTab").people.chosen_id()
        if person_id is None:
            self.ws.say(tr("PeopleTab", "Choose a person in the list first."))
        return person_id

    def edit_person(self) -> Any:
        if (ready := self._ready()) is None or (person_id := self._chosen_person()) is None:
            return None
        from engager_desktop.services.people import people_for
        from engager_desktop.ui.forms.person_dialog import PersonDialog

        vault, man_id = ready

        def show(people: Any) -> None:  # his people, read on a worker
            found = {p.id: p for p in people}.get(person_id)
            if found is None:
                self.ws.say(tr("PeopleTab", "That person is no longer recorded."))
                return
            self._form(PersonDialog(vault, man_id, found, self.ws))

        ops.run(
            lambda: people_for(vault, man_id),
            show,
            lambda message, _exc: self.ws.say(message),
            owner=self.ws,
        )
        return None

    def remove_person(self, *, confirm: bool = True) -> Any:
        if (ready := self._ready()) is None or (person_id := self._chosen_person()) is None:
            return None
        vault = ready[0]

        def remove() -> None:
            from engager_desktop.services.people import remove_person

            ops.run(
                lambda: remove_person(vault, person_id),
                lambda _r: self.ws.form_saved(),
                lambda message, _exc: self.ws.say(message),
                owner=self.ws,
            )

        if not confirm:
            remove()
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("PeopleTab", "Remove this person?"),
            tr("PeopleTab", "Remove the chosen person from the people around him?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.ws,
        )
        box.accepted.connect(remove)
        self._keep(box)
        box.open()
        return box

    def record_consent(self) -> Any:
        if (ready := self._ready()) is None:
            return None
        from engager_desktop.ui.forms.consent_dialog import ConsentDialog, directory_choices

        vault, man_id = ready
        ops.run(
            lambda: directory_choices(vault),
            lambda services: self._form(ConsentDialog(vault, man_id, services, self.ws)),
            lambda message, _exc: self.ws.say(message),
            owner=self.ws,
        )
        return None

    def log_contact(self) -> Any:
        if (ready := self._ready()) is None:
            return None
        from engager_desktop.ui.forms.contact_dialog import ContactDialog

        return self._form(ContactDialog(*ready, self.ws))

    def _due(self, wanted: str) -> tuple[str, str, str] | None:
        tab = self._tab("CommunityTab")
        due = parse_due(tab.due.chosen_id())
        if due is None or due[0] != wanted:
            if wanted == REMINDER:
                self.ws.say(tr("CommunityTab", "Choose a reminder to give in the list first."))
            else:
                self.ws.say(
                    tr("CommunityTab", "Choose a missed one to follow up in the list first.")
                )
            return None
        return due

    def _about(self, slot_id: str) -> str:
        data = self.ws.data
        for slot in (*data.reminders, *data.missed):
            if slot.id == slot_id:
                return f"{slot.with_whom}, {labels.moment(slot.starts_at)}."
        return ""

    def give_reminder(self) -> Any:
        if (ready := self._ready()) is None or (due := self._due(REMINDER)) is None:
            return None
        from engager_desktop.ui.forms.contact_dialog import ReminderDialog

        _what, kind, slot_id = due
        return self._form(ReminderDialog(ready[0], (kind, slot_id), self._about(slot_id), self.ws))

    def follow_up(self) -> Any:
        if (ready := self._ready()) is None or (due := self._due(MISSED)) is None:
            return None
        from engager_desktop.ui.forms.contact_dialog import ContactDialog

        _what, kind, slot_id = due
        about = tr("CommunityTab", "Missed: {about}").format(about=self._about(slot_id))
        return self._form(ContactDialog(*ready, self.ws, slot=(kind, slot_id), about=about))


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))
