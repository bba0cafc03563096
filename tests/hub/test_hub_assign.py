"""``engager-hub assign --man ID --to DEVICE``: the hub sets who holds a man. His ``held_by`` is a
stamped hub edit that reaches the laptops in the hub's next export, and the new holder's export
carries him; unknown men and unknown, revoked or the hub's own device ids are refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.orm import AuditEvent, Participant
from engager_desktop.store.stamping import naive_utc
from engager_desktop.sync import trust
from engager_hub import cli, ops
from tests.hub.conftest import HUB_PASSPHRASE, HubSide
from tests.sync.conftest import Laptop, add_man, edit_man, man_field
from tests.vault_fixtures import TEST_START, test_options

LATER = FakeClock(TEST_START + timedelta(hours=1))


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args, options=test_options(LATER))
    out, err = capsys.readouterr()
    return code, out, err


def _held_at_hub(hub: HubSide, man: str) -> str | None:
    with hub.hub.read() as session:
        return session.execute(
            select(Participant.held_by).where(Participant.id == man)
        ).scalar_one()


def _assigned_events(hub: HubSide) -> list[tuple[str | None, str | None]]:
    with hub.hub.read() as session:
        return [
            (e.record_id, e.detail)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
            if e.action == "man_assigned"
        ]


def test_assign_reaches_the_new_holder_and_the_old(
    make_laptop: Callable[[str], Laptop],
    make_hub: Callable[[], HubSide],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = make_hub()
    prison, community = make_laptop("prison"), make_laptop("community")
    hub.enrol(prison)
    hub.enrol(community)
    man = add_man(prison, held_by=prison.device_id, notes="first meeting")
    other = add_man(prison, held_by=prison.device_id, given_name="Owain")
    hub.clock.advance(600)
    assert hub.take(prison.export(hub)).committed
    assert ops.men_of(hub.hub, community.device_id) == []
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub.url)

    code, out, err = _run(["assign", "--man", man.upper(), "--to", community.device_id], capsys)
    assert code == 0 and not err and "assigned" in out and community.device_id in out
    assert _held_at_hub(hub, man) == community.device_id
    assert _held_at_hub(hub, other) == prison.device_id
    assert ops.men_of(hub.hub, community.device_id) == [man]
    assert man in ops.men_of(hub.hub, prison.device_id)  # the old holder still gets him
    assert _assigned_events(hub) == [(man, f"to {community.device_id}")]

    code, out, _ = _run(["assign", "--man", man, "--to", community.device_id], capsys)
    assert code == 0 and "already held" in out
    assert len(_assigned_events(hub)) == 1  # nothing changed, nothing recorded

    hub.clock.advance(7200)
    summary = community.take(hub.export_for(community))
    assert summary.committed and summary.records_new >= 1
    assert man_field(community, man, "held_by") == community.device_id
    assert man_field(community, man, "notes") == "first meeting"
    with community.vault.read() as session:  # only his records: not the man he was not given
        assert session.get(Participant, other) is None
    prison.tick(7200)
    prison.take(hub.export_for(prison))
    assert man_field(prison, man, "held_by") == community.device_id
    assert man_field(prison, other, "held_by") == prison.device_id

    edit_man(community, man, notes="seen in the community")  # the new holder works on him
    hub.clock.advance(600)
    assert hub.take(community.export(hub)).committed
    with hub.hub.read() as session:
        assert session.get(Participant, man).notes == "seen in the community"  # type: ignore[union-attr]
    assert _held_at_hub(hub, man) == community.device_id


def test_assign_refuses_unknown_men_and_devices(
    make_laptop: Callable[[str], Laptop],
    make_hub: Callable[[], HubSide],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = make_hub()
    prison, community = make_laptop("prison"), make_laptop("community")
    hub.enrol(prison)
    hub.enrol(community)
    man = add_man(prison, held_by=prison.device_id)
    gone = add_man(prison, held_by=prison.device_id, given_name="Huw")
    hub.clock.advance(600)
    hub.take(prison.export(hub))
    with prison.vault.write() as session:
        session.get(Participant, gone).deleted = True  # type: ignore[union-attr]
    prison.tick(600)
    hub.clock.advance(600)
    hub.take(prison.export(hub, since_ack=True))
    with hub.hub.write() as session:
        trust.revoke(session.connection(), community.device_id, naive_utc(hub.clock))
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub.url)
    before = hub.digest()
    cases = [
        (["--man", str(uuid.uuid4()), "--to", prison.device_id], "no man with that id"),
        (["--man", gone, "--to", prison.device_id], "no man with that id"),
        (["--man", "x" * 5000, "--to", prison.device_id], "no man with that id"),
        (["--man", man, "--to", str(uuid.uuid4())], "no enrolled laptop"),
        (["--man", man, "--to", community.device_id], "has been revoked"),
        (["--man", man, "--to", hub.device_id], "the hub's own device id"),
    ]
    for args, said in cases:
        code, out, err = _run(["assign", *args], capsys)
        assert code == 1 and not out and err.count("\n") == 1 and said in err, (args, err)
        assert err.startswith("engager-hub: error: ") and "Traceback" not in err
    assert hub.digest() == before and _assigned_events(hub) == []
    with pytest.raises(SystemExit) as usage:
        cli.main(["assign", "--man", man])
    assert usage.value.code == 2
