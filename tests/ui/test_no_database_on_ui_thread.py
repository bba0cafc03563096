"""No database call on the UI thread while a practitioner uses the window.

A guard listens to every engine: each connection taken from a pool and each statement run is
recorded with the thread it ran on. The tests drive the window as a practitioner would (open a
man, each wizard, type so a draft is kept, close it keeping or discarding the draft, reopen it on
its draft, the batch print dialog) and then assert that nothing ran on the UI thread. A failure
names the statement and the lines of our code that made it.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool

from engager_desktop.services import caseload, drafts
from engager_desktop.store.vault import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.wizards import KINDS, open_wizards
from engager_desktop.ui.wizards.base import EngagerWizard
from tests.ui.app_fixtures import wait_ops

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


class UiThreadCalls:
    """Every pool checkout and statement made on the main thread while ``watching``."""

    def __init__(self) -> None:
        self.watching = False
        self.found: list[str] = []

    def note(self, what: str) -> None:
        if not self.watching or threading.current_thread() is not threading.main_thread():
            return
        ours = [
            f"{frame.filename.rsplit('engager_desktop/', 1)[-1]}:{frame.lineno} {frame.name}"
            for frame in traceback.extract_stack()
            if "/engager_desktop/" in frame.filename
        ]
        in_ui = [line for line in ours if line.startswith("ui/")]
        self.found.append(f"{what} from {in_ui[-1] if in_ui else ' <- '.join(ours[-3:])}")

    def places(self) -> list[str]:
        """Each place in our code that reached the database, once."""
        return sorted({line.split(" from ", 1)[1] for line in self.found})

    def on_checkout(self, *_args: Any) -> None:
        self.note("connection checkout")

    def on_statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.note(f"statement {statement.split(None, 1)[0]}")


@pytest.fixture
def ui_thread_calls() -> Iterator[UiThreadCalls]:
    calls = UiThreadCalls()
    event.listen(Pool, "checkout", calls.on_checkout)
    event.listen(Engine, "before_cursor_execute", calls.on_statement)
    try:
        yield calls
    finally:
        event.remove(Pool, "checkout", calls.on_checkout)
        event.remove(Engine, "before_cursor_execute", calls.on_statement)


def _window(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    return window


def _open_man(qtbot: QtBot, window: MainWindow, man_id: str) -> None:
    with qtbot.waitSignal(window.workspace.loaded, timeout=10_000):
        window.workspace.show_man(man_id)
    wait_ops(qtbot)


def _wizard_opened(qtbot: QtBot, window: MainWindow, kind: str) -> EngagerWizard:
    window.workspace.buttons[kind].click()
    qtbot.waitUntil(lambda: any(w.KIND == kind for w in open_wizards()), timeout=10_000)
    wizard = next(w for w in open_wizards() if w.KIND == kind)
    wizard.ask_close = lambda: "keep"  # type: ignore[method-assign]  # no modal box in tests
    return wizard


def _type_and_keep(qtbot: QtBot, wizard: EngagerWizard) -> None:
    """Type into the first text input; wait for the autosaved draft."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    for page in wizard.pages:
        for item in page.fields.values():
            if isinstance(item.widget, QLineEdit | QPlainTextEdit) and item.widget.isEnabled():
                with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
                    item.widget.setFocus()
                    qtbot.keyClicks(item.widget, " typed")
                return
    raise AssertionError(f"no text input in the {wizard.KIND} wizard")


def _close(qtbot: QtBot, wizard: EngagerWizard, choice: str) -> None:
    wizard.ask_close = lambda: choice  # type: ignore[method-assign]
    wizard.reject()
    qtbot.waitUntil(lambda: not isValid(wizard) or not wizard.isVisible(), timeout=10_000)
    wait_ops(qtbot)


def test_opening_a_man_and_every_wizard_and_its_draft_runs_nothing_on_the_ui_thread(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, ui_thread_calls: UiThreadCalls
) -> None:
    man_id = caseload.list_caseload(demo_vault)[0].id
    ui_thread_calls.watching = True
    window = _window(qtbot, demo_vault, settings)
    _open_man(qtbot, window, man_id)
    for kind in KINDS:
        wizard = _wizard_opened(qtbot, window, kind)
        _type_and_keep(qtbot, wizard)
        _close(qtbot, wizard, "keep")  # the draft is written as it closes
        again = _wizard_opened(qtbot, window, kind)  # and comes back on it
        assert again.restored_at is not None, kind
        _close(qtbot, again, "discard")
        wait_ops(qtbot)
    ui_thread_calls.watching = False
    assert ui_thread_calls.places() == [], "\n".join(ui_thread_calls.places())
    for kind in KINDS:  # and the discards did happen
        assert drafts.load(demo_vault, drafts.draft_key(f"wizard.{kind}", man_id)) is None


def test_the_batch_print_dialog_reads_nothing_on_the_ui_thread(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, ui_thread_calls: UiThreadCalls
) -> None:
    window = _window(qtbot, demo_vault, settings)
    ui_thread_calls.watching = True
    dialog = window.print_batch()
    assert dialog is not None
    wait_ops(qtbot)
    ui_thread_calls.watching = False
    assert ui_thread_calls.places() == [], "\n".join(ui_thread_calls.places())
    dialog.close()
    wait_ops(qtbot)
    assert ops.pending() == 0


def test_a_double_click_opens_the_wizard_once_with_a_line_saying_it_is_opening(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _window(qtbot, demo_vault, settings)
    _open_man(qtbot, window, caseload.list_caseload(demo_vault)[1].id)
    workspace = window.workspace
    assert workspace.launch_wizard("review") is True
    assert workspace.launch_wizard("review") is False  # the second click while it reads
    assert not workspace.buttons["review"].isEnabled()
    assert workspace.opening_label.text() == "Opening Session review…"
    qtbot.waitUntil(lambda: not workspace.opening(), timeout=10_000)
    wait_ops(qtbot)
    assert [w.KIND for w in open_wizards()] == ["review"]
    assert workspace.opening_label.isHidden()
    wizard = open_wizards()[0]
    wizard.use_drafts = False
    wizard.reject()
    assert workspace.buttons["review"].isEnabled()
