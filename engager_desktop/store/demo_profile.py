"""Demo rows for who he is: background, understanding, people, pledge, release and ending plans."""

from __future__ import annotations

from datetime import date, time, timedelta

from engager_desktop.domain.enums import (
    ClosureReason,
    Phase,
    PracticeNoteKind,
    QuickWinSource,
    Readiness,
    RelationshipWork,
    StrengthKind,
    SupportRole,
)
from engager_desktop.store import demo_phrases as text
from engager_desktop.store.demo_activity import GoalMark
from engager_desktop.store.demo_rows import Directory, Man, Person, RowWriter, at
from engager_desktop.store.orm import (
    Background,
    EndingPlan,
    LinksMapEntry,
    Pledge,
    PriorityProblem,
    QuickWin,
    ReleasePlan,
    ServiceContact,
    Strength,
    SupportPerson,
    Understanding,
)
from engager_desktop.store.orm.practice import PracticeNote
from engager_desktop.store.orm.understanding import ReadinessRating

_MORNING = time(10, 0)
_READINESS = tuple(r.value for r in Readiness)
_REL_WORK = tuple(r.value for r in RelationshipWork)
_SOURCES = tuple(s.value for s in QuickWinSource)
_OTHER_ROLES = (
    SupportRole.FAMILY,
    SupportRole.FAMILY,
    SupportRole.FAMILY,
    SupportRole.FRIEND,
    SupportRole.FRIEND,
    SupportRole.PEER_MENTOR,
    SupportRole.LISTENER,
    SupportRole.OTHER,
)
_RELEASED = frozenset({Phase.THROUGH_THE_GATE, Phase.IN_COMMUNITY, Phase.ENDING, Phase.CLOSED})
# How far along the release checklist is, by phase.
_READY = {Phase.ENGAGEMENT: 0.1, Phase.IN_PRISON: 0.35, Phase.THROUGH_THE_GATE: 0.75}


def _early(w: RowWriter, man: Man, low: int, high: int) -> date:
    """A day soon after his first meeting, never after the last day anything happened."""
    return min(man.start + w.days(low, high), man.active_until)


def write_background(w: RowWriter, man: Man, directory: Directory) -> None:
    restricted = w.chance(0.15)
    checked = restricted or w.chance(0.7)
    row = {
        "participant_id": man.id,
        "existing_assessments": w.maybe(0.8, text.ASSESSMENTS),
        "previous_experiences": w.pick(text.PREVIOUS_EXPERIENCES),
        "expectations": w.pick(text.EXPECTATIONS),
        "family_context": w.pick(text.FAMILY_CONTEXT),
        "contact_restrictions": w.pick(text.CONTACT_RESTRICTIONS) if restricted else None,
        "restrictions_checked_on": _early(w, man, 0, 7) if checked else None,
        "family_worries": w.maybe(0.8, text.FAMILY_WORRIES),
        "children": w.pick(text.CHILDREN),
        "relationships_help": w.pick((None, True, True, False)),
        "relationship_work": w.pick(_REL_WORK),
        "life_story": f"{w.pick(text.LIFE_STORY)} {w.pick(text.LIFE_STORY)}",
        "trauma": w.maybe(0.3, text.TRAUMA),
        "substance_use": w.pick(text.SUBSTANCE_USE),
        "substance_links": w.maybe(0.7, text.SUBSTANCE_LINKS),
        "basic_needs_worries": w.pick(text.BASIC_NEEDS),
        "doing_your_time": w.pick(text.DOING_TIME),
        "told_sentence_unaffected": w.chance(0.9),
    }
    created = at(man.start, _MORNING)
    w.add(Background, created, row)
    for _ in range(w.between(1, 4)):
        _service_contact(w, man, directory)


def _service_contact(w: RowWriter, man: Man, directory: Directory) -> None:
    entry = w.pick(directory.entries) if w.chance(0.8) else None
    referral = w.chance(0.6)
    excluded = w.chance(0.08)
    row = {
        "participant_id": man.id,
        "service_id": entry.id if entry else None,
        "service_name": entry.name if entry else w.pick(text.OTHER_SERVICE_NAMES),
        "when": w.pick(text.CONTACT_WHEN),
        "referral_made": referral,
        "outcome": w.pick(text.REFERRAL_OUTCOMES) if referral else None,
        "still_involved": not excluded and w.chance(0.4),
        "excluded": excluded,
        "exclusion_reason": w.pick(text.EXCLUSION_REASONS) if excluded else None,
    }
    w.add(ServiceContact, at(_early(w, man, 0, 14), _MORNING), row)


def write_understanding(w: RowWriter, man: Man, goals: list[GoalMark]) -> None:
    """Readiness, his problems as goals, links map, strengths and quick wins."""
    created = at(_early(w, man, 0, 14), _MORNING)
    und = {
        "participant_id": man.id,
        "readiness": w.pick(_READINESS),
        "readiness_note": w.pick(text.READINESS_NOTES),
        "hopes_for_ending": w.pick(text.HOPES),
    }
    w.add(Understanding, created, und)
    rating = {
        "participant_id": man.id,
        "rated_on": created.date(),
        "readiness": und["readiness"],
        "note": und["readiness_note"],
        "meeting_id": None,
    }
    w.add(ReadinessRating, created, rating)
    for goal in goals[: w.between(1, 4)]:
        problem = {
            "participant_id": man.id,
            "his_words": goal.his_words,
            "as_goal_or_need": goal.title,
            "goal_id": goal.id,
        }
        w.add(PriorityProblem, created, problem)
    for situation, thoughts, feelings, behaviour, outcomes in w.rng.sample(
        text.LINKS, w.between(1, 3)
    ):
        entry = {
            "participant_id": man.id,
            "situation": situation,
            "thoughts": thoughts,
            "feelings": feelings,
            "behaviour": behaviour,
            "outcomes": outcomes,
            "recorded_on": created.date(),
        }
        w.add(LinksMapEntry, created, entry)
    for kind, pool, count in (
        (StrengthKind.HAS, text.STRENGTHS_HAS, w.between(1, 3)),
        (StrengthKind.WANTS, text.STRENGTHS_WANTS, w.between(1, 2)),
    ):
        for phrase in w.rng.sample(pool, count):
            w.add(Strength, created, {"participant_id": man.id, "text": phrase, "kind": kind.value})
    for _ in range(w.between(1, 2)):
        achieved = man.start + w.days(3, 21)
        done = achieved <= man.active_until and w.chance(0.8)
        win = {
            "participant_id": man.id,
            "text": w.pick(text.QUICK_WINS),
            "source": w.pick(_SOURCES),
            "achieved_on": achieved if done else None,
        }
        w.add(QuickWin, created, win)


def write_people(w: RowWriter, man: Man) -> None:
    """Family, friends, Listeners and mentors; the first is always someone who helps."""
    count = 4 if man.heavy else w.between(1, 4)
    roles = [w.pick((SupportRole.FAMILY, SupportRole.FRIEND))]
    roles += [w.pick(_OTHER_ROLES) for _ in range(count - 1)]
    gate_chance = 0.55 if man.phase in _RELEASED else 0.2 if man.phase is Phase.IN_PRISON else 0.0
    gate = w.chance(gate_chance)
    if gate:
        roles.append(SupportRole.PEER_MENTOR)
    for index, role in enumerate(roles):
        _person(w, man, role, first=index == 0, at_gate=gate and index == len(roles) - 1)


def _person(w: RowWriter, man: Man, role: SupportRole, *, first: bool, at_gate: bool) -> None:
    relationship = w.pick(text.ROLE_RELATIONSHIPS[role])
    given = w.pick(
        text.WOMEN_NAMES if relationship in text.WOMEN_RELATIONSHIPS else text.GIVEN_NAMES
    )
    family = man.family if role is SupportRole.FAMILY else w.pick(text.FAMILY_NAMES)
    name = f"{given} {family}"
    restricted = not first and role is SupportRole.FAMILY and w.chance(0.1)
    helpful = True if first else None if restricted else w.pick((None, True, True, False))
    row = {
        "participant_id": man.id,
        "name": name,
        "role": role.value,
        "relationship": relationship,
        "helpful": helpful,
        "contact_restrictions": w.pick(text.PERSON_RESTRICTIONS) if restricted else None,
        "phone": w.phone() if w.chance(0.7) else None,
        "consent_to_involve": not restricted and w.chance(0.8),
        "meets_at_gate": at_gate,
        "notes": w.maybe(0.5, text.PERSON_NOTES),
    }
    person_id = w.add(SupportPerson, at(_early(w, man, 0, 21), _MORNING), row)
    man.people.append(Person(person_id, name, helpful, restricted, at_gate))


def write_pledge(w: RowWriter, man: Man) -> None:
    roll = w.rng.random()
    if roll >= 0.5:
        return
    wanted = roll < 0.4
    printed = man.start + w.days(7, 14)
    signed = printed + w.days(0, 3)
    row = {
        "participant_id": man.id,
        "wanted": wanted,
        "his_commitments": " ".join(text.HIS_COMMITMENTS[: w.between(1, 3)]) if wanted else None,
        "practitioner_commitments": " ".join(text.PRACTITIONER_COMMITMENTS) if wanted else None,
        "printed_on": printed if wanted and printed < w.today else None,
        "signed_on": signed if wanted and signed < w.today else None,
    }
    w.add(Pledge, at(_early(w, man, 0, 7), _MORNING), row)


def write_release_plan(w: RowWriter, man: Man) -> None:
    """Every man from through the gate on has a dated plan; some men still inside have begun one."""
    if man.phase is Phase.ENGAGEMENT and not w.chance(0.2):
        return
    if man.phase is Phase.IN_PRISON and not w.chance(0.6):
        return
    ready = _READY.get(man.phase, 0.92)
    peer = next((p for p in man.people if p.meets_at_gate), None)
    phone = w.chance(ready)
    meeter = ("peer", peer.name) if peer else ("practitioner", "Practitioner")
    gate_known = man.phase in _RELEASED or w.chance(ready)
    family_met = w.chance(ready * 0.7)
    row = {
        "participant_id": man.id,
        "release_date": man.release,
        "going_to": w.pick(text.GOING_TO),
        "accommodation": w.maybe(max(ready, 0.3), text.ACCOMMODATION),
        "accommodation_confirmed": w.chance(ready),
        "benefit_claim_prepared": w.chance(ready),
        "id_documents": w.chance(ready),
        "bank_account": w.chance(ready),
        "gp_registered": w.chance(ready),
        "discharge_letter": w.chance(ready),
        "gp_follow_up": w.maybe(ready, text.GP_FOLLOW_UP),
        "medication": w.pick(text.MEDICATION),
        "medication_arranged": w.chance(ready),
        "phone_working": phone,
        "phone_number": w.phone() if phone else None,
        "other_ways_to_reach": w.pick(text.OTHER_WAYS),
        "gate_meeter": meeter[0] if gate_known else None,
        "gate_meeter_name": meeter[1] if gate_known else None,
        "gate_meeting_place": w.pick(text.GATE_PLACES) if gate_known else None,
        "first_24_hours": w.maybe(ready, text.FIRST_24),
        "family_meeting_held": family_met,
        "family_meeting_note": w.pick(text.FAMILY_MEETING_NOTES) if family_met else None,
        "first_week_appointments": w.chance(ready),
        "services_met_inside": w.chance(ready * 0.8),
        "what_to_bring": w.maybe(ready, text.WHAT_TO_BRING),
    }
    w.add(ReleasePlan, at(_early(w, man, 0, 14), _MORNING), row)


def write_ending_plan(w: RowWriter, man: Man) -> None:
    """Men in ending or closed have one; a few in the community have started theirs."""
    if man.phase is Phase.IN_COMMUNITY and not w.chance(0.2):
        return
    if man.phase not in (Phase.IN_COMMUNITY, Phase.ENDING, Phase.CLOSED):
        return
    signed_off = man.closure is ClosureReason.SIGNED_OFF and man.closed_on is not None
    full = man.phase is not Phase.IN_COMMUNITY
    row = {
        "participant_id": man.id,
        "tapering": w.pick(text.TAPERING),
        "how_to_mark_it": w.maybe(0.8 if full else 0.2, text.MARK_IT),
        "signs_to_watch": w.pick(text.SIGNS) if full else None,
        "what_helps": w.pick(text.HELPS) if full else None,
        "who_to_contact": w.pick(text.WHO_TO_CONTACT) if full else None,
        "mentoring": w.maybe(0.6, text.MENTORING) if full else None,
        "services": w.pick(text.SERVICES_AFTER) if full else None,
        "family_and_friends": w.maybe(0.7, text.FAMILY_AFTER) if full else None,
        "self_care": w.pick(text.SELF_CARE) if full else None,
        "aftercare_call_on": man.closed_on + w.days(14, 28)
        if signed_off and man.closed_on
        else None,
        "signed_off_on": man.closed_on if signed_off else None,
        "signed_off_in_person": signed_off and w.chance(0.85),
        "peer_mentor_interest": w.chance(0.25),
        "support_in_place_checked": signed_off or (full and w.chance(0.5)),
        "closing_note": _closing_note(w, man),
    }
    made = max(man.release, man.planned_end - timedelta(days=35))
    w.add(EndingPlan, at(min(made, man.active_until), _MORNING), row)


def _closing_note(w: RowWriter, man: Man) -> str | None:
    if man.closure is None:
        return None
    if man.closure is ClosureReason.SIGNED_OFF:
        return w.pick(text.CLOSING_NOTES[:2])
    return text.CLOSURE_NOTES[man.closure.value]


__all__ = [
    "write_background",
    "write_ending_plan",
    "write_people",
    "write_pledge",
    "write_release_plan",
    "write_understanding",
]


_NOTES = {
    PracticeNoteKind.WEEKDAYS: (
        "Mornings at the allotment project, afternoons job club on Tuesdays and Thursdays.",
        "Gym first thing, then the library for the course work.",
    ),
    PracticeNoteKind.WEEKEND: (
        "Saturday football with his brother; Sunday dinner at his mum's.",
        "Sunday walk with the peer mentor; he keeps Saturday for his children.",
    ),
    PracticeNoteKind.FAMILY_SUPPORT: (
        "Talked his partner through what the first week out will be like.",
        "Gave his mum the carers' centre number and opening times.",
    ),
    PracticeNoteKind.ADVOCACY: (
        "Asked the housing officer to keep his room while the benefit claim goes through.",
    ),
}


def write_practice_notes(w: RowWriter, man: Man) -> None:
    """His days and weekends once out (P27), support for his family (P19), advocacy (P29)."""
    kinds = [PracticeNoteKind.FAMILY_SUPPORT] if w.chance(0.4) else []
    if man.phase in _RELEASED:
        kinds += [PracticeNoteKind.WEEKDAYS, PracticeNoteKind.WEEKEND, PracticeNoteKind.ADVOCACY]
    for kind in kinds:
        if kind is PracticeNoteKind.FAMILY_SUPPORT:
            day = _early(w, man, 0, 30)
        else:
            day = min(man.active_until, man.release + w.days(1, 20))
        row = {
            "participant_id": man.id,
            "kind": kind.value,
            "noted_on": day,
            "what": w.pick(_NOTES[kind]),
            "with_whom": None,
        }
        w.add(PracticeNote, at(day, _MORNING), row)
