"""A session and its plan review: one transaction, pre-filled from records, read back whole."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import action_plan as plan
from engager_desktop.services import session_review as review
from engager_desktop.services.common import NotFound, RuleBroken
from engager_desktop.store.orm import (
    AuditEvent,
    DistressRating,
    Goal,
    Meeting,
    Participant,
    Step,
    StepReview,
)
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)
NOW = datetime(2026, 11, 2, 9, 0)


def add_man(vault: Vault, name: str = "Dai") -> str:
    with vault.write() as session:
        man = Participant(given_name=name, family_name="Rees", preferred_name=name)
        session.add(man)
        session.flush()
        return man.id


def counts(vault: Vault) -> dict[str, int]:
    with vault.read() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Meeting, StepReview, Step, DistressRating, AuditEvent)
        }


def statuses(vault: Vault, ids: list[str]) -> list[tuple[str, str | None]]:
    with vault.read() as session:
        return [
            (s.status, s.what_happened)
            for s in (session.get(Step, step_id) for step_id in ids)
            if s is not None
        ]


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


@pytest.fixture
def goal(vault: Vault, man: str) -> str:
    return plan.add_goal(
        vault,
        man,
        plan.GoalInput(
            "A place to live", "short_term_recovery", "housing", set_on=TODAY - timedelta(days=14)
        ),
    )


@pytest.fixture
def steps(vault: Vault, goal: str) -> list[str]:
    return [
        plan.add_step(
            vault,
            goal,
            plan.StepInput("Write to the council", "him", "Dai", before_next_session=True),
        ),
        plan.add_step(
            vault,
            goal,
            plan.StepInput("Find the hostel number", "practitioner", "Practitioner", due_on=TODAY),
        ),
        plan.add_step(
            vault, goal, plan.StepInput("Ask about benefits", "practitioner", "Practitioner")
        ),
    ]


def full_review(goal: str, steps: list[str], **changes: object) -> review.ReviewInput:
    values: dict[str, object] = {
        "starts_at": NOW,
        "place": "prison",
        "attended": True,
        "location": "Visits hall",
        "distress": 6,
        "distress_note": "Worried about where he will sleep",
        "reviewed": "Housing goal and steps",
        "notes": "He had written the letter himself",
        "outcomes": [
            review.StepOutcome(steps[0], "done", "Letter posted"),
            review.StepOutcome(steps[1], "not_done", "Phone lines were down"),
        ],
        "new_steps": [
            review.NewStep(
                goal,
                plan.StepInput(
                    "Ring the hostel again",
                    "practitioner",
                    "Practitioner",
                    before_next_session=True,
                ),
            ),
        ],
        "next_session": review.NextSession(NOW + timedelta(days=7), "prison", "Visits hall"),
    }
    values.update(changes)
    return review.ReviewInput(**values)  # type: ignore[arg-type]


def test_review_writes_session_rating_outcomes_steps_and_next(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    saved = review.save_review(vault, man, full_review(goal, steps))

    with vault.read() as session:
        meeting = session.get(Meeting, saved.meeting_id)
        assert meeting is not None
        assert (meeting.attended, meeting.place, meeting.distress, meeting.location) == (
            True,
            "prison",
            6,
            "Visits hall",
        )
        assert meeting.reviewed == "Housing goal and steps"
        rating = session.scalars(select(DistressRating)).one()
        assert (rating.score, rating.note, rating.rated_on, rating.meeting_id) == (
            6,
            "Worried about where he will sleep",
            TODAY,
            saved.meeting_id,
        )
        outcomes = {
            r.step_id: (r.outcome, r.why)
            for r in session.scalars(
                select(StepReview).where(StepReview.meeting_id == saved.meeting_id)
            )
        }
        nxt = session.get(Meeting, saved.next_meeting_id)
        assert nxt is not None and nxt.attended is None
        assert nxt.starts_at == NOW + timedelta(days=7)
    assert outcomes == {
        steps[0]: ("done", "Letter posted"),
        steps[1]: ("not_done", "Phone lines were down"),
    }
    # Done closes the step; not done carries it on, open, with what happened.
    assert statuses(vault, steps) == [
        ("done", "Letter posted"),
        ("open", "Phone lines were down"),
        ("open", None),
    ]
    assert len(saved.new_step_ids) == 1


def test_a_later_review_replaces_an_old_reason_and_each_review_keeps_its_own(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    earlier = full_review(goal, steps, starts_at=NOW - timedelta(days=7))
    review.save_review(vault, man, earlier)  # step 1: not done, with a reason
    later = full_review(
        goal,
        steps,
        outcomes=[review.StepOutcome(steps[1], "done")],
        new_steps=[],
        next_session=None,
    )
    review.save_review(vault, man, later)
    assert statuses(vault, steps)[1] == ("done", None)  # not "Phone lines were down" beside Done
    with vault.read() as session:
        whys = [
            r.why
            for r in session.scalars(
                select(StepReview)
                .where(StepReview.step_id == steps[1])
                .order_by(StepReview.created_at)
            )
        ]
    assert whys == ["Phone lines were down", None]


def test_workbook_page_carries_what_the_review_wrote(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    saved = review.save_review(vault, man, full_review(goal, steps))
    page = review.workbook_page(vault, saved.meeting_id)
    assert page.preferred_name == "Dai" and page.held_on == TODAY
    assert [(line.step_id, line.what, line.outcome, line.why) for line in page.reviewed] == [
        (steps[0], "Write to the council", "done", "Letter posted"),
        (steps[1], "Find the hostel number", "not_done", "Phone lines were down"),
    ]
    assert all(line.goal_title == "A place to live" for line in page.reviewed)
    assert [s.what for s in page.before_next_time] == ["Ring the hostel again"]
    assert page.next_session == NOW + timedelta(days=7)


def test_prepare_review_prefills_what_was_recorded(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    empty = review.prepare_review(vault, man)
    assert empty.last_distress is None and empty.planned is None
    assert [o.step.id for o in empty.open_steps] == [steps[1], steps[0], steps[2]]  # due first
    assert {o.goal_title for o in empty.open_steps} == {"A place to live"}

    saved = review.save_review(vault, man, full_review(goal, steps))
    draft = review.prepare_review(vault, man)
    assert draft.preferred_name == "Dai"
    assert draft.last_distress == review.LastDistress(6, "Worried about where he will sleep", TODAY)
    assert draft.planned is not None and draft.planned.id == saved.next_meeting_id
    assert (draft.planned.starts_at, draft.planned.place, draft.planned.location) == (
        NOW + timedelta(days=7),
        "prison",
        "Visits hall",
    )
    open_ids = {o.step.id for o in draft.open_steps}
    assert open_ids == {steps[1], steps[2], *saved.new_step_ids}
    assert steps[0] not in open_ids  # done last time


@pytest.mark.parametrize(
    ("phase", "release", "planned", "place"),
    [
        ("in_prison", None, "prison", "prison"),
        ("through_the_gate", TODAY + timedelta(days=3), "prison", "prison"),  # not out yet
        ("through_the_gate", TODAY - timedelta(days=3), None, "community"),
        ("in_community", None, None, "community"),
        ("ending", None, None, "community"),
    ],
)
def test_the_session_proposed_fits_where_he_is_now(
    vault: Vault, man: str, phase: str, release: date | None, planned: str | None, place: str
) -> None:
    stale = review.NextSession(NOW + timedelta(days=7), "prison")
    review.save_review(vault, man, review.ReviewInput(NOW, "prison", True, next_session=stale))
    with vault.write() as session:
        row = session.get(Participant, man)
        assert row is not None
        row.phase, row.expected_release = phase, release
    draft = review.prepare_review(vault, man)
    assert (draft.planned.place if draft.planned else None) == planned
    assert draft.usual_place == review.usual_place(vault, man) == place


def test_holding_the_planned_session_fills_it_in(
    vault: Vault, clock: object, man: str, goal: str, steps: list[str]
) -> None:
    first = review.save_review(vault, man, full_review(goal, steps))
    clock.advance(7 * 86400)  # type: ignore[attr-defined]
    draft = review.prepare_review(vault, man)
    assert draft.planned is not None
    second = review.save_review(
        vault,
        man,
        review.ReviewInput(
            starts_at=draft.planned.starts_at,
            place=draft.planned.place,
            attended=True,
            distress=4,
            planned_meeting_id=draft.planned.id,
            outcomes=[
                review.StepOutcome(draft.open_steps[0].step.id, "dropped", "No longer needed")
            ],
        ),
    )
    assert second.meeting_id == first.next_meeting_id
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 2
    with pytest.raises(RuleBroken):
        review.save_review(
            vault,
            man,
            review.ReviewInput(
                starts_at=NOW, place="prison", attended=True, planned_meeting_id=second.meeting_id
            ),
        )


def test_bad_outcome_after_a_good_one_leaves_nothing_written(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    before, before_steps = counts(vault), statuses(vault, steps)
    bad_outcomes = [
        [review.StepOutcome(steps[0], "done"), review.StepOutcome(steps[1], "finished")],
        [review.StepOutcome(steps[0], "done"), review.StepOutcome("0" * 36, "done")],
        [review.StepOutcome(steps[0], "done"), review.StepOutcome(steps[0], "not_done")],
        [review.StepOutcome(steps[0], "done"), review.StepOutcome(steps[1], "open")],
        [review.StepOutcome(steps[0], "done"), review.StepOutcome(steps[1], "done", "x" * 2001)],
    ]
    for outcomes in bad_outcomes:
        with pytest.raises(ValidationError):
            review.save_review(vault, man, full_review(goal, steps, outcomes=outcomes))
        assert counts(vault) == before
        assert statuses(vault, steps) == before_steps


def test_bad_new_step_or_next_session_leaves_nothing_written(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    before = counts(vault)
    early = plan.StepInput("Too early", "him", "Dai", due_on=TODAY - timedelta(days=30))
    nobody = plan.StepInput("Nobody's job", "him", " ")
    for changes in (
        {"new_steps": [review.NewStep(goal, early)]},
        {"new_steps": [review.NewStep(goal, nobody)]},
        {"next_session": review.NextSession(NOW - timedelta(days=1), "prison")},
    ):
        with pytest.raises(ValidationError):
            review.save_review(vault, man, full_review(goal, steps, **changes))
        assert counts(vault) == before
    with pytest.raises(NotFound):
        review.save_review(
            vault, man, full_review(goal, steps, new_steps=[review.NewStep("0" * 36, early)])
        )
    assert counts(vault) == before


def test_steps_and_goals_of_another_man_are_refused(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    other = add_man(vault, "Huw")
    with pytest.raises(ValidationError, match="not in his plan"):
        review.save_review(vault, other, full_review(goal, steps, new_steps=()))
    with pytest.raises(RuleBroken):
        review.save_review(vault, other, full_review(goal, steps, outcomes=()))


def test_finished_step_cannot_be_reviewed_again(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    review.save_review(vault, man, full_review(goal, steps, next_session=None))
    with pytest.raises(ValidationError, match="already finished"):
        review.save_review(
            vault,
            man,
            full_review(
                goal,
                steps,
                outcomes=[review.StepOutcome(steps[0], "done")],
                new_steps=(),
                next_session=None,
            ),
        )


def test_missed_session_needs_a_follow_up_and_takes_no_rating(vault: Vault, man: str) -> None:
    missed = review.ReviewInput(starts_at=NOW, place="community", attended=False)
    with pytest.raises(ValidationError, match="Follow up needs filling in"):
        review.save_review(vault, man, missed)
    with pytest.raises(ValidationError, match="missed"):
        review.save_review(
            vault,
            man,
            review.ReviewInput(
                starts_at=NOW, place="community", attended=False, follow_up="Call him", distress=5
            ),
        )
    saved = review.save_review(
        vault,
        man,
        review.ReviewInput(
            starts_at=NOW,
            place="community",
            attended=False,
            follow_up="Ring the hostel this afternoon",
        ),
    )
    with vault.read() as session:
        row = session.get(Meeting, saved.meeting_id)
        assert row is not None
        assert (row.attended, row.follow_up) == (False, "Ring the hostel this afternoon")
        assert session.scalar(select(func.count()).select_from(DistressRating)) == 0


def test_how_long_it_lasted_is_kept_and_a_missed_one_takes_none(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    saved = review.save_review(vault, man, full_review(goal, steps, minutes=55))
    with vault.read() as session:
        row = session.get(Meeting, saved.meeting_id)
        assert row is not None and row.minutes == 55
    missed = review.ReviewInput(
        starts_at=NOW, place="community", attended=False, follow_up="Call him", minutes=30
    )
    with pytest.raises(ValidationError, match="length"):
        review.save_review(vault, man, missed)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"distress": 11}, "between 0 and 10"),
        ({"distress": -1}, "between 0 and 10"),
        ({"distress": "7"}, "whole number"),
        ({"place": "pub"}, "not one of the choices"),
        ({"notes": "x" * 20_001}, "too long"),
        ({"reviewed": "x" * 2_001}, "too long"),
        ({"distress_note": "x" * 2_001}, "too long"),
        ({"starts_at": NOW + timedelta(days=2)}, "later day"),
        ({"minutes": 0}, "from 1 to 480"),
        ({"minutes": 481}, "from 1 to 480"),
        ({"minutes": "50"}, "whole number"),
    ],
)
def test_bad_session_input_is_refused(
    vault: Vault, man: str, goal: str, steps: list[str], changes: dict[str, object], message: str
) -> None:
    before = counts(vault)
    with pytest.raises(ValidationError, match=message):
        review.save_review(vault, man, full_review(goal, steps, **changes))
    assert counts(vault) == before


def test_unknown_man_or_session(vault: Vault, goal: str, steps: list[str]) -> None:
    with pytest.raises(NotFound):
        review.save_review(vault, "0" * 36, full_review(goal, steps))
    with pytest.raises(NotFound):
        review.prepare_review(vault, "0" * 36)
    with pytest.raises(NotFound):
        review.workbook_page(vault, "0" * 36)


def test_every_record_the_review_writes_is_audited_in_it(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    with vault.read() as session:
        start = session.scalar(select(func.max(AuditEvent.seq))) or 0
    saved = review.save_review(vault, man, full_review(goal, steps))
    with vault.read() as session:
        entries = session.execute(
            select(AuditEvent.action, AuditEvent.kind, AuditEvent.record_id).where(
                AuditEvent.seq > start
            )
        ).all()
        rating = session.scalars(select(DistressRating.id)).one()
    audited = {(kind, record) for _, kind, record in entries}
    assert ("meetings", saved.meeting_id) in audited
    assert ("meetings", saved.next_meeting_id) in audited
    assert ("distress_ratings", rating) in audited
    assert all(("step_reviews", r) in audited for r in saved.step_review_ids)
    assert all(("steps", s) in audited for s in saved.new_step_ids)
    assert ("update", "steps", steps[0]) in entries and ("update", "steps", steps[1]) in entries


def test_goal_tombstoned_hides_its_steps_from_the_review(
    vault: Vault, man: str, goal: str, steps: list[str]
) -> None:
    plan.remove_goal(vault, goal)
    assert review.prepare_review(vault, man).open_steps == ()
    with vault.read() as session:
        assert session.get(Goal, goal).deleted  # type: ignore[union-attr]
