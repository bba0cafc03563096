"""Endings: sessions and end date from the start, tapering, the blueprint, support before ending."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.bank_holidays import is_working_day
from engager_desktop.domain.enums import ContinuingSupportKind
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import endings
from engager_desktop.services.common import NotFound, RuleBroken
from engager_desktop.store.orm import AuditEvent, EndingPlan, Meeting, Participant
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)


def add_man(vault: Vault) -> str:
    with vault.write() as session:
        man = Participant(
            given_name="Dai", family_name="Rees", preferred_name="Dai", phase="in_community"
        )
        session.add(man)
        session.flush()
        return man.id


def hold_sessions(vault: Vault, man: str, count: int) -> None:
    with vault.write() as session:
        for n in range(count):
            session.add(
                Meeting(
                    participant_id=man,
                    place="community",
                    attended=True,
                    starts_at=datetime(2026, 10, 1, 10, 0) + timedelta(days=2 * n),
                )
            )


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


BLUEPRINT = endings.EndingPlanInput(
    signs_to_watch="Not sleeping, staying in his room",
    what_helps="Walking the dog, ringing his sister",
    who_to_contact="His sister; the GP; the crisis line",
    how_to_mark_it="A coffee at the café where we first met",
)


def test_sessions_and_end_date_from_the_start(vault: Vault, man: str) -> None:
    assert endings.sessions_progress(vault, man).planned is None
    endings.set_sessions_plan(vault, man, 12, TODAY + timedelta(days=60))
    hold_sessions(vault, man, 8)
    progress = endings.sessions_progress(vault, man)
    assert (progress.held, progress.planned, progress.remaining) == (8, 12, 4)
    with vault.read() as session:
        row = session.get(Participant, man)
        assert row is not None and (row.planned_sessions, row.planned_end) == (
            12,
            TODAY + timedelta(days=60),
        )


@pytest.mark.parametrize(
    ("sessions", "end", "message"),
    [
        (0, None, "between 1 and 200"),
        (201, None, "between 1 and 200"),
        (True, None, "between 1 and 200"),
        (10, TODAY - timedelta(days=1), "before the work began"),
        (10, TODAY + timedelta(days=3 * 366), "over two years"),
    ],
)
def test_bad_sessions_plan_is_refused(
    vault: Vault, man: str, sessions: int, end: date | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        endings.set_sessions_plan(vault, man, sessions, end)


def test_tapering_proposal_widens_and_ends_on_the_end_date(vault: Vault, man: str) -> None:
    with pytest.raises(RuleBroken, match="number of sessions"):
        endings.propose_tapering(vault, man)
    endings.set_sessions_plan(vault, man, 12, TODAY + timedelta(days=60))
    hold_sessions(vault, man, 8)
    proposal = endings.propose_tapering(vault, man)
    assert proposal.sessions_left == 4 and proposal.last_session == TODAY
    assert proposal.dates[-1] == TODAY + timedelta(days=60)
    gaps = [(b - a).days for a, b in zip((TODAY, *proposal.dates), proposal.dates, strict=False)]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]

    ids = endings.accept_tapering(vault, man, proposal.dates)
    with vault.read() as session:
        planned = session.scalars(select(Meeting).where(Meeting.id.in_(ids))).all()
        assert sorted(m.starts_at.date() for m in planned) == list(proposal.dates)
        assert all(m.attended is None for m in planned)
    view = endings.ending_plan(vault, man)
    assert view is not None and view.plan.tapering and "2027" in view.plan.tapering


def test_tapering_avoids_weekends_and_bank_holidays_unless_chosen(vault: Vault, man: str) -> None:
    endings.set_sessions_plan(vault, man, 4, date(2027, 1, 25))  # plain spacing: 28 Dec
    proposal = endings.propose_tapering(vault, man)
    assert len(proposal.dates) == 4 and proposal.dates[-1] == date(2027, 1, 25)
    assert all(is_working_day(day) for day in proposal.dates)
    chosen = endings.propose_tapering(vault, man, any_day=True)
    assert date(2026, 12, 28) in chosen.dates and date(2026, 12, 28) not in proposal.dates


def test_too_many_sessions_for_the_time_left_is_a_clear_refusal(vault: Vault, man: str) -> None:
    endings.set_sessions_plan(vault, man, 12, TODAY + timedelta(days=3))
    with pytest.raises(RuleBroken, match="too few"):
        endings.propose_tapering(vault, man)
    with pytest.raises(ValidationError, match="past"):
        endings.accept_tapering(vault, man, [TODAY - timedelta(days=1)])


def test_ending_plan_is_saved_and_read_back(vault: Vault, man: str) -> None:
    plan_id = endings.save_ending_plan(vault, man, BLUEPRINT)
    view = endings.ending_plan(vault, man)
    assert view is not None and view.plan == BLUEPRINT and view.signed_off_on is None
    again = endings.save_ending_plan(
        vault,
        man,
        endings.EndingPlanInput(**{**BLUEPRINT.__dict__, "self_care": "Gym on Tuesdays"}),
    )
    assert again == plan_id
    with vault.read() as session:
        actions = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.record_id == plan_id)
            .order_by(AuditEvent.seq)
        ).all()
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signs_to_watch": "x" * 2001}, "too long"),
        ({"aftercare_call_on": TODAY - timedelta(days=1)}, "already passed"),
    ],
)
def test_bad_ending_plan_is_refused(
    vault: Vault, man: str, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        endings.save_ending_plan(vault, man, endings.EndingPlanInput(**changes))  # type: ignore[arg-type]
    assert endings.ending_plan(vault, man) is None


def test_nothing_ends_without_support_in_place(vault: Vault, man: str) -> None:
    with pytest.raises(RuleBroken, match="No support is arranged"):
        endings.sign_off(vault, man, on=TODAY, in_person=True)
    endings.save_ending_plan(vault, man, BLUEPRINT)
    check = endings.ending_check(vault, man)
    assert not check.ready
    assert "continuing_support" in {i.key for i in check.checks.missing if i.required}
    with pytest.raises(RuleBroken, match="No support is arranged"):
        endings.confirm_support_in_place(vault, man)
    with pytest.raises(RuleBroken, match="No support is arranged"):
        endings.sign_off(vault, man, on=TODAY, in_person=True)
    view = endings.ending_plan(vault, man)
    assert view is not None and view.signed_off_on is None and not view.support_in_place_checked
    with vault.write() as session:
        with pytest.raises(RuleBroken):
            endings.require_support_in_place(session, man)


def test_sign_off_in_person_once_support_is_arranged(vault: Vault, man: str) -> None:
    endings.set_sessions_plan(vault, man, 10, TODAY + timedelta(days=20))
    endings.save_ending_plan(
        vault,
        man,
        endings.EndingPlanInput(
            **{
                **BLUEPRINT.__dict__,
                "mentoring": "Peer mentor from the recovery café",
                "self_care": "Gym on Tuesdays",
                "aftercare_call_on": TODAY + timedelta(days=40),
            }
        ),
    )
    with vault.write() as session:
        session.add(
            Meeting(participant_id=man, place="community", starts_at=datetime(2026, 11, 20, 10, 0))
        )
    check = endings.ending_check(vault, man)
    assert check.ready, [i.key for i in check.checks.missing]
    assert set(check.checks.support.arranged) == {
        ContinuingSupportKind.MENTORING,
        ContinuingSupportKind.SELF_CARE,
    }
    endings.confirm_support_in_place(vault, man)
    endings.sign_off(vault, man, on=TODAY, in_person=True, closing_note="Shook hands")
    view = endings.ending_plan(vault, man)
    assert view is not None
    assert (
        view.signed_off_on,
        view.signed_off_in_person,
        view.support_in_place_checked,
        view.closing_note,
    ) == (TODAY, True, True, "Shook hands")
    with pytest.raises(ValidationError):
        endings.sign_off(vault, man, on=TODAY + timedelta(days=1), in_person=True)
    with pytest.raises(ValidationError, match="too long"):
        endings.sign_off(vault, man, on=TODAY, in_person=False, closing_note="x" * 201)


def test_phone_session_is_not_an_in_person_sign_off(vault: Vault, man: str) -> None:
    with vault.write() as session:
        session.add(
            Meeting(participant_id=man, place="phone", starts_at=datetime(2026, 11, 20, 10, 0))
        )
    check = endings.ending_check(vault, man)
    assert "sign_off_in_person" in {i.key for i in check.checks.missing}


def test_blueprint_prompt_near_the_end(vault: Vault, man: str) -> None:
    endings.set_sessions_plan(vault, man, 10, TODAY + timedelta(days=20))
    assert endings.blueprint_due(vault, man)
    endings.save_ending_plan(vault, man, BLUEPRINT)
    assert not endings.blueprint_due(vault, man)


def test_unknown_man(vault: Vault) -> None:
    for call in (
        lambda: endings.sessions_progress(vault, "0" * 36),
        lambda: endings.ending_check(vault, "0" * 36),
        lambda: endings.save_ending_plan(vault, "0" * 36, BLUEPRINT),
        lambda: endings.sign_off(vault, "0" * 36, on=TODAY, in_person=True),
    ):
        with pytest.raises(NotFound):
            call()
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(EndingPlan)) == 0
