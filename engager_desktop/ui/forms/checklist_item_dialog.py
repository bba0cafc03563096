"""Change one item of his release checklist where it is shown, without the whole release wizard.

Each checklist item opens just the parts of his release plan it is made from; saving replaces the
plan with those parts changed (``release.save_release_plan``), and undo puts the plan back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from engager_desktop.ui.forms.base import FormDialog, choice, line, paragraph, text_of
from engager_desktop.ui.wizards.choices import GATE_MEETERS
from engager_desktop.ui.workspace.undo import Edit

CHECK, TEXT, LINE, GATE = "check", "text", "line", "gate"
# Checklist item → the plan's fields behind it: (field, label, kind), worded as in the wizard.
PARTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "accommodation": (
        ("accommodation", "&Somewhere to live:", TEXT),
        ("accommodation_confirmed", "Somewhere to live is &confirmed", CHECK),
    ),
    "medication": (
        ("medication", "&Medication he takes:", TEXT),
        (
            "medication_arranged",
            "Medication &ready for the day he leaves (or he takes none)",
            CHECK,
        ),
    ),
    "gate_meeting": (
        ("gate_meeter", "&Who meets him:", GATE),
        ("gate_meeter_name", "Their &name:", LINE),
        ("gate_meeting_place", "Where they &meet him:", LINE),
    ),
    "first_24_hours": (("first_24_hours", "The plan for his &first 24 hours:", TEXT),),
    "benefits": (("benefit_claim_prepared", "&Benefit claim ready before release", CHECK),),
    "phone": (
        ("phone_working", "He has a &phone that works (charged, and kept)", CHECK),
        ("phone_number", "His phone &number:", LINE),
    ),
    "other_ways": (
        ("other_ways_to_reach", "&Other ways to reach him (probation, hostel, someone):", TEXT),
    ),
    "gp": (
        ("gp_registered", "Registered with a &GP", CHECK),
        ("discharge_letter", "&Discharge letter sent to the GP", CHECK),
        ("gp_follow_up", "GP &follow-up arranged:", TEXT),
    ),
    "id_documents": (("id_documents", "&ID documents ready", CHECK),),
    "bank_account": (("bank_account", "&Bank account open", CHECK),),
    "first_week": (
        ("first_week_appointments", "His &first week's appointments are all booked", CHECK),
    ),
    "services_met_inside": (
        ("services_met_inside", "Community &services met him in person while inside", CHECK),
    ),
    "family_meeting": (
        ("family_meeting_held", "A meeting with his &family has been held", CHECK),
        ("family_meeting_note", "What was talked &about, and what comes next:", TEXT),
    ),
}
SHARED_ONLY_WITH_CONSENT = "Shared with others only after talking it over with him."


class ChecklistItemDialog(FormDialog):
    """``plan``: his release plan as saved (a ``ReleasePlanInput``); ``item``: a checklist item."""

    def __init__(
        self, vault: Any, man_id: str, plan: Any, item: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, item.label, parent)
        self.man_id = man_id
        self.plan = plan
        private = item.key in ("phone", "other_ways")
        self.set_intro(f"{item.why_it_matters} {SHARED_ONLY_WITH_CONSENT if private else ''}")
        self.parts: dict[str, Any] = {}
        for key, text, kind in PARTS[item.key]:
            self.parts[key] = self._part(key, text, kind, getattr(plan, key))

    def _part(self, key: str, text: str, kind: str, value: Any) -> Any:
        if kind == CHECK:
            box = self.row(QCheckBox(text))
            box.setObjectName(key)
            box.setChecked(bool(value))
            self.inputs[key] = box
            self.errors[key] = self.status
            return box
        if kind == GATE:
            words = {data: word for word, data in GATE_MEETERS}
            return self.field(key, text, choice(words, value or ""))
        limit = 40 if key == "phone_number" else 200
        widget = line(value or "", limit) if kind == LINE else paragraph(value or "")
        if kind == TEXT:
            widget.setFixedHeight(64)
        return self.field(key, text, widget)

    def changed_plan(self) -> Any:
        changes: dict[str, Any] = {}
        for key, widget in self.parts.items():
            if isinstance(widget, QCheckBox):
                changes[key] = widget.isChecked()
            elif hasattr(widget, "currentData"):
                changes[key] = widget.currentData() or None
            else:
                changes[key] = text_of(widget)
        return replace(self.plan, **changes)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.release import save_release_plan

        before, after = self.plan, self.changed_plan()
        vault, man_id, title = self.vault, self.man_id, self.windowTitle()

        def save() -> Edit:
            if after != before:
                save_release_plan(vault, man_id, after)
            return Edit(
                f"change “{title}”",
                lambda: save_release_plan(vault, man_id, before),
                lambda: save_release_plan(vault, man_id, after),
            )

        return save
