"""His consent per kind of sharing (P35): recorded, latest wins, and required before sharing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import consent
from engager_desktop.services.common import ConsentRequired, NotFound
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.store.orm import AuditEvent, Service
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)
KIND = ConsentKind.SHARE_CONTACT_DETAILS


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Kofi", "Okafor", "Kofi")).id


def add_service(vault: Vault, name: str) -> str:
    with vault.write() as session:
        service = Service(name=name, kind="housing", setting="community")
        session.add(service)
        session.flush()
        return service.id


def test_nothing_recorded_means_no_consent(vault: Vault, man: str) -> None:
    assert consent.has_consent(vault, man, KIND) is False
    with pytest.raises(ConsentRequired, match="contact details"):
        consent.require_consent(vault, man, KIND)


def test_record_and_check_and_audit(vault: Vault, man: str) -> None:
    view = consent.record_consent(vault, man, KIND, True, note="Talked it through on the wing")
    assert (view.kind, view.given, view.recorded_on) == (KIND.value, True, TODAY)
    assert consent.has_consent(vault, man, KIND)
    consent.require_consent(vault, man, KIND)
    assert not consent.has_consent(vault, man, ConsentKind.INVOLVE_FAMILY)
    with vault.read() as session:
        kinds = session.scalars(select(AuditEvent.kind).where(AuditEvent.action == "create"))
        assert "consents" in list(kinds)


def test_latest_record_wins(vault: Vault, man: str) -> None:
    consent.record_consent(vault, man, KIND, True, recorded_on=TODAY - timedelta(days=10))
    consent.record_consent(vault, man, KIND, False, recorded_on=TODAY - timedelta(days=2))
    assert not consent.has_consent(vault, man, KIND)
    # A record dated earlier does not override a later one, whenever it is typed in.
    consent.record_consent(vault, man, KIND, True, recorded_on=TODAY - timedelta(days=5))
    assert not consent.has_consent(vault, man, KIND)
    consent.record_consent(vault, man, KIND, True)
    assert consent.has_consent(vault, man, KIND)
    history = consent.consent_history(vault, man)
    assert [h.recorded_on for h in history] == sorted(
        (h.recorded_on for h in history), reverse=True
    )


def test_a_named_service(vault: Vault, man: str) -> None:
    hostel, gp = add_service(vault, "Harbour Hostel"), add_service(vault, "Quay Surgery")
    plan = ConsentKind.SHARE_PLAN_WITH_SERVICE
    with pytest.raises(ValidationError):
        consent.record_consent(vault, man, plan, True)  # the plan is always for a named service
    consent.record_consent(vault, man, plan, True, service_id=hostel)
    assert consent.has_consent(vault, man, plan, hostel)
    assert not consent.has_consent(vault, man, plan, gp)
    assert not consent.has_consent(vault, man, plan)
    with pytest.raises(ConsentRequired, match="plan"):
        consent.require_consent(vault, man, plan, gp)
    states = consent.current_consents(vault, man)
    assert [(s.kind, s.service_name, s.given) for s in states] == [
        (plan.value, "Harbour Hostel", True)
    ]


def test_general_and_named_records_combine(vault: Vault, man: str) -> None:
    hostel = add_service(vault, "Harbour Hostel")
    kind = ConsentKind.SHARE_WHEREABOUTS
    consent.record_consent(vault, man, kind, True, recorded_on=TODAY - timedelta(days=3))
    assert consent.has_consent(vault, man, kind, hostel)  # a general yes covers each service
    consent.record_consent(vault, man, kind, False, service_id=hostel)
    assert not consent.has_consent(vault, man, kind, hostel)
    assert consent.has_consent(vault, man, kind)  # the general yes still stands


def test_works_inside_a_callers_session(vault: Vault, man: str) -> None:
    consent.record_consent(vault, man, KIND, True)
    with vault.read() as session:
        assert consent.has_consent(session, man, KIND)
        consent.require_consent(session, man, KIND)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kind": "tell_everyone"}, ValidationError),
        ({"note": "x" * 2001}, ValidationError),
        ({"recorded_on": TODAY + timedelta(days=1)}, ValidationError),
        ({"service_id": "no-such-service"}, NotFound),
    ],
)
def test_bad_input_refused(
    vault: Vault, man: str, kwargs: dict[str, object], error: type[Exception]
) -> None:
    args: dict[str, object] = {"kind": KIND, **kwargs}
    kind = args.pop("kind")
    with pytest.raises(error):
        consent.record_consent(vault, man, kind, True, **args)  # type: ignore[arg-type]
    assert consent.consent_history(vault, man) == ()


def test_unknown_man(vault: Vault) -> None:
    with pytest.raises(NotFound):
        consent.record_consent(vault, "nobody", KIND, True)
    with pytest.raises(NotFound):
        consent.has_consent(vault, "nobody", KIND)
    with pytest.raises(NotFound):
        consent.require_consent(vault, "nobody", KIND)


def test_a_failure_mid_way_leaves_nothing(
    vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> object:
        raise RuntimeError("power cut")

    monkeypatch.setattr(consent, "_view", broken)  # fails after the record was flushed
    with pytest.raises(RuntimeError):
        consent.record_consent(vault, man, KIND, True)
    monkeypatch.undo()
    assert consent.consent_history(vault, man) == ()
    with vault.read() as session:
        kinds = session.scalars(select(AuditEvent.kind)).all()
    assert "consents" not in kinds
