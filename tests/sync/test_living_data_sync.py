"""The records living data added travel between laptops: a goal's why and when, a meeting's length,
readiness history and practice notes (erasure of them: services/test_erasure.py, whose seeded man
has every kind of record)."""

from __future__ import annotations

from datetime import date

from engager_desktop.services import action_plan, practice_notes, session_review
from engager_desktop.services import understanding as u
from engager_desktop.services.understanding_forms import ReadinessForm
from tests.sync.conftest import Laptop, add_goal_and_step, add_man
from tests.vault_fixtures import TEST_START


def test_new_fields_and_tables_arrive_on_the_other_laptop(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(community)
    goal, _step = add_goal_and_step(community, man)
    today = TEST_START.date()
    action_plan.set_goal_status(community.vault, goal, "achieved", "Moved in", today)
    u.save_readiness(community.vault, man, ReadinessForm("ready", "He asked for it"))
    practice_notes.add_note(
        community.vault, man, practice_notes.NoteInput("weekend", today, "Football on Saturday")
    )
    session_review.save_review(
        community.vault,
        man,
        session_review.ReviewInput(TEST_START, "community", True, minutes=45),
    )
    community.tick()
    summary = prison.take(community.export(prison))
    assert summary.committed
    assert prison.digest() == community.digest()

    (view,) = action_plan.plan_for(prison.vault, man).goals
    assert (view.status, view.status_reason, view.status_changed_on) == (
        "achieved",
        "Moved in",
        date(2026, 11, 2),
    )
    history = u.load_understanding(prison.vault, man).readiness_history
    assert [(r.readiness, r.note) for r in history] == [("ready", "He asked for it")]
    assert [n.what for n in practice_notes.notes_for(prison.vault, man)] == ["Football on Saturday"]
    with prison.vault.read() as session:
        minutes = session.connection().exec_driver_sql(
            "SELECT minutes FROM meetings WHERE participant_id = ?", (man,)
        )
        assert [m for (m,) in minutes] == [45]
