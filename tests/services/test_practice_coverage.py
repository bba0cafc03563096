"""Practice points that had no service test of their own (see docs/practice-coverage.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from engager_desktop.domain.enums import ContinuingSupportKind
from engager_desktop.services import action_plan as plan
from engager_desktop.services import contact_alerts as alerts
from engager_desktop.services import directory, endings, meetings, printing, release
from engager_desktop.services import understanding as u
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.understanding_forms import (
    BackgroundForm,
    IdentityForm,
    LifeStoryForm,
    ReadinessForm,
)
from engager_desktop.store.orm import Participant, SupportPerson
from engager_desktop.store.vault import Vault
from tests.services.print_fixtures import pdf_text

TODAY = date(2026, 11, 2)  # the fixture clock's day
NOW = datetime(2026, 11, 2, 9, 0)  # the fixture clock, as stored (naive UTC)


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id


def to_community(vault: Vault, man_id: str) -> None:
    with vault.write() as session:
        row = session.get(Participant, man_id)
        assert row is not None
        row.phase = "in_community"


def readiness_done(vault: Vault, man_id: str) -> set[str]:
    return {item.key for item in release.readiness(vault, man_id).items if item.done}


def test_p3_p4_p7_whole_life_basic_needs_doing_time_and_substance_links(
    vault: Vault, man: str
) -> None:
    story = LifeStoryForm(
        life_story="Worked on the boats; loves football",
        basic_needs_worries="Where he will sleep the first night out",
        doing_your_time="Keeps his head down, counts the days",
        substance_use="Drinks more when on his own",
        substance_links="Drinks when lonely; lonely when he has been drinking",
    )
    assert u.save_life_story(vault, man, story) == story
    assert u.load_understanding(vault, man).life_story == story
    assert "trauma" in u.SENSITIVE_FIELDS  # P6: the one part kept out of print by default


def test_p11_expectations_address_and_the_sentence_unchanged(vault: Vault, man: str) -> None:
    u.save_identity(vault, man, IdentityForm("Mr Nowak"))
    background = BackgroundForm(
        previous_experiences="Felt passed from one worker to the next",
        expectations="Someone who turns up when they say",
        told_sentence_unaffected=True,
    )
    assert u.save_background(vault, man, background) == background
    record = u.load_understanding(vault, man)
    assert record.background == background and record.identity.preferred_name == "Mr Nowak"
    text = pdf_text(printing.prepare(vault, "understanding", man).pdf)
    assert "Mr Nowak" in text and "Tomasz" not in text  # printed as he wants to be addressed


def test_p30_what_he_hopes_for_at_the_end_is_kept_from_the_first_meetings(
    vault: Vault, man: str
) -> None:
    form = ReadinessForm("thinking_about_it", "Wants to try", "A job and his own front door")
    assert u.save_readiness(vault, man, form) == form
    assert u.load_understanding(vault, man).readiness.hopes_for_ending == (
        "A job and his own front door"
    )
    with pytest.raises(ValueError, match="too long"):
        u.save_readiness(vault, man, replace(form, hopes_for_ending="x" * 2001))


def test_p32_four_ways_support_carries_on_and_becoming_a_mentor(vault: Vault, man: str) -> None:
    endings.save_ending_plan(
        vault,
        man,
        endings.EndingPlanInput(
            signs_to_watch="Missing meals",
            mentoring="Mentor from the recovery café",
            services="Drop-in at the housing charity",
            family_and_friends="Sunday dinner at his sister's",
            self_care="Swimming twice a week",
            aftercare_call_on=TODAY + timedelta(days=30),
            peer_mentor_interest=True,
        ),
    )
    support = endings.ending_check(vault, man).checks.support
    assert set(support.arranged) == set(ContinuingSupportKind) and support.ok_to_end
    view = endings.ending_plan(vault, man)
    assert view is not None and view.plan.peer_mentor_interest
    assert view.plan.aftercare_call_on == TODAY + timedelta(days=30)


def test_p21_p28_gp_needs_registration_and_letter_and_first_week_gp_gets_a_reminder(
    vault: Vault, man: str
) -> None:
    day = TODAY + timedelta(days=1)
    registered = release.ReleasePlanInput(
        release_date=day, gp_registered=True, gp_follow_up="Nurse review of his inhaler"
    )
    release.save_release_plan(vault, man, registered)
    assert "gp" not in readiness_done(vault, man)  # no discharge letter yet
    release.save_release_plan(vault, man, replace(registered, discharge_letter=True))
    assert "gp" in readiness_done(vault, man)
    saved = release.release_plan(vault, man)
    assert saved is not None and saved.gp_follow_up == "Nurse review of his inhaler"
    gp = meetings.add_appointment(
        vault, man, meetings.AppointmentInput("GP: Quay Surgery", NOW + timedelta(hours=30))
    )
    assert [s.id for s in alerts.reminders_due(vault, man)] == [gp.id]
    assert "first_week" in readiness_done(vault, man)


def test_p21_services_met_inside_and_p19_family_meeting_count_when_done(
    vault: Vault, man: str
) -> None:
    base = release.ReleasePlanInput(release_date=TODAY + timedelta(days=40))
    release.save_release_plan(vault, man, base)
    assert not {"services_met_inside", "family_meeting"} & readiness_done(vault, man)
    release.save_release_plan(
        vault,
        man,
        replace(
            base,
            services_met_inside=True,
            family_meeting_held=True,
            family_meeting_note="Talked with his mum about taking it a day at a time",
        ),
    )
    assert {"services_met_inside", "family_meeting"} <= readiness_done(vault, man)


def test_p18_p27_peers_and_structured_days_in_the_community(vault: Vault, man: str) -> None:
    to_community(vault, man)
    gym = directory.add_service(
        vault,
        directory.ServiceInput(
            name="Dockside Gym",
            kind="gym",
            setting="community",
            weekend_hours="Sat and Sun 8-6",
            cost_to_him="£2 a session with a leisure card",
            does="Gym and a Saturday walking group",
            last_verified=TODAY,
        ),
    )
    with vault.write() as session:
        peer = SupportPerson(participant_id=man, name="Gareth", role="peer_mentor")
        session.add(peer)
        session.flush()
        peer_id = peer.id
    goal = plan.add_goal(
        vault, man, plan.GoalInput("Keep my room at the hostel", "short_term_recovery", "housing")
    )
    plan.add_step(
        vault,
        goal,
        plan.StepInput(
            "Gym on Saturday mornings",
            "other_professional",
            "Tomasz",
            due_on=TODAY + timedelta(days=5),
            service_id=gym,
            skill_area="daily_structure",
        ),
    )
    plan.add_step(
        vault,
        goal,
        plan.StepInput(
            "Go to a meeting with Gareth", "family_or_peers", "Gareth", support_person_id=peer_id
        ),
    )
    [g] = plan.plan_for(vault, man).goals
    assert (g.domain, [s.skill_area for s in g.steps]) == ("housing", ["daily_structure", None])
    assert [(s.service_name, s.support_person_name) for s in g.steps] == [
        ("Dockside Gym", None),
        (None, "Gareth"),
    ]
    [found] = directory.search_services(vault, "walking", kind="gym")
    assert found.entry.weekend_hours == "Sat and Sun 8-6" and found.entry.cost_to_him


def test_p36_explainer_says_what_engager_does_and_does_not_do(vault: Vault) -> None:
    info = next(k for k in printing.kinds() if k.name == "explainer")
    assert info.for_others and not info.needs_man
    text = pdf_text(printing.prepare(vault, "explainer", None).pdf)
    assert "What Engager does" in text and "What Engager does not do" in text
