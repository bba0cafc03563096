"""A stress man in a real vault: 40 goals with 120 steps (40 due before the next session),
13 appointments in his first week out, 2,000-character answers, 5 links maps, 6 family services.

Import by name (``from tests.services.stress_man import add_stress_man, STRESS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from engager_desktop.store.orm import (
    Appointment,
    Background,
    EndingPlan,
    Goal,
    LinksMapEntry,
    Meeting,
    Participant,
    Pledge,
    PriorityProblem,
    ReleasePlan,
    Service,
    Step,
    Strength,
)
from engager_desktop.store.vault import Vault
from tests.services.print_fixtures import TODAY, at
from tests.worksheets.stress import goal_title, long_answer, step_text

NAME = "Mr Stress"
RELEASE = TODAY + timedelta(days=10)
FAMILY_SERVICES = 6


@dataclass
class Stress:
    """The stress man's id and the entered text each kind must print."""

    man_id: str = ""
    expected: dict[str, list[str]] = field(default_factory=dict)


def _family_services(vault: Vault) -> list[str]:
    names = [f"Family help f{number:02d}" for number in range(1, FAMILY_SERVICES + 1)]
    with vault.write() as session:
        session.add_all(
            Service(name=name, kind="family_support", setting="community", phone="01632 960000")
            for name in names
        )
    return names


def add_stress_man(vault: Vault) -> Stress:
    family = _family_services(vault)
    stress = Stress()
    answer = long_answer("Doing time", 2000)
    ending = {
        name: long_answer(name.replace("_", " "), 2000) for name in ("mentoring", "self_care")
    }
    with vault.write() as session:
        man = Participant(
            given_name="Stanley",
            family_name="Stress",
            preferred_name=NAME,
            prison_number="S9999SS",
            phase="through_the_gate",
            expected_release=RELEASE,
        )
        session.add(man)
        session.flush()
        mid = stress.man_id = man.id
        goals, steps, workbook = [], [], []
        for number in range(1, 41):
            goal = Goal(
                participant_id=mid,
                title=goal_title(number),
                horizon="short_term_recovery",
                domain="housing",
                set_on=TODAY - timedelta(days=30),
            )
            session.add(goal)
            session.flush()
            goals.append(goal.title)
            for index in range(1, 4):
                text = step_text(number, index)
                steps.append(text)
                if index == 1:
                    workbook.append(text)
                session.add(
                    Step(
                        participant_id=mid,
                        goal_id=goal.id,
                        what=text,
                        resource_kind="him",
                        responsible="Stanley",
                        due_on=TODAY + timedelta(days=30 + number),
                        before_next_session=index == 1,
                    )
                )
        appointments = [f"Appointment with a{number:02d}" for number in range(1, 14)]
        session.add_all(
            Appointment(
                participant_id=mid,
                with_whom=who,
                starts_at=at(RELEASE, 8) + timedelta(hours=11 * index),
                location=f"Place a{index + 1:02d}",
            )
            for index, who in enumerate(appointments)
        )
        maps = [f"Situation m{number} at the job centre" for number in range(1, 6)]
        session.add_all(
            LinksMapEntry(
                participant_id=mid,
                situation=situation,
                thoughts=long_answer(f"Thoughts m{index}", 2000),
                recorded_on=TODAY - timedelta(days=10 - index),
            )
            for index, situation in enumerate(maps)
        )
        session.add_all(
            [
                Background(participant_id=mid, doing_your_time=answer),
                PriorityProblem(participant_id=mid, his_words="Nowhere to live p01"),
                Strength(participant_id=mid, text="Good with his hands s01", kind="has"),
                Meeting(
                    participant_id=mid, starts_at=at(TODAY + timedelta(days=5), 10), place="prison"
                ),
                Pledge(
                    participant_id=mid,
                    his_commitments="\n".join(f"His pledge h{n:02d}" for n in range(1, 16)),
                    practitioner_commitments=long_answer("Worker pledge", 2000),
                ),
                ReleasePlan(
                    participant_id=mid,
                    release_date=RELEASE,
                    first_24_hours=long_answer("First day", 2000),
                    what_to_bring="\n".join(f"Bring b{n:02d}" for n in range(1, 16)),
                ),
                EndingPlan(participant_id=mid, **ending),
            ]
        )
    stress.expected = {
        "understanding": [*goals, answer, "Nowhere to live p01", "Good with his hands s01"],
        "action-plan": [*goals, *steps],
        "workbook": workbook,
        "pledge": [f"His pledge h{n:02d}" for n in range(1, 16)],
        "release-plan": appointments,
        "family-sheet": family[:4],
        "ending": list(ending.values()),
        "links-map": maps,
        "services-card": [],
    }
    return stress
