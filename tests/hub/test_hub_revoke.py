"""``engager-hub revoke DEVICE --yes-fingerprint FPR``: as a laptop's revoke. The laptop's later
bundles are refused, the hub exports nothing more for it, and its men stay at the hub, ready to be
assigned to another laptop; audited once. A wrong fingerprint, an unknown device id and the hub's
own id are refused and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.orm import AuditEvent, Participant
from engager_desktop.sync.errors import BundleRefused
from engager_hub import cli, ops
from tests.hub.conftest import HUB_PASSPHRASE, HubSide
from tests.sync.conftest import Laptop, add_man, edit_man
from tests.vault_fixtures import TEST_START, test_options

LATER = FakeClock(TEST_START + timedelta(hours=1))


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args, options=test_options(LATER))
    out, err = capsys.readouterr()
    return code, out, err


def _events(hub: HubSide, action: str) -> list[str | None]:
    with hub.hub.read() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        return [e.record_id for e in rows if e.action == action]


@pytest.fixture
def two_laptops(
    make_laptop: Callable[[str], Laptop],
    make_hub: Callable[[], HubSide],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[HubSide, Laptop, Laptop, str]:
    hub = make_hub()
    prison, community = make_laptop("prison"), make_laptop("community")
    hub.enrol(prison)
    hub.enrol(community)
    man = add_man(prison, held_by=prison.device_id, notes="first meeting")
    hub.clock.advance(600)
    assert hub.take(prison.export(hub)).committed
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub.url)
    return hub, prison, community, man


def test_revoke_refuses_its_later_bundles_and_keeps_its_men(
    two_laptops: tuple[HubSide, Laptop, Laptop, str], capsys: pytest.CaptureFixture[str]
) -> None:
    hub, prison, community, man = two_laptops
    typed = prison.fingerprint().upper().replace("-", " ")  # as read out on the phone
    code, out, err = _run(["revoke", prison.device_id.upper(), "--yes-fingerprint", typed], capsys)
    assert code == 0 and not err and "revoked" in out and prison.device_id in out
    assert _events(hub, "device_revoked") == [prison.device_id]
    status = {lap["device_id"]: lap for lap in ops.status(hub.hub)["laptops"]}
    assert status[prison.device_id]["revoked"] and not status[community.device_id]["revoked"]

    edit_man(prison, man, notes="written after the revoke")
    before = hub.digest()
    with pytest.raises(BundleRefused) as caught:
        hub.take(prison.export(hub))
    assert caught.value.code == "revoked" and hub.digest() == before
    code, _, err = _run(["export", "--for", prison.device_id, "--to", str(prison.stick)], capsys)
    assert code == 1 and "revoked" in err

    # his records stay at the hub, and go to another laptop by assign
    assert man in ops.men_of(hub.hub, prison.device_id)
    code, out, err = _run(["assign", "--man", man, "--to", community.device_id], capsys)
    assert code == 0 and not err, err
    summary = community.take(hub.export_for(community))
    assert summary.committed
    with community.vault.read() as session:
        held = session.execute(select(Participant).where(Participant.id == man)).scalar_one()
        assert held.notes == "first meeting" and held.held_by == community.device_id

    code, out, _ = _run(["revoke", prison.device_id, "--yes-fingerprint", typed], capsys)
    assert code == 0 and "already revoked" in out
    assert _events(hub, "device_revoked") == [prison.device_id]  # audited once


@pytest.mark.parametrize("case", ["wrong fingerprint", "unknown device", "the hub itself"])
def test_revoke_refuses_in_one_line_and_changes_nothing(
    two_laptops: tuple[HubSide, Laptop, Laptop, str],
    capsys: pytest.CaptureFixture[str],
    case: str,
) -> None:
    hub, prison, community, _man = two_laptops
    device, fingerprint = {
        "wrong fingerprint": (prison.device_id, community.fingerprint()),
        "unknown device": ("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", prison.fingerprint()),
        "the hub itself": (hub.device_id, hub.fingerprint()),
    }[case]
    code, out, err = _run(["revoke", device, "--yes-fingerprint", fingerprint], capsys)
    assert code == 1 and not out
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _events(hub, "device_revoked") == []
    assert not any(lap["revoked"] for lap in ops.status(hub.hub)["laptops"])
    hub.clock.advance(600)
    assert hub.take(prison.export(hub)).committed  # its bundles are still taken


def test_revoke_needs_the_fingerprint(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse's usage error, as for every command
        _run(["revoke", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"], capsys)
    assert exited.value.code == 2 and "--yes-fingerprint" in capsys.readouterr().err
