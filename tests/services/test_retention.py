"""Retention: the right men listed for an injected today, periods as settings, nothing erased."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import erasure, retention
from engager_desktop.store.orm import AuditEvent, Meeting, Participant, PhaseChange
from engager_desktop.store.vault import Vault
from tests.deletion_helpers import delete_participant

# The vault clock (tests.vault_fixtures) stands at 2026-11-02: every record is stamped that day.


def _man(vault: Vault, name: str, phase: str, closed_on: date | None = None) -> str:
    with vault.write() as session:
        man = Participant(given_name=name, family_name="Test", preferred_name=name, phase=phase)
        session.add(man)
        session.flush()
        if closed_on:
            session.add(PhaseChange(participant_id=man.id, from_phase="ending", to_phase="closed",
                                    changed_on=closed_on, reason="signed off"))  # fmt: skip
        return man.id


def _due(vault: Vault, today: date) -> dict[str, str]:
    return {item.preferred_name: item.reason for item in retention.due_for_review(vault, today)}


def test_closed_men_are_due_six_years_after_closure(vault: Vault) -> None:
    _man(vault, "Old", "closed", closed_on=date(2020, 1, 15))
    _man(vault, "Recent", "closed", closed_on=date(2024, 5, 1))
    assert _due(vault, date(2026, 11, 2)) == {"Old": "closed"}
    assert "Recent" not in _due(vault, date(2030, 4, 30))
    assert _due(vault, date(2030, 5, 1))["Recent"] == "closed"
    item = retention.due_for_review(vault, date(2030, 5, 1))[0]
    assert (item.preferred_name, item.since, item.due_on) == ("Old", date(2020, 1, 15),
                                                              date(2026, 1, 15))  # fmt: skip
    assert item.days_overdue == (date(2030, 5, 1) - date(2026, 1, 15)).days


def test_men_on_the_caseload_are_due_after_a_year_without_activity(vault: Vault) -> None:
    quiet = _man(vault, "Quiet", "in_prison")
    _man(vault, "Newcomer", "engagement")
    busy = _man(vault, "Busy", "in_community")
    with vault.write() as session:
        session.add(Meeting(participant_id=busy, starts_at=datetime(2027, 6, 1, 10),
                            place="community", attended=True))  # fmt: skip
    assert _due(vault, date(2027, 5, 1)) == {}
    assert _due(vault, date(2027, 5, 2)) == {"Newcomer": "inactive"}
    assert _due(vault, date(2027, 11, 2)) == {"Newcomer": "inactive", "Quiet": "inactive"}
    assert "Busy" not in _due(vault, date(2028, 5, 31))
    assert _due(vault, date(2028, 6, 1))["Busy"] == "inactive"
    assert quiet in {item.man_id for item in retention.due_for_review(vault, date(2027, 11, 2))}


def test_periods_are_settings_and_changes_are_audited(vault: Vault) -> None:
    _man(vault, "Recent", "closed", closed_on=date(2024, 5, 1))
    assert retention.periods(vault) == retention.DEFAULT_MONTHS
    retention.set_period(vault, "closed", 12)
    assert retention.periods(vault)["closed"] == 12
    assert _due(vault, date(2025, 5, 1)) == {"Recent": "closed"}
    with vault.read() as session:
        details = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "setting"))
        assert list(details) == ["retention.closed=12"]
    for name, months in (("closed", 0), ("nonsense", 6), ("in_prison", 5000)):
        with pytest.raises(ValidationError):
            retention.set_period(vault, name, months)


def test_deleted_men_are_due_at_once_and_erased_men_never(vault: Vault) -> None:
    gone = _man(vault, "Gone", "in_prison")
    erased = _man(vault, "Erased", "in_prison")
    delete_participant(vault, gone)
    erasure.erase_man(vault, erased)
    assert _due(vault, date(2026, 11, 2)) == {"Gone": "deleted"}
    assert retention.due_for_review(vault)[0].as_json()["reason"] == "deleted"


def test_listing_erases_nothing(vault: Vault) -> None:
    _man(vault, "Old", "closed", closed_on=date(2010, 1, 1))
    retention.due_for_review(vault, date(2030, 1, 1))
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 1
        man = session.scalars(select(Participant)).one()
        assert not man.deleted


def test_add_months_clamps_to_month_end() -> None:
    assert retention.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert retention.add_months(date(2020, 2, 29), 72) == date(2026, 2, 28)
    assert retention.add_months(date(2026, 11, 2), 14) == date(2028, 1, 2)
