"""The shared action plan: goals and steps, links that fit, bad input refused, changes audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import action_plan as plan
from engager_desktop.services.common import SEARCH_INDEX, NotFound, RuleBroken
from engager_desktop.store.orm import AuditEvent, Goal, Participant, Service, Step, SupportPerson
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)


def add_man(vault: Vault, **fields: object) -> str:
    values: dict[str, object] = {
        "given_name": "Dai",
        "family_name": "Rees",
        "preferred_name": "Dai",
    }
    values.update(fields)
    with vault.write() as session:
        man = Participant(**values)
        session.add(man)
        session.flush()
        return man.id


def add_service(vault: Vault, name: str = "Harbour Housing") -> str:
    with vault.write() as session:
        row = Service(name=name, kind="housing", setting="community")
        session.add(row)
        session.flush()
        return row.id


def add_person(vault: Vault, man_id: str, role: str = "family") -> str:
    with vault.write() as session:
        row = SupportPerson(participant_id=man_id, name="Mair", role=role)
        session.add(row)
        session.flush()
        return row.id


def goal_input(**changes: object) -> plan.GoalInput:
    values: dict[str, object] = {
        "title": "Somewhere to live when I get out",
        "horizon": "short_term_recovery",
        "domain": "housing",
        "his_words": "I don't want to end up on the streets again",
    }
    values.update(changes)
    return plan.GoalInput(**values)  # type: ignore[arg-type]


def step_input(**changes: object) -> plan.StepInput:
    values: dict[str, object] = {
        "what": "Fill in the housing form together",
        "resource_kind": "practitioner",
        "responsible": "Practitioner",
        "due_on": TODAY + timedelta(days=7),
    }
    values.update(changes)
    return plan.StepInput(**values)  # type: ignore[arg-type]


def audit_count(vault: Vault) -> int:
    with vault.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


@pytest.fixture
def goal(vault: Vault, man: str) -> str:
    return plan.add_goal(vault, man, goal_input())


def test_goal_and_steps_make_his_plan(vault: Vault, man: str, goal: str) -> None:
    service = add_service(vault)
    person = add_person(vault, man)
    plan.add_step(vault, goal, step_input())
    plan.add_step(
        vault,
        goal,
        step_input(
            what="Ring the housing team",
            resource_kind="other_professional",
            responsible="Housing officer",
            service_id=service,
        ),
    )
    plan.add_step(
        vault,
        goal,
        step_input(
            what="Ask Mair about the spare room",
            resource_kind="family_or_peers",
            responsible="Dai",
            support_person_id=person,
            due_on=None,
            before_next_session=True,
            quick_win=True,
            skill_area="problem_solving",
        ),
    )

    view = plan.plan_for(vault, man)
    assert view.preferred_name == "Dai"
    [g] = view.goals
    assert (g.title, g.horizon, g.domain, g.set_on) == (
        "Somewhere to live when I get out",
        "short_term_recovery",
        "housing",
        TODAY,
    )
    assert g.his_words == "I don't want to end up on the streets again"
    assert [s.resource_kind for s in g.steps] == [
        "practitioner",
        "other_professional",
        "family_or_peers",
    ]
    assert g.steps[1].service_name == "Harbour Housing"
    assert g.steps[2].support_person_name == "Mair"
    assert g.steps[2].quick_win and g.steps[2].before_next_session
    assert g.steps[2].skill_area == "problem_solving"
    assert view.open_steps == 3 and view.overdue_steps == 0


def test_goal_is_found_by_search(vault: Vault, man: str, goal: str) -> None:
    with vault.read() as session:
        body = session.scalar(
            select(SEARCH_INDEX.c.body).where(SEARCH_INDEX.c.participant_id == man)
        )
    assert body is not None and "streets" in body
    plan.remove_goal(vault, goal)
    with vault.read() as session:
        body = session.scalar(
            select(SEARCH_INDEX.c.body).where(SEARCH_INDEX.c.participant_id == man)
        )
    assert body is None or "streets" not in body


def test_due_date_before_goal_was_set_is_refused(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input(set_on=TODAY - timedelta(days=10)))
    with pytest.raises(ValidationError, match="before the goal was set"):
        plan.add_step(vault, goal, step_input(due_on=TODAY - timedelta(days=11)))
    plan.add_step(vault, goal, step_input(due_on=TODAY - timedelta(days=10)))  # same day is fine


def test_moving_a_goal_after_its_steps_due_dates_is_refused(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input(set_on=TODAY - timedelta(days=10)))
    plan.add_step(vault, goal, step_input(due_on=TODAY - timedelta(days=5)))
    with pytest.raises(ValidationError, match="before the goal was set"):
        plan.edit_goal(vault, goal, goal_input(set_on=TODAY))


@pytest.mark.parametrize("responsible", ["", "   ", None])
def test_step_with_no_one_responsible_is_refused(
    vault: Vault, goal: str, responsible: str | None
) -> None:
    with pytest.raises(ValidationError, match="Who is responsible needs filling in"):
        plan.add_step(vault, goal, step_input(responsible=responsible))


def test_link_of_the_wrong_kind_is_refused(vault: Vault, man: str, goal: str) -> None:
    service = add_service(vault)
    person = add_person(vault, man)
    with pytest.raises(ValidationError, match="another professional"):
        plan.add_step(vault, goal, step_input(resource_kind="him", service_id=service))
    with pytest.raises(ValidationError, match="family or peers"):
        plan.add_step(
            vault, goal, step_input(resource_kind="practitioner", support_person_id=person)
        )
    with pytest.raises(ValidationError, match="not both"):
        plan.add_step(
            vault,
            goal,
            step_input(
                resource_kind="other_professional", service_id=service, support_person_id=person
            ),
        )


def test_link_must_exist_and_be_his(vault: Vault, man: str, goal: str) -> None:
    with pytest.raises(NotFound, match="no such service"):
        plan.add_step(
            vault, goal, step_input(resource_kind="other_professional", service_id="0" * 36)
        )
    other_man = add_man(vault, given_name="Huw", preferred_name="Huw")
    someone_else = add_person(vault, other_man)
    with pytest.raises(ValidationError, match="not one of his people"):
        plan.add_step(
            vault, goal, step_input(resource_kind="family_or_peers", support_person_id=someone_else)
        )


def test_unknown_ids_are_not_found(vault: Vault, man: str) -> None:
    missing = "0" * 36
    with pytest.raises(NotFound, match="no such man"):
        plan.add_goal(vault, missing, goal_input())
    with pytest.raises(NotFound, match="no such goal"):
        plan.add_step(vault, missing, step_input())
    with pytest.raises(NotFound, match="no such step"):
        plan.set_step_status(vault, missing, "done")
    with pytest.raises(NotFound):
        plan.plan_for(vault, missing)


def test_removed_goal_takes_its_steps_and_is_then_not_found(vault: Vault, goal: str) -> None:
    step = plan.add_step(vault, goal, step_input())
    plan.remove_goal(vault, goal)
    with vault.read() as session:
        assert session.get(Goal, goal).deleted  # type: ignore[union-attr]
        assert session.get(Step, step).deleted  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        plan.add_step(vault, goal, step_input())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "x" * 301}, "too long"),
        ({"title": ""}, "needs filling in"),
        ({"his_words": "x" * 2001}, "too long"),
        ({"horizon": "forever"}, "not one of the choices"),
        ({"domain": "space"}, "not one of the choices"),
        ({"set_on": TODAY + timedelta(days=1)}, "still to come"),
    ],
)
def test_bad_goal_input_is_refused(
    vault: Vault, man: str, changes: dict[str, object], message: str
) -> None:
    before = audit_count(vault)
    with pytest.raises(ValidationError, match=message):
        plan.add_goal(vault, man, goal_input(**changes))
    assert audit_count(vault) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"what": "x" * 2001}, "too long"),
        ({"responsible": "x" * 201}, "too long"),
        ({"resource_kind": "luck"}, "not one of the choices"),
        ({"skill_area": "juggling"}, "not one of the choices"),
        ({"due_on": TODAY + timedelta(days=6 * 366)}, "five years"),
        ({"before_next_session": True}, "not both"),
    ],
)
def test_bad_step_input_is_refused(
    vault: Vault, goal: str, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        plan.add_step(vault, goal, step_input(**changes))


def test_overdue_and_status(vault: Vault, clock: object, man: str, goal: str) -> None:
    step = plan.add_step(vault, goal, step_input(due_on=TODAY + timedelta(days=1)))
    clock.advance(3 * 86400)  # type: ignore[attr-defined]
    view = plan.plan_for(vault, man)
    assert view.overdue_steps == 1 and view.goals[0].steps[0].overdue
    plan.set_step_status(vault, step, "done", "Form sent off on Tuesday")
    view = plan.plan_for(vault, man)
    done = view.goals[0].steps[0]
    assert (done.status, done.what_happened, done.closed_on) == (
        "done",
        "Form sent off on Tuesday",
        TODAY + timedelta(days=3),
    )
    assert view.overdue_steps == 0 and view.open_steps == 0
    with pytest.raises(ValidationError):
        plan.set_step_status(vault, step, "finished")


def test_every_change_is_audited(vault: Vault, goal: str) -> None:
    before = audit_count(vault)
    step = plan.add_step(vault, goal, step_input())
    plan.edit_step(vault, step, step_input(what="Fill in the form at the library"))
    plan.set_goal_status(vault, goal, "achieved")
    plan.remove_step(vault, step)
    with vault.read() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.kind, AuditEvent.record_id)
            .where(AuditEvent.seq > before)
            .order_by(AuditEvent.seq)
        ).all()
    assert [r[:2] for r in rows if r[1] in ("steps", "goals")] == [
        ("create", "steps"),
        ("update", "steps"),
        ("update", "goals"),
        ("delete", "steps"),
    ]


def test_goal_of_another_man_is_refused_in_his_review(vault: Vault, goal: str) -> None:
    other = add_man(vault, given_name="Huw", preferred_name="Huw")
    with vault.write() as session, pytest.raises(RuleBroken):
        plan.live_goal_of(session, goal, other)


def test_editing_a_goal_keeps_its_date_unless_given(vault: Vault, man: str) -> None:
    goal = plan.add_goal(vault, man, goal_input(set_on=TODAY - timedelta(days=20)))
    plan.edit_goal(vault, goal, goal_input(title="A flat of my own", set_on=None))
    [view] = plan.plan_for(vault, man).goals
    assert (view.title, view.set_on) == ("A flat of my own", TODAY - timedelta(days=20))
