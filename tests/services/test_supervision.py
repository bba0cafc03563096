"""Supervision: notes by type, and the caseload summary (flags only, never risk content)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import supervision
from engager_desktop.services.common import NotFound
from engager_desktop.store.orm import (
    AuditEvent,
    DistressRating,
    Goal,
    Meeting,
    Participant,
    Step,
)
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)
RISK_TEXT = "Said he might hurt his cousin"


def add_man(vault: Vault, name: str, phase: str, **fields: object) -> str:
    with vault.write() as session:
        man = Participant(
            given_name=name, family_name="Rees", preferred_name=name, phase=phase, **fields
        )
        session.add(man)
        session.flush()
        return man.id


def add_history(vault: Vault, man: str, scores: list[int], held: int, overdue: int) -> None:
    with vault.write() as session:
        for n, score in enumerate(scores):
            session.add(
                DistressRating(
                    participant_id=man, score=score, rated_on=TODAY - timedelta(days=30 - n)
                )
            )
        for n in range(held):
            session.add(
                Meeting(
                    participant_id=man,
                    place="prison",
                    attended=True,
                    starts_at=datetime(2026, 10, 1, 10) + timedelta(days=n),
                )
            )
        session.add(
            Meeting(
                participant_id=man,
                place="prison",
                attended=False,
                starts_at=datetime(2026, 10, 30, 10),
            )
        )
        goal = Goal(
            participant_id=man,
            title="Work",
            horizon="long_term_maintenance",
            domain="work_and_learning",
            set_on=TODAY - timedelta(days=60),
        )
        session.add(goal)
        session.flush()
        for n in range(overdue + 1):
            session.add(
                Step(
                    participant_id=man,
                    goal_id=goal.id,
                    what="Step",
                    resource_kind="him",
                    responsible="Him",
                    due_on=TODAY - timedelta(days=1) if n < overdue else TODAY,
                )
            )


def test_notes_by_type(vault: Vault) -> None:
    team = supervision.add_note(
        vault,
        supervision.NoteInput(
            "team", TODAY - timedelta(days=7), cases_discussed="Three men near release"
        ),
    )
    mba = supervision.add_note(
        vault,
        supervision.NoteInput("mba", TODAY, reflections="Noticed I was rushing to fix things"),
    )
    assert [n.id for n in supervision.notes(vault)] == [mba, team]
    assert [n.id for n in supervision.notes(vault, "team")] == [team]
    supervision.edit_note(
        vault,
        team,
        supervision.NoteInput(
            "meta", TODAY - timedelta(days=7), actions="Structured session on endings"
        ),
    )
    assert [n.id for n in supervision.notes(vault, "meta")] == [team]
    supervision.remove_note(vault, mba)
    assert [n.id for n in supervision.notes(vault)] == [team]
    with vault.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.record_id == team).order_by(AuditEvent.seq)
        ).all()
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        (supervision.NoteInput("gossip", TODAY, reflections="x"), "not one of the choices"),
        (supervision.NoteInput("team", TODAY + timedelta(days=1), reflections="x"), "after the"),
        (supervision.NoteInput("team", TODAY), "Write something"),
        (supervision.NoteInput("team", TODAY, risk="x" * 2001), "too long"),
    ],
)
def test_bad_note_is_refused(vault: Vault, note: supervision.NoteInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        supervision.add_note(vault, note)
    assert supervision.notes(vault) == []


def test_unknown_note(vault: Vault) -> None:
    with pytest.raises(NotFound):
        supervision.remove_note(vault, "0" * 36)


def test_caseload_summary(vault: Vault) -> None:
    inside = add_man(
        vault,
        "Aled",
        "in_prison",
        expected_release=TODAY + timedelta(days=21),
        planned_sessions=20,
        risk_notes=RISK_TEXT,
    )
    out = add_man(vault, "Bryn", "in_community", expected_release=TODAY - timedelta(days=30))
    add_man(vault, "Carwyn", "closed")
    add_history(vault, inside, [3, 5, 6], held=4, overdue=2)
    add_history(vault, out, [8, 4], held=1, overdue=0)

    summary = supervision.caseload_summary(vault)
    assert [line.preferred_name for line in summary.lines] == ["Aled", "Bryn"]
    aled, bryn = summary.lines
    assert (
        aled.phase,
        aled.days_to_release,
        aled.overdue_steps,
        aled.sessions_held,
        aled.sessions_planned,
    ) == ("in_prison", 21, 2, 4, 20)
    assert (aled.distress_trend, aled.latest_distress, aled.risk_flag) == ("rising", 6, True)
    assert (bryn.days_to_release, bryn.distress_trend, bryn.risk_flag) == (None, "falling", False)
    assert RISK_TEXT not in repr(summary)
    head = vault.audit_head()
    assert (summary.audit_count, summary.audit_hash) == (head.count, head.hash)
    assert summary.made_on == TODAY


def test_trend_reads_only_the_latest_ratings(vault: Vault) -> None:
    man = add_man(vault, "Dai", "in_prison")
    add_history(vault, man, [9, 9, 9, 2, 2, 3], held=0, overdue=0)
    [line] = supervision.caseload_summary(vault).lines
    assert (line.distress_trend, line.latest_distress) == ("steady", 3)
    lone = add_man(vault, "Emyr", "engagement")
    add_history(vault, lone, [5], held=0, overdue=0)
    emyr = next(x for x in supervision.caseload_summary(vault).lines if x.man_id == lone)
    assert emyr.distress_trend == "not_enough"
