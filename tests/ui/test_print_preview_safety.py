"""The preview's safety parts (issue 17): the confirmation a recorded limit on contact needs
before his address and phone go on a family sheet, the file name it suggests, and the warning
when the practitioner's own details or the local crisis line are not set, and the note when
a list on paper is cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services.consent import record_consent
from engager_desktop.services.printing_copies import RESTRICTION_HELD
from engager_desktop.services.printing_reads import NO_CRISIS_LINE, NO_WORKER, save_worker_details
from engager_desktop.store.orm import AuditEvent, Service
from engager_desktop.store.vault import Vault
from engager_desktop.ui.printing import PreviewDialog
from engager_desktop.ui.printing.preview_dialog import NO_SERVICE
from engager_desktop.worksheets.inputs import WorkerLine
from tests.services import print_fixtures as f
from tests.services.stress_man import add_stress_man

pytestmark = pytest.mark.gui


@pytest.fixture
def man(vault: Vault) -> str:
    return f.add_full_man(vault)


def open_preview(qtbot: QtBot, vault: Vault, kind: str, man_id: str | None) -> PreviewDialog:
    dialog = PreviewDialog(vault, kind, man_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=15_000)
    return dialog


def print_details(vault: Vault) -> list[str]:
    with vault.read() as session:
        rows = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "print"))
        return [str(row) for row in rows]


def test_his_address_and_phone_need_a_ticked_confirmation_that_is_audited(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    f.agree(vault, man, ConsentKind.SHARE_CONTACT_DETAILS, ConsentKind.SHARE_WHEREABOUTS)
    dialog = open_preview(qtbot, vault, "family-sheet", man)
    assert not dialog.confirm_restriction.isHidden()
    assert not dialog.confirm_restriction.isChecked()
    assert RESTRICTION_HELD in dialog.left_out.text()
    assert f.HIS_PHONE not in f.pdf_text(dialog.prepared.pdf)  # type: ignore[union-attr]
    first = dialog.prepared
    dialog.confirm_restriction.click()
    qtbot.waitUntil(lambda: dialog.prepared is not first, timeout=15_000)
    assert dialog.prepared is not None and dialog.prepared.confirmed_restriction
    assert f.HIS_PHONE in f.pdf_text(dialog.prepared.pdf)
    assert "You confirmed" in dialog.notes.text()
    target = tmp_path / "family.pdf"
    suggested: list[str] = []
    dialog.choose_save_path = lambda name: suggested.append(name) or str(target)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=15_000)
    assert suggested == ["For family and friends - DP - 2026-11-02.pdf"]
    assert "limit on contact (confirmed)" in print_details(vault)[-1]


def test_no_confirmation_is_offered_where_no_limit_applies(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    dialog = open_preview(qtbot, vault, "family-sheet", man)  # he has not agreed to share
    assert dialog.confirm_restriction.isHidden()
    plan = open_preview(qtbot, vault, "release-plan", man)
    assert plan.confirm_restriction.isHidden()


def test_the_preview_warns_when_the_workers_own_details_are_not_set(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    dialog = open_preview(qtbot, vault, "release-plan", man)
    assert not dialog.notes.isHidden()
    assert NO_WORKER in dialog.notes.text() and NO_CRISIS_LINE in dialog.notes.text()
    save_worker_details(vault, WorkerLine(name="Sam", phone="01632 960000", crisis_line="0800 1"))
    again = open_preview(qtbot, vault, "release-plan", man)
    assert NO_WORKER not in again.notes.text() and NO_CRISIS_LINE not in again.notes.text()


def test_the_preview_says_when_the_paper_lists_only_some_and_how_many_more(
    qtbot: QtBot, vault: Vault
) -> None:
    stress = add_stress_man(vault)
    dialog = open_preview(qtbot, vault, "family-sheet", stress.man_id)
    assert not dialog.left_out.isHidden()
    assert "Services for families: 6 recorded; the first 4 are printed" in dialog.left_out.text()
    assert "And 2 more services for families" in f.pdf_text(dialog.prepared.pdf)  # type: ignore[union-attr]


def test_the_worker_sets_their_details_from_the_preview_and_it_rebuilds(
    qtbot: QtBot, vault: Vault, man: str
) -> None:
    dialog = open_preview(qtbot, vault, "services-card", man)
    assert NO_WORKER in dialog.notes.text()
    first = dialog.prepared
    dialog.details_button.click()
    details = dialog.details_dialog
    qtbot.waitUntil(lambda: details.box.loaded, timeout=15_000)  # the saved details read first
    qtbot.keyClicks(details.edits["name"], "Sam Evans")
    qtbot.keyClicks(details.edits["phone"], "01632 960000")
    qtbot.keyClicks(details.edits["crisis_line"], "Harbour crisis line 0800 000 0000")
    details.save_button.click()
    qtbot.waitUntil(lambda: details.saved is not None, timeout=15_000)
    qtbot.waitUntil(
        lambda: dialog.prepared is not first and dialog.prepared is not None, timeout=15_000
    )
    text = f.pdf_text(dialog.prepared.pdf)  # type: ignore[union-attr]
    assert "Local crisis line: Harbour crisis line 0800 000 0000" in text
    assert "Your Engager worker: Sam Evans, 01632 960000" in text
    assert dialog.notes.isHidden()  # nothing left to check


def test_a_copy_for_a_service_he_agreed_to_is_chosen_in_the_preview_and_audited(
    qtbot: QtBot, vault: Vault, man: str, tmp_path: Path
) -> None:
    with vault.read() as session:
        service = str(session.scalar(select(Service.id).where(Service.name == f.HOUSING)))
    record_consent(vault, man, ConsentKind.SHARE_PLAN_WITH_SERVICE, True, service_id=service)
    dialog = open_preview(qtbot, vault, "action-plan", man)
    assert dialog.service.isHidden()  # only for a copy for someone else
    dialog.for_others.click()
    qtbot.waitUntil(lambda: not dialog.service.isHidden(), timeout=15_000)
    assert [dialog.service.itemText(i) for i in range(dialog.service.count())] == [
        NO_SERVICE,
        f"For {f.HOUSING}",
    ]
    first = dialog.prepared
    dialog.service.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: dialog.prepared is not first and dialog.prepared.for_service == service,  # type: ignore[union-attr]
        timeout=15_000,
    )
    text = f.pdf_text(dialog.prepared.pdf)  # type: ignore[union-attr]
    assert f"For: {f.HOUSING}" in text and f"{f.NAME}, this is" not in text
    dialog.choose_save_path = lambda _name: str(tmp_path / "copy.pdf")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=15_000)
    assert f"a copy for service {service}" in print_details(vault)[-1]
