"""Log a contact or a try (P24), or the follow-up after a missed appointment or session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    line,
    moment_edit,
    moment_of,
    paragraph,
    text_of,
)

METHOD = {
    "phone": N_("ContactForm", "Phone"),
    "text": N_("ContactForm", "Text"),
    "in_person": N_("ContactForm", "In person"),
    "letter": N_("ContactForm", "Letter"),
    "via_other": N_("ContactForm", "Through someone else"),
}


def methods() -> dict[str, str]:
    return {key: tr("ContactForm", word) for key, word in METHOD.items()}


class ContactDialog(FormDialog):
    """``slot``: (kind, id) of a missed appointment or session to follow up, or None."""

    def __init__(
        self,
        vault: Any,
        man_id: str,
        parent: QWidget | None = None,
        *,
        slot: tuple[str, str] | None = None,
        about: str = "",
    ) -> None:
        title = (
            tr("ContactForm", "Follow up a missed appointment")
            if slot
            else tr("ContactForm", "Log a contact or a try")
        )
        super().__init__(vault, title, parent)
        self.man_id = man_id
        self.slot = slot
        if about:
            self.set_intro(about)
        self.at = self.field("at", tr("ContactForm", "&When:"), moment_edit(vault.clock.now()))
        self.method = self.field("method", tr("ContactForm", "&How:"), choice(methods()))
        self.reached = self.row(QCheckBox(tr("ContactForm", "&Reached him")))
        self.purpose = self.field("purpose", tr("ContactForm", "Wh&y:"), line())
        self.note = self.field("note", tr("ContactForm", "&Note:"), paragraph())

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.meetings import ContactInput, log_contact, record_follow_up

        contact = ContactInput(
            at=moment_of(self.at),
            method=str(self.method.currentData()),
            reached_him=self.reached.isChecked(),
            purpose=text_of(self.purpose),
            note=text_of(self.note),
        )
        vault, man_id, slot = self.vault, self.man_id, self.slot
        if slot is None:
            return lambda: log_contact(vault, man_id, contact)
        kind, slot_id = slot
        return lambda: record_follow_up(vault, kind, slot_id, contact)


class ReminderDialog(FormDialog):
    """Record the reminder given for a coming appointment or session (P26)."""

    def __init__(
        self, vault: Any, slot: tuple[str, str], about: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, tr("ContactForm", "Reminder given"), parent)
        self.slot = slot
        self.set_intro(about)
        self.method = self.field(
            "method", tr("ContactForm", "&How he was reminded:"), choice(methods(), "text")
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.meetings import give_reminder

        vault, (kind, slot_id) = self.vault, self.slot
        method = str(self.method.currentData())
        return lambda: give_reminder(vault, kind, slot_id, method)
