"""Add or change one of the people around him: family, a friend, a peer mentor, a Listener."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from engager_desktop.i18n import tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    line,
    paragraph,
    text_of,
    tri_state,
    worded,
    yes_no_unknown,
)


class PersonDialog(FormDialog):
    """``person``: a ``PersonView`` to change, or None to add someone for ``man_id``."""

    def __init__(
        self, vault: Any, man_id: str, person: Any = None, parent: QWidget | None = None
    ) -> None:
        title = (
            tr("PersonForm", "Change a person around him")
            if person
            else tr("PersonForm", "Add a person around him")
        )
        super().__init__(vault, title, parent)
        self.man_id = man_id
        self.person_id = person.id if person is not None else None
        get = (
            (lambda key, default=None: getattr(person, key))
            if person
            else (lambda key, default=None: default)
        )
        self.set_intro(
            tr(
                "PersonForm",
                "Check any contact restrictions before involving family. Do not assume they "
                "help: ask him.",
            )
        )
        self.name = self.field("name", tr("PersonForm", "&Name:"), line(get("name", "")))
        self.role = self.field(
            "role", tr("PersonForm", "&Role:"), choice(worded(labels.SUPPORT_ROLE), get("role"))
        )
        self.relationship = self.field(
            "relationship",
            tr("PersonForm", "R&elationship to him:"),
            line(get("relationship") or ""),
        )
        self.helpful = self.field(
            "helpful", tr("PersonForm", "&Helpful to him:"), yes_no_unknown(get("helpful"))
        )
        self.restrictions = self.field(
            "contact_restrictions",
            tr("PersonForm", "Contact res&trictions:"),
            paragraph(get("contact_restrictions") or ""),
        )
        self.phone = self.field("phone", tr("PersonForm", "&Phone:"), line(get("phone") or "", 60))
        self.consent = self.row(QCheckBox(tr("PersonForm", "He agrees to &involve this person")))
        self.consent.setChecked(bool(get("consent_to_involve", False)))
        self.gate = self.row(QCheckBox(tr("PersonForm", "Meets him at the &gate")))
        self.gate.setChecked(bool(get("meets_at_gate", False)))
        self.notes = self.field("notes", tr("PersonForm", "N&otes:"), paragraph(get("notes") or ""))

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.people import PersonForm, add_person, edit_person

        form = PersonForm(
            name=text_of(self.name) or "",
            role=str(self.role.currentData()),
            relationship=text_of(self.relationship),
            helpful=tri_state(self.helpful),
            contact_restrictions=text_of(self.restrictions),
            phone=text_of(self.phone),
            consent_to_involve=self.consent.isChecked(),
            meets_at_gate=self.gate.isChecked(),
            notes=text_of(self.notes),
        )
        vault, man_id, person_id = self.vault, self.man_id, self.person_id
        if person_id is None:
            return lambda: add_person(vault, man_id, form)
        return lambda: edit_person(vault, person_id, form)
