"""A bundle for chosen men leaves out his contact details and whereabouts without his consent."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import main
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services import sync
from engager_desktop.services.consent import record_consent
from engager_desktop.store.orm import Appointment, AuditEvent, ReleasePlan
from engager_desktop.sync import verify
from tests.sync.conftest import Laptop, add_man
from tests.sync.craft import keys_and_signer
from tests.vault_fixtures import TEST_PASSPHRASE

WHERE = "Flat 3, Kestrel Court"
PHONE = "07700 900417"
CLINIC = "Riverside Clinic, Mill Lane"


def _man_with_plan(
    prison: Laptop, *, going_to: str | None = WHERE, phone: str | None = PHONE
) -> str:
    man = add_man(prison, given_name="Owain", family_name="Pryce")
    with prison.vault.write() as session:
        session.add(
            ReleasePlan(
                participant_id=man,
                release_date=date(2027, 1, 8),
                going_to=going_to,
                phone_number=phone,
                gp_registered=True,
            )
        )
        session.add(
            Appointment(
                participant_id=man,
                with_whom="Drug and alcohol team",
                starts_at=datetime(2027, 1, 9, 10),
                location=CLINIC,
            )
        )
        session.add(
            Appointment(
                participant_id=man,
                with_whom="Probation",
                starts_at=datetime(2027, 1, 10, 10),
            )
        )
    prison.tick()
    return man


def _payload_text(community: Laptop, bundle: Path) -> str:
    keys, signer = keys_and_signer(community.vault)
    opened = verify.open_bundle(bundle.read_bytes(), keys, signer)
    return b"\n".join(verify.lines(opened)).decode()


def _export(prison: Laptop, community: Laptop, man: str) -> sync.ExportResult:
    return sync.export(prison.vault, prison.stick, recipients=(community.device_id,), men=(man,))


def test_without_consent_the_plan_and_placed_appointments_stay_here(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = _man_with_plan(prison)
    result = _export(prison, community, man)

    assert result.left_out == (
        "Owain Pryce: his release plan (he has not agreed to sharing where he is or will be "
        "living or sharing his contact details)",
        "Owain Pryce: 1 appointment that names a place (he has not agreed to sharing where he "
        "is or will be living)",
    )
    text = _payload_text(community, result.path)
    for secret in (WHERE, PHONE, CLINIC):
        assert secret not in text
    assert "Probation" in text  # an appointment without a place still goes

    community.take(result.path)  # the bundle is whole without them
    with community.vault.read() as session:
        assert session.scalars(select(ReleasePlan)).all() == []
        assert session.scalars(select(Appointment.with_whom)).all() == ["Probation"]
        audit = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "bundle_exported")
        ).all()
    assert audit == []  # the exporter's audit stays on the exporter
    with prison.vault.read() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "bundle_exported")
        ).one()
    assert detail is not None and "2 left out for want of consent" in detail
    assert "Pryce" not in detail and "Owain" not in detail


def test_with_both_consents_everything_goes(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _man_with_plan(prison)
    record_consent(prison.vault, man, ConsentKind.SHARE_WHEREABOUTS, True)
    record_consent(prison.vault, man, ConsentKind.SHARE_CONTACT_DETAILS, True)
    prison.tick()
    result = _export(prison, community, man)
    assert result.left_out == ()
    text = _payload_text(community, result.path)
    assert WHERE in text and PHONE in text and CLINIC in text


def test_the_latest_consent_decides(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _man_with_plan(prison, going_to=None)  # a phone number but no address
    record_consent(prison.vault, man, ConsentKind.SHARE_WHEREABOUTS, True)
    record_consent(prison.vault, man, ConsentKind.SHARE_CONTACT_DETAILS, True)
    prison.tick()
    record_consent(prison.vault, man, ConsentKind.SHARE_CONTACT_DETAILS, False)  # withdrawn
    prison.tick()
    result = _export(prison, community, man)
    assert result.left_out == (
        "Owain Pryce: his release plan (he has not agreed to sharing his contact details)",
    )
    text = _payload_text(community, result.path)
    assert PHONE not in text and CLINIC in text  # whereabouts agreed: the clinic goes


def test_a_plan_with_nothing_to_protect_goes(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _man_with_plan(prison, going_to=None, phone=None)
    record_consent(prison.vault, man, ConsentKind.SHARE_WHEREABOUTS, True)
    result = _export(prison, community, man)
    assert result.left_out == ()
    community.take(result.path)
    with community.vault.read() as session:
        assert len(session.scalars(select(ReleasePlan)).all()) == 1


def test_a_full_bundle_is_the_team_sync_and_is_not_filtered(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    _man_with_plan(prison)
    result = sync.export(prison.vault, prison.stick, recipients=(community.device_id,))
    assert result.left_out == ()
    assert PHONE in _payload_text(community, result.path)


def test_cli_says_what_was_left_out(
    pair: tuple[Laptop, Laptop],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prison, community = pair
    man = _man_with_plan(prison)
    card = tmp_path / "community.card"
    card.write_bytes(community.card())
    options = prison.vault.options
    prison.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    argv = ["export", "--vault", str(prison.path), "--to", str(prison.stick)]
    code = main([*argv, "--recipient", str(card), "--men", man], options=options)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "left out: Owain Pryce: his release plan (he has not agreed" in out.out
    assert "left out: Owain Pryce: 1 appointment that names a place (he has" in out.out


def test_deleted_copies_stay_here_without_a_line(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _man_with_plan(prison)
    with prison.vault.write() as session:  # deleting keeps the text until an erasure
        for row in session.scalars(select(Appointment).where(Appointment.location == CLINIC)):
            row.deleted = True
    prison.tick()
    result = _export(prison, community, man)
    assert result.left_out == (
        "Owain Pryce: his release plan (he has not agreed to sharing where he is or will be "
        "living or sharing his contact details)",
    )
    assert CLINIC not in _payload_text(community, result.path)
