"""The forms and side windows in the catalogue: every dialog of ``ui/forms`` (goal, step, session,
appointment, contact, reminder, consent, person, phase, isolation and risk, distress rating,
shared-understanding item, release checklist item, practice note, supervision note, directory
entry, print chooser), the new man dialog, the services directory, supervision and the figures,
opened filled on a demo caseload and walked in the pseudo-language (with their refusals); in
Welsh each keeps its access keys unique and nothing is cut at 1024×768."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop import i18n
from engager_desktop.domain.figures import WITHHELD
from engager_desktop.services import caseload, directory, figures, people, supervision
from engager_desktop.services.release import ReleasePlanInput
from engager_desktop.services.workspace_read import ManData, load_workspace
from engager_desktop.store.vault import Vault
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.directory_window import DirectoryWindow
from engager_desktop.ui.document_languages import NAMES as LANGUAGE_NAMES
from engager_desktop.ui.figures_window import FiguresWindow, column_heading
from engager_desktop.ui.forms.appointment_dialog import AppointmentDialog
from engager_desktop.ui.forms.base import day_of
from engager_desktop.ui.forms.checklist_item_dialog import PARTS, checklist_item_dialog
from engager_desktop.ui.forms.consent_dialog import ConsentDialog, directory_choices
from engager_desktop.ui.forms.contact_dialog import ContactDialog, ReminderDialog
from engager_desktop.ui.forms.distress_dialog import DistressDialog
from engager_desktop.ui.forms.flags_dialog import FlagsDialog
from engager_desktop.ui.forms.goal_dialog import GoalDialog, NewGoalDialog
from engager_desktop.ui.forms.person_dialog import PersonDialog
from engager_desktop.ui.forms.phase_dialog import PhaseDialog
from engager_desktop.ui.forms.practice_note_dialog import KIND_WORDS, PracticeNoteDialog
from engager_desktop.ui.forms.print_chooser import PrintChooser
from engager_desktop.ui.forms.service_dialog import ServiceDialog, attach_to_directory
from engager_desktop.ui.forms.session_dialog import SessionDialog
from engager_desktop.ui.forms.step_dialog import PERSON, SERVICE, NewStepDialog, StepDialog
from engager_desktop.ui.forms.supervision_note_dialog import SupervisionNoteDialog
from engager_desktop.ui.forms.understanding_item_dialog import ItemDialog
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.supervision_view import SupervisionView
from engager_desktop.ui.workspace.data import row_value
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_translation import cut_words, not_in_catalogue, unmarked

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]
SCREEN = (1024, 768)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


@dataclass
class Opened:
    name: str
    widget: QWidget
    data: tuple[str, ...] = ()  # words the lower layers give it (the services' own text)
    skip: tuple[QWidget, ...] = ()  # parts other windows' owners translate


def first(datas: list[ManData], test: Callable[[ManData], Any]) -> tuple[ManData, Any]:
    """The first man of the demo with something ``test`` finds, and what it found."""
    for data in datas:
        found = test(data)
        if found:
            return data, found
    raise AssertionError("no man of the demo caseload has it")


def meeting(attended: bool | None) -> Callable[[ManData], Any]:
    def find(data: ManData) -> Any:
        rows = data.record.plan.meetings
        return next((m for m in rows if row_value(m, "attended") is attended), None)

    return find


def open_everything(qtbot: QtBot, vault: Vault) -> list[Opened]:
    """Every form and side window, filled from the demo caseload, shown."""
    datas = [load_workspace(vault, row.id) for row in caseload.list_caseload(vault)]
    today = vault.clock.today()
    goal_man, goal = first(datas, lambda d: next((g for g in d.plan.goals if g.steps), None))
    man = goal_man.man_id
    services = directory.search_services(vault)
    his_people = (
        people.people_for(vault, man)
        or first(datas, lambda d: people.people_for(vault, d.man_id))[1]
    )
    links = [(services[0].entry.name, SERVICE, services[0].id)]
    links.append((his_people[0].name, PERSON, his_people[0].id))
    goals = [(g.title, g.id) for g in goal_man.plan.goals]
    _d, problem = first(
        datas,
        lambda d: next((p for p in d.record.understanding.priority_problems if p.goal_id), None),
    )
    problem_goal = next(g for d in datas for g in d.plan.goals if g.id == problem.goal_id)
    _d, strength = first(datas, lambda d: d.record.understanding.strengths[:1])
    _d, quick_win = first(datas, lambda d: d.record.understanding.quick_wins[:1])
    rated, ratings = first(datas, lambda d: d.record.understanding.distress)
    booked, appointments = first(datas, lambda d: d.record.plan.appointments)
    _d, noted = first(datas, lambda d: d.practice_notes[:1])
    notes = supervision.notes(vault)
    if not notes:
        supervision.add_note(
            vault, supervision.NoteInput("team", today, "Two men", None, None, None)
        )
        notes = supervision.notes(vault)
    plan = goal_man.release_plan or ReleasePlanInput()
    about = "Tuesday 10:00 with the housing team"  # the workspace's words for the slot
    slot = ("appointment", row_value(appointments[0], "id"))
    chooser = PrintChooser()
    opened = [
        Opened("goal", GoalDialog(vault, goal)),
        Opened("new goal", NewGoalDialog(vault, man)),
        Opened("step", StepDialog(vault, goal.steps[0], links, today), data=(links[1][0],)),
        Opened(
            "new step",
            NewStepDialog(vault, goals, goal.id, links, today),
            data=tuple(title for title, _id in goals),  # his goals, as written
        ),
        Opened("held session", SessionDialog(vault, first(datas, meeting(True))[1])),
        Opened("missed session", SessionDialog(vault, first(datas, meeting(False))[1])),
        Opened("planned session", SessionDialog(vault, first(datas, meeting(None))[1])),
        Opened("appointment", AppointmentDialog(vault, booked.man_id, appointments[0])),
        Opened("new appointment", AppointmentDialog(vault, man, None)),
        Opened("contact", ContactDialog(vault, man)),
        Opened("follow-up", ContactDialog(vault, man, slot=slot, about=about), data=(about,)),
        Opened("reminder", ReminderDialog(vault, slot, about), data=(about,)),
        Opened(
            "consent",
            ConsentDialog(vault, man, directory_choices(vault)),
            data=tuple(name for _id, name in directory_choices(vault)),  # the directory's names
        ),
        Opened("person", PersonDialog(vault, man, his_people[0])),
        Opened("new person", PersonDialog(vault, man, None)),
        Opened("phase", PhaseDialog(vault, man, goal_man.record.participant.phase)),
        Opened("flags", FlagsDialog(vault, goal_man.record.participant)),
        Opened(
            "distress", DistressDialog(vault, rated.man_id, rated.record.plan.meetings, ratings[-1])
        ),
        Opened("new distress", DistressDialog(vault, man, goal_man.record.plan.meetings)),
        Opened("problem", ItemDialog(vault, problem, problem_goal, today)),
        Opened("strength", ItemDialog(vault, strength[0], None, today)),
        Opened("quick win", ItemDialog(vault, quick_win[0], None, today)),
        Opened("practice note", PracticeNoteDialog(vault, man, list(KIND_WORDS), noted[0])),
        Opened("new practice note", PracticeNoteDialog(vault, man, ["weekdays", "weekend"], None)),
        Opened("supervision note", SupervisionNoteDialog(vault, notes[0])),
        Opened("directory entry", ServiceDialog(vault, services[0])),
        Opened("new directory entry", ServiceDialog(vault, None)),
        Opened("new man", NewManDialog(vault)),
        Opened("print chooser", chooser, skip=(chooser.list,)),  # the list: documents' titles
    ]
    for item in goal_man.readiness.items:
        if item.key in PARTS:  # the label and why it matters are the release service's words
            dialog = checklist_item_dialog(vault, man, plan, item)
            data = (item.label, f"{item.why_it_matters} ")
            opened.append(Opened(f"checklist {item.key}", dialog, data=data))
    window = DirectoryWindow(vault)
    attach_to_directory(window)  # as the main window opens it: add, change and remove
    opened.append(Opened("directory", window, skip=(window.guidance,)))
    view = SupervisionView(vault)
    opened.append(Opened("supervision", view, skip=(view.guidance,)))
    opened.append(Opened("figures", FiguresWindow(vault)))

    for each in opened:
        qtbot.addWidget(each.widget)
        each.widget.show()
    wait_ops(qtbot)
    return opened


def also_unmarked(root: QWidget) -> list[str]:
    """What ``not_in_catalogue`` does not read: a paragraph's hint and a table's row headings."""
    found = []
    for edit in root.findChildren(QPlainTextEdit):
        if unmarked(edit.placeholderText()):
            found.append(f"hint {edit.placeholderText()!r}")
    for table in root.findChildren(QTableView):
        model = table.model()
        for row in range(model.rowCount() if model is not None else 0):
            heading = str(model.headerData(row, Qt.Orientation.Vertical) or "")
            if not heading.strip().isdigit() and unmarked(heading):
                found.append(f"row heading {heading!r}")
    return found


def test_every_form_and_side_window_is_in_the_catalogue(qtbot: QtBot, demo_vault: Vault) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    opened = open_everything(qtbot, demo_vault)
    assert len(opened) > 35
    problems = {}
    for each in opened:
        # the languages are named in their own words, never translated
        data = each.data + tuple(LANGUAGE_NAMES)
        found = not_in_catalogue(each.widget, skip=each.skip, data=data)
        found += also_unmarked(each.widget)
        if found:
            problems[each.name] = found
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_refusals_of_the_forms_are_in_the_catalogue(qtbot: QtBot, demo_vault: Vault) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    opened = {each.name: each.widget for each in open_everything(qtbot, demo_vault)}
    step = opened["step"]
    step.happened.setPlainText("")  # what happened may be changed but never emptied
    step.save()
    assert step.error_text("what_happened").startswith("\u27e6What happened can be changed")
    assert step.status.text() == "\u27e6Please check the field marked below.\u27e7"
    new_man = opened["new man"]
    new_man.save()  # no names: the service refuses beside the field
    qtbot.waitUntil(lambda: new_man.buttons.isEnabled(), timeout=10_000)
    assert new_man.status.text() == "\u27e6Please check the field marked below.\u27e7"
    booking = opened["appointment"]
    moved = opened["new appointment"]  # booked at the time of one already made: a clash
    moved.starts.setDateTime(booking.starts.dateTime())
    moved.with_whom.setText("Housing team")
    moved.save()
    qtbot.waitUntil(lambda: moved.buttons.isEnabled(), timeout=10_000)
    assert moved.status.text().startswith("\u27e6This would clash:")
    assert moved.save_button is not None and moved.save_button.text() == "\u27e6Save &anyway\u27e7"
    assert not_in_catalogue(moved, data=(moved.status.text(),)) == []
    view = opened["supervision"]
    view.notes.view.clearSelection()
    view.notes.view.setCurrentIndex(view.notes.view.model().index(-1, -1))
    view.change_note()
    assert view.form.status.text() == "\u27e6Choose a note in the list first.\u27e7"


def answered_no(qtbot: QtBot, ask: Callable[[], bool]) -> list[str]:
    """The title and words of the question ``ask`` puts, answered No."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.extend([box.windowTitle(), box.text()])
        seen.extend(b.text() for b in box.buttons())
        button = box.button(QMessageBox.StandardButton.No)
        assert button is not None
        button.click()

    QTimer.singleShot(20, answer)
    assert ask() is False
    return seen


def test_the_questions_before_a_removal_and_the_undo_words_are_in_the_catalogue(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    opened = {each.name: each.widget for each in open_everything(qtbot, demo_vault)}
    entry = answered_no(qtbot, lambda: opened["directory"].confirm_remove("Kestrelford Gym"))
    note = supervision.notes(demo_vault)[0]
    removal = answered_no(qtbot, lambda: opened["supervision"].confirm_remove(note))
    for words in (entry, removal):
        assert len(words) == 4 and not any(unmarked(text) for text in words), words
    assert "Kestrelford Gym" in entry[1]
    for name in ("goal", "step", "checklist accommodation", "held session", "problem"):
        edit = opened[name].work()()  # nothing changed: the undo text is all it makes
        assert edit.label.startswith("\u27e6") and not unmarked(edit.label), (name, edit.label)


def on_a_small_screen(dialog: QWidget) -> None:
    """The size Qt gives a dialog when it opens on a 1024×768 screen: as wide as it asks, up to
    two thirds of the screen (``QWidget.adjustSize``; the offscreen screen is only 800×600)."""
    width = min(dialog.sizeHint().width(), SCREEN[0] * 2 // 3)
    layout = dialog.layout()
    height = dialog.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    dialog.resize(width, min(height, SCREEN[1] * 2 // 3))


def test_in_welsh_each_form_keeps_its_access_keys_unique_and_fits(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    ui_i18n.apply("cy")
    clashes, cut, too_wide = {}, {}, []
    for each in open_everything(qtbot, demo_vault):
        widget = each.widget
        if isinstance(widget, DirectoryWindow | SupervisionView | FiguresWindow):
            widget.resize(1024, 768)
        else:
            on_a_small_screen(widget)
        qtbot.wait(10)
        pages = widget.tabs.count() if isinstance(widget, SupervisionView) else 1
        for page in range(pages):
            if isinstance(widget, SupervisionView):
                widget.tabs.setCurrentIndex(page)
                qtbot.wait(10)
            if found := access_key_clashes(widget):
                clashes[f"{each.name} {page}"] = found
            if words := cut_words(widget):
                cut[f"{each.name} {page}"] = words
        if widget.width() > 1024 or widget.height() > 768:
            too_wide.append((each.name, widget.width(), widget.height()))
    assert clashes == {}
    assert cut == {}
    assert too_wide == []


def test_in_welsh_the_forms_words_and_counts_read_welsh(qtbot: QtBot, demo_vault: Vault) -> None:
    ui_i18n.apply("cy")
    opened = {each.name: each.widget for each in open_everything(qtbot, demo_vault)}
    goal = opened["goal"]
    assert goal.windowTitle() == "Newid nod"
    assert goal.state.itemText(0) == "Ar agor"  # the practice words of ui/labels, in Welsh
    assert [b.text() for b in goal.buttons.buttons()] == ["Cadw", "Canslo"]
    assert goal.set_on.text() == i18n.short_date(day_of(goal.set_on))  # "8 Gorff 2026"
    assert QLocale().language() == QLocale.Language.Welsh
    person = opened["new person"]
    assert [person.helpful.itemText(i) for i in range(3)] == ["Ddim yn hysbys", "Ie", "Na"]
    assert opened["phase"].closure.itemText(0) == "Wedi gorffen yn ffurfiol"
    window = opened["directory"]
    qtbot.waitUntil(lambda: "i'w gwirio eto" in window.count.text(), timeout=10_000)
    supervision_view = opened["supervision"]
    assert "heb gau" in supervision_view.head.text()
    figures_window = opened["figures"]
    qtbot.waitUntil(lambda: figures_window.shown is not None, timeout=10_000)
    model = figures_window.model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headings[-1] == "Yr ystod gyfan"
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("Dynion a atgyfeiriwyd")
    assert figures_window.status.text() == "Dangoswyd ffigurau ar gyfer 12 o fisoedd."
    with i18n.using(i18n.ENGLISH):  # the table itself stays English for its CSV
        assert figures_window.shown.columns[-1] == figures.TOTAL_HEADING


def test_the_figures_month_headings_follow_the_table_in_any_language() -> None:
    table = figures.FiguresTable(
        date(2025, 11, 15), date(2026, 2, 3), date(2026, 2, 3), ("", "", "", "", "Whole range"), ()
    )
    with i18n.using("cy"):
        words = [column_heading(table, c) for c in range(5)]
        assert i18n.tr("Figures", WITHHELD) == "wedi'i atal"
    assert words == ["Tach 2025", "Rhag 2025", "Ion 2026", "Chwef 2026", "Yr ystod gyfan"]
    assert [column_heading(table, c) for c in range(4)] == [
        "Nov 2025",
        "Dec 2025",
        "Jan 2026",
        "Feb 2026",
    ]


def test_back_in_english_qt_takes_the_systems_locale_again(qtbot: QtBot) -> None:
    system = QLocale().name()
    ui_i18n.apply("cy")
    assert QLocale().name() == "cy_GB"
    ui_i18n.apply(i18n.PSEUDO)
    assert QLocale().name() == system
    ui_i18n.apply("cy")
    ui_i18n.apply(i18n.ENGLISH)
    assert QLocale().name() == system
