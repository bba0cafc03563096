"""Change one item of his release checklist where it is shown, without the whole release wizard.

Each checklist item opens just the parts of his release plan it is made from; saving replaces the
plan with those parts changed (``release.save_release_plan``), and undo puts the plan back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.ui.forms.parts_dialog import CHECK, LINE, TEXT, Part, PartsDialog
from engager_desktop.ui.wizards.choices import GATE_MEETERS

GATE = {value: word for word, value in GATE_MEETERS}
# Checklist item → the plan's fields behind it: (field, label, kind), worded as in the wizard.
PARTS: dict[str, tuple[Part, ...]] = {
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


def checklist_item_dialog(
    vault: Any, man_id: str, plan: Any, item: Any, parent: QWidget | None = None
) -> PartsDialog:
    """``plan``: his release plan as saved (a ``ReleasePlanInput``); ``item``: a checklist item."""
    from engager_desktop.services.release import save_release_plan

    dialog = PartsDialog(
        vault,
        item.label,
        plan,
        PARTS[item.key],
        lambda wanted: save_release_plan(vault, man_id, wanted),
        parent,
    )
    private = item.key in ("phone", "other_ways")
    dialog.set_intro(f"{item.why_it_matters} {SHARED_ONLY_WITH_CONSENT if private else ''}")
    return dialog
