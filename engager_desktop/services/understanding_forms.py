"""The forms and views of the shared understanding (P1-P13); field names match the record columns.

A view of a list item is its form plus ``id`` (so a view can be passed back to ``update_item``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engager_desktop.domain.distress import Trend
from engager_desktop.domain.enums import QuickWinSource, RelationshipWork, StrengthKind


@dataclass(frozen=True)
class IdentityForm:
    """P2 and P11: in his own words, and how he wants to be addressed (Mr Surname or first name)."""

    preferred_name: str
    gender: str | None = None
    ethnicity: str | None = None
    faith: str | None = None
    document_language: str | None = None  # his papers' language (i18n.LANGUAGES); None: English


@dataclass(frozen=True)
class BackgroundForm:
    """P1 and P11. ``told_sentence_unaffected``: told that talking does not change his sentence."""

    existing_assessments: str | None = None
    previous_experiences: str | None = None
    expectations: str | None = None
    told_sentence_unaffected: bool = False


@dataclass(frozen=True)
class FamilyForm:
    """P5. ``relationships_help`` None means not yet known: it is never assumed."""

    family_context: str | None = None
    contact_restrictions: str | None = None  # sensitive
    restrictions_checked_on: date | None = None
    family_worries: str | None = None
    children: str | None = None
    relationships_help: bool | None = None
    relationship_work: str = RelationshipWork.NONE_DECIDED.value


@dataclass(frozen=True)
class LifeStoryForm:
    """P3, P4, P6, P7: his whole life first; trauma is sensitive."""

    life_story: str | None = None
    trauma: str | None = None  # sensitive
    substance_use: str | None = None
    substance_links: str | None = None
    basic_needs_worries: str | None = None
    doing_your_time: str | None = None


@dataclass(frozen=True)
class ReadinessForm:
    readiness: str | None = None
    readiness_note: str | None = None
    hopes_for_ending: str | None = None


@dataclass(frozen=True)
class PledgeForm:
    """P13: ``wanted`` None means not yet asked."""

    wanted: bool | None = None
    his_commitments: str | None = None
    practitioner_commitments: str | None = None
    signed_on: date | None = None


@dataclass(frozen=True)
class ServiceContactForm:
    """P1: a service he is or was in touch with; ``service_id`` links the directory entry."""

    service_name: str | None = None
    service_id: str | None = None
    when: str | None = None
    referral_made: bool = False
    outcome: str | None = None
    still_involved: bool = False
    excluded: bool = False
    exclusion_reason: str | None = None


@dataclass(frozen=True)
class PriorityProblemForm:
    """P8: a problem as he names it, reframed as a goal or need (linked once the goal exists)."""

    his_words: str
    as_goal_or_need: str | None = None
    goal_id: str | None = None


@dataclass(frozen=True)
class LinksMapForm:
    """P10: situation, thoughts, feelings, behaviour, outcomes; ``recorded_on`` default today."""

    situation: str | None = None
    thoughts: str | None = None
    feelings: str | None = None
    behaviour: str | None = None
    outcomes: str | None = None
    recorded_on: date | None = None


@dataclass(frozen=True)
class StrengthForm:
    """Strengths and skills he has, or wants to build."""

    text: str
    kind: str = StrengthKind.HAS.value


@dataclass(frozen=True)
class QuickWinForm:
    """P12: something he wants soon, from the practitioner or done by himself."""

    text: str
    source: str = QuickWinSource.PRACTITIONER.value
    achieved_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ServiceContactView(ServiceContactForm):
    id: str


@dataclass(frozen=True, kw_only=True)
class PriorityProblemView(PriorityProblemForm):
    id: str


@dataclass(frozen=True, kw_only=True)
class LinksMapView(LinksMapForm):
    id: str


@dataclass(frozen=True, kw_only=True)
class StrengthView(StrengthForm):
    id: str


@dataclass(frozen=True, kw_only=True)
class QuickWinView(QuickWinForm):
    id: str


@dataclass(frozen=True)
class DistressView:
    id: str
    rated_on: date
    score: int
    note: str | None
    meeting_id: str | None


@dataclass(frozen=True)
class ReadinessView:
    """One day's rating of his readiness to change (P9)."""

    id: str
    rated_on: date
    readiness: str | None
    note: str | None
    meeting_id: str | None


@dataclass(frozen=True)
class UnderstandingRecord:
    man_id: str
    identity: IdentityForm
    background: BackgroundForm
    family: FamilyForm
    life_story: LifeStoryForm
    readiness: ReadinessForm
    pledge: PledgeForm
    service_contacts: tuple[ServiceContactView, ...]
    priority_problems: tuple[PriorityProblemView, ...]
    links_map: tuple[LinksMapView, ...]
    strengths: tuple[StrengthView, ...]
    quick_wins: tuple[QuickWinView, ...]
    distress: tuple[DistressView, ...]  # oldest first
    distress_trend: Trend
    distress_suggestion: str | None  # a prompt from the latest rating, never a decision
    readiness_history: tuple[ReadinessView, ...] = ()  # oldest first

    @property
    def strengths_has(self) -> tuple[StrengthView, ...]:
        return tuple(s for s in self.strengths if s.kind == StrengthKind.HAS)

    @property
    def strengths_wants(self) -> tuple[StrengthView, ...]:
        return tuple(s for s in self.strengths if s.kind == StrengthKind.WANTS)
