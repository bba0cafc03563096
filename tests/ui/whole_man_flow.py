"""The whole-man flow, step by step, as the practitioner's hands do it (tests/ui/test_whole_man.py).

Each function drives one form or wizard through its widgets; none saves through a service.
"""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.domain.clock import FakeClock
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from tests.ui.app_fixtures import wait_ops
from tests.ui.whole_man_steps import CTRL, Hands, gone
from tests.ui.wizard_helpers import field, page

HOUSING = "Somewhere safe to live when I get out"
DAUGHTER = "See my daughter again"
LETTER = "Write to my daughter through her mum"
WORK = "A job in a warehouse"


def move_to(clock: FakeClock, day: date, hour: int = 9) -> None:
    """The next meeting's morning (London is on UTC in winter)."""
    clock.set(datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC))


# ------------------------------------------------------------------------------- the flow


def new_man(qtbot: QtBot, window: MainWindow, hands: Hands) -> str:
    """Ctrl+N in the main window; the new man is chosen in the caseload and shown."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    hands.key(window, Qt.Key.Key_N, CTRL)
    dialog = window.findChild(NewManDialog)
    assert dialog is not None and dialog.isVisible()
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
    qtbot.waitUntil(lambda: window.panel.chosen() == man and window.workspace.man_id() == man)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: "Dan" in window.workspace.name_label.text(), timeout=5000)
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


def shown_step(box: QWidget) -> str:
    """The step's words as its row shows them (the first line of the row's heading)."""
    heading = box.findChildren(QLabel)[0].text()
    return html.unescape(heading.split("<br>")[0])


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
        what = shown_step(row.box)
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
        hands.click(community.buttons["attended"])
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


def preview(hands: Hands, tab_name: str, kind: str) -> bytes:
    """Click the tab's print button; the PDF its preview shows, once built."""
    dialog = hands.button_dialog(hands.tab(tab_name), f"print_{kind}")
    hands.qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=15_000)
    assert dialog.prepared.kind == kind
    pdf = bytes(dialog.prepared.pdf)
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Close")
    hands.click(close)
    hands.qtbot.waitUntil(lambda: gone(dialog), timeout=5000)
    return pdf
