"""The services directory: entries, search by name/kind/setting, and the stale list at 90 days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import directory
from engager_desktop.services.common import NotFound
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault

pytest_plugins = ["tests.vault_fixtures"]

TODAY = date(2026, 11, 2)


def listed(vault: Vault, service_id: str) -> directory.ServiceView:
    """One entry as the directory window lists it."""
    return next(v for v in directory.search_services(vault) if v.id == service_id)


def entry(**changes: object) -> directory.ServiceInput:
    values: dict[str, object] = {
        "name": "Harbour Housing Advice",
        "kind": "housing",
        "setting": "community",
        "area": "Newport",
        "opening_hours": "Mon-Fri 9-5",
        "weekend_hours": "Sat 10-1",
        "out_of_hours": "Phone line until 10pm",
        "cost_to_him": "Free",
        "referral_route": "Self-referral or by letter",
        "does": "Housing advice and hostel places",
        "does_not": "Pay deposits",
        "last_verified": TODAY,
    }
    values.update(changes)
    return directory.ServiceInput(**values)  # type: ignore[arg-type]


def test_entry_round_trips_and_is_audited(vault: Vault) -> None:
    service_id = directory.add_service(vault, entry())
    view = listed(vault, service_id)
    assert view.entry == entry() and not view.stale and view.days_since_verified == 0
    directory.edit_service(vault, service_id, entry(weekend_hours="Closed at weekends"))
    assert listed(vault, service_id).entry.weekend_hours == "Closed at weekends"
    with vault.read() as session:
        actions = session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.record_id == service_id)
            .order_by(AuditEvent.seq)
        ).all()
    assert actions == ["create", "update"]


def test_stale_after_ninety_days_relative_to_the_vault_clock(
    vault: Vault, clock: FakeClock
) -> None:
    fresh = directory.add_service(vault, entry(name="Fresh"))
    old = directory.add_service(vault, entry(name="Old", last_verified=TODAY - timedelta(days=89)))
    never = directory.add_service(vault, entry(name="Never", last_verified=None))
    assert [v.id for v in directory.stale(vault)] == [never]
    clock.advance(86400)  # Old reaches 90 days
    assert [v.id for v in directory.stale(vault)] == [never, old]
    assert listed(vault, old).stale
    directory.mark_verified(vault, old)
    assert [v.id for v in directory.stale(vault)] == [never]
    assert [v.id for v in directory.stale(vault, days=1)] == [never, fresh]
    assert listed(vault, never).days_since_verified is None


def test_search_by_name_kind_and_setting(vault: Vault) -> None:
    housing = directory.add_service(vault, entry())
    gp = directory.add_service(
        vault, entry(name="Castle GP Surgery", kind="GP", does="Registration and appointments")
    )
    chaplaincy = directory.add_service(
        vault, entry(name="Chaplaincy", kind="faith", setting="prison", area=None, does=None)
    )
    assert [v.id for v in directory.search_services(vault, "harbour")] == [housing]
    assert [v.id for v in directory.search_services(vault, kind="gp")] == [gp]
    assert [v.id for v in directory.search_services(vault, setting="prison")] == [chaplaincy]
    assert {v.id for v in directory.search_services(vault, "newport")} == {housing, gp}
    assert directory.search_services(vault, "100%_") == []
    assert directory.kinds(vault) == ["GP", "faith", "housing"]
    directory.remove_service(vault, gp)
    assert [v.id for v in directory.search_services(vault, kind="gp")] == []
    assert gp not in {v.id for v in directory.search_services(vault)}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "needs filling in"),
        ({"name": "x" * 201}, "too long"),
        ({"kind": " "}, "needs filling in"),
        ({"setting": "moon"}, "not one of the choices"),
        ({"does_not": "x" * 2001}, "too long"),
        ({"phone": "0" * 41}, "too long"),
        ({"last_verified": TODAY + timedelta(days=1)}, "day to come"),
    ],
)
def test_bad_entry_is_refused(vault: Vault, changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        directory.add_service(vault, entry(**changes))
    assert directory.search_services(vault) == []


def test_unknown_service(vault: Vault) -> None:
    with pytest.raises(NotFound):
        directory.edit_service(vault, "0" * 36, entry())
    with pytest.raises(NotFound):
        directory.mark_verified(vault, "0" * 36)
    with pytest.raises(ValidationError):
        directory.mark_verified(vault, "0" * 36, TODAY + timedelta(days=3))
