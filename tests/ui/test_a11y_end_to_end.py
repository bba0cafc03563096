"""A practitioner who cannot see the screen and uses no mouse does the whole job (issue #20).

Each test drives the real main window with key presses only (``keyboard_only.Reader``): the man
is found by typing in the caseload search, wizards open by their access keys, pages move on by
Alt+N, choices by arrow keys, and the print goes out from the preview by its access key. At each
step it checks what a screen reader is told (announcements, and the name, value and description
of the widget the focus lands on), that refusals are heard, that the focus never lands where a
person could not be, and at the end that the vault holds what was typed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import action_plan, caseload, participants, release, session_review
from engager_desktop.services.meetings import local_time
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.printing.preview_dialog import PreviewDialog
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.wizards.base import EngagerWizard
from tests.ui.app_fixtures import wait_ops
from tests.ui.keyboard_only import Reader, activate, active, spoken
from tests.ui.test_print_dialog import pdf_printer
from tests.ui.whole_man_steps import gone
from tests.ui.wizard_helpers import field, make_man, make_plan, page

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]
K = Qt.Key


@pytest.fixture
def man(vault: Vault) -> str:
    """Mr Okafor, with one goal and two open steps, among three men on the caseload."""
    man_id = make_man(vault)
    make_plan(vault, man_id)
    for given, family in (("Lee", "Brown"), ("Sam", "Patel")):
        participants.create_participant(vault, participants.ParticipantForm(given, family, given))
    return man_id


@pytest.fixture
def reader(qtbot: QtBot, vault: Vault, settings: Settings, man: str) -> Iterator[Reader]:
    """The main window on the caseload (his and two other men), and the practitioner at it."""
    hands = start(qtbot, vault, settings)
    yield hands
    hands.close()


def start(qtbot: QtBot, vault: Vault, settings: Settings) -> Reader:
    """The main window on the vault, active, with the practitioner's hands and reader on it."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    activate(qtbot, window)
    return Reader(qtbot, window)


def open_him(r: Reader, man: str, name: str = "Okafor", of: int = 3) -> MainWindow:
    """Ctrl+F, his name, Enter: the caseload narrows to him and his record opens."""
    window = r.home
    assert isinstance(window, MainWindow)
    r.ctrl("f")
    assert r.now().startswith("Search")
    r.type(name)
    r.qtbot.waitUntil(lambda: f"Showing 1 of {of} men" in r.words, timeout=5000)
    r.press(K.Key_Return)
    r.wait()
    assert r.now() == "Caseload" and window.workspace.man_id() == man
    r.qtbot.waitUntil(lambda: name in window.workspace.name_label.text(), timeout=5000)
    assert spoken(window.workspace.name_label).startswith(window.workspace.name_label.text())
    return window


def open_wizard_by_key(r: Reader, letter: str, title: str) -> EngagerWizard:
    """Alt+letter in the main window: the wizard opens, says its first page, focus on a field."""
    mark = r.mark()
    r.alt(letter)
    r.qtbot.waitUntil(lambda: isinstance(active(), EngagerWizard), timeout=5000)
    wizard = active()
    assert isinstance(wizard, EngagerWizard)
    wizard.ask_close = lambda: "keep"  # type: ignore[method-assign]  # no modal box in tests
    assert wizard.windowTitle().startswith(title) and "Mr Okafor" in wizard.windowTitle()
    first = wizard.currentPage().title()
    said = r.since(mark)
    # it is read off the UI thread: "Opening Session review…" first, then its first page
    assert said[0].startswith("Opening ") and said[0].endswith("…"), said
    assert said[1].startswith(f"{first}. Page 1 of {len(wizard.pageIds())}."), said
    return wizard


def next_page(r: Reader, wizard: QWizard, expect: str) -> list[str]:
    """Alt+N; the new page's title and number are heard and a field of it has the focus."""
    mark = r.mark()
    r.alt("n")
    title = wizard.currentPage().title()
    assert title == expect, r.since(mark)
    number = wizard.pageIds().index(wizard.currentId()) + 1
    said = r.since(mark)
    assert said and said[0].startswith(f"{expect}. Page {number} of "), said
    assert wizard.currentPage().isAncestorOf(r.focused())
    return said


def finish(r: Reader, wizard: EngagerWizard) -> list[str]:
    """Alt+F: "Saving…" then "Saved." are heard; the window comes back to the caseload."""
    mark = r.mark()
    with r.qtbot.waitSignal(wizard.committed, timeout=10_000):
        r.alt("f")
    r.wait()
    said = r.since(mark)
    assert said[0] == "Saving…" and said[-1] == "Saved.", said
    activate(r.qtbot, r.home)  # what the window manager does when a window-modal dialog closes
    assert r.home.isAncestorOf(r.focused())
    return said


def test_a_session_review_heard_end_to_end_without_a_mouse(
    reader: Reader, vault: Vault, man: str
) -> None:
    r = reader
    open_him(r, man)
    w = open_wizard_by_key(r, "r", "Session and plan review")
    assert (
        r.now() == "Date of the session | 02/11/2026 | dd/mm/yyyy"
    )  # the value, not only the name
    r.press(K.Key_Tab)
    assert r.now().startswith("Time it started")
    r.type("10:30")
    r.tab_to(field(w, "attended").widget)
    assert "Needed before you can go on" in r.now()  # why Next is not offered yet
    r.choose("Yes")
    assert r.now().startswith("Did he come? | Yes, we met")

    next_page(r, w, "How he is feeling")
    assert r.now().startswith("Distress today, 0 to 10 | Not rated")
    r.type("6")
    r.tab_to(field(w, "distress_note").widget)
    r.type("Worried about housing")

    next_page(r, w, "The steps agreed last time")
    steps = page(w, "steps").lists["step_outcomes"]
    assert r.focused() is steps.field(0, "outcome").widget  # type: ignore[union-attr]
    assert r.now().startswith("Step 1: What happened | Choose… | Fill in the housing form")
    r.choose("Done")
    r.tab_to(steps.field(1, "outcome").widget)  # type: ignore[union-attr]
    assert "Ring the council" in r.now()  # each box says which step it is about
    r.choose("Not done")
    mark = r.mark()
    r.alt("n")  # refused: a step not done needs a reason
    assert w.currentId() == w.page_ids["steps"]
    assert r.since(mark) == [
        "Step 2: Why, from your side: Say why it was not done (or why it was dropped)."
    ]
    assert r.focused() is steps.field(1, "why").widget  # type: ignore[union-attr]
    assert r.now().startswith("Step 2: Why, from your side | Say why it was not done")
    r.type("The council line was always busy")

    next_page(r, w, "New steps")
    assert r.now() == "Add a new step"
    r.press(K.Key_Space)
    assert r.now() == "New step 1: Goal it serves | Somewhere to live on release"
    r.press(K.Key_Tab)
    assert r.now() == "New step 1: The step"
    r.type("Ask the housing officer for a date")
    r.press(K.Key_Tab)  # Tab leaves a text box; it does not type a tab
    r.choose("Another")
    assert r.now() == "New step 1: Help it draws on | Another professional or service"
    r.press(K.Key_Tab)
    r.type("Housing officer")
    r.press(K.Key_Tab)
    assert r.now().startswith("New step 1: Due by")
    r.type("20/11/2026")
    r.press(K.Key_Tab)  # one Tab leaves the date box
    assert r.now() == "New step 1: Before the next session"
    r.press(K.Key_Space)
    mark = r.mark()
    r.alt("n")  # refused: a due date and "before the next session" both
    assert w.currentId() == w.page_ids["new_steps"]
    assert r.since(mark) == [
        "New step 1: Due by: Give a due date or 'before the next session', not both."
    ]
    assert r.now().startswith("New step 1: Due by | 20/11/2026 | Give a due date")
    r.ctrl("a")
    r.press(K.Key_Backspace)  # the date goes; "before the next session" stays

    next_page(r, w, "Notes and the next session")
    r.type("Went over the plan together.")
    r.tab_to(field(w, "next_date").widget)
    r.type("09/11/2026")
    r.press(K.Key_Tab)
    assert r.now().startswith("Time")
    r.type("14:00")
    finish(r, w)
    assert r.astray == []

    plan = action_plan.plan_for(vault, man)
    steps_now = {s.what: s for g in plan.goals for s in g.steps}
    assert steps_now["Fill in the housing form"].status == "done"
    assert steps_now["Ring the council"].status == "open"  # not done, kept open for next time
    added = steps_now["Ask the housing officer for a date"]
    assert (added.resource_kind, added.responsible) == ("other_professional", "Housing officer")
    assert added.due_on is None and added.before_next_session
    again = session_review.prepare_review(vault, man)
    assert again.last_distress is not None and again.last_distress.score == 6
    assert again.last_distress.note == "Worried about housing"
    assert again.planned is not None
    when = local_time(again.planned.starts_at)
    assert (when.date(), when.hour, when.minute) == (date(2026, 11, 9), 14, 0)


def test_a_release_plan_heard_end_to_end_without_a_mouse(
    reader: Reader, vault: Vault, man: str
) -> None:
    r = reader
    open_him(r, man)
    w = open_wizard_by_key(r, "l", "Release preparation")
    arrival = r.words[-1]
    assert "29 days to release. 0% ready." in arrival  # what is missing, without reading the page
    assert "Still missing: Somewhere to live, confirmed" in arrival
    assert r.now() == "Release date | 01/12/2026 | dd/mm/yyyy"  # his date, not typed again
    r.ctrl("a")
    r.type("01/10/2026")
    mark = r.mark()
    r.alt("n")  # refused: a release date in the past while he is inside
    assert w.currentId() == w.page_ids["checklist"]
    said = r.since(mark)
    assert len(said) == 1 and said[0].startswith("Release date: ") and "past" in said[0]
    assert r.focused() is field(w, "release_date").widget and "past" in r.now()
    r.ctrl("a")
    r.type("01/12/2026")
    r.tab_to(field(w, "accommodation").widget)
    r.type("Hostel on Bute Street")
    r.press(K.Key_Tab)
    assert r.now() == "Somewhere to live is confirmed"
    mark = r.mark()
    r.press(K.Key_Space)
    assert r.since(mark) == ["29 days to release. 7% ready."]  # each tick says how ready
    r.press(K.Key_Tab)
    r.press(K.Key_Space)  # benefit claim ready
    r.press(K.Key_Tab)
    assert r.now() == "ID documents ready"
    r.press(K.Key_Space)

    said = next_page(r, w, "Health, and staying in touch")
    assert "% ready." in said[0]
    assert r.now() == "Registered with a GP"
    r.press(K.Key_Space)
    r.press(K.Key_Tab)
    assert r.now() == "Discharge letter sent to the GP"
    r.press(K.Key_Space)
    r.tab_to(field(w, "phone_working").widget)
    r.press(K.Key_Space)
    r.press(K.Key_Tab)
    assert r.now().startswith("His phone number | His contact details go to no one else")
    r.type("07700 900123")

    next_page(r, w, "Meeting him at the gate")
    r.tab_to(field(w, "gate_meeter").widget)
    r.choose("A peer")
    r.press(K.Key_Tab)
    assert r.now().startswith("Their name")
    r.type("Sam")

    next_page(r, w, "The first 24 hours")
    r.tab_to(field(w, "first_24_hours").widget)
    r.type("Sam meets him, then the hostel at noon")

    next_page(r, w, "Family meeting")
    r.tab_to(field(w, "family_meeting_held").widget)
    r.press(K.Key_Space)

    next_page(r, w, "His first week")
    rows = page(w, "first_week").lists["new_appointments"]
    assert rows.add_button is not None
    r.tab_to(rows.add_button)
    r.press(K.Key_Space)
    assert r.now().startswith("Appointment 1: ")
    r.tab_to(rows.field(0, "with_whom").widget)  # type: ignore[union-attr]
    r.type("Probation")
    r.tab_to(rows.field(0, "on").widget)  # type: ignore[union-attr]
    r.type("02/12/2026")
    r.press(K.Key_Tab)
    assert r.now().startswith("Appointment 1: Time")
    r.type("10:00")
    finish(r, w)
    assert r.astray == []

    plan = release.release_plan(vault, man)
    assert plan is not None
    assert plan.release_date == date(2026, 12, 1) and plan.accommodation_confirmed
    assert plan.benefit_claim_prepared and plan.id_documents and not plan.bank_account
    assert plan.accommodation == "Hostel on Bute Street" and plan.phone_number == "07700 900123"
    assert plan.gp_registered and plan.discharge_letter and plan.phone_working
    assert plan.gate_meeter == "peer" and plan.gate_meeter_name == "Sam"
    assert plan.first_24_hours == "Sam meets him, then the hostel at noon"
    assert plan.family_meeting_held
    booked = caseload.load_man(vault, man).plan.appointments
    assert [(a["with_whom"], local_time(a["starts_at"]).hour) for a in booked] == [
        ("Probation", 10)
    ]
    missing = {item.key for item in release.readiness(vault, man).missing}
    assert "first_week" not in missing and "accommodation" not in missing
    assert "bank_account" in missing


def _prints(vault: Vault) -> list[tuple[str | None, str | None]]:
    with vault.read() as session:
        rows = session.execute(
            select(AuditEvent.record_id, AuditEvent.detail).where(AuditEvent.action == "print")
        )
        return [(row[0], row[1]) for row in rows]


def test_printing_his_action_plan_heard_end_to_end_without_a_mouse(
    reader: Reader, vault: Vault, man: str, tmp_path: Path
) -> None:
    r = reader
    goal = action_plan.plan_for(vault, man).goals[0].id
    step = action_plan.StepInput(
        "See the GP about being an addict", "him", "Mr Okafor", due_on=date(2026, 11, 20)
    )
    action_plan.add_step(vault, goal, step)  # words the wording check flags before printing
    open_him(r, man)
    mark = r.mark()
    r.ctrl("p")  # his action plan, as he is the man open
    r.qtbot.waitUntil(lambda: isinstance(active(), PreviewDialog), timeout=5000)
    preview = active()
    assert isinstance(preview, PreviewDialog)
    assert preview.windowTitle() == "Print: Our plan"  # his action plan, in his words
    assert r.now() == "Large print"  # opens on an option, not on a button Enter would press
    r.qtbot.waitUntil(lambda: preview.prepared is not None, timeout=15_000)
    said = r.since(mark)
    assert said[0].startswith("Ready to print: ") and said[0].endswith(" pages.")
    assert said[1] == (
        "Before you print: Wording check on the text entered: 'addict': try a man who uses "
        "drugs, or has a drug or alcohol problem."
    )
    assert "'addict'" in spoken(preview.findings)  # and it can be read again with review keys

    large = preview.large_print.isChecked()  # the setting's default
    mark = r.mark()
    r.press(K.Key_Space)  # large print the other way: the document is built again, heard
    r.qtbot.waitUntil(lambda: len(r.since(mark)) >= 3, timeout=15_000)
    said = r.since(mark)
    assert said[0] == "Preparing the document…" and said[1].startswith("Ready to print: ")
    assert said[2].startswith("Before you print: Wording check")
    r.tab_to_named("Include sensitive parts")
    assert "left out unless ticked" in r.now()  # what the box does, from its description

    printed = tmp_path / "his plan.pdf"
    preview.choose_printer = lambda _parent: pdf_printer(printed)  # Qt's print dialog, answered
    mark = r.mark()
    r.alt("p")
    r.qtbot.waitUntil(lambda: "printer" in preview.status.text(), timeout=15_000)
    pages = preview.loaded.document.pageCount()  # type: ignore[union-attr]
    assert preview.large_print.isChecked() is not large
    assert r.since(mark) == [f"Sent {pages} page{'s' if pages > 1 else ''} to the printer."]
    assert len(PdfReader(str(printed)).pages) == pages
    size = "" if large else "large print; "
    assert _prints(vault) == [
        (
            man,
            f"action-plan to printer; {size}sensitive parts left out; not a copy for others; "
            "language en",
        )
    ]
    r.press(K.Key_Escape)
    r.qtbot.waitUntil(lambda: gone(preview), timeout=3000)
    activate(r.qtbot, r.home)
    assert r.home.isAncestorOf(r.focused())
    assert r.astray == []


def test_every_test_named_in_the_accessibility_page_exists() -> None:
    """docs/accessibility.md names tests as file.py::name; each must be a test in tests/ui."""
    here = Path(__file__).parent
    page_text = (here.parents[1] / "docs" / "accessibility.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(test_\w+\.py)::(test_\w+)", page_text))
    assert len(named) >= 25
    missing = []
    for file_name, test_name in sorted(named):
        tree = ast.parse((here / file_name).read_text(encoding="utf-8"))
        tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        if test_name not in tests:
            missing.append(f"{file_name}::{test_name}")
    assert missing == []
