"""The kinds of record in the practitioner's words, by table name (one record of each)."""

from __future__ import annotations

KIND_WORDS = {
    "participants": "His details",
    "services": "Service in the directory",
    "supervision_notes": "Supervision note",
    "consents": "Consent",
    "phase_changes": "Phase change",
    "backgrounds": "Background",
    "service_contacts": "Service contact",
    "understandings": "Shared understanding",
    "priority_problems": "Priority problem",
    "links_map_entries": "Links map entry",
    "strengths": "Strength",
    "distress_ratings": "Distress rating",
    "quick_wins": "Quick win",
    "support_people": "Support person",
    "goals": "Goal",
    "steps": "Step",
    "meetings": "Session",
    "step_reviews": "Step review",
    "contact_logs": "Contact log entry",
    "appointments": "Appointment",
    "pledges": "Pledge",
    "release_plans": "Release plan",
    "ending_plans": "Ending plan",
}


def kind_words(table: str) -> str:
    """One record of a table in the practitioner's words: "Session", "Step"."""
    return KIND_WORDS.get(table, table.replace("_", " ").capitalize())
