"""The plain data each printed document is built from (the services layer fills these in).

Every field has a default, because a man may have nothing recorded yet: a document built from
``XInput()`` prints, with blank lines to fill in by hand where a part is missing. Lists are
tuples so that every input is frozen and hashable. Enum fields take the domain enums (plain
strings with the same values work too). Fields marked *sensitive* print only when the
practitioner ticks "include sensitive"; fields marked *contact* or *whereabouts* are left out of
a copy for others unless he has agreed to share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from engager_desktop.domain.enums import (
    GoalDomain,
    GoalStatus,
    Horizon,
    Phase,
    Readiness,
    ResourceKind,
    StepStatus,
)


@dataclass(frozen=True)
class ManSummary:
    """Who a document is for. ``preferred_name`` is how he wants to be addressed."""

    preferred_name: str | None = None  # "Mr Jones" or "Dai": printed as he asked
    prison_number: str | None = None
    establishment: str | None = None  # whereabouts while he is inside
    full_name: str | None = None  # filled in only for a copy for others, which names him fully


@dataclass(frozen=True)
class WorkerLine:
    """The practitioner, as printed on his papers (their details, never his)."""

    name: str | None = None
    phone: str | None = None
    team: str | None = None
    when_to_call: str | None = None  # e.g. "Monday to Friday, 9am to 5pm"
    crisis_line: str | None = None  # the local crisis line, name and number, as the service set it


@dataclass(frozen=True)
class StepLine:
    """One step towards a goal (P14)."""

    what: str | None = None
    resource_kind: ResourceKind | None = None  # him, practitioner, other service, family or peers
    resource_name: str | None = None  # the service or person the step draws on
    who: str | None = None  # who is responsible for doing it
    due_on: date | None = None
    before_next_session: bool = False
    status: StepStatus | None = None
    what_happened: str | None = None  # what happened and why
    quick_win: bool = False
    goal: str | None = None  # the goal it is for, where the step is printed apart from its goal


@dataclass(frozen=True)
class GoalLine:
    """A goal, in his words where he gave them, with its steps."""

    title: str | None = None
    his_words: str | None = None
    horizon: Horizon | None = None
    domain: GoalDomain | None = None
    status: GoalStatus | None = None
    steps: tuple[StepLine, ...] = ()


@dataclass(frozen=True)
class PriorityLine:
    """A problem as he names it, and the goal or need it became."""

    his_words: str | None = None
    as_goal: str | None = None


@dataclass(frozen=True)
class ServiceLine:
    """A service as printed for him: how to reach it, when it is open and what it costs (P37)."""

    name: str | None = None
    what_they_do: str | None = None
    address: str | None = None
    phone: str | None = None
    opening_hours: str | None = None
    weekend_hours: str | None = None
    out_of_hours: str | None = None
    cost: str | None = None


@dataclass(frozen=True)
class AppointmentLine:
    """An appointment in his first weeks out."""

    starts_at: datetime | None = None
    with_whom: str | None = None
    location: str | None = None  # whereabouts: where he will be at that time
    note: str | None = None


@dataclass(frozen=True)
class LinksMapLine:
    """One links map: situation, thoughts, feelings, behaviour, what came of it (P10)."""

    situation: str | None = None
    thoughts: str | None = None
    feelings: str | None = None
    behaviour: str | None = None
    outcomes: str | None = None


@dataclass(frozen=True)
class UnderstandingInput:
    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    priorities: tuple[PriorityLine, ...] = ()
    goals: tuple[GoalLine, ...] = ()
    strengths: tuple[str, ...] = ()
    skills_wanted: tuple[str, ...] = ()
    readiness: Readiness | None = None
    readiness_note: str | None = None
    quick_wins: tuple[str, ...] = ()
    doing_your_time: str | None = None
    basic_needs: str | None = None  # worries about food, a roof and company after release
    trauma: str | None = None  # sensitive
    substance_use: str | None = None  # sensitive (his copy may be read by others on the wing)
    family_restrictions: str | None = None  # sensitive
    risk_notes: str | None = None  # sensitive


@dataclass(frozen=True)
class ActionPlanInput:
    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    reviewed_on: date | None = None
    goals: tuple[GoalLine, ...] = ()


@dataclass(frozen=True)
class WorkbookInput:
    """The few steps agreed for before the next meeting (P13)."""

    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    next_meeting: datetime | date | None = None
    steps: tuple[StepLine, ...] = ()


@dataclass(frozen=True)
class PledgeInput:
    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    his_commitments: str | None = None  # one commitment per line
    worker_commitments: str | None = None  # one commitment per line
    signed_on: date | None = None


@dataclass(frozen=True)
class ReleaseInput:
    """The release plan as printed for him, "my first week" (P20-P22)."""

    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    release_date: date | None = None
    going_to: str | None = None  # whereabouts
    accommodation: str | None = None  # whereabouts
    gate_meeter_name: str | None = None
    gate_meeting_place: str | None = None  # whereabouts
    first_24_hours: str | None = None
    appointments: tuple[AppointmentLine, ...] = ()
    appointments_more: int = 0  # appointments in the window not printed (the paper says so)
    what_to_bring: str | None = None  # one item per line
    phone_number: str | None = None  # contact
    other_ways_to_reach: str | None = None  # contact
    medication: str | None = None
    gp_follow_up: str | None = None
    services: tuple[ServiceLine, ...] = ()
    # Things sorted before release; None means not yet known.
    id_documents: bool | None = None
    bank_account: bool | None = None
    benefit_claim_prepared: bool | None = None
    gp_registered: bool | None = None
    medication_arranged: bool | None = None
    phone_working: bool | None = None
    contact_restrictions: str | None = None  # sensitive


@dataclass(frozen=True)
class ServicesCardInput:
    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    services: tuple[ServiceLine, ...] = ()


@dataclass(frozen=True)
class FamilySheetInput:
    """For his family: what to expect when he comes home, where they can get support (P19)."""

    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    release_date: date | None = None
    going_to: str | None = None  # whereabouts
    phone_number: str | None = None  # contact
    services: tuple[ServiceLine, ...] = ()  # support for families
    services_more: int = 0  # services for families in the directory not printed (said on paper)


@dataclass(frozen=True)
class EndingInput:
    """His plan for after the ending: the blueprint and the support that carries on (P30-P32)."""

    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    last_meetings: str | None = None  # how the meetings taper off
    how_to_mark_it: str | None = None
    signs_to_watch: str | None = None  # one per line
    what_helps: str | None = None  # one per line
    who_to_contact: str | None = None  # one per line
    mentoring: str | None = None
    services_text: str | None = None
    family_and_friends: str | None = None
    self_care: str | None = None
    services: tuple[ServiceLine, ...] = ()
    aftercare_call_on: date | None = None


@dataclass(frozen=True)
class LinksMapInput:
    man: ManSummary = ManSummary()
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    entries: tuple[LinksMapLine, ...] = ()


@dataclass(frozen=True)
class SupervisionRow:
    """One man on the caseload, as supervision sees it (P34)."""

    name: str | None = None  # as he wants to be addressed
    phase: Phase | None = None
    days_to_release: int | None = None  # negative once released
    overdue_steps: int | None = None
    distress: tuple[int, ...] = ()  # ratings, oldest first
    sessions_held: int | None = None
    sessions_planned: int | None = None
    days_since_contact: int | None = None
    risk_flag: str | None = None  # sensitive


@dataclass(frozen=True)
class SupervisionInput:
    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()
    rows: tuple[SupervisionRow, ...] = ()
    audit_count: int | None = None  # the audit chain head: number of entries ...
    audit_head: str | None = None  # ... and the hash of the last one


@dataclass(frozen=True)
class ExplainerInput:
    """The one-page "what Engager does and does not do" for other services (P36)."""

    printed_on: date | None = None
    worker: WorkerLine = WorkerLine()


@dataclass(frozen=True)
class RecoveryInput:
    """The vault recovery sheet. The code is shown once: it cannot be read back from the vault."""

    printed_on: date | None = None
    code: str | None = None  # "123456-234567-…", 8 groups of 6 digits
    vault_id: str | None = None
