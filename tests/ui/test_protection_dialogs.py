"""The data-protection dialogs on a real vault: retention list, erasure typed ERASE, SAR files."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import caseload
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.store.orm import Meeting, Participant, PhaseChange
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.protection import EraseDialog, RetentionDialog, SarDialog
from engager_desktop.ui.protection.review_model import COL_MAN, COL_WHY, ReviewModel
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops

pytestmark = pytest.mark.gui


def closed_man(vault: Vault, clock: FakeClock, name: str = "Tomasz") -> str:
    with vault.write() as session:
        man = Participant(given_name=name, family_name="Test", preferred_name=name, phase="closed")
        session.add(man)
        session.flush()
        session.add(PhaseChange(participant_id=man.id, from_phase="ending", to_phase="closed",
                                changed_on=clock.today(), reason="signed off"))  # fmt: skip
        return man.id


def no_unnamed(dialog: QWidget) -> None:
    assert [describe(w) for w in unnamed_inputs(dialog)] == []


def test_retention_lists_a_closed_man_once_his_period_ends(
    qtbot: QtBot, vault: Vault, clock: FakeClock
) -> None:
    closed_man(vault, clock)
    dialog = RetentionDialog(vault)
    qtbot.addWidget(dialog)
    wait_ops(qtbot)
    assert dialog.model.rowCount() == 0  # closed today: kept for six years
    assert not dialog.erase_button.isEnabled()
    clock.advance(timedelta(days=6 * 366 + 2).total_seconds())
    dialog.reload()
    wait_ops(qtbot)
    assert dialog.model.rowCount() == 1
    assert "Tomasz" in dialog.model.index(0, COL_MAN).data()
    assert "closed" in dialog.model.index(0, COL_WHY).data()
    no_unnamed(dialog)
    dialog.table.selectRow(0)
    assert dialog.erase_button.isEnabled() and dialog.sar_button.isEnabled()
    erase = dialog.erase_selected()
    assert isinstance(erase, EraseDialog)
    assert "Tomasz" in erase.message.text()
    assert len(list(caseload.list_caseload(vault))) == 1  # nothing erased by listing him


def test_erasure_needs_erase_typed_then_he_is_gone(
    qtbot: QtBot, vault: Vault, clock: FakeClock
) -> None:
    man = create_participant(vault, ParticipantForm("Kofi", "Okafor", "Kofi")).id
    assert [row.id for row in caseload.list_caseload(vault)] == [man]
    dialog = EraseDialog(vault, man)
    qtbot.addWidget(dialog)
    wait_ops(qtbot)
    no_unnamed(dialog)
    text = dialog.message.text()
    assert "Kofi" in text and "cannot be undone" in text and "next import" in text
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "erase")
    assert not dialog.erase_button.isEnabled()
    dialog.erase()  # refused without the word typed exactly
    wait_ops(qtbot)
    assert dialog.outcome is None
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "ERASE")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    wait_ops(qtbot)
    assert dialog.outcome is not None and dialog.outcome.records_erased >= 1
    assert "record erased from this laptop" in dialog.report.toPlainText()
    assert list(caseload.list_caseload(vault)) == []


def test_subject_access_writes_a_pdf_and_json(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    man = create_participant(vault, ParticipantForm("Kofi", "Okafor", "Kofi")).id
    folder = tmp_path / "sar"
    folder.mkdir()
    dialog = SarDialog(vault, man)
    qtbot.addWidget(dialog)
    wait_ops(qtbot)
    no_unnamed(dialog)
    assert not dialog.write_button.isEnabled()
    dialog.pick_folder = lambda _parent: str(folder)
    dialog.browse()
    dialog.large_print.setChecked(True)
    dialog.write_button.click()
    wait_ops(qtbot)
    assert dialog.outcome is not None
    names = sorted(p.suffix for p in folder.iterdir())
    assert names == [".json", ".pdf"]
    assert str(dialog.outcome.pdf) in dialog.report.toPlainText()
    assert dialog.outcome.pdf.read_bytes().startswith(b"%PDF")


def test_both_dialogs_list_records_filed_elsewhere_that_name_him(
    qtbot: QtBot, vault: Vault
) -> None:
    man = create_participant(vault, ParticipantForm("Kofi", "Okafor", "Kofi")).id
    other = create_participant(vault, ParticipantForm("Emeka", "Obi", "Emeka")).id
    with vault.write() as session:
        session.add(
            Meeting(
                participant_id=other,
                starts_at=datetime(2026, 10, 5, 10),
                place="prison",
                attended=True,
                notes="Emeka and Kofi Okafor share a landing.",
            )  # fmt: skip
        )
    for dialog, words in (
        (EraseDialog(vault, man), "Erasing him leaves those as they are"),
        (SarDialog(vault, man), "They are not in the copy"),
    ):
        qtbot.addWidget(dialog)
        wait_ops(qtbot)
        assert words in dialog.elsewhere_label.text()
        assert dialog.elsewhere_label.text().startswith(
            ("His name is also in 1 record", "1 record")
        )
        assert dialog.elsewhere.toPlainText() == (
            "session, 05 Oct 2026 (in Emeka Obi's file), field 'notes'"
        )
        no_unnamed(dialog)
    erase = EraseDialog(vault, man)
    qtbot.addWidget(erase)
    qtbot.keyClicks(erase.confirm, "ERASE")
    erase.erase_button.click()  # at once, before the list loaded when it opened is shown
    wait_ops(qtbot)
    assert erase.outcome is not None
    assert "Emeka Obi's file" in erase.elsewhere.toPlainText()  # read before he was erased
    erase._show_elsewhere(())  # the list started at opening, arriving late, changes nothing
    assert "Emeka Obi's file" in erase.elsewhere.toPlainText()
    alone = SarDialog(vault, other)
    qtbot.addWidget(alone)
    wait_ops(qtbot)
    assert alone.elsewhere_label.text() == "No record filed elsewhere names him."
    assert alone.elsewhere.isHidden()


def test_review_model_passes_the_model_tester(
    qtmodeltester, vault: Vault, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from engager_desktop.services.retention import due_for_review

    closed_man(vault, clock, "Aled")
    closed_man(vault, clock, "Bryn")
    model = ReviewModel()
    qtmodeltester.check(model)
    model.set_rows(due_for_review(vault, clock.today() + timedelta(days=6 * 366 + 2)))
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_main_window_menu_opens_the_dialogs(qtbot: QtBot, vault: Vault, settings: Settings) -> None:
    man = create_participant(vault, ParticipantForm("Kofi", "Okafor", "Kofi")).id
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    assert isinstance(window.open_retention(), RetentionDialog)
    assert window.open_erasure() is None  # no man chosen yet
    window.panel.restore(man)
    window.workspace.show_man(man)
    wait_ops(qtbot)
    assert isinstance(window.open_subject_access(), SarDialog)
    erase = window.open_erasure()
    assert isinstance(erase, EraseDialog)
    qtbot.keyClicks(erase.confirm, "ERASE")
    erase.erase_button.click()
    wait_ops(qtbot)
    erase.accept()
    wait_ops(qtbot)
    assert list(caseload.list_caseload(vault)) == []
