"""The bundle's record formats: which fields each synced table carries in each format version.

Kept apart from the database schema on purpose: a migration changes the tables, a format version
changes what travels. Format 1.0 is what every bundle held before format versions existed (the
synced tables of schema revision 0005). A minor version only adds (a field, with the value older
bundles' records take, or a table); every 1.x reader reads every 1.x bundle, keeping what it does
not know and passing it on. A change that is not an addition needs a new major version, which older
builds refuse whole. The recipe for adding a field is in docs/bundle-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

MAJOR = 1
LABEL = "engager-bundle/"


@dataclass(frozen=True)
class Added:
    """A field a format version adds to a table, and the value records of older formats take."""

    table: str
    field: str
    default: Any  # a JSON value that passes the field's checks (usually None or "")


@dataclass(frozen=True)
class Version:
    minor: int
    schema: str  # the schema revision whose synced tables this version describes
    fields: tuple[Added, ...] = ()
    tables: tuple[tuple[str, str], ...] = ()  # new tables: (name, its fields, space-separated)


@dataclass(frozen=True)
class Formats:
    """One build's format versions, oldest first (tests make others to play older or newer
    builds)."""

    base: tuple[tuple[str, str], ...]  # format 1.0: (table, its fields, space-separated)
    versions: tuple[Version, ...]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    def label(self) -> str:
        return label(MAJOR, self.current.minor)


# Format 1.0: the synced tables, in the order bundles carry them (parents before children).
FORMAT_1_0: dict[str, str] = {
    "services": (
        "address area cost_to_him created_at deleted does does_not email id kind "
        "last_verified name opening_hours out_of_hours phone referral_agreement "
        "referral_route rev setting updated_at updated_by weekend_hours"
    ),
    "participants": (
        "closure_reason created_at date_of_birth deleted establishment ethnicity "
        "expected_release faith family_name gender given_name id isolated notes phase "
        "planned_end planned_sessions preferred_name prison_number rev risk_notes updated_at "
        "updated_by"
    ),
    "supervision_notes": (
        "actions cases_discussed created_at deleted held_on id kind reflections rev risk "
        "updated_at updated_by"
    ),
    "consents": (
        "created_at deleted given id kind note participant_id recorded_on rev service_id "
        "updated_at updated_by"
    ),
    "phase_changes": (
        "changed_on created_at deleted from_phase id participant_id reason rev to_phase "
        "updated_at updated_by"
    ),
    "backgrounds": (
        "basic_needs_worries children contact_restrictions created_at deleted doing_your_time "
        "existing_assessments expectations family_context family_worries id life_story "
        "participant_id previous_experiences relationship_work relationships_help "
        "restrictions_checked_on rev substance_links substance_use told_sentence_unaffected "
        "trauma updated_at updated_by"
    ),
    "service_contacts": (
        "created_at deleted excluded exclusion_reason id outcome participant_id referral_made "
        "rev service_id service_name still_involved updated_at updated_by when"
    ),
    "understandings": (
        "created_at deleted hopes_for_ending id participant_id readiness readiness_note rev "
        "updated_at updated_by"
    ),
    "priority_problems": (
        "as_goal_or_need created_at deleted goal_id his_words id participant_id rev "
        "updated_at updated_by"
    ),
    "links_map_entries": (
        "behaviour created_at deleted feelings id outcomes participant_id recorded_on rev "
        "situation thoughts updated_at updated_by"
    ),
    "strengths": "created_at deleted id kind participant_id rev text updated_at updated_by",
    "distress_ratings": (
        "created_at deleted id meeting_id note participant_id rated_on rev score updated_at "
        "updated_by"
    ),
    "quick_wins": (
        "achieved_on created_at deleted id participant_id rev source text updated_at updated_by"
    ),
    "support_people": (
        "consent_to_involve contact_restrictions created_at deleted helpful id meets_at_gate "
        "name notes participant_id phone relationship rev role updated_at updated_by"
    ),
    "goals": (
        "created_at deleted domain his_words horizon id participant_id rev set_on status "
        "title updated_at updated_by"
    ),
    "steps": (
        "before_next_session closed_on created_at deleted due_on goal_id id participant_id "
        "quick_win resource_kind responsible rev service_id skill_area status "
        "support_person_id updated_at updated_by what what_happened"
    ),
    "meetings": (
        "attended created_at deleted distress follow_up id location notes participant_id "
        "place rev reviewed starts_at updated_at updated_by"
    ),
    "step_reviews": (
        "created_at deleted id meeting_id outcome participant_id rev step_id updated_at "
        "updated_by why"
    ),
    "contact_logs": (
        "at created_at deleted id method note participant_id purpose reached_him rev "
        "updated_at updated_by"
    ),
    "appointments": (
        "attended created_at deleted id location minutes note participant_id reminder_given "
        "rev service_id starts_at travel_minutes updated_at updated_by with_whom"
    ),
    "pledges": (
        "created_at deleted his_commitments id participant_id practitioner_commitments "
        "printed_on rev signed_on updated_at updated_by wanted"
    ),
    "release_plans": (
        "accommodation accommodation_confirmed bank_account benefit_claim_prepared created_at "
        "deleted discharge_letter family_meeting_held family_meeting_note first_24_hours "
        "first_week_appointments gate_meeter gate_meeter_name gate_meeting_place going_to "
        "gp_follow_up gp_registered id id_documents medication medication_arranged "
        "other_ways_to_reach participant_id phone_number phone_working release_date rev "
        "services_met_inside updated_at updated_by what_to_bring"
    ),
    "ending_plans": (
        "aftercare_call_on closing_note created_at deleted family_and_friends how_to_mark_it "
        "id mentoring participant_id peer_mentor_interest rev self_care services "
        "signed_off_in_person signed_off_on signs_to_watch support_in_place_checked tapering "
        "updated_at updated_by what_helps who_to_contact"
    ),
}

# Add a new version here (never change an old one): see docs/bundle-format.md.
VERSIONS: tuple[Version, ...] = (
    Version(0, "0005"),
    # 1.1 adds the fields and tables below; its bundles may also carry what a 1.0 reader (commit
    # c8efe6f, which wants exactly its own keys) cannot read: the manifest's ``sent_before``
    # (per-receiver gaps), the manifest's ``audit.earlier`` (audit anchoring) and a line's "s"
    # key (per-field clock stamps, with the field-level merge). From 1.1 on, a reader ignores
    # the keys a newer minor adds to the manifest and to lines (docs/bundle-format.md).
    Version(
        1,
        "0009",
        fields=(
            Added("goals", "status_reason", None),
            Added("goals", "status_changed_on", None),
            Added("meetings", "minutes", None),
        ),
        tables=(
            (
                "readiness_ratings",
                "created_at deleted id meeting_id note participant_id rated_on readiness rev "
                "updated_at updated_by",
            ),
            (
                "practice_notes",
                "created_at deleted id kind noted_on participant_id rev updated_at updated_by "
                "what with_whom",
            ),
        ),
    ),
    # 1.2: who holds each man, and handovers between laptops (docs/sync.md). A record of an older
    # bundle has no holder recorded (None); the caseload shows "not recorded".
    Version(
        2,
        "0010",
        fields=(Added("participants", "held_by", None),),
        tables=(
            (
                "handovers",
                "acknowledged_at created_at deleted from_device id made_at participant_id rev "
                "to_device updated_at updated_by",
            ),
        ),
    ),
    # 1.3: his preferred language for the papers he keeps (issue #19). A record of an older bundle
    # has none recorded (None), which prints in English.
    Version(3, "0012", fields=(Added("participants", "document_language", None),)),
)

FORMATS = Formats(tuple(FORMAT_1_0.items()), VERSIONS)


def label(major: int, minor: int) -> str:
    """The manifest's ``format``: ``engager-bundle/1`` for 1.0, ``engager-bundle/1.2`` for 1.2."""
    return f"{LABEL}{major}" if minor == 0 else f"{LABEL}{major}.{minor}"


@cache
def fields(formats: Formats, minor: int) -> dict[str, tuple[str, ...]]:
    """Every table of format 1.``minor`` with its fields in sorted order."""
    out = {table: set(names.split()) for table, names in formats.base}
    for version in formats.versions[1 : minor + 1]:
        for table, names in version.tables:
            out[table] = set(names.split())
        for added in version.fields:
            out[added.table].add(added.field)
    return {table: tuple(sorted(names)) for table, names in out.items()}


@cache
def defaults_after(formats: Formats, minor: int) -> dict[str, dict[str, Any]]:
    """Per table: the fields the current version has that a 1.``minor`` bundle lacks, with the
    value its records take."""
    out: dict[str, dict[str, Any]] = {}
    for version in formats.versions[minor + 1 :]:
        for added in version.fields:
            out.setdefault(added.table, {})[added.field] = added.default
    return out


def check(formats: Formats) -> None:
    """Raise ValueError when a list of versions breaks the rules: numbered 0, 1, 2 ...; 1.0 adds
    nothing; later versions only add, a field to a table that exists and does not have it."""
    for number, version in enumerate(formats.versions):
        if version.minor != number:
            raise ValueError(f"format 1.{number} is numbered {version.minor}")
        if number == 0 and (version.fields or version.tables):
            raise ValueError("format 1.0 is the base: it adds nothing")
        known = fields(formats, number - 1) if number else {}
        for table, _names in version.tables:
            if table in known:
                raise ValueError(f"format 1.{number} adds {table}, which exists")
        present = {**known, **{t: tuple(n.split()) for t, n in version.tables}}
        for added in version.fields:
            if added.table not in present:
                raise ValueError(f"format 1.{number} adds a field to unknown {added.table}")
            if added.field in present[added.table]:
                raise ValueError(f"format 1.{number} adds {added.table}.{added.field} again")


def tables(formats: Formats) -> Mapping[str, tuple[str, ...]]:
    """The current version's tables and fields."""
    return fields(formats, formats.current.minor)
