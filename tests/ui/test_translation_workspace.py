"""The workspace in the catalogue: walked in the pseudo-language with well-filled men open (every
tab in turn, tables with rows, the sensitive parts and the guidance shown, the lines it says under
his name, a confirmation box, the undo text after an edit, the lock warning), no string a person
sees or hears misses the catalogue; in Welsh its access keys stay unique in the main window on
every tab, and at 1024×768 no label or button of any tab is cut and no tab scrolls sideways. The
Change forms made of the workspace's labelled parts show those labels from the catalogue, with
access keys unique in both languages."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop import i18n
from engager_desktop.store.vault import Vault
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.autolock import AutoLock
from engager_desktop.ui.lock_warning import LockWarning
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.ending_edits import SECTIONS as ENDING_SECTIONS
from engager_desktop.ui.workspace.understanding_edits import SERVICE_PARTS
from engager_desktop.ui.workspace.understanding_sections import SECTIONS as UNDERSTANDING_SECTIONS
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_translation import cut_words, texts_of, unmarked

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]

OPEN, CLOSE = i18n.PSEUDO_OPEN, i18n.PSEUDO_CLOSE


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


def data_strings(
    value: Any, found: set[str] | None = None, seen: set[int] | None = None
) -> set[str]:
    """Every text inside his record as read (typed words, and the lower layers' messages, which
    are not the workspace's to translate)."""
    found = set() if found is None else found
    seen = set() if seen is None else seen
    if isinstance(value, str):
        if value.strip():
            found.add(value)
        return found
    if value is None or isinstance(value, int | float | bool) or id(value) in seen:
        return found
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items: Any = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, Mapping):
        items = list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    elif hasattr(value, "_mapping"):  # a database row
        items = list(value._mapping.values())
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        items = [v for k, v in vars(value).items() if not k.startswith("_")]
    else:
        return found
    for item in items:
        data_strings(item, found, seen)
    return found


def without_data(text: str, data: list[str]) -> str:
    for piece in data:  # longest first, so a name inside a longer note goes with the note
        if piece in text:
            text = text.replace(piece, " ")
    return text


def workspace_problems(workspace: Workspace) -> list[str]:
    """Shown strings under the workspace that did not come through the catalogue, once his own
    words (and the lower layers' messages carried in his record) are taken out."""
    # his record's words, and the names of the languages (each in its own words)
    found = data_strings(workspace.data) | set(i18n.LANGUAGES.values())
    data = sorted(found, key=len, reverse=True)
    documents = workspace.documents_tab().documents  # the printing list: not the workspace's
    problems = []
    for widget in [workspace, *workspace.findChildren(QWidget)]:
        if documents is not None and (widget is documents or documents.isAncestorOf(widget)):
            continue
        for what, text in texts_of(widget):
            if text and unmarked(without_data(text, data)):
                problems.append(f"{type(widget).__name__} {widget.objectName()!r} {what}: {text!r}")
    for row in range(workspace.nav.count()):
        text = workspace.nav.item(row).text()
        if unmarked(text):
            problems.append(f"section {row}: {text!r}")
    return problems


def men_to_walk(window: MainWindow) -> list[str]:
    """The man with the most alerts, the one with most steps, and the first man of each phase."""
    model = window.panel.model
    rows = [model.row_at(n) for n in range(model.rowCount())]
    chosen = [
        max(rows, key=lambda r: (r.alerts, r.open_steps)).id,
        max(rows, key=lambda r: (r.open_steps, r.overdue_steps)).id,
    ]
    for phase in (
        "engagement",
        "in_prison",
        "through_the_gate",
        "in_community",
        "ending",
        "closed",
    ):
        first = next((r for r in rows if r.phase == phase), None)
        if first is not None and first.id not in chosen:
            chosen.append(first.id)
    return chosen


def open_window(qtbot: QtBot, vault: Vault, settings: Settings, language: str) -> MainWindow:
    ui_i18n.apply(language)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.resize(1024, 768)
    window.show()
    wait_ops(qtbot)
    return window


def show(qtbot: QtBot, window: MainWindow, man_id: str) -> Workspace:
    workspace = window.workspace
    workspace.show_man(man_id)
    wait_ops(qtbot)
    assert workspace.man_id() == man_id and workspace.data is not None
    return workspace


def test_the_walk_takes_his_own_words_out_and_finds_ours(qtbot: QtBot) -> None:
    @dataclasses.dataclass
    class Record:
        note: str
        rows: list[dict[str, Any]]

    record = Record("He likes the gym", [{"with_whom": "Mr Evans", "n": 3}])
    data = sorted(data_strings(record), key=len, reverse=True)
    assert data == ["He likes the gym", "Mr Evans"]
    assert not unmarked(without_data("Mr Evans, 4 \u27e6Dec\u27e7 2026.", data))
    assert unmarked(without_data("Missed: Mr Evans. Follow up.", data))


def test_every_tab_of_the_workspace_is_in_the_catalogue(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings, i18n.PSEUDO)
    workspace = window.workspace
    assert not unmarked(workspace.name_label.text())  # no man chosen yet
    men = men_to_walk(window)
    assert len(men) >= 5
    rows_seen = 0
    for man_id in men:
        show(qtbot, window, man_id)
        workspace.tabs[1].sensitive.setChecked(True)  # the sensitive parts, shown
        for index, tab in enumerate(workspace.tabs):
            workspace.set_current_tab(index)
            if tab.guidance is not None:
                tab.guidance.set_open(True)
            qtbot.wait(1)
            rows_seen += sum(part.model.rowCount() for part in tab.parts if hasattr(part, "model"))
            assert workspace_problems(workspace) == [], (man_id, tab.title)
    assert rows_seen > 100  # the tables were walked with rows in them
    hard = QLabel("Words nobody marked", workspace.tabs[-1].widget())
    hard.setObjectName("hard")
    assert workspace_problems(workspace) == ["QLabel 'hard' label: 'Words nobody marked'"]
    assert workspace.tab_titles()[0] == OPEN + "Overview" + CLOSE


def test_what_the_workspace_says_asks_and_undoes_is_in_the_catalogue(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings, i18n.PSEUDO)
    workspace = window.workspace
    actions = workspace.tab_actions
    man_id = men_to_walk(window)[0]
    show(qtbot, window, man_id)
    # each "choose a row first" line, with no row chosen
    for ask in (
        actions.plan.edit_goal,
        actions.plan.edit_step,
        actions.sessions.edit_session,
        actions.appointments.edit_appointment,
        actions.edit_person,
        actions.give_reminder,
        actions.follow_up,
        actions.days.edit_note,
        actions.understanding.change_distress,
        lambda: actions.release.edit_item(actions.release.tab.checklist),
        actions.ending.edit_missing,
    ):
        workspace.say("")
        ask()
        said = workspace.sub_label.text()
        assert said and not unmarked(said), said
    # the opening line of a wizard being read
    workspace._opening.add(("review", man_id))
    workspace._show_opening()
    assert not unmarked(workspace.opening_label.text())
    assert not unmarked(workspace.opening_label.accessibleName())
    workspace._opening.clear()
    workspace._show_opening()

    # a confirmation box, and the undo text after an edit made in place (a past appointment)
    def past_appointment() -> int | None:
        today = workspace.data.today
        table = actions.appointments.tab.appointments
        for row in range(table.model.rowCount()):
            found = [
                a
                for a in workspace.data.record.plan.appointments
                if row_value(a, "id") == table.model.row_at(row).id
            ]
            if found and row_value(found[0], "starts_at").date() < today:
                return row
        return None

    chosen = next(
        (
            row
            for m in men_to_walk(window)
            if show(qtbot, window, m) and (row := past_appointment()) is not None
        ),
        None,
    )
    assert chosen is not None
    table = actions.appointments.tab.appointments
    table.choose_row(chosen)
    box = actions.appointments.cancel()
    assert isinstance(box, QMessageBox)
    for text in (box.windowTitle(), box.text()):
        assert not unmarked(text), text
    box.reject()
    table.choose_row(chosen)
    actions.appointments.mark(True)
    wait_ops(qtbot)
    undo = workspace.history.undo_action.text()
    assert undo.startswith(OPEN + "&Undo" + CLOSE + " " + OPEN + "mark the appointment with")
    assert workspace.history.redo_action.text() == OPEN + "&Redo" + CLOSE


def test_the_lock_warning_is_in_the_catalogue(qtbot: QtBot) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    lock = AutoLock(60_000)
    warning = LockWarning(lock)
    qtbot.addWidget(warning)
    for seconds in (1.0, 30.0):
        warning.warn(seconds)
        problems = [
            f"{what}: {text!r}"
            for widget in [warning, *warning.findChildren(QWidget)]
            for what, text in texts_of(widget)
            if text and unmarked(text)
        ]
        assert problems == []
    warning.hide()
    ui_i18n.apply("cy")
    welsh = LockWarning(lock)
    qtbot.addWidget(welsh)
    welsh.warn(2.0)
    assert welsh.windowTitle() == "Mae'r gladdgell ar fin cloi"
    assert "2 eiliad" in welsh.message.text()
    welsh.hide()


def test_in_welsh_the_access_keys_stay_unique_on_every_tab(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings, "cy")
    workspace = show(qtbot, window, men_to_walk(window)[0])
    assert workspace.tab_titles()[:3] == [
        "Trosolwg",
        "Dealltwriaeth ar y cyd",
        "Cynllun gweithredu",
    ]
    assert workspace.buttons["review"].text() == "&Adolygu sesiwn…"
    for index, tab in enumerate(workspace.tabs):
        workspace.set_current_tab(index)
        qtbot.wait(1)
        documents = workspace.documents_tab().documents
        if tab is workspace.documents_tab():  # its list of documents belongs to printing
            documents.hide()
        assert access_key_clashes(window) == {}, tab.title
        documents.show()


def test_in_welsh_at_1024_by_768_no_label_or_button_of_a_tab_is_cut(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings, "cy")
    assert window.size().width() == 1024
    for man_id in men_to_walk(window)[:3]:
        workspace = show(qtbot, window, man_id)
        for index, tab in enumerate(workspace.tabs):
            workspace.set_current_tab(index)
            if tab.guidance is not None:
                tab.guidance.set_open(True)
            qtbot.wait(20)
            assert cut_words(workspace) == [], (man_id, tab.title)
            assert tab.horizontalScrollBar().maximum() == 0, (man_id, tab.title)  # no sideways
            if tab.guidance is not None:
                tab.guidance.set_open(False)
                qtbot.wait(20)
                assert tab.horizontalScrollBar().maximum() == 0, (man_id, tab.title)


def section_forms(workspace: Workspace) -> Iterator[tuple[tuple[Any, ...], QWidget]]:
    """Each Change form of the workspace made of labelled parts, opened for the man shown
    (the sensitive parts shown, so every label is in it), with the parts it was made of."""
    actions = workspace.tab_actions
    workspace.tabs[1].sensitive.setChecked(True)
    for key, _title, _name, _save, parts in UNDERSTANDING_SECTIONS:
        yield parts, actions.sections.edit_section(key)
    for key, _title, parts in ENDING_SECTIONS:
        yield parts, actions.ending.edit_section(key)
    actions.understanding.services.choose_row(0)
    yield SERVICE_PARTS, actions.understanding.edit_service_contact()


def test_the_change_forms_labels_are_in_the_catalogue_and_their_keys_unique(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings, i18n.PSEUDO)
    workspace = show(qtbot, window, men_to_walk(window)[0])
    for parts, form in section_forms(workspace):
        shown = {w.text() for w in form.findChildren(QLabel)}
        shown |= {w.text() for w in form.findChildren(QAbstractButton)}
        assert not unmarked(form.windowTitle())
        for _key, label, _kind in parts:
            assert OPEN + label + CLOSE in shown, label
        form.reject()
    window.close()
    for language in ("cy", i18n.ENGLISH):
        window = open_window(qtbot, demo_vault, settings, language)
        workspace = show(qtbot, window, men_to_walk(window)[0])
        for _parts, form in section_forms(workspace):
            qtbot.wait(1)
            assert access_key_clashes(form) == {}, (language, form.windowTitle())
            form.reject()
        window.close()
