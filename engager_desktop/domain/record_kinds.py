"""The kinds of record in the practitioner's words, by table name (one record of each)."""

from __future__ import annotations

from engager_desktop.i18n import N_, tr

KIND_WORDS = {
    "participants": N_("Records", "His details"),
    "services": N_("Records", "Service in the directory"),
    "supervision_notes": N_("Records", "Supervision note"),
    "consents": N_("Records", "Consent"),
    "phase_changes": N_("Records", "Phase change"),
    "backgrounds": N_("Records", "Background"),
    "service_contacts": N_("Records", "Service contact"),
    "understandings": N_("Records", "Shared understanding"),
    "priority_problems": N_("Records", "Priority problem"),
    "links_map_entries": N_("Records", "Links map entry"),
    "strengths": N_("Records", "Strength"),
    "distress_ratings": N_("Records", "Distress rating"),
    "quick_wins": N_("Records", "Quick win"),
    "support_people": N_("Records", "Support person"),
    "goals": N_("Records", "Goal"),
    "steps": N_("Records", "Step"),
    "meetings": N_("Records", "Session"),
    "step_reviews": N_("Records", "Step review"),
    "contact_logs": N_("Records", "Contact log entry"),
    "appointments": N_("Records", "Appointment"),
    "pledges": N_("Records", "Pledge"),
    "release_plans": N_("Records", "Release plan"),
    "ending_plans": N_("Records", "Ending plan"),
}


def kind_words(table: str) -> str:
    """One record of a table in the practitioner's words: "Session", "Step"."""
    if table in KIND_WORDS:
        return tr("Records", KIND_WORDS[table])
    return table.replace("_", " ").capitalize()
