"""A stress man for every document: 40 goals, 120 steps, 13 first-week appointments, 2,000-character
answers, 5 links maps, long lists; and the entered text each document must carry.

Every piece of text is unique (numbered, zero-padded) so a test can say exactly what is missing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from engager_desktop.domain.enums import GoalDomain, Horizon, Phase, ResourceKind, StepStatus
from engager_desktop.worksheets import inputs as i
from tests.worksheets.samples import GP, MAN, PRINTED, SHELTER, WORKER

GOALS = 40
STEPS_PER_GOAL = 3
APPOINTMENTS = 13
LINKS_MAPS = 5
SENTENCE = "He talked about the week ahead and what might help him to keep going. "


def long_answer(tag: str, size: int = 2000) -> str:
    """About ``size`` characters of plain prose, opening and closing with ``tag``."""
    body = (SENTENCE * (size // len(SENTENCE) + 1))[: size - 2 * len(tag) - 16].rsplit(" ", 1)[0]
    return f"{tag} opens. {body} {tag} ends."


def goal_title(number: int) -> str:
    return f"Goal text g{number:02d} about a home and a job"


def step_text(goal: int, step: int) -> str:
    return f"Step text g{goal:02d}s{step} phone the office"


def _steps(goal: int) -> tuple[i.StepLine, ...]:
    return tuple(
        i.StepLine(
            what=step_text(goal, step),
            resource_kind=ResourceKind.OTHER_PROFESSIONAL,
            resource_name=f"Service g{goal:02d}s{step}",
            who=f"Who g{goal:02d}s{step}",
            due_on=date(2025, 3, 10) + timedelta(days=goal),
            before_next_session=step == 1,
            status=StepStatus.OPEN,
            what_happened=long_answer(f"Happened g{goal:02d}s{step}", 300) if step == 2 else None,
            goal=goal_title(goal),
        )
        for step in range(1, STEPS_PER_GOAL + 1)
    )


def stress_goals() -> tuple[i.GoalLine, ...]:
    return tuple(
        i.GoalLine(
            title=goal_title(number),
            his_words=f"His words g{number:02d}",
            horizon=Horizon.SHORT_TERM_RECOVERY,
            domain=GoalDomain.HOUSING,
            steps=_steps(number),
        )
        for number in range(1, GOALS + 1)
    )


def stress_services(count: int, tag: str = "svc") -> tuple[i.ServiceLine, ...]:
    return tuple(
        i.ServiceLine(
            name=f"Service name {tag}{number:02d}",
            what_they_do=f"Does {tag}{number:02d}: help with housing and money.",
            address=f"{number} Long Street {tag}",
            phone=f"01632 9600{number:02d}",
            opening_hours="Monday to Friday, 9am to 5pm",
            weekend_hours="Saturday, 10am to 1pm",
            cost="Free",
        )
        for number in range(1, count + 1)
    )


def items(tag: str, count: int) -> str:
    return "\n".join(f"{tag} item {number:02d}" for number in range(1, count + 1))


def stress_inputs() -> dict[str, Any]:
    """One stress input per kind (the explainer and recovery sheet have no lists to fill)."""
    common: dict[str, Any] = {"man": MAN, "printed_on": PRINTED, "worker": WORKER}
    goals = stress_goals()
    steps = tuple(step for goal in goals for step in goal.steps)
    first_day = datetime(2025, 4, 14, 9, 0)
    return {
        "understanding": i.UnderstandingInput(
            **common,
            priorities=tuple(
                i.PriorityLine(f"Problem p{n:02d}", f"Need p{n:02d}") for n in range(1, 16)
            ),
            goals=goals,
            strengths=tuple(f"Strength s{n:02d}" for n in range(1, 21)),
            skills_wanted=tuple(f"Skill k{n:02d}" for n in range(1, 11)),
            readiness_note=long_answer("Readiness"),
            quick_wins=tuple(f"Quick win q{n:02d}" for n in range(1, 11)),
            doing_your_time=long_answer("Doing time"),
            basic_needs=long_answer("Basic needs"),
            trauma=long_answer("Trauma"),
            substance_use=long_answer("Substances"),
            family_restrictions=long_answer("Restrictions"),
            risk_notes=long_answer("Risk"),
        ),
        "action-plan": i.ActionPlanInput(**common, goals=goals),
        "workbook": i.WorkbookInput(**common, next_meeting=first_day, steps=steps[:40]),
        "pledge": i.PledgeInput(
            **common, his_commitments=items("His", 15), worker_commitments=items("Worker", 15)
        ),
        "release-plan": i.ReleaseInput(
            **common,
            release_date=first_day.date(),
            going_to=long_answer("Going to", 300),
            accommodation="Room 9 Stress House",
            gate_meeter_name="Peer mentor Rhys",
            gate_meeting_place="The gate stop",
            first_24_hours=long_answer("First day"),
            appointments=tuple(
                i.AppointmentLine(
                    first_day + timedelta(hours=12 * n + 1),
                    f"Appointment with a{n:02d}",
                    f"Place a{n:02d}",
                    f"Note a{n:02d}",
                )
                for n in range(1, APPOINTMENTS + 1)
            ),
            what_to_bring=items("Bring", 15),
            phone_number="07700 900999",
            other_ways_to_reach=long_answer("Other ways", 300),
            medication=long_answer("Medication", 500),
            gp_follow_up="GP follow-up in week one",
            services=stress_services(10, "rel"),
            contact_restrictions=long_answer("Limits", 500),
        ),
        "services-card": i.ServicesCardInput(**common, services=stress_services(12, "card")),
        "family-sheet": i.FamilySheetInput(
            **common,
            release_date=first_day.date(),
            going_to="Room 9 Stress House",
            phone_number="07700 900999",
            services=stress_services(4, "fam"),
            services_more=3,
        ),
        "ending": i.EndingInput(
            **common,
            last_meetings=long_answer("Last meetings", 500),
            how_to_mark_it=long_answer("Mark it", 500),
            signs_to_watch=items("Sign", 12),
            what_helps=items("Helps", 12),
            who_to_contact=items("Contact", 12),
            mentoring=long_answer("Mentoring"),
            services_text=long_answer("Services text"),
            family_and_friends=long_answer("Family friends"),
            self_care=long_answer("Self care"),
            services=stress_services(10, "end") + (SHELTER, GP),
            aftercare_call_on=date(2025, 9, 1),
        ),
        "links-map": i.LinksMapInput(
            **common,
            entries=tuple(
                i.LinksMapLine(
                    situation=long_answer(f"Situation m{n}", 400),
                    thoughts=f"Thoughts m{n}",
                    feelings=f"Feelings m{n}",
                    behaviour=f"Behaviour m{n}",
                    outcomes=f"Outcomes m{n}",
                )
                for n in range(1, LINKS_MAPS + 1)
            ),
        ),
        "supervision": i.SupervisionInput(
            printed_on=PRINTED,
            worker=WORKER,
            rows=tuple(
                i.SupervisionRow(f"Man r{n:02d}", Phase.IN_PRISON, n, 1, (5, 4), 2, 12, 3)
                for n in range(1, 61)
            ),
            audit_count=99999,
            audit_head="ab" * 32,
        ),
    }


def expected_texts(kind: str, data: Any) -> list[str]:
    """Each entered item the document is about, as it must appear in the text of the PDF."""
    found: list[str] = []
    if kind == "understanding":
        found += [p.his_words for p in data.priorities] + [p.as_goal for p in data.priorities]
        found += [g.his_words for g in data.goals]
        found += [*data.strengths, *data.skills_wanted, *data.quick_wins]
        found += [data.readiness_note, data.doing_your_time, data.basic_needs, data.trauma]
        found += [data.substance_use, data.family_restrictions, data.risk_notes]
    elif kind == "action-plan":
        for goal in data.goals:
            found += [goal.title, goal.his_words]
            found += [text for s in goal.steps for text in (s.what, s.who, s.what_happened) if text]
    elif kind == "workbook":
        found += [s.what for s in data.steps] + [s.goal for s in data.steps]
    elif kind == "pledge":
        found += data.his_commitments.splitlines() + data.worker_commitments.splitlines()
    elif kind == "release-plan":
        found += [data.going_to, data.first_24_hours, data.other_ways_to_reach, data.medication]
        found += [text for a in data.appointments for text in (a.with_whom, a.location, a.note)]
        found += data.what_to_bring.splitlines() + [s.name for s in data.services]
        found.append(data.contact_restrictions)
    elif kind in ("services-card", "family-sheet"):
        found += [text for s in data.services for text in (s.name, s.what_they_do, s.phone)]
    elif kind == "ending":
        for name in ("signs_to_watch", "what_helps", "who_to_contact"):
            found += getattr(data, name).splitlines()
        for name in ("last_meetings", "how_to_mark_it", "mentoring", "services_text"):
            found.append(getattr(data, name))
        found += [data.family_and_friends, data.self_care] + [s.name for s in data.services]
    elif kind == "links-map":
        for entry in data.entries:
            found += [entry.situation, entry.thoughts, entry.feelings, entry.behaviour]
            found.append(entry.outcomes)
    elif kind == "supervision":
        found += [row.name for row in data.rows]
    return [text for text in found if text]
