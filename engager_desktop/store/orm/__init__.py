"""ORM classes, one module per aggregate. Importing this package registers every table."""

from engager_desktop.store.orm.background import Background, ServiceContact
from engager_desktop.store.orm.base import Base, OwnedByMan, Synced
from engager_desktop.store.orm.directory import Service
from engager_desktop.store.orm.ending import EndingPlan
from engager_desktop.store.orm.meetings import Appointment, ContactLog, Meeting
from engager_desktop.store.orm.participant import Consent, Participant, PhaseChange
from engager_desktop.store.orm.people import SupportPerson
from engager_desktop.store.orm.plan import Goal, Step, StepReview
from engager_desktop.store.orm.pledge import Pledge
from engager_desktop.store.orm.practice import PracticeNote
from engager_desktop.store.orm.release import ReleasePlan
from engager_desktop.store.orm.supervision import SupervisionNote
from engager_desktop.store.orm.system import (
    AuditEvent,
    Conflict,
    Device,
    Draft,
    ImportLedger,
    SettingValue,
    VaultMeta,
)
from engager_desktop.store.orm.team import Handover
from engager_desktop.store.orm.understanding import (
    DistressRating,
    LinksMapEntry,
    PriorityProblem,
    QuickWin,
    ReadinessRating,
    Strength,
    Understanding,
)

# Synced tables in dependency order (parents before children): the order bundles write and merge.
SYNCED_MODELS: tuple[type[Synced], ...] = (
    Service,
    Participant,
    SupervisionNote,
    Consent,
    PhaseChange,
    Background,
    ServiceContact,
    Understanding,
    PriorityProblem,
    LinksMapEntry,
    Strength,
    DistressRating,
    QuickWin,
    SupportPerson,
    Goal,
    Step,
    Meeting,
    StepReview,
    ContactLog,
    Appointment,
    Pledge,
    ReleasePlan,
    EndingPlan,
    ReadinessRating,
    PracticeNote,
    Handover,
)

__all__ = [
    "SYNCED_MODELS",
    "Appointment",
    "AuditEvent",
    "Background",
    "Base",
    "Conflict",
    "Consent",
    "ContactLog",
    "Device",
    "DistressRating",
    "Draft",
    "EndingPlan",
    "Goal",
    "Handover",
    "ImportLedger",
    "LinksMapEntry",
    "Meeting",
    "OwnedByMan",
    "Participant",
    "PhaseChange",
    "Pledge",
    "PracticeNote",
    "PriorityProblem",
    "QuickWin",
    "ReadinessRating",
    "ReleasePlan",
    "Service",
    "ServiceContact",
    "SettingValue",
    "Step",
    "StepReview",
    "Strength",
    "SupervisionNote",
    "SupportPerson",
    "Synced",
    "Understanding",
    "VaultMeta",
]
