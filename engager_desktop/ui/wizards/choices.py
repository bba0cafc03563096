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
from engager_desktop.i18n import N_, tr

Options = tuple[tuple[str, str], ...]
CHOOSE = (N_("Wizard", "Choose…"), "")

MEETING_PLACES: Options = (
    (N_("Wizard", "In prison"), MeetingPlace.PRISON.value),
    (N_("Wizard", "In the community"), MeetingPlace.COMMUNITY.value),
    (N_("Wizard", "By phone"), MeetingPlace.PHONE.value),
)
ATTENDED: Options = (
    CHOOSE,
    (N_("Wizard", "Yes, we met"), "yes"),
    (N_("Wizard", "No, he missed it"), "no"),
)
OUTCOMES: Options = (
    CHOOSE,
    (N_("Wizard", "Done"), StepStatus.DONE.value),
    (N_("Wizard", "Not done"), StepStatus.NOT_DONE.value),
    (N_("Wizard", "Dropped"), StepStatus.DROPPED.value),
)
RESOURCE_KINDS: Options = (
    CHOOSE,
    (N_("Wizard", "Him: his own skills and strengths"), ResourceKind.HIM.value),
    (N_("Wizard", "You, the practitioner"), ResourceKind.PRACTITIONER.value),
    (N_("Wizard", "Another professional or service"), ResourceKind.OTHER_PROFESSIONAL.value),
    (N_("Wizard", "Family or peers"), ResourceKind.FAMILY_OR_PEERS.value),
)
HORIZONS: Options = (
    (N_("Wizard", "Short term: getting back on his feet"), Horizon.SHORT_TERM_RECOVERY.value),
    (N_("Wizard", "Long term: keeping well"), Horizon.LONG_TERM_MAINTENANCE.value),
)
DOMAINS: Options = (
    (N_("Wizard", "Housing"), GoalDomain.HOUSING.value),
    (N_("Wizard", "Family and relationships"), GoalDomain.FAMILY_AND_RELATIONSHIPS.value),
    (N_("Wizard", "Benefits and money"), GoalDomain.BENEFITS_AND_MONEY.value),
    (N_("Wizard", "Work and learning"), GoalDomain.WORK_AND_LEARNING.value),
    (N_("Wizard", "Health"), GoalDomain.HEALTH.value),
    (N_("Wizard", "Drink and drugs"), GoalDomain.SUBSTANCES.value),
    (N_("Wizard", "Coping with prison"), GoalDomain.COPING_WITH_PRISON.value),
    (N_("Wizard", "Something else"), GoalDomain.OTHER.value),
)
READINESS: Options = (
    (N_("Wizard", "Not talked about yet"), ""),
    (N_("Wizard", "Not yet"), Readiness.NOT_YET.value),
    (N_("Wizard", "Thinking about it"), Readiness.THINKING_ABOUT_IT.value),
    (N_("Wizard", "Ready"), Readiness.READY.value),
    (N_("Wizard", "Already changing"), Readiness.ALREADY_CHANGING.value),
)
RELATIONSHIP_WORK: Options = (
    (N_("Wizard", "Not decided"), RelationshipWork.NONE_DECIDED.value),
    (N_("Wizard", "Building relationships"), RelationshipWork.BUILD.value),
    (N_("Wizard", "Keeping relationships"), RelationshipWork.KEEP.value),
    (N_("Wizard", "Repairing relationships"), RelationshipWork.REPAIR.value),
)
STRENGTH_KINDS: Options = (
    (N_("Wizard", "He has it"), StrengthKind.HAS.value),
    (N_("Wizard", "He wants to build it"), StrengthKind.WANTS.value),
)
QUICK_WIN_SOURCES: Options = (
    (N_("Wizard", "From you"), QuickWinSource.PRACTITIONER.value),
    (N_("Wizard", "By himself"), QuickWinSource.HIMSELF.value),
)
GATE_MEETERS: Options = (
    (N_("Wizard", "Not arranged yet"), ""),
    (N_("Wizard", "A peer"), "peer"),
    (N_("Wizard", "You, the practitioner"), "practitioner"),
)


def shown(options: Options, value: str | None) -> str:
    """The words for a stored value (the value itself if it is not one of the options)."""
    return next((tr("Wizard", words) for words, stored in options if stored == value), value or "")
