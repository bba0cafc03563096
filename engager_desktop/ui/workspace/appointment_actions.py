"""The Community tab's appointment buttons: book, change, cancel, and mark attended or missed.

A missed one opens the follow-up call straight away (P26). Every change goes on the workspace's
undo stack: attendance is put back, and a cancelled appointment booked again as a new record,
through ``services.appointment_edits``.
"""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.ui import labels
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.row_editing import RowEdits
from engager_desktop.ui.workspace.undo import Edit, Made


class AppointmentActions(RowEdits):
    """The Community tab's appointment buttons and rows."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "CommunityTab")
        self.edit_from_rows(self.tab.appointments, self.edit_appointment)

    def handlers(self) -> dict[str, Any]:
        return {
            "add_appointment": self.add_appointment,
            "edit_appointment": self.edit_appointment,
            "attended": lambda: self.mark(True),
            "missed": lambda: self.mark(False),
            "cancel_appointment": self.cancel,
        }

    def _chosen(self) -> Any:
        chosen = self.tab.appointments.chosen_id()
        rows = self.ws.data.record.plan.appointments if self.ws.data is not None else ()
        found = next((a for a in rows if row_value(a, "id") == chosen), None)
        if found is None:
            self.ws.say(tr("CommunityTab", "Choose an appointment in the list first."))
        return found

    def _dialog(self, row: Any) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.ui.forms.appointment_dialog import AppointmentDialog

        return self.open(AppointmentDialog(*ready, row, self.ws))

    def add_appointment(self) -> Any:
        return self._dialog(None)

    def edit_appointment(self) -> Any:
        if self.actions._ready() is None or (row := self._chosen()) is None:
            return None
        return self._dialog(row)

    def mark(self, attended: bool) -> None:
        if (ready := self.actions._ready()) is None or (row := self._chosen()) is None:
            return
        from engager_desktop.services.appointment_edits import set_attendance

        vault, man_id = ready
        appointment_id, was = row_value(row, "id"), row_value(row, "attended")
        if attended:
            label = tr("CommunityTab", "mark the appointment with {who} attended")
        else:
            label = tr("CommunityTab", "mark the appointment with {who} missed")
        edit = Edit(
            label.format(who=row_value(row, "with_whom")),
            lambda: set_attendance(vault, appointment_id, was),
            lambda: set_attendance(vault, appointment_id, attended),
        )
        then = None if attended else (lambda: self.follow_up(vault, man_id, row))
        self.run_edit(edit, then)

    def follow_up(self, vault: Any, man_id: str, row: Any) -> Any:
        """The call after a missed appointment, opened straight away."""
        from engager_desktop.ui.forms.contact_dialog import ContactDialog

        about = tr(
            "CommunityTab",
            "Missed: {who}, {when}. Call him to find out what happened and book it again.",
        ).format(who=row_value(row, "with_whom"), when=labels.moment(row_value(row, "starts_at")))
        slot = ("appointment", row_value(row, "id"))
        return self.actions._form(ContactDialog(vault, man_id, self.ws, slot=slot, about=about))

    def cancel(self, *, confirm: bool = True) -> Any:
        if (ready := self.actions._ready()) is None or (row := self._chosen()) is None:
            return None
        from engager_desktop.services.appointment_edits import book_again
        from engager_desktop.services.meetings import cancel_appointment
        from engager_desktop.ui.forms.appointment_dialog import input_of

        vault, man_id = ready
        made, appt, attended = Made(row_value(row, "id")), input_of(row), row_value(row, "attended")

        def undo() -> None:
            made.id = book_again(vault, man_id, appt, attended)

        edit = Edit(
            tr("CommunityTab", "cancel the appointment with {who}").format(
                who=row_value(row, "with_whom")
            ),
            undo,
            lambda: cancel_appointment(vault, made.id),
        )
        if not confirm:
            self.run_edit(edit)
            return None
        return self.confirm_edit(
            tr("CommunityTab", "Cancel this appointment?"),
            tr("CommunityTab", "Cancel the appointment with {who} on {when}?").format(
                who=row_value(row, "with_whom"), when=labels.moment(row_value(row, "starts_at"))
            ),
            edit,
        )
