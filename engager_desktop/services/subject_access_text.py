"""The plain-English words of the subject access document: section titles, intros, field labels."""

from __future__ import annotations

# Per kind of record: (section title, what one record is called, one sentence on what it holds).
SECTIONS: dict[str, tuple[str, str, str]] = {
    "participants": (
        "About you",
        "Your details",
        "Your name, how you like to be called, your prison details and your stage with Engager.",
    ),
    "consents": (
        "What you agreed we may share",
        "Agreement",
        "Each time you said yes or no to us sharing something, and with whom.",
    ),
    "phase_changes": (
        "Your stages with Engager",
        "Change of stage",
        "When your support moved from one stage to the next, and why.",
    ),
    "backgrounds": (
        "Your background",
        "Background",
        "What you told us about your life, family, health and past services. Some of this is "
        "sensitive.",
    ),
    "service_contacts": (
        "Services you have been in touch with",
        "Service",
        "Services you know or were referred to, and what came of it.",
    ),
    "understandings": (
        "Our shared understanding",
        "Shared understanding",
        "How ready you felt to make changes, and what you hoped for by the end.",
    ),
    "priority_problems": (
        "What matters most to you",
        "Problem",
        "The problems you named, in your words, and the goals they became.",
    ),
    "links_map_entries": (
        "Links between situations, thoughts and feelings",
        "Entry",
        "The links we mapped together between what happened, what you thought and felt, and what "
        "you did.",
    ),
    "strengths": ("Your strengths and skills", "Strength", "Strengths you have or want to build."),
    "distress_ratings": (
        "How you were feeling",
        "Rating",
        "How distressed you felt, from 0 (not at all) to 10 (the worst), rated together.",
    ),
    "quick_wins": ("Quick wins", "Quick win", "Small things that went well early on."),
    "support_people": (
        "People around you",
        "Person",
        "Family, friends and others who support you, and any limits on contact.",
    ),
    "goals": ("Your goals", "Goal", "The goals you set."),
    "steps": ("Steps towards your goals", "Step", "Who does what, and by when."),
    "meetings": (
        "Our meetings",
        "Meeting",
        "Each meeting with you, held or missed, and our notes.",
    ),
    "step_reviews": (
        "How the steps went",
        "Review",
        "At a meeting, whether a step was done, and why or why not.",
    ),
    "contact_logs": (
        "Other contacts",
        "Contact",
        "Calls, texts and other attempts to reach you.",
    ),
    "appointments": (
        "Appointments with other services",
        "Appointment",
        "Appointments with other services that we helped you keep.",
    ),
    "pledges": ("Your pledge", "Pledge", "What you and your worker agreed to do."),
    "release_plans": (
        "Your release plan",
        "Release plan",
        "Plans for your release: where you would go, money, your doctor and your first days.",
    ),
    "ending_plans": (
        "Planning the end of support",
        "Ending plan",
        "How support would end, and your plan for staying well afterwards.",
    ),
    "readiness_ratings": (
        "How ready you felt to make changes, over time",
        "Rating",
        "Each time we talked about how ready you felt to make changes, and what you said.",
    ),
    "practice_notes": (
        "Your days, your family and other services",
        "Note",
        "Plans for your days and weekends, support we gave your family, and what we did with "
        "other services for you.",
    ),
    "handovers": (
        "Moving your record to another worker's laptop",
        "Handover",
        "When your record was passed from one worker's laptop to another's, and when it arrived.",
    ),
}

_EXTRA: dict[str, tuple[str, str, str]] = {
    "drafts": (
        "Forms not yet saved",
        "Unsaved form",
        "What was typed into a form on this laptop but not yet saved.",
    ),
    "conflicts": (
        "Other versions waiting for review",
        "Other version",
        "Sometimes two laptops change the same record. The other version is kept here until your "
        "worker decides which one is right.",
    ),
}


def extra_sections(kind: str) -> tuple[str, str, str]:
    return _EXTRA.get(kind, (kind.replace("_", " ").capitalize(), "Record", ""))


# Fields a reader does not need: ids and sync bookkeeping (all of them are in the JSON file).
HIDDEN = frozenset({"id", "participant_id", "updated_at", "updated_by", "rev"})

LABELS: dict[str, str] = {
    "created_at": "Added to the record",
    "held_by": "Laptop holding your record (its code)",
    "from_device": "From the laptop (its code)",
    "to_device": "To the laptop (its code)",
    "made_at": "Passed on",
    "acknowledged_at": "Arrived",
    "deleted": "Deleted",
    "given_name": "First name",
    "family_name": "Family name",
    "preferred_name": "How you like to be called",
    "prison_number": "Prison number",
    "date_of_birth": "Date of birth",
    "phase": "Stage",
    "expected_release": "Expected release",
    "isolated": "Needs more frequent contact",
    "risk_notes": "Notes on risk",
    "his_words": "In your words",
    "as_goal_or_need": "As a goal or need",
    "starts_at": "When",
    "place": "Where",
    "attended": "Attended",
    "reviewed": "What we reviewed",
    "with_whom": "With",
    "service_id": "Service",
    "goal_id": "Goal",
    "step_id": "Step",
    "meeting_id": "Meeting",
    "support_person_id": "Person",
    "record_id": "Record",
    "kind_of_record": "Kind of record",
    "other_version": "The other version",
    "form": "Form",
    "saved_at": "Saved on",
    "content": "What was typed",
    "going_to": "Going to",
    "gp_registered": "Registered with a doctor",
    "id_documents": "ID documents ready",
    "what": "What",
    "why": "Why",
    "rated_on": "Date",
    "noted_on": "Date",
    "status_reason": "Why its status changed",
    "status_changed_on": "Status changed on",
    "minutes": "Minutes",
}

ENUM_COLUMNS = frozenset(
    {
        "phase", "place", "status", "horizon", "domain", "resource_kind", "kind", "role",
        "readiness", "outcome", "method", "relationship_work", "gate_meeter", "source",
        "closure_reason", "skill_area", "from_phase", "to_phase", "kind_of_record",
    }
)  # fmt: skip
