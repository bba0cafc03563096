"""Printing in the GUI: the preview loads, saving and printing work and are audited, the batch
can be cancelled, the recovery sheet needs an explicit choice before it becomes a file."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import printing
from engager_desktop.services.printing_inputs import LEFT_OUT_CONTACT
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.printing import (
    BatchDialog,
    PreviewDialog,
    RecoveryDialog,
    documents_list_widget,
    preview_dialog,
)
from engager_desktop.ui.printing.pdf_pages import NO_PRINTER
from engager_desktop.worksheets.kinds import KINDS
from tests.services import print_fixtures as f
from tests.ui.app_fixtures import wait_ops
from tests.vault_fixtures import TEST_PASSPHRASE
from tests.worksheets.pdfcheck import pictures_of

pytestmark = pytest.mark.gui


@pytest.fixture
def man(vault: Vault) -> str:
    return f.add_full_man(vault)


def prints(vault: Vault) -> list[tuple[str | None, str | None]]:
    with vault.read() as session:
        rows = session.execute(
            select(AuditEvent.record_id, AuditEvent.detail).where(AuditEvent.action == "print")
        )
        return [tuple(row) for row in rows]


def _plain(kind: str) -> str:
    """The audit words for a print without sensitive parts (for others if the kind always is)."""
    others = "a copy for someone else" if KINDS[kind].for_others else "not a copy for others"
    return f"sensitive parts left out; {others}"


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF: the same painting as a real printer, with no device."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def open_preview(qtbot: QtBot, vault: Vault, kind: str, man_id: str | None) -> PreviewDialog:
    dialog = PreviewDialog(vault, kind, man_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=15_000)
    return dialog


def test_preview_loads_with_what_was_left_out_shown_first(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    dialog = open_preview(qtbot, vault, "family-sheet", man)
    assert dialog.loaded is not None and dialog.loaded.ready
    assert dialog.loaded.document.pageCount() >= 1
    assert dialog.view.document() is dialog.loaded.document
    assert not dialog.left_out.isHidden() and LEFT_OUT_CONTACT in dialog.left_out.text()
    assert not dialog.notes.isHidden()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.sensitive.isChecked()


def test_wording_findings_are_shown_and_options_rebuild_the_document(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    dialog = open_preview(qtbot, vault, "understanding", man)
    assert "sensitive" in dialog.left_out.text()
    first = dialog.prepared
    dialog.sensitive.setChecked(True)
    qtbot.waitUntil(lambda: dialog.prepared is not first, timeout=15_000)
    assert f.TRAUMA in f.pdf_text(dialog.prepared.pdf)  # type: ignore[union-attr]
    assert dialog.left_out.isHidden()
    plan = open_preview(qtbot, vault, "action-plan", man)
    assert not plan.findings.isHidden() and "disorder" in plan.findings.text()
    assert (
        "written to him: try &#x27;Phone the housing advice line about your"
        in (plan.findings.text())
        or "written to him: try 'Phone the housing advice line about your" in plan.findings.text()
    )


def test_easy_read_is_a_choice_beside_large_print_where_the_kind_has_it(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    plan = open_preview(qtbot, vault, "action-plan", man)
    assert not plan.easy_read.isHidden() and plan.easy_read.text() == "&Easy Read"
    first = plan.prepared
    qtbot.mouseClick(plan.easy_read, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: plan.prepared is not first, timeout=15_000)
    assert plan.prepared is not None and plan.prepared.easy_read
    assert len(pictures_of(plan.prepared.pdf)) >= 3
    assert not plan.large_print.isEnabled()  # Easy Read is 16 pt or more already
    target = tmp_path / "plan.pdf"
    plan.choose_save_path = lambda _name: str(target)
    plan.save_button.click()
    qtbot.waitUntil(lambda: plan.status.text().startswith("Saved"), timeout=15_000)
    assert prints(vault) == [
        (man, f"action-plan to file; {_plain('action-plan')}; Easy Read; language en")
    ]
    workbook = open_preview(qtbot, vault, "workbook", man)
    assert workbook.easy_read.isHidden()


def test_save_writes_a_pdf_and_audits_it(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    dialog = open_preview(qtbot, vault, "action-plan", man)
    target = tmp_path / "plan.pdf"
    dialog.choose_save_path = lambda _name: str(target)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=15_000)
    assert target.read_bytes() == dialog.prepared.pdf  # type: ignore[union-attr]
    assert prints(vault) == [(man, f"action-plan to file; {_plain('action-plan')}; language en")]


def test_save_where_it_cannot_says_so_and_leaves_nothing(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    dialog = open_preview(qtbot, vault, "pledge", man)
    target = tmp_path / "missing" / "pledge.pdf"
    dialog.choose_save_path = lambda _name: str(target)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Cannot save" in dialog.status.text(), timeout=15_000)
    assert not target.exists() and prints(vault) == []
    assert dialog.save_button.isEnabled()


def test_print_paints_every_page_and_audits_it(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    dialog = open_preview(qtbot, vault, "release-plan", man)
    printed = tmp_path / "printed.pdf"
    dialog.choose_printer = lambda _parent: pdf_printer(printed)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "printer" in dialog.status.text(), timeout=15_000)
    pages = dialog.loaded.document.pageCount()  # type: ignore[union-attr]
    assert len(PdfReader(str(printed)).pages) == pages
    assert prints(vault) == [
        (man, f"release-plan to printer; {_plain('release-plan')}; language en")
    ]


def test_no_printer_gives_a_clear_message(
    qtbot: QtBot, vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_dialog, "has_printer", lambda: False)
    dialog = open_preview(qtbot, vault, "pledge", man)
    dialog.print_button.click()
    assert dialog.status.text() == NO_PRINTER
    assert prints(vault) == []


def test_documents_list_opens_the_preview_and_blank_forms(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    widget = documents_list_widget(vault, man)
    qtbot.addWidget(widget)
    titles = [widget.list.item(n).text() for n in range(widget.list.count())]
    assert len(titles) == 9 and any("someone else" in t for t in titles)
    widget.list.setCurrentRow(titles.index("Our plan"))
    assert not widget.blank_button.isEnabled()  # no blank version of the plan
    widget.open_button.click()
    assert isinstance(widget.opened, PreviewDialog) and widget.opened.man_id == man
    qtbot.waitUntil(lambda: widget.opened.prepared is not None, timeout=15_000)  # type: ignore[union-attr]
    widget.opened.close()
    widget.list.setCurrentRow(titles.index("Before we meet again"))
    widget.blank_button.click()
    assert widget.opened.blank  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: widget.opened.prepared is not None, timeout=15_000)  # type: ignore[union-attr]
    widget.opened.close()
    wait_ops(qtbot)


def test_batch_runs_with_the_window_responsive_and_cancel_stops_it(
    qtbot: QtBot, demo_vault: Vault, tmp_path: Path
) -> None:
    dialog = BatchDialog(demo_vault, workers=0)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready, timeout=10_000)  # who is on the caseload is read on a worker
    total = len(dialog.men)
    dialog.choose_folder = lambda _parent: str(tmp_path)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    dialog.progressed.connect(lambda done, _total: done >= 3 and dialog.cancel())
    dialog.save_button.click()
    assert dialog.running and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    timer.stop()
    result = dialog.outcome
    assert result is not None and result.cancelled
    assert 3 <= len(result.delivered) < total
    assert len(list(tmp_path.glob("*.pdf"))) == len(result.delivered)
    assert len(prints(demo_vault)) == len(result.delivered)
    assert dialog.status.text().startswith("Stopped")
    assert len(ticks) > 3  # the event loop kept turning while plans were built (no timing asserted)


def test_batch_prints_as_one_job(qtbot: QtBot, demo_vault: Vault, tmp_path: Path) -> None:
    dialog = BatchDialog(demo_vault, workers=0)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready, timeout=10_000)  # who is on the caseload is read on a worker
    dialog.men = dialog.men[:3]
    printed = tmp_path / "all.pdf"
    dialog.choose_printer = lambda _parent: pdf_printer(printed)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert dialog.outcome is not None and len(dialog.outcome.delivered) == 3
    assert len(PdfReader(str(printed)).pages) >= 3
    assert [detail for _id, detail in prints(demo_vault)] == [
        f"action-plan to printer; {_plain('action-plan')}; language en"
    ] * 3


def test_recovery_sheet_file_needs_an_explicit_choice(
    qtbot: QtBot, vault: Vault, tmp_path: Path, recovery_code: str
) -> None:
    dialog = RecoveryDialog(vault)
    qtbot.addWidget(dialog)
    target = tmp_path / "recovery.pdf"
    dialog.choose_save_path = lambda _name: str(target)
    assert not dialog.save_button.isEnabled() and dialog.warning.isHidden()
    dialog.save_choice.setChecked(True)
    assert dialog.save_button.isEnabled() and not dialog.warning.isHidden()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=15_000)
    code = "-".join(re.findall(r"\b\d{6}\b", f.pdf_text(target.read_bytes())))
    assert code and code != recovery_code and dialog.passphrase.text() == ""
    assert prints(vault) == [
        (None, f"recovery-sheet to file; {_plain('recovery-sheet')}; language en")
    ]


def test_recovery_sheet_goes_straight_to_the_printer(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    dialog = RecoveryDialog(vault)
    qtbot.addWidget(dialog)
    printed = tmp_path / "sheet.pdf"
    chosen: list[bool] = []

    def choose(_parent: object) -> QPrinter:
        chosen.append(True)
        return pdf_printer(printed)

    dialog.choose_printer = choose
    dialog.print_button.click()
    assert dialog.status.text() == "Type the passphrase first." and not chosen
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=15_000)
    assert "passphrase" in dialog.status.text().lower() and not printed.exists()
    dialog.passphrase.setText(TEST_PASSPHRASE)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Printed"), timeout=15_000)
    assert printed.exists() and prints(vault) == [
        (None, f"recovery-sheet to printer; {_plain('recovery-sheet')}; language en")
    ]
    assert printing.RECOVERY == "recovery-sheet"


def test_the_preview_names_characters_that_cannot_be_printed(qtbot: QtBot, vault: Vault) -> None:
    odd = f.add_bare_man(vault, preferred="Dai \U00013000")
    dialog = open_preview(qtbot, vault, "pledge", odd)
    assert not dialog.undrawable.isHidden()
    assert "U+13000" in dialog.undrawable.text() and "preferred name" in dialog.undrawable.text()
    assert dialog.print_button.isEnabled()  # it may still be printed
    fine = f.add_bare_man(vault, preferred="王小明 محمد 🙂")
    assert open_preview(qtbot, vault, "pledge", fine).undrawable.isHidden()
