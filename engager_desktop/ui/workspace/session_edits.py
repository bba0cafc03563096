"""The Sessions tab's rows and buttons: move or correct a session, cancel a planned one."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.ui import labels
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.row_editing import RowEdits
from engager_desktop.ui.workspace.undo import Edit, Made


class SessionEdits(RowEdits):
    """A session's row opens *Move a planned session* or *Change a held / missed session*."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "SessionsTab")
        self.edit_from_rows(self.tab.sessions, self.edit_session)

    def handlers(self) -> dict[str, Any]:
        return {"edit_session": self.edit_session, "cancel_session": self.cancel}

    def _chosen(self) -> Any:
        chosen = self.tab.sessions.chosen_id()
        rows = self.ws.data.record.plan.meetings if self.ws.data is not None else ()
        found = next((m for m in rows if row_value(m, "id") == chosen), None)
        if found is None:
            self.ws.say(tr("SessionsTab", "Choose a session in the list first."))
        return found

    def edit_session(self) -> Any:
        if (ready := self.actions._ready()) is None or (row := self._chosen()) is None:
            return None
        from engager_desktop.ui.forms.session_dialog import SessionDialog

        return self.open(SessionDialog(ready[0], row, self.ws))

    def cancel(self, *, confirm: bool = True) -> Any:
        if (ready := self.actions._ready()) is None or (row := self._chosen()) is None:
            return None
        if row_value(row, "attended") is not None:
            self.ws.say(
                tr("SessionsTab", "Only a planned session can be cancelled; this one is recorded.")
            )
            return None
        from engager_desktop.services.session_edits import SessionChange, cancel_session, plan_again

        vault, man_id = ready
        made = Made(row_value(row, "id"))
        change = SessionChange(
            row_value(row, "starts_at"), row_value(row, "place"), row_value(row, "location")
        )
        when = labels.moment(row_value(row, "starts_at"))

        def undo() -> None:
            made.id = plan_again(vault, man_id, change)

        label = tr("SessionsTab", "cancel the session on {when}").format(when=when)
        edit = Edit(label, undo, lambda: cancel_session(vault, made.id))
        if not confirm:
            self.run_edit(edit)
            return None
        return self.confirm_edit(
            tr("SessionsTab", "Cancel this session?"),
            tr("SessionsTab", "Cancel the session planned for {when}?").format(when=when),
            edit,
        )
