"""Change one item of his release checklist where it is shown, without the whole release wizard.

Each checklist item opens just the parts of his release plan it is made from; saving replaces the
plan with those parts changed (``release.save_release_plan``), and undo puts the plan back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.parts_dialog import CHECK, LINE, TEXT, Part, PartsDialog
from engager_desktop.ui.wizards.choices import GATE_MEETERS

GATE = {value: word for word, value in GATE_MEETERS}
CHOICES = "Wizard"  # the context ui/wizards/choices.py marks its words with
# Checklist item → the plan's fields behind it: (field, label, kind), worded as in the wizard.
PARTS: dict[str, tuple[Part, ...]] = {
    "accommodation": (
        ("accommodation", N_("ChecklistForm", "&Somewhere to live:"), TEXT),
        ("accommodation_confirmed", N_("ChecklistForm", "Somewhere to live is &confirmed"), CHECK),
    ),
    "medication": (
        ("medication", N_("ChecklistForm", "&Medication he takes:"), TEXT),
        (
            "medication_arranged",
            N_("ChecklistForm", "Medication &ready for the day he leaves (or he takes none)"),
            CHECK,
        ),
    ),
    "gate_meeting": (
        ("gate_meeter", N_("ChecklistForm", "&Who meets him:"), GATE),
        ("gate_meeter_name", N_("ChecklistForm", "Their &name:"), LINE),
        ("gate_meeting_place", N_("ChecklistForm", "Where they &meet him:"), LINE),
    ),
    "first_24_hours": (
        ("first_24_hours", N_("ChecklistForm", "The plan for his &first 24 hours:"), TEXT),
    ),
    "benefits": (
        (
            "benefit_claim_prepared",
            N_("ChecklistForm", "&Benefit claim ready before release"),
            CHECK,
        ),
    ),
    "phone": (
        (
            "phone_working",
            N_("ChecklistForm", "He has a &phone that works (charged, and kept)"),
            CHECK,
        ),
        ("phone_number", N_("ChecklistForm", "His phone &number:"), LINE),
    ),
    "other_ways": (
        (
            "other_ways_to_reach",
            N_("ChecklistForm", "&Other ways to reach him (probation, hostel, someone):"),
            TEXT,
        ),
    ),
    "gp": (
        ("gp_registered", N_("ChecklistForm", "Registered with a &GP"), CHECK),
        ("discharge_letter", N_("ChecklistForm", "&Discharge letter sent to the GP"), CHECK),
        ("gp_follow_up", N_("ChecklistForm", "GP &follow-up arranged:"), TEXT),
    ),
    "id_documents": (("id_documents", N_("ChecklistForm", "&ID documents ready"), CHECK),),
    "bank_account": (("bank_account", N_("ChecklistForm", "&Bank account open"), CHECK),),
    "first_week": (
        (
            "first_week_appointments",
            N_("ChecklistForm", "His &first week's appointments are all booked"),
            CHECK,
        ),
    ),
    "services_met_inside": (
        (
            "services_met_inside",
            N_("ChecklistForm", "Community &services met him in person while inside"),
            CHECK,
        ),
    ),
    "family_meeting": (
        (
            "family_meeting_held",
            N_("ChecklistForm", "A meeting with his &family has been held"),
            CHECK,
        ),
        (
            "family_meeting_note",
            N_("ChecklistForm", "What was talked &about, and what comes next:"),
            TEXT,
        ),
    ),
}
SHARED_ONLY_WITH_CONSENT = N_(
    "ChecklistForm", "Shared with others only after talking it over with him."
)


def checklist_item_dialog(
    vault: Any, man_id: str, plan: Any, item: Any, parent: QWidget | None = None
) -> PartsDialog:
    """``plan``: his release plan as saved (a ``ReleasePlanInput``); ``item``: a checklist item."""
    from engager_desktop.services.release import save_release_plan

    dialog = PartsDialog(
        vault,
        item.label,
        plan,
        worded_parts(PARTS[item.key]),
        lambda wanted: save_release_plan(vault, man_id, wanted),
        parent,
    )
    private = item.key in ("phone", "other_ways")
    shared = tr("ChecklistForm", SHARED_ONLY_WITH_CONSENT) if private else ""
    dialog.set_intro(f"{item.why_it_matters} {shared}")
    return dialog


def worded_parts(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """``parts`` with their labels and choices in the language in use."""
    gate = {value: tr(CHOICES, word) for value, word in GATE.items()}
    return tuple(
        (key, tr("ChecklistForm", text), gate if kind is GATE else kind)
        for key, text, kind in parts
    )
