"""The choices wizards offer, in words for the practitioner, each with the value it stores."""

from __future__ import annotations

from engager_desktop.domain.enums import (
    GoalDomain,
    Horizon,
    MeetingPlace,
    QuickWinSource,
    Readiness,
    RelationshipWork,
    ResourceKind,
    StepStatus,
    StrengthKind,
)

Options = tuple[tuple[str, str], ...]
CHOOSE = ("Choose…", "")

MEETING_PLACES: Options = (
    ("In prison", MeetingPlace.PRISON.value),
    ("In the community", MeetingPlace.COMMUNITY.value),
    ("By phone", MeetingPlace.PHONE.value),
)
ATTENDED: Options = (CHOOSE, ("Yes, we met", "yes"), ("No, he missed it", "no"))
OUTCOMES: Options = (
    CHOOSE,
    ("Done", StepStatus.DONE.value),
    ("Not done", StepStatus.NOT_DONE.value),
    ("Dropped", StepStatus.DROPPED.value),
)
RESOURCE_KINDS: Options = (
    CHOOSE,
    ("Him: his own skills and strengths", ResourceKind.HIM.value),
    ("You, the practitioner", ResourceKind.PRACTITIONER.value),
    ("Another professional or service", ResourceKind.OTHER_PROFESSIONAL.value),
    ("Family or peers", ResourceKind.FAMILY_OR_PEERS.value),
)
HORIZONS: Options = (
    ("Short term: getting back on his feet", Horizon.SHORT_TERM_RECOVERY.value),
    ("Long term: keeping well", Horizon.LONG_TERM_MAINTENANCE.value),
)
DOMAINS: Options = (
    ("Housing", GoalDomain.HOUSING.value),
    ("Family and relationships", GoalDomain.FAMILY_AND_RELATIONSHIPS.value),
    ("Benefits and money", GoalDomain.BENEFITS_AND_MONEY.value),
    ("Work and learning", GoalDomain.WORK_AND_LEARNING.value),
    ("Health", GoalDomain.HEALTH.value),
    ("Drink and drugs", GoalDomain.SUBSTANCES.value),
    ("Coping with prison", GoalDomain.COPING_WITH_PRISON.value),
    ("Something else", GoalDomain.OTHER.value),
)
READINESS: Options = (
    ("Not talked about yet", ""),
    ("Not yet", Readiness.NOT_YET.value),
    ("Thinking about it", Readiness.THINKING_ABOUT_IT.value),
    ("Ready", Readiness.READY.value),
    ("Already changing", Readiness.ALREADY_CHANGING.value),
)
RELATIONSHIP_WORK: Options = (
    ("Not decided", RelationshipWork.NONE_DECIDED.value),
    ("Building relationships", RelationshipWork.BUILD.value),
    ("Keeping relationships", RelationshipWork.KEEP.value),
    ("Repairing relationships", RelationshipWork.REPAIR.value),
)
STRENGTH_KINDS: Options = (
    ("He has it", StrengthKind.HAS.value),
    ("He wants to build it", StrengthKind.WANTS.value),
)
QUICK_WIN_SOURCES: Options = (
    ("From you", QuickWinSource.PRACTITIONER.value),
    ("By himself", QuickWinSource.HIMSELF.value),
)
GATE_MEETERS: Options = (
    ("Not arranged yet", ""),
    ("A peer", "peer"),
    ("You, the practitioner", "practitioner"),
)


def shown(options: Options, value: str | None) -> str:
    """The words for a stored value (the value itself if it is not one of the options)."""
    return next((words for words, stored in options if stored == value), value or "")
