"""The words of the subject access document: section titles, intros, field labels.

Marked for the catalogue here and put in the language in use where the PDF is made; the JSON
file keeps the field names.
"""

from __future__ import annotations

from engager_desktop.i18n import N_

RECORD = N_("Doc.SubjectAccess", "Record")

# Per kind of record: (section title, what one record is called, one sentence on what it holds).
SECTIONS: dict[str, tuple[str, str, str]] = {
    "participants": (
        N_("Doc.SubjectAccess", "About you"),
        N_("Doc.SubjectAccess", "Your details"),
        N_(
            "Doc.SubjectAccess",
            "Your name, how you like to be called, your prison details and your stage with "
            "Engager.",
        ),
    ),
    "consents": (
        N_("Doc.SubjectAccess", "What you agreed we may share"),
        N_("Doc.SubjectAccess", "Agreement"),
        N_(
            "Doc.SubjectAccess",
            "Each time you said yes or no to us sharing something, and with whom.",
        ),
    ),
    "phase_changes": (
        N_("Doc.SubjectAccess", "Your stages with Engager"),
        N_("Doc.SubjectAccess", "Change of stage"),
        N_("Doc.SubjectAccess", "When your support moved from one stage to the next, and why."),
    ),
    "backgrounds": (
        N_("Doc.SubjectAccess", "Your background"),
        N_("Doc.SubjectAccess", "Background"),
        N_(
            "Doc.SubjectAccess",
            "What you told us about your life, family, health and past services. Some of this is "
            "sensitive.",
        ),
    ),
    "service_contacts": (
        N_("Doc.SubjectAccess", "Services you have been in touch with"),
        N_("Doc.SubjectAccess", "Service"),
        N_("Doc.SubjectAccess", "Services you know or were referred to, and what came of it."),
    ),
    "understandings": (
        N_("Doc.SubjectAccess", "Our shared understanding"),
        N_("Doc.SubjectAccess", "Shared understanding"),
        N_(
            "Doc.SubjectAccess",
            "How ready you felt to make changes, and what you hoped for by the end.",
        ),
    ),
    "priority_problems": (
        N_("Doc.SubjectAccess", "What matters most to you"),
        N_("Doc.SubjectAccess", "Problem"),
        N_(
            "Doc.SubjectAccess", "The problems you named, in your words, and the goals they became."
        ),
    ),
    "links_map_entries": (
        N_("Doc.SubjectAccess", "Links between situations, thoughts and feelings"),
        N_("Doc.SubjectAccess", "Entry"),
        N_(
            "Doc.SubjectAccess",
            "The links we mapped together between what happened, what you thought and felt, and "
            "what you did.",
        ),
    ),
    "strengths": (
        N_("Doc.SubjectAccess", "Your strengths and skills"),
        N_("Doc.SubjectAccess", "Strength"),
        N_("Doc.SubjectAccess", "Strengths you have or want to build."),
    ),
    "distress_ratings": (
        N_("Doc.SubjectAccess", "How you were feeling"),
        N_("Doc.SubjectAccess", "Rating"),
        N_(
            "Doc.SubjectAccess",
            "How distressed you felt, from 0 (not at all) to 10 (the worst), rated together.",
        ),
    ),
    "quick_wins": (
        N_("Doc.SubjectAccess", "Quick wins"),
        N_("Doc.SubjectAccess", "Quick win"),
        N_("Doc.SubjectAccess", "Small things that went well early on."),
    ),
    "support_people": (
        N_("Doc.SubjectAccess", "People around you"),
        N_("Doc.SubjectAccess", "Person"),
        N_(
            "Doc.SubjectAccess",
            "Family, friends and others who support you, and any limits on contact.",
        ),
    ),
    "goals": (
        N_("Doc.SubjectAccess", "Your goals"),
        N_("Doc.SubjectAccess", "Goal"),
        N_("Doc.SubjectAccess", "The goals you set."),
    ),
    "steps": (
        N_("Doc.SubjectAccess", "Steps towards your goals"),
        N_("Doc.SubjectAccess", "Step"),
        N_("Doc.SubjectAccess", "Who does what, and by when."),
    ),
    "meetings": (
        N_("Doc.SubjectAccess", "Our meetings"),
        N_("Doc.SubjectAccess", "Meeting"),
        N_("Doc.SubjectAccess", "Each meeting with you, held or missed, and our notes."),
    ),
    "step_reviews": (
        N_("Doc.SubjectAccess", "How the steps went"),
        N_("Doc.SubjectAccess", "Review"),
        N_("Doc.SubjectAccess", "At a meeting, whether a step was done, and why or why not."),
    ),
    "contact_logs": (
        N_("Doc.SubjectAccess", "Other contacts"),
        N_("Doc.SubjectAccess", "Contact"),
        N_("Doc.SubjectAccess", "Calls, texts and other attempts to reach you."),
    ),
    "appointments": (
        N_("Doc.SubjectAccess", "Appointments with other services"),
        N_("Doc.SubjectAccess", "Appointment"),
        N_("Doc.SubjectAccess", "Appointments with other services that we helped you keep."),
    ),
    "pledges": (
        N_("Doc.SubjectAccess", "Your pledge"),
        N_("Doc.SubjectAccess", "Pledge"),
        N_("Doc.SubjectAccess", "What you and your worker agreed to do."),
    ),
    "release_plans": (
        N_("Doc.SubjectAccess", "Your release plan"),
        N_("Doc.SubjectAccess", "Release plan"),
        N_(
            "Doc.SubjectAccess",
            "Plans for your release: where you would go, money, your doctor and your first days.",
        ),
    ),
    "ending_plans": (
        N_("Doc.SubjectAccess", "Planning the end of support"),
        N_("Doc.SubjectAccess", "Ending plan"),
        N_(
            "Doc.SubjectAccess", "How support would end, and your plan for staying well afterwards."
        ),
    ),
    "readiness_ratings": (
        N_("Doc.SubjectAccess", "How ready you felt to make changes, over time"),
        N_("Doc.SubjectAccess", "Rating"),
        N_(
            "Doc.SubjectAccess",
            "Each time we talked about how ready you felt to make changes, and what you said.",
        ),
    ),
    "practice_notes": (
        N_("Doc.SubjectAccess", "Your days, your family and other services"),
        N_("Doc.SubjectAccess", "Note"),
        N_(
            "Doc.SubjectAccess",
            "Plans for your days and weekends, support we gave your family, and what we did with "
            "other services for you.",
        ),
    ),
    "handovers": (
        N_("Doc.SubjectAccess", "Moving your record to another worker's laptop"),
        N_("Doc.SubjectAccess", "Handover"),
        N_(
            "Doc.SubjectAccess",
            "When your record was passed from one worker's laptop to another's, and when it "
            "arrived.",
        ),
    ),
}

_EXTRA: dict[str, tuple[str, str, str]] = {
    "drafts": (
        N_("Doc.SubjectAccess", "Forms not yet saved"),
        N_("Doc.SubjectAccess", "Unsaved form"),
        N_("Doc.SubjectAccess", "What was typed into a form on this laptop but not yet saved."),
    ),
    "conflicts": (
        N_("Doc.SubjectAccess", "Other versions waiting for review"),
        N_("Doc.SubjectAccess", "Other version"),
        N_(
            "Doc.SubjectAccess",
            "Sometimes two laptops change the same record. The other version is kept here until "
            "your worker decides which one is right.",
        ),
    ),
}


def extra_sections(kind: str) -> tuple[str, str, str]:
    return _EXTRA.get(kind, (kind.replace("_", " ").capitalize(), RECORD, ""))


# Fields a reader does not need: ids and sync bookkeeping (all of them are in the JSON file).
HIDDEN = frozenset({"id", "participant_id", "updated_at", "updated_by", "rev"})

LABELS: dict[str, str] = {
    "created_at": N_("Doc.SubjectAccess", "Added to the record"),
    "held_by": N_("Doc.SubjectAccess", "Laptop holding your record (its code)"),
    "from_device": N_("Doc.SubjectAccess", "From the laptop (its code)"),
    "to_device": N_("Doc.SubjectAccess", "To the laptop (its code)"),
    "made_at": N_("Doc.SubjectAccess", "Passed on"),
    "acknowledged_at": N_("Doc.SubjectAccess", "Arrived"),
    "deleted": N_("Doc.SubjectAccess", "Deleted"),
    "given_name": N_("Doc.SubjectAccess", "First name"),
    "family_name": N_("Doc.SubjectAccess", "Family name"),
    "preferred_name": N_("Doc.SubjectAccess", "How you like to be called"),
    "prison_number": N_("Doc.SubjectAccess", "Prison number"),
    "date_of_birth": N_("Doc.SubjectAccess", "Date of birth"),
    "phase": N_("Doc.SubjectAccess", "Stage"),
    "expected_release": N_("Doc.SubjectAccess", "Expected release"),
    "isolated": N_("Doc.SubjectAccess", "Needs more frequent contact"),
    "risk_notes": N_("Doc.SubjectAccess", "Notes on risk"),
    "his_words": N_("Doc.SubjectAccess", "In your words"),
    "as_goal_or_need": N_("Doc.SubjectAccess", "As a goal or need"),
    "starts_at": N_("Doc.SubjectAccess", "When"),
    "place": N_("Doc.SubjectAccess", "Where"),
    "attended": N_("Doc.SubjectAccess", "Attended"),
    "reviewed": N_("Doc.SubjectAccess", "What we reviewed"),
    "with_whom": N_("Doc.SubjectAccess", "With"),
    "service_id": N_("Doc.SubjectAccess", "Service"),
    "goal_id": N_("Doc.SubjectAccess", "Goal"),
    "step_id": N_("Doc.SubjectAccess", "Step"),
    "meeting_id": N_("Doc.SubjectAccess", "Meeting"),
    "support_person_id": N_("Doc.SubjectAccess", "Person"),
    "record_id": N_("Doc.SubjectAccess", "Record"),
    "kind_of_record": N_("Doc.SubjectAccess", "Kind of record"),
    "other_version": N_("Doc.SubjectAccess", "The other version"),
    "form": N_("Doc.SubjectAccess", "Form"),
    "saved_at": N_("Doc.SubjectAccess", "Saved on"),
    "content": N_("Doc.SubjectAccess", "What was typed"),
    "going_to": N_("Doc.SubjectAccess", "Going to"),
    "gp_registered": N_("Doc.SubjectAccess", "Registered with a doctor"),
    "id_documents": N_("Doc.SubjectAccess", "ID documents ready"),
    "what": N_("Doc.SubjectAccess", "What"),
    "why": N_("Doc.SubjectAccess", "Why"),
    "rated_on": N_("Doc.SubjectAccess", "Date"),
    "noted_on": N_("Doc.SubjectAccess", "Date"),
    "status_reason": N_("Doc.SubjectAccess", "Why its status changed"),
    "status_changed_on": N_("Doc.SubjectAccess", "Status changed on"),
    "minutes": N_("Doc.SubjectAccess", "Minutes"),
    "accommodation": N_("Doc.SubjectAccess", "Accommodation"),
    "accommodation_confirmed": N_("Doc.SubjectAccess", "Accommodation confirmed"),
    "achieved_on": N_("Doc.SubjectAccess", "Achieved on"),
    "aftercare_call_on": N_("Doc.SubjectAccess", "Aftercare call on"),
    "at": N_("Doc.SubjectAccess", "At"),
    "bank_account": N_("Doc.SubjectAccess", "Bank account"),
    "basic_needs_worries": N_("Doc.SubjectAccess", "Basic needs worries"),
    "before_next_session": N_("Doc.SubjectAccess", "Before next session"),
    "behaviour": N_("Doc.SubjectAccess", "Behaviour"),
    "benefit_claim_prepared": N_("Doc.SubjectAccess", "Benefit claim prepared"),
    "changed_on": N_("Doc.SubjectAccess", "Changed on"),
    "children": N_("Doc.SubjectAccess", "Children"),
    "closed_on": N_("Doc.SubjectAccess", "Closed on"),
    "closing_note": N_("Doc.SubjectAccess", "Closing note"),
    "closure_reason": N_("Doc.SubjectAccess", "Closure reason"),
    "consent_to_involve": N_("Doc.SubjectAccess", "Consent to involve"),
    "contact_restrictions": N_("Doc.SubjectAccess", "Contact restrictions"),
    "detected_at": N_("Doc.SubjectAccess", "Detected at"),
    "discharge_letter": N_("Doc.SubjectAccess", "Discharge letter"),
    "distress": N_("Doc.SubjectAccess", "Distress"),
    "doing_your_time": N_("Doc.SubjectAccess", "Doing your time"),
    "domain": N_("Doc.SubjectAccess", "Domain"),
    "due_on": N_("Doc.SubjectAccess", "Due on"),
    "establishment": N_("Doc.SubjectAccess", "Establishment"),
    "ethnicity": N_("Doc.SubjectAccess", "Ethnicity"),
    "excluded": N_("Doc.SubjectAccess", "Excluded"),
    "exclusion_reason": N_("Doc.SubjectAccess", "Exclusion reason"),
    "existing_assessments": N_("Doc.SubjectAccess", "Existing assessments"),
    "expectations": N_("Doc.SubjectAccess", "Expectations"),
    "faith": N_("Doc.SubjectAccess", "Faith"),
    "family_and_friends": N_("Doc.SubjectAccess", "Family and friends"),
    "family_context": N_("Doc.SubjectAccess", "Family context"),
    "family_meeting_held": N_("Doc.SubjectAccess", "Family meeting held"),
    "family_meeting_note": N_("Doc.SubjectAccess", "Family meeting note"),
    "family_worries": N_("Doc.SubjectAccess", "Family worries"),
    "feelings": N_("Doc.SubjectAccess", "Feelings"),
    "first_24_hours": N_("Doc.SubjectAccess", "First 24 hours"),
    "first_week_appointments": N_("Doc.SubjectAccess", "First week appointments"),
    "follow_up": N_("Doc.SubjectAccess", "Follow up"),
    "from_phase": N_("Doc.SubjectAccess", "From phase"),
    "gate_meeter": N_("Doc.SubjectAccess", "Gate meeter"),
    "gate_meeter_name": N_("Doc.SubjectAccess", "Gate meeter name"),
    "gate_meeting_place": N_("Doc.SubjectAccess", "Gate meeting place"),
    "gender": N_("Doc.SubjectAccess", "Gender"),
    "given": N_("Doc.SubjectAccess", "Given"),
    "gp_follow_up": N_("Doc.SubjectAccess", "Gp follow up"),
    "helpful": N_("Doc.SubjectAccess", "Helpful"),
    "his_commitments": N_("Doc.SubjectAccess", "His commitments"),
    "hopes_for_ending": N_("Doc.SubjectAccess", "Hopes for ending"),
    "horizon": N_("Doc.SubjectAccess", "Horizon"),
    "how_to_mark_it": N_("Doc.SubjectAccess", "How to mark it"),
    "kind": N_("Doc.SubjectAccess", "Kind"),
    "life_story": N_("Doc.SubjectAccess", "Life story"),
    "location": N_("Doc.SubjectAccess", "Location"),
    "medication": N_("Doc.SubjectAccess", "Medication"),
    "medication_arranged": N_("Doc.SubjectAccess", "Medication arranged"),
    "meets_at_gate": N_("Doc.SubjectAccess", "Meets at gate"),
    "mentoring": N_("Doc.SubjectAccess", "Mentoring"),
    "method": N_("Doc.SubjectAccess", "Method"),
    "name": N_("Doc.SubjectAccess", "Name"),
    "note": N_("Doc.SubjectAccess", "Note"),
    "notes": N_("Doc.SubjectAccess", "Notes"),
    "other_ways_to_reach": N_("Doc.SubjectAccess", "Other ways to reach"),
    "outcome": N_("Doc.SubjectAccess", "Outcome"),
    "outcomes": N_("Doc.SubjectAccess", "Outcomes"),
    "peer_mentor_interest": N_("Doc.SubjectAccess", "Peer mentor interest"),
    "phone": N_("Doc.SubjectAccess", "Phone"),
    "phone_number": N_("Doc.SubjectAccess", "Phone number"),
    "phone_working": N_("Doc.SubjectAccess", "Phone working"),
    "planned_end": N_("Doc.SubjectAccess", "Planned end"),
    "planned_sessions": N_("Doc.SubjectAccess", "Planned sessions"),
    "practitioner_commitments": N_("Doc.SubjectAccess", "Practitioner commitments"),
    "previous_experiences": N_("Doc.SubjectAccess", "Previous experiences"),
    "printed_on": N_("Doc.SubjectAccess", "Printed on"),
    "purpose": N_("Doc.SubjectAccess", "Purpose"),
    "quick_win": N_("Doc.SubjectAccess", "Quick win"),
    "reached_him": N_("Doc.SubjectAccess", "Reached him"),
    "readiness": N_("Doc.SubjectAccess", "Readiness"),
    "readiness_note": N_("Doc.SubjectAccess", "Readiness note"),
    "reason": N_("Doc.SubjectAccess", "Reason"),
    "recorded_on": N_("Doc.SubjectAccess", "Recorded on"),
    "referral_made": N_("Doc.SubjectAccess", "Referral made"),
    "relationship": N_("Doc.SubjectAccess", "Relationship"),
    "relationship_work": N_("Doc.SubjectAccess", "Relationship work"),
    "relationships_help": N_("Doc.SubjectAccess", "Relationships help"),
    "release_date": N_("Doc.SubjectAccess", "Release date"),
    "reminder_given": N_("Doc.SubjectAccess", "Reminder given"),
    "resolved_at": N_("Doc.SubjectAccess", "Resolved at"),
    "resource_kind": N_("Doc.SubjectAccess", "Resource kind"),
    "responsible": N_("Doc.SubjectAccess", "Responsible"),
    "restrictions_checked_on": N_("Doc.SubjectAccess", "Restrictions checked on"),
    "role": N_("Doc.SubjectAccess", "Role"),
    "score": N_("Doc.SubjectAccess", "Score"),
    "self_care": N_("Doc.SubjectAccess", "Self care"),
    "service_name": N_("Doc.SubjectAccess", "Service name"),
    "services": N_("Doc.SubjectAccess", "Services"),
    "services_met_inside": N_("Doc.SubjectAccess", "Services met inside"),
    "set_on": N_("Doc.SubjectAccess", "Set on"),
    "signed_off_in_person": N_("Doc.SubjectAccess", "Signed off in person"),
    "signed_off_on": N_("Doc.SubjectAccess", "Signed off on"),
    "signed_on": N_("Doc.SubjectAccess", "Signed on"),
    "signs_to_watch": N_("Doc.SubjectAccess", "Signs to watch"),
    "situation": N_("Doc.SubjectAccess", "Situation"),
    "skill_area": N_("Doc.SubjectAccess", "Skill area"),
    "source": N_("Doc.SubjectAccess", "Source"),
    "status": N_("Doc.SubjectAccess", "Status"),
    "still_involved": N_("Doc.SubjectAccess", "Still involved"),
    "substance_links": N_("Doc.SubjectAccess", "Substance links"),
    "substance_use": N_("Doc.SubjectAccess", "Substance use"),
    "support_in_place_checked": N_("Doc.SubjectAccess", "Support in place checked"),
    "tapering": N_("Doc.SubjectAccess", "Tapering"),
    "text": N_("Doc.SubjectAccess", "Text"),
    "thoughts": N_("Doc.SubjectAccess", "Thoughts"),
    "title": N_("Doc.SubjectAccess", "Title"),
    "to_phase": N_("Doc.SubjectAccess", "To phase"),
    "told_sentence_unaffected": N_("Doc.SubjectAccess", "Told sentence unaffected"),
    "trauma": N_("Doc.SubjectAccess", "Trauma"),
    "travel_minutes": N_("Doc.SubjectAccess", "Travel minutes"),
    "wanted": N_("Doc.SubjectAccess", "Wanted"),
    "what_happened": N_("Doc.SubjectAccess", "What happened"),
    "what_helps": N_("Doc.SubjectAccess", "What helps"),
    "what_to_bring": N_("Doc.SubjectAccess", "What to bring"),
    "when": N_("Doc.SubjectAccess", "When"),
    "who_to_contact": N_("Doc.SubjectAccess", "Who to contact"),
}

ENUM_COLUMNS = frozenset(
    {
        "phase", "place", "status", "horizon", "domain", "resource_kind", "kind", "role",
        "readiness", "outcome", "method", "relationship_work", "gate_meeter", "source",
        "closure_reason", "skill_area", "from_phase", "to_phase", "kind_of_record",
    }
)  # fmt: skip


# The values of the fixed vocabularies, in plain words (the values of phase, horizon, domain,
# readiness and resource kind print in the documents' own words).
ENUM_WORDS: dict[str, str] = {
    "achieved": N_("Doc.SubjectAccess", "achieved"),
    "advocacy": N_("Doc.SubjectAccess", "advocacy"),
    "build": N_("Doc.SubjectAccess", "build"),
    "changed": N_("Doc.SubjectAccess", "changed"),
    "community": N_("Doc.SubjectAccess", "community"),
    "contact_services": N_("Doc.SubjectAccess", "contact services"),
    "coping_and_communication": N_("Doc.SubjectAccess", "coping and communication"),
    "daily_structure": N_("Doc.SubjectAccess", "daily structure"),
    "done": N_("Doc.SubjectAccess", "done"),
    "dropped": N_("Doc.SubjectAccess", "dropped"),
    "family": N_("Doc.SubjectAccess", "family"),
    "family_and_friends": N_("Doc.SubjectAccess", "family and friends"),
    "family_support": N_("Doc.SubjectAccess", "family support"),
    "friend": N_("Doc.SubjectAccess", "friend"),
    "has": N_("Doc.SubjectAccess", "has"),
    "himself": N_("Doc.SubjectAccess", "himself"),
    "in_cell_activity": N_("Doc.SubjectAccess", "in cell activity"),
    "in_person": N_("Doc.SubjectAccess", "in person"),
    "involve_family": N_("Doc.SubjectAccess", "involve family"),
    "keep": N_("Doc.SubjectAccess", "keep"),
    "letter": N_("Doc.SubjectAccess", "letter"),
    "life_skills": N_("Doc.SubjectAccess", "life skills"),
    "listener": N_("Doc.SubjectAccess", "listener"),
    "lost_contact": N_("Doc.SubjectAccess", "lost contact"),
    "mba": N_("Doc.SubjectAccess", "mba"),
    "mentoring": N_("Doc.SubjectAccess", "mentoring"),
    "meta": N_("Doc.SubjectAccess", "meta"),
    "none_decided": N_("Doc.SubjectAccess", "none decided"),
    "not_done": N_("Doc.SubjectAccess", "not done"),
    "open": N_("Doc.SubjectAccess", "open"),
    "other": N_("Doc.SubjectAccess", "other"),
    "peer_mentor": N_("Doc.SubjectAccess", "peer mentor"),
    "phone": N_("Doc.SubjectAccess", "phone"),
    "practitioner": N_("Doc.SubjectAccess", "practitioner"),
    "prison": N_("Doc.SubjectAccess", "prison"),
    "problem_solving": N_("Doc.SubjectAccess", "problem solving"),
    "recalled_or_transferred": N_("Doc.SubjectAccess", "recalled or transferred"),
    "repair": N_("Doc.SubjectAccess", "repair"),
    "self_care": N_("Doc.SubjectAccess", "self care"),
    "services": N_("Doc.SubjectAccess", "services"),
    "share_contact_details": N_("Doc.SubjectAccess", "share contact details"),
    "share_plan_with_service": N_("Doc.SubjectAccess", "share plan with service"),
    "share_whereabouts": N_("Doc.SubjectAccess", "share whereabouts"),
    "signed_off": N_("Doc.SubjectAccess", "signed off"),
    "team": N_("Doc.SubjectAccess", "team"),
    "text": N_("Doc.SubjectAccess", "text"),
    "training": N_("Doc.SubjectAccess", "training"),
    "via_other": N_("Doc.SubjectAccess", "via other"),
    "wants": N_("Doc.SubjectAccess", "wants"),
    "weekdays": N_("Doc.SubjectAccess", "weekdays"),
    "weekend": N_("Doc.SubjectAccess", "weekend"),
    "withdrew": N_("Doc.SubjectAccess", "withdrew"),
}
