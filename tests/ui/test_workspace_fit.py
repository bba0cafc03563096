"""The workspace's tabs fit beside the caseload at 1024×768: no page scrolls sideways (a row of
buttons too wide for it would push its text and tables out of sight)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.settings import Settings
from tests.ui.test_forms_dialogs import choose, open_window

pytestmark = pytest.mark.gui


def test_no_tab_scrolls_sideways_at_1024_by_768(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    window.resize(1024, 768)
    choose(qtbot, window)
    wide = []
    for index, page in enumerate(window.workspace.tabs):
        window.workspace.set_current_tab(index)
        qtbot.wait(50)  # the tables refit on the next turn of the event loop
        if page.horizontalScrollBar().maximum() > 0:
            wide.append(page.title)
    assert wide == []
