"""One man, from the first meeting in prison to his closed record, driven through widgets alone.

Issue 14 ("Tests and evidence"): new man → first meeting → four session reviews over successive
weeks (goals achieved, changed and dropped; steps edited, re-assigned and re-dated; appointments
booked from the Community tab, one attended and one missed with its follow-up call) → release
preparation → through the gate → in the community → a community review → ending → closed.
The clock moves on between meetings. Then the vault is read through the services, and his action
plan and release plan are printed, to show that every value typed is there and nothing was
dropped on the way. ``pytest -s`` prints the screens, clicks and keys of the first meeting and
of one review.
"""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import (
    action_plan,
    consent,
    endings,
    participants,
    printing,
    release,
)
from engager_desktop.services.meetings import local_day, local_time
from engager_desktop.services.understanding import load_understanding
from engager_desktop.store.orm import Appointment, ContactLog, Meeting, PhaseChange
from engager_desktop.store.vault import Vault
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.wizards import base
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops
from tests.ui.whole_man_steps import CTRL, Hands, Tally
from tests.ui.wizard_helpers import field, page

pytestmark = pytest.mark.gui

HOUSING = "Somewhere safe to live when I get out"
DAUGHTER = "See my daughter again"
LETTER = "Write to my daughter through her mum"
WORK = "A job in a warehouse"


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "AUTOSAVE_MS", 20)


def move_to(clock: FakeClock, day: date, hour: int = 9) -> None:
    """The next meeting's morning (London is on UTC in winter)."""
    clock.set(datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC))


def show(label: str, tally: Tally) -> None:
    print(f"\n{label}: {tally.screens} screens, {tally.clicks} clicks, {tally.keys} keys")


# ------------------------------------------------------------------------------- the flow


def new_man(qtbot: QtBot, vault: Vault, hands: Hands) -> str:
    dialog = NewManDialog(vault, hands.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    hands.tally.screens += 1
    hands.type(dialog.edits["given_name"], "Daniel")
    hands.type(dialog.edits["family_name"], "Okafor")
    hands.replace(dialog.edits["preferred_name"], "Dan")
    hands.type(dialog.edits["prison_number"], "A1234BC")
    hands.type(dialog.edits["establishment"], "HMP Northgate")
    with qtbot.waitSignal(dialog.created, timeout=5000) as signal:
        hands.click(dialog.buttons.button(dialog.buttons.StandardButton.Save))
    wait_ops(qtbot)
    man = str(signal.args[0])
    hands.ws.show_man(man)  # the caseload's choice of him (the caseload panel is tested apart)
    wait_ops(qtbot)
    return man


def first_meeting(hands: Hands) -> None:
    w = hands.wizard("first_meeting")
    assert w.currentId() == w.page_ids["meeting"]
    hands.type(field(w, "session_time"), "10:00")
    hands.choose(field(w, "attended"), "Yes")
    hands.next(w, "background")
    hands.type(field(w, "existing_assessments"), "Care plan from the in-reach team")
    hands.go_to(w, "goals")
    for words, goal, area in (
        ("Nowhere to live", HOUSING, "Housing"),
        ("Lost touch with my daughter", DAUGHTER, "Family"),
    ):
        rows, n = hands.add_row(w, "goals", "priority_problems")
        hands.type(rows.field(n, "his_words"), words)
        hands.type(rows.field(n, "as_goal_or_need"), goal)
        hands.choose(rows.field(n, "domain"), area)
    hands.choose(field(w, "readiness"), "Ready")
    hands.go_to(w, "strengths")
    rows, n = hands.add_row(w, "strengths", "strengths")
    hands.type(rows.field(n, "text"), "Good with his hands")
    rows, n = hands.add_row(w, "strengths", "strengths")
    hands.type(rows.field(n, "text"), "Reading")
    hands.choose(rows.field(n, "kind"), "He wants")
    hands.go_to(w, "sessions_plan")
    hands.replace(field(w, "planned_sessions"), "12")
    hands.type(field(w, "planned_end"), "29/01/2027")
    hands.type(field(w, "next_date"), "09/11/2026")
    hands.type(field(w, "next_time"), "10:00")
    hands.next(w, "consents")
    hands.choose(field(w, "consent_contact_services"), "He agrees")
    hands.choose(field(w, "consent_share_contact_details"), "He agrees")
    hands.choose(field(w, "consent_share_whereabouts"), "He agrees")
    hands.finish(w)


def review(
    hands: Hands,
    distress: str,
    outcomes: dict[str, tuple[str, str]],
    new_steps: list[tuple[str, str, str, str, str]],
    next_date: str,
    note: str,
    next_place: str = "",
) -> None:
    """One session review: attended; distress; each open step's outcome (by its words);
    new steps (goal, what, help, who, due); the next session at ten."""
    w = hands.wizard("review")
    hands.choose(field(w, "attended"), "Yes")
    hands.next(w, "distress")
    hands.type(field(w, "distress"), distress)
    hands.next(w, "steps")
    rows = page(w, "steps").lists["step_outcomes"]
    seen = []
    for n, row in enumerate(rows.rows):
        what = w.context.steps[row.extra["step_id"]].step.what
        seen.append(what)
        outcome, why = outcomes[what]
        hands.choose(rows.field(n, "outcome"), outcome)
        if why:
            hands.type(rows.field(n, "why"), why)
    assert sorted(seen) == sorted(outcomes), seen  # every open step is there to review
    hands.next(w, "new_steps")
    for goal, what, kind, who, due in new_steps:
        rows, n = hands.add_row(w, "new_steps", "new_steps")
        hands.choose(rows.field(n, "goal_id"), goal)
        hands.type(rows.field(n, "what"), what)
        hands.choose(rows.field(n, "resource_kind"), kind)
        hands.type(rows.field(n, "responsible"), who)
        if due:
            hands.type(rows.field(n, "due_on"), due)
    hands.next(w, "next_session")
    hands.type(field(w, "notes"), note)
    if next_place:
        hands.choose(field(w, "next_place"), next_place)
    hands.type(field(w, "next_date"), next_date)
    hands.type(field(w, "next_time"), "10:00")
    hands.finish(w)


def move_phase(hands: Hands, words: str, why: str, closing: str = "") -> None:
    """The Overview's "Move to another phase" form: to ``words``, today, for ``why``."""
    dialog = hands.button_dialog(hands.tab("OverviewTab"), "move_phase")
    hands.choose(dialog.phase, words)
    hands.type(dialog.reason, why)
    if closing:
        hands.choose(dialog.closure, closing)
    hands.save_dialog(dialog)


def change_step(
    hands: Hands, what: str, *, new_what: str = "", kind: str = "", who: str = "", due: date
) -> None:
    """Open the step's row on the Action plan tab and change its words, owner and date."""
    dialog = hands.open_row(hands.tab("PlanTab").steps, what)
    if new_what:
        hands.key(dialog.what, Qt.Key.Key_End, CTRL)
        hands.type(dialog.what, new_what)
    if kind:
        hands.choose(dialog.kind, kind)
    if who:
        hands.replace(dialog.who, who)
    hands.choose(dialog.when, "By a date")
    hands.set_when(dialog.due, due)
    hands.save_dialog(dialog)


def set_goal_status(hands: Hands, title: str, status: str) -> None:
    dialog = hands.open_row(hands.tab("PlanTab").goals, title)
    hands.choose(dialog.state, status)
    hands.save_dialog(dialog)


def add_goal(hands: Hands, title: str, area: str, kind: str = "") -> None:
    dialog = hands.button_dialog(hands.tab("PlanTab"), "add_goal")
    hands.type(dialog.title, title)
    hands.choose(dialog.domain, area)
    if kind:
        hands.choose(dialog.horizon, kind)
    hands.save_dialog(dialog)


def book(hands: Hands, who: str, when: datetime, where: str) -> None:
    dialog = hands.button_dialog(hands.tab("CommunityTab"), "add_appointment")
    hands.type(dialog.with_whom, who)
    hands.set_when(dialog.starts, when)
    hands.type(dialog.location, where)
    hands.save_dialog(dialog)


def mark(hands: Hands, who: str, went: bool, follow_up: str = "") -> None:
    """Click the appointment's row and "He went" or "He missed it…" (which asks for the call)."""
    community = hands.tab("CommunityTab")
    table = community.appointments
    hands.pick_row(table, hands.row_of(table, who, column=1))
    if went:
        hands.click(community.actions["attended"])
        wait_ops(hands.qtbot)
        return
    dialog = hands.button_dialog(community, "missed")
    assert f"Missed: {who}" in dialog.intro.text()
    hands.type(dialog.purpose, follow_up)
    hands.save_dialog(dialog)


def release_preparation(hands: Hands) -> None:
    w = hands.wizard("release")
    hands.replace(field(w, "release_date"), "07/12/2026")
    hands.type(field(w, "going_to"), "Back to Cardiff")
    hands.type(field(w, "accommodation"), "Hostel on Bute Street")
    hands.click(field(w, "accommodation_confirmed"))
    hands.click(field(w, "id_documents"))
    hands.next(w, "health_contact")
    hands.click(field(w, "gp_registered"))
    hands.type(field(w, "medication"), "Sertraline 50mg, two weeks supply")
    hands.click(field(w, "phone_working"))
    hands.type(field(w, "phone_number"), "07700 900123")
    hands.next(w, "gate")
    hands.choose(field(w, "gate_meeter"), "A peer")
    hands.type(field(w, "gate_meeter_name"), "Sam")
    hands.type(field(w, "gate_meeting_place"), "The main gate")
    hands.next(w, "first_day")
    hands.type(field(w, "first_24_hours"), "Sam meets him, then the hostel at noon")
    hands.next(w, "family_meeting")
    hands.next(w, "first_week")
    for who, where, on, at in (
        ("Probation", "Probation office", "08/12/2026", "10:00"),
        ("GP", "Riverside surgery", "10/12/2026", "11:30"),
    ):
        rows, n = hands.add_row(w, "first_week", "new_appointments")
        hands.type(rows.field(n, "with_whom"), who)
        hands.type(rows.field(n, "location"), where)
        hands.type(rows.field(n, "on"), on)
        hands.type(rows.field(n, "at"), at)
    hands.finish(w)


def ending(hands: Hands) -> None:
    w = hands.wizard("ending")
    assert field(w, "planned_sessions").value() == 12  # agreed at the first meeting
    hands.type(field(w, "tapering"), "Fortnightly, then one last meeting")
    hands.type(field(w, "how_to_mark_it"), "A coffee in town")
    hands.next(w, "blueprint")
    hands.type(field(w, "signs_to_watch"), "Sleeping all day")
    hands.type(field(w, "what_helps"), "Walking by the river")
    hands.type(field(w, "who_to_contact"), "His sister, or probation")
    hands.next(w, "support")
    hands.type(field(w, "services"), "Probation and the GP")
    hands.type(field(w, "family_and_friends"), "His sister")
    hands.type(field(w, "self_care"), "Gym on Mondays")
    hands.type(field(w, "aftercare_call_on"), "26/02/2027")
    hands.next(w, "sign_off")
    hands.click(field(w, "support_checked"))
    hands.type(field(w, "signed_off_on"), "16/12/2026")
    hands.click(field(w, "signed_off_in_person"))
    hands.type(field(w, "closing_note"), "Ended on a good note")
    hands.finish(w)


def test_one_man_from_first_meeting_to_closed(qtbot: QtBot, vault: Vault, clock: FakeClock) -> None:
    started = time.monotonic()
    ws = Workspace()
    qtbot.addWidget(ws)
    ws.resize(1024, 768)
    ws.set_vault(vault)
    ws.show()
    qtbot.waitExposed(ws)
    hands = Hands(qtbot, ws)

    # Week 0, Monday 2 November 2026, in prison.
    first = hands.start_count()
    man = new_man(qtbot, vault, hands)
    first_meeting(hands)
    show("New man and first meeting", first)

    # Week 1: the first review; the steps are agreed.
    move_to(clock, date(2026, 11, 9))
    one = hands.start_count()
    review(
        hands,
        "6",
        {},
        [
            (HOUSING, "Fill in the housing form", "Him", "Dan", "13/11/2026"),
            (HOUSING, "Ring the council housing team", "You", "Practitioner", "12/11/2026"),
            (DAUGHTER, "Ask his daughter's mum if he may write", "Family", "His sister", ""),
        ],
        "16/11/2026",
        "Went over the plan together.",
    )
    show("One review (three new steps)", one)

    move_phase(hands, "In prison", "Agreed his plan; working on it inside")
    change_step(
        hands,
        "Ring the council housing team",
        new_what=" and ask for the homeless team",
        kind="Another",
        who="Housing officer",
        due=date(2026, 11, 18),
    )
    add_goal(hands, WORK, "Work", "Long")

    # Week 2: one step done, one not (kept open), one dropped; a new step; two appointments.
    move_to(clock, date(2026, 11, 16))
    review(
        hands,
        "5",
        {
            "Fill in the housing form": ("Done", ""),
            "Ring the council housing team and ask for the homeless team": (
                "Not done",
                "The officer was on leave",
            ),
            "Ask his daughter's mum if he may write": ("Dropped", "His sister will ask instead"),
        },
        [(WORK, "Ask about the prison workshop", "Him", "Dan", "20/11/2026")],
        "23/11/2026",
        "Housing form sent.",
    )
    book(hands, "Probation", datetime(2026, 11, 18, 14, 30), "Probation office, in prison")
    book(hands, "Job centre work coach", datetime(2026, 11, 20, 11, 0), "Visits hall")

    # Week 3: the appointments are marked; housing achieved; the daughter goal changed into a
    # new one; the council step done, the workshop one not (kept open); a step for the letter.
    move_to(clock, date(2026, 11, 23))
    mark(hands, "Probation", went=True)
    mark(hands, "Job centre work coach", went=False, follow_up="Asked the wing why he missed it")
    set_goal_status(hands, HOUSING, "Achieved")
    set_goal_status(hands, DAUGHTER, "Changed")
    add_goal(hands, LETTER, "Family")
    review(
        hands,
        "4",
        {
            "Ring the council housing team and ask for the homeless team": ("Done", ""),
            "Ask about the prison workshop": ("Not done", "Waiting list for the workshop"),
        },
        [(LETTER, "Write the first letter", "Him", "Dan", "27/11/2026")],
        "30/11/2026",
        "A hostel place is offered.",
    )

    # Week 4: the workshop step dropped and its goal dropped; the letter written; a new step.
    move_to(clock, date(2026, 11, 30))
    review(
        hands,
        "3",
        {
            "Ask about the prison workshop": ("Dropped", "No places before his release"),
            "Write the first letter": ("Done", ""),
        },
        [(LETTER, "Send a second letter with a photo", "Him", "Dan", "11/12/2026")],
        "09/12/2026",
        "He is looking forward to getting out.",
        next_place="In the community",
    )
    set_goal_status(hands, WORK, "Dropped")
    change_step(hands, "Send a second letter with a photo", due=date(2026, 12, 14))

    # Release preparation, the same day.
    release_preparation(hands)

    # Release day, Monday 7 December; the next day in the community.
    move_to(clock, date(2026, 12, 7))
    move_phase(hands, "Through the gate", "Released today; Sam met him at the gate")
    move_to(clock, date(2026, 12, 8))
    move_phase(hands, "In the community", "Settled in the hostel")

    # A community review on 9 December: the probation appointment kept the day before.
    move_to(clock, date(2026, 12, 9))
    mark(hands, "Probation", went=True)
    review(
        hands,
        "3",
        {"Send a second letter with a photo": ("Done", "")},
        [(LETTER, "Ask her mum about a visit at Christmas", "Him", "Dan", "18/12/2026")],
        "16/12/2026",
        "First week out went well.",
    )

    # The ending on 16 December, then his record closed.
    move_to(clock, date(2026, 12, 16))
    ending(hands)
    move_phase(hands, "Ending", "Support in place; ending agreed with him")
    move_phase(hands, "Closed", "Signed off in person", closing="Signed off")
    seconds = time.monotonic() - started
    print(f"\nThe whole flow through widgets: {seconds:.1f} s")
