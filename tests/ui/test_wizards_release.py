"""The release preparation wizard: the live checklist, the gate, the first week, saved once."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.services import caseload, release
from engager_desktop.services.meetings import local_time
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards import base
from tests.ui.wizard_helpers import (
    button,
    click,
    field,
    finish,
    make_man,
    next_page,
    open_wizard,
    page,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _missing_text(wizard: base.EngagerWizard) -> str:
    return page(wizard, "checklist").missing.text()  # type: ignore[attr-defined]


def test_release_plan_recorded_with_what_is_missing_kept_up_to_date(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "release", vault, man)
    assert field(w, "release_date").value() == "01/12/2026"  # his release date, not typed again
    assert "29 days to release" in _missing_text(w)
    assert "Somewhere to live, confirmed" in _missing_text(w)
    type_in(qtbot, field(w, "accommodation"), "Hostel on Bute Street")
    click(qtbot, field(w, "accommodation_confirmed").widget)
    assert "Somewhere to live, confirmed" not in _missing_text(w)  # said again as he ticks
    click(qtbot, field(w, "id_documents").widget)
    next_page(qtbot, w, "health_contact")
    for key in ("gp_registered", "discharge_letter", "medication_arranged", "phone_working"):
        click(qtbot, field(w, key).widget)
    type_in(qtbot, field(w, "phone_number"), "07700 900123")
    next_page(qtbot, w, "gate")
    qtbot.keyClicks(field(w, "gate_meeter").widget, "A peer")
    type_in(qtbot, field(w, "gate_meeter_name"), "Sam")
    next_page(qtbot, w, "first_day")
    type_in(qtbot, field(w, "first_24_hours"), "Sam meets him, then the hostel at noon")
    next_page(qtbot, w, "family_meeting")
    click(qtbot, field(w, "family_meeting_held").widget)
    next_page(qtbot, w, "first_week")
    rows = page(w, "first_week").lists["new_appointments"]
    assert rows.add_button is not None
    click(qtbot, rows.add_button)
    for part, text in (("with_whom", "Probation"), ("on", "02/12/2026"), ("at", "10:00")):
        target = rows.field(0, part)
        assert target is not None
        type_in(qtbot, target, text)
    finish(qtbot, w)

    plan = release.release_plan(vault, man)
    assert plan is not None
    assert plan.release_date == date(2026, 12, 1) and plan.accommodation_confirmed
    assert plan.accommodation == "Hostel on Bute Street" and plan.phone_number == "07700 900123"
    assert plan.gate_meeter == "peer" and plan.gate_meeter_name == "Sam"
    assert plan.first_24_hours == "Sam meets him, then the hostel at noon"
    assert plan.family_meeting_held and plan.gp_registered and plan.discharge_letter
    booked = caseload.load_man(vault, man).plan.appointments
    assert [(a["with_whom"], local_time(a["starts_at"]).hour) for a in booked] == [
        ("Probation", 10)
    ]
    missing = {item.key for item in release.readiness(vault, man).missing}
    assert "first_week" not in missing and "accommodation" not in missing
    assert "bank_account" in missing


def test_a_past_release_date_while_inside_is_refused_beside_the_field(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "release", vault, man)
    date_field = field(w, "release_date")
    date_field.widget.clear()  # type: ignore[attr-defined]
    type_in(qtbot, date_field, "01/10/2026")
    click(qtbot, button(w, QWizard.WizardButton.NextButton))
    assert w.currentId() == w.page_ids["checklist"]
    assert "past" in date_field.error.text() and date_field.error.isVisible()
    assert release.release_plan(vault, man) is None
