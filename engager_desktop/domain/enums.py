"""The fixed vocabularies of the Engager practice, as string enums stored by value."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """Where a man is in the intervention. These identifiers are used everywhere, CLI included."""

    ENGAGEMENT = "engagement"
    IN_PRISON = "in_prison"
    THROUGH_THE_GATE = "through_the_gate"
    IN_COMMUNITY = "in_community"
    ENDING = "ending"
    CLOSED = "closed"


class Horizon(StrEnum):
    SHORT_TERM_RECOVERY = "short_term_recovery"
    LONG_TERM_MAINTENANCE = "long_term_maintenance"


class GoalDomain(StrEnum):
    HOUSING = "housing"
    FAMILY_AND_RELATIONSHIPS = "family_and_relationships"
    BENEFITS_AND_MONEY = "benefits_and_money"
    WORK_AND_LEARNING = "work_and_learning"
    HEALTH = "health"
    SUBSTANCES = "substances"
    COPING_WITH_PRISON = "coping_with_prison"
    OTHER = "other"


class GoalStatus(StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    CHANGED = "changed"
    DROPPED = "dropped"


class ResourceKind(StrEnum):
    """The four kinds of resource a step can draw on (P14)."""

    HIM = "him"
    PRACTITIONER = "practitioner"
    OTHER_PROFESSIONAL = "other_professional"
    FAMILY_OR_PEERS = "family_or_peers"


class StepStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"
    DROPPED = "dropped"


class SkillArea(StrEnum):
    """Skills a step may build (P16); optional on a step."""

    PROBLEM_SOLVING = "problem_solving"
    LIFE_SKILLS = "life_skills"
    COPING_AND_COMMUNICATION = "coping_and_communication"
    IN_CELL_ACTIVITY = "in_cell_activity"
    DAILY_STRUCTURE = "daily_structure"


class Setting(StrEnum):
    PRISON = "prison"
    COMMUNITY = "community"


class MeetingPlace(StrEnum):
    PRISON = "prison"
    COMMUNITY = "community"
    PHONE = "phone"


class ContactMethod(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    TEXT = "text"
    LETTER = "letter"
    VIA_OTHER = "via_other"


class ConsentKind(StrEnum):
    """Kinds of sharing that need his recorded agreement (P35)."""

    CONTACT_SERVICES = "contact_services"
    SHARE_CONTACT_DETAILS = "share_contact_details"
    SHARE_WHEREABOUTS = "share_whereabouts"
    INVOLVE_FAMILY = "involve_family"
    SHARE_PLAN_WITH_SERVICE = "share_plan_with_service"


class SupportRole(StrEnum):
    FAMILY = "family"
    FRIEND = "friend"
    PEER_MENTOR = "peer_mentor"
    LISTENER = "listener"
    OTHER = "other"


class RelationshipWork(StrEnum):
    """Whether work with family is about building, keeping or repairing (P5)."""

    NONE_DECIDED = "none_decided"
    BUILD = "build"
    KEEP = "keep"
    REPAIR = "repair"


class Readiness(StrEnum):
    NOT_YET = "not_yet"
    THINKING_ABOUT_IT = "thinking_about_it"
    READY = "ready"
    ALREADY_CHANGING = "already_changing"


class ClosureReason(StrEnum):
    SIGNED_OFF = "signed_off"
    LOST_CONTACT = "lost_contact"
    WITHDREW = "withdrew"
    RECALLED_OR_TRANSFERRED = "recalled_or_transferred"
    OTHER = "other"


class SupervisionKind(StrEnum):
    TEAM = "team"
    MBA = "mba"
    META = "meta"


class ContinuingSupportKind(StrEnum):
    """The four ways support carries on after the ending (P32)."""

    MENTORING = "mentoring"
    SERVICES = "services"
    FAMILY_AND_FRIENDS = "family_and_friends"
    SELF_CARE = "self_care"


class StrengthKind(StrEnum):
    HAS = "has"
    WANTS = "wants"


class QuickWinSource(StrEnum):
    PRACTITIONER = "practitioner"
    HIMSELF = "himself"


class PracticeNoteKind(StrEnum):
    """What a practice note is about (store.orm.practice)."""

    WEEKDAYS = "weekdays"  # P27: how his days are structured in the community
    WEEKEND = "weekend"  # P27: his plan for the weekend, when services are closed
    FAMILY_SUPPORT = "family_support"  # P19: support given to his family
    ADVOCACY = "advocacy"  # P29: speaking up for him with another service
    TRAINING = "training"  # P29, P36: informal training given to another service
