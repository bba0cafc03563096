"""Your own details (P36) are kept up in Settings while the vault is open: read from the vault,
saved to it, printed on his papers; with the vault locked the dialog has only the preferences."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from engager_desktop.services.printing_reads import save_worker_details, worker_details
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.worksheets.inputs import WorkerLine
from tests.ui.app_fixtures import wait_ops

pytestmark = pytest.mark.gui


def test_your_details_are_read_changed_and_saved_in_the_vault(
    qtbot: QtBot, vault: Vault, settings: Settings
) -> None:
    save_worker_details(vault, WorkerLine(name="Sam Jones", phone="07700 900123"))
    dialog = SettingsDialog(settings, vault=vault)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 768)
    dialog.show()
    wait_ops(qtbot)
    assert dialog.worker is not None and dialog.worker.loaded
    inputs = dialog.worker.inputs
    assert (inputs["name"].text(), inputs["phone"].text()) == ("Sam Jones", "07700 900123")
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    inputs["phone"].clear()
    inputs["team"].setFocus()
    qtbot.keyClicks(inputs["team"], "Engager, Cardiff")
    inputs["when_to_call"].setText("Monday to Friday, 9am to 5pm")
    dialog.grab().save("/tmp/living-data-settings.png")
    dialog.accept()
    wait_ops(qtbot)
    assert not dialog.isVisible()
    assert worker_details(vault) == WorkerLine(
        name="Sam Jones", team="Engager, Cardiff", when_to_call="Monday to Friday, 9am to 5pm"
    )


def test_with_the_vault_locked_only_the_preferences_show(qtbot: QtBot, settings: Settings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.worker is None
    dialog.accept()
