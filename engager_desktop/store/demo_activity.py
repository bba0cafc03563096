"""Demo rows for what happens over time: plan steps, meetings, reviews, contacts, appointments."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from engager_desktop.domain.enums import (
    ClosureReason,
    GoalDomain,
    Horizon,
    Phase,
    ResourceKind,
    SkillArea,
)
from engager_desktop.store.demo_phrases import (
    APPOINTMENT_NOTES,
    COMMUNITY_LOCATIONS,
    CONTACT_NOTES,
    CONTACT_PURPOSES,
    DISTRESS_NOTES,
    DOMAIN_TEXT,
    DONE_WHY,
    DROPPED_WHY,
    MEETING_NOTES,
    MISSED_FOLLOW_UP,
    NOT_DONE_WHY,
    PRISON_LOCATIONS,
    REVIEWED,
    STEP_TEXT,
)
from engager_desktop.store.demo_rows import Directory, Entry, Man, RowWriter, at, weekday
from engager_desktop.store.orm import (
    Appointment,
    ContactLog,
    DistressRating,
    Goal,
    Meeting,
    Step,
    StepReview,
)

_STATUS_REASONS = {
    "achieved": "He did what he set out to do.",
    "changed": "He wanted to aim for something closer to hand first.",
    "dropped": "It stopped mattering to him once other things were settled.",
}
_MINUTES = (40, 45, 50, 60, 60, 60, 75, 90)
_DOMAINS = tuple(GoalDomain)
_KINDS = tuple(ResourceKind)
_HORIZONS = tuple(Horizon)
_SKILLS = tuple(SkillArea)
_NOON = time(12, 0)
_EVENING = time(17, 30)
_REVIEW_COUNTS = (0, 1, 1, 2)
_MAX_MEETINGS = 40
_HEAVY_MEETINGS = 100
_HEAVY_GOALS = 40
_INSIDE_METHODS = ("letter", "via_other", "in_person")
_OUTSIDE_METHODS = ("phone", "text", "phone", "via_other")
_TRAVEL = (10, 15, 20, 30, 45, 75, 90)
_PRISON_KINDS = ("healthcare", "education", "chaplaincy")  # found in every demo prison
_FIRST_WEEK_KINDS = ("gp", "job_centre", "housing_advice", "drug_and_alcohol")
_COMMUNITY_KINDS = ("gp", "job_centre", "probation", "housing_advice", "mutual_aid", "food_bank")


@dataclass(frozen=True)
class StepMark:
    """What a meeting's review needs to know about a step."""

    id: str
    set_on: date
    status: str
    closed_on: date | None


@dataclass(frozen=True)
class GoalMark:
    id: str
    his_words: str
    title: str


def write_plan(
    w: RowWriter, man: Man, directory: Directory
) -> tuple[list[GoalMark], list[StepMark]]:
    """His goals, each with 1-5 steps; all four kinds of resource appear once he has four steps."""
    goals: list[GoalMark] = []
    steps: list[StepMark] = []
    kinds = list(_KINDS)
    w.rng.shuffle(kinds)
    count = _HEAVY_GOALS if man.heavy else w.between(2, 6)
    for index in range(count):
        domain = w.pick(_DOMAINS)
        words, titles = DOMAIN_TEXT[domain]
        offset = timedelta(days=index * 7) if man.heavy else w.days(0, 21)
        set_on = min(man.start + offset, man.active_until)
        title, his_words = w.pick(titles), w.pick(words)
        goal = {
            "participant_id": man.id,
            "title": title,
            "his_words": his_words,
            "horizon": w.pick(_HORIZONS).value,
            "domain": domain.value,
            "status": "open",
            "set_on": set_on,
            "status_reason": None,
            "status_changed_on": None,
        }
        goal_id = w.add(Goal, at(set_on, _NOON), goal)
        statuses = []
        for j in range(w.between(1, 5)):
            step_on = min(set_on + timedelta(days=7 * j), man.active_until)
            statuses.append(_step(w, man, directory, goal_id, domain, step_on, kinds, steps))
        status = _goal_status(w, man, statuses)
        goal["status"] = status
        if status != "open":
            goal["status_reason"] = _STATUS_REASONS[status]
            goal["status_changed_on"] = min(set_on + timedelta(days=56), man.active_until)
        goals.append(GoalMark(goal_id, his_words, title))
    steps.sort(key=lambda step: step.set_on)
    return goals, steps


def _step(
    w: RowWriter,
    man: Man,
    directory: Directory,
    goal_id: str,
    domain: GoalDomain,
    set_on: date,
    kinds: list[ResourceKind],
    out: list[StepMark],
) -> str:
    kind = kinds.pop() if kinds else w.pick(_KINDS)
    due = set_on + w.days(7, 42)
    service_id = person_id = None
    if kind is ResourceKind.OTHER_PROFESSIONAL:
        inside = due < man.release
        setting, area = ("prison", man.establishment) if inside else ("community", man.town)
        entry = directory.for_domain(w, domain, setting, area)
        service_id, responsible = entry.id, entry.name
    elif kind is ResourceKind.FAMILY_OR_PEERS:
        person = w.pick([p for p in man.people if p.helpful and not p.restricted])
        person_id, responsible = person.id, person.name
    else:
        responsible = man.given if kind is ResourceKind.HIM else "Practitioner"
    status, what_happened, closed_on = _outcome(w, man, set_on, due)
    next_session = w.chance(0.2)
    row = {
        "participant_id": man.id,
        "goal_id": goal_id,
        "what": w.pick(STEP_TEXT[kind]),
        "resource_kind": kind.value,
        "service_id": service_id,
        "support_person_id": person_id,
        "responsible": responsible,
        "due_on": None if next_session else due,
        "before_next_session": next_session,
        "status": status,
        "what_happened": what_happened,
        "quick_win": w.chance(0.1),
        "skill_area": w.pick(_SKILLS).value if w.chance(0.3) else None,
        "closed_on": closed_on,
    }
    out.append(StepMark(w.add(Step, at(set_on, _NOON), row), set_on, status, closed_on))
    return status


def _outcome(
    w: RowWriter, man: Man, set_on: date, due: date
) -> tuple[str, str | None, date | None]:
    if due >= man.active_until and man.open:
        return "open", None, None
    roll = w.rng.random()
    if roll < 0.5:
        status, why = "done", w.pick(DONE_WHY)
    elif roll < 0.7:
        status, why = "not_done", w.pick(NOT_DONE_WHY)
    elif roll < 0.76 or not man.open:
        status, why = "dropped", w.pick(DROPPED_WHY)
    else:
        return "open", None, None  # overdue
    closed_on = max(set_on, min(due + w.days(-5, 3), man.active_until))
    return status, why, closed_on


def _goal_status(w: RowWriter, man: Man, statuses: list[str]) -> str:
    if all(status == "done" for status in statuses):
        return "achieved"
    if not man.open:
        return "achieved" if "done" in statuses else "dropped"
    return "changed" if w.chance(0.03) else "open"


def write_meetings(w: RowWriter, man: Man, steps: list[StepMark]) -> None:
    """Past meetings (held or missed) with distress and reviews, then one planned if he is open."""
    step_days = [step.set_on for step in steps]
    score = w.between(4, 9)
    missed = 0.1
    last = at(man.start, time(8, 0))
    for index, day in enumerate(_meeting_days(w, man)):
        if man.closure is ClosureReason.LOST_CONTACT and day > man.release:
            missed = 0.7
        last = w.moment(day)
        attended = not w.chance(missed)
        if attended:
            score = min(10, max(0, score + w.between(-2, 1)))
        meeting_id = w.add(Meeting, last, _meeting_row(w, man, day, last, attended, score))
        if not attended:
            continue
        band = 0 if score < 4 else 1 if score < 7 else 2
        note = w.pick(DISTRESS_NOTES[band])
        rating = {
            "participant_id": man.id,
            "rated_on": day,
            "score": score,
            "note": note,
            "meeting_id": meeting_id,
        }
        w.add(DistressRating, last, rating)
        if index:
            _reviews(w, man, meeting_id, last, steps, bisect_left(step_days, day))
    if man.open:
        day = weekday(w.today + w.days(1, 10))
        row = _meeting_row(w, man, day, w.moment(day), None, None)
        w.add(Meeting, min(last.replace(hour=17, minute=30), w.now), row)


def _meeting_days(w: RowWriter, man: Man) -> list[date]:
    last_day = min(man.active_until, w.today - timedelta(days=1))
    if man.heavy:
        return [w.today - timedelta(days=3 * k) for k in range(_HEAVY_MEETINGS - 1, 0, -1)]
    if man.closure is ClosureReason.LOST_CONTACT:
        last_day = min(last_day, man.release + timedelta(days=21))
    days: list[date] = []
    day = weekday(man.start)
    while day <= last_day and len(days) < _MAX_MEETINGS:
        days.append(day)
        day = weekday(day + _gap(w, man, day))
    signed_off = man.closure is ClosureReason.SIGNED_OFF and man.closed_on is not None
    if signed_off and man.closed_on is not None and (not days or days[-1] < man.closed_on):
        days.append(man.closed_on)  # the sign-off meeting, in person
    return days


def _gap(w: RowWriter, man: Man, day: date) -> timedelta:
    phase = man.phase_on(day)
    if phase is Phase.ENGAGEMENT:
        return w.days(3, 5)
    if phase is Phase.IN_COMMUNITY:
        return w.days(3, 4) if man.isolated else w.days(6, 8)
    if phase is Phase.ENDING:
        return w.days(12, 16)
    return w.days(6, 10)


def _meeting_row(
    w: RowWriter, man: Man, day: date, starts: datetime, attended: bool | None, score: int | None
) -> dict[str, object]:
    if day < man.release:
        place, location = "prison", f"{w.pick(PRISON_LOCATIONS)}, {man.establishment}"
    elif w.chance(0.25):
        place, location = "phone", None
    else:
        place, location = "community", f"{w.pick(COMMUNITY_LOCATIONS)}, {man.town}"
    held = attended is True
    return {
        "participant_id": man.id,
        "starts_at": starts,
        "place": place,
        "location": location,
        "attended": attended,
        "follow_up": w.pick(MISSED_FOLLOW_UP) if attended is False else None,
        "distress": score if held else None,
        "reviewed": w.pick(REVIEWED) if held else None,
        "notes": w.pick(MEETING_NOTES) if held else None,
        "minutes": w.pick(_MINUTES) if held else None,
    }


def _reviews(
    w: RowWriter, man: Man, meeting_id: str, when: datetime, steps: list[StepMark], known: int
) -> None:
    """Review up to two of the steps already agreed before this meeting."""
    day = when.date()
    seen: set[int] = set()
    for _ in range(min(known, w.pick(_REVIEW_COUNTS))):
        index = int(w.rng.random() * known)
        if index in seen:
            continue
        seen.add(index)
        step = steps[index]
        if step.closed_on is not None and step.closed_on <= day and step.status == "done":
            outcome, why = "done", w.pick(DONE_WHY)
        elif step.closed_on is not None and step.closed_on <= day:
            outcome, why = "not_done", w.pick(NOT_DONE_WHY)
        else:
            outcome, why = "not_done", "Still working on it."
        review = {
            "participant_id": man.id,
            "meeting_id": meeting_id,
            "step_id": step.id,
            "outcome": outcome,
            "why": why,
        }
        w.add(StepReview, when, review)


def write_contact_logs(w: RowWriter, man: Man) -> None:
    """Reminders, check-ins and, for a man who was lost, the attempts to find him."""
    lost = man.closure is ClosureReason.LOST_CONTACT
    last_day = min(man.active_until, w.today - timedelta(days=1))
    span = max(0, (last_day - man.start).days)
    for _ in range(w.between(3, 5) if lost else w.between(1, 3)):
        if lost:
            day = min(man.release + w.days(1, 20), last_day)
        else:
            day = man.start + timedelta(days=int(w.rng.random() * (span + 1)))
        inside = day < man.release
        moment = w.moment(day)
        row = {
            "participant_id": man.id,
            "at": moment,
            "method": w.pick(_INSIDE_METHODS if inside else _OUTSIDE_METHODS),
            "reached_him": False if lost else w.chance(0.7),
            "purpose": w.pick(CONTACT_PURPOSES[3:4] if lost else CONTACT_PURPOSES),
            "note": w.pick(CONTACT_NOTES),
        }
        w.add(ContactLog, moment, row)


def write_appointments(w: RowWriter, man: Man, directory: Directory) -> None:
    """Appointments with other services; some near today, and a clash for about one man in five."""
    today = w.today
    plans: list[tuple[str, str, date]] = []
    if man.phase in (Phase.ENGAGEMENT, Phase.IN_PRISON) and w.chance(0.6):
        plans.append((w.pick(_PRISON_KINDS), man.establishment, today + w.days(-14, 14)))
    elif man.phase is Phase.THROUGH_THE_GATE:
        plans.append(("probation", man.town, man.release))
        for kind in _FIRST_WEEK_KINDS[: w.between(1, 3)]:
            plans.append((kind, man.town, man.release + w.days(1, 6)))
    elif man.phase in (Phase.IN_COMMUNITY, Phase.ENDING):
        for _ in range(w.between(1, 2)):
            plans.append((w.pick(_COMMUNITY_KINDS), man.town, today - w.days(1, 28)))
        for _ in range(w.between(1, 2)):
            plans.append((w.pick(_COMMUNITY_KINDS), man.town, today + w.days(-1, 7)))
    elif man.phase is Phase.CLOSED and man.closed_on is not None:
        for _ in range(w.between(0, 2)):
            plans.append(("probation", man.town, man.release + w.days(0, 14)))
    clash = man.open and bool(plans) and w.chance(0.2)
    for index, (kind, area, day) in enumerate(plans):
        starts = w.moment(weekday(day))
        _appointment(w, man, directory.of_kind(w, kind, area), starts)
        if clash and index == len(plans) - 1:
            other = directory.of_kind(w, w.pick(_COMMUNITY_KINDS), man.town)
            _appointment(w, man, other, starts + timedelta(minutes=30))


def _appointment(w: RowWriter, man: Man, entry: Entry, starts: datetime) -> None:
    past = starts < w.now
    inside = starts.date() < man.release
    made = max(man.start, min(starts.date() - w.days(3, 14), w.today - timedelta(days=1)))
    row = {
        "participant_id": man.id,
        "with_whom": entry.name,
        "service_id": entry.id,
        "starts_at": starts,
        "minutes": w.pick((45, 60, 60, 90)),
        "location": entry.address,
        "travel_minutes": None if inside else w.pick(_TRAVEL),
        "reminder_given": w.chance(0.85) if past else w.chance(0.4),
        "attended": w.chance(0.8) if past else None,
        "note": w.maybe(0.4, APPOINTMENT_NOTES),
    }
    w.add(Appointment, at(made, _EVENING), row)


__all__ = [
    "GoalMark",
    "StepMark",
    "write_appointments",
    "write_contact_logs",
    "write_meetings",
    "write_plan",
]
