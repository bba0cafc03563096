"""A hostile enrolled laptop's clock stamps can never lock a vault (issue 15, item 1)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engager_desktop.domain.hlc import DRIFT_LIMIT_MS, MAX_COUNTER, Stamp
from engager_desktop.services import sync
from engager_desktop.store.orm import Participant
from engager_desktop.store.orm.system import AuditEvent, VaultMeta
from engager_desktop.store.stamping import CLOCK_REPAIRED, HLC_KEY
from engager_desktop.sync.errors import BundleRefused
from tests.sync.conftest import Laptop, add_man, edit_man
from tests.sync.hostile import changed, healthy, line_of, reopen, signed_bundle


def _wall_ms(laptop: Laptop) -> int:
    return int(laptop.clock.now().timestamp() * 1000)


def _stamp_of(laptop: Laptop, man: str) -> str:
    with laptop.vault.read() as session:
        return session.scalars(select(Participant.updated_at).where(Participant.id == man)).one()


def _shared_man(pair: tuple[Laptop, Laptop]) -> tuple[Laptop, Laptop, str]:
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    return prison, community, man


def _refused(receiver: Laptop, bundle: object, words: str) -> None:
    before = receiver.digest()
    with pytest.raises(BundleRefused) as caught:
        sync.commit_import(receiver.vault, bundle)  # type: ignore[arg-type]
    assert caught.value.code == "clock"
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert receiver.digest() == before
    assert healthy(receiver)
    assert receiver.digest() == before


def test_a_maximal_counter_less_than_a_day_ahead_is_refused_whole(
    pair: tuple[Laptop, Laptop],
) -> None:
    """The issue's attack: an hour ahead, counter 999999; the vault stays usable."""
    prison, community, man = _shared_man(pair)
    other = add_man(prison, notes="innocent")
    stamp = Stamp(_wall_ms(community) + 3_600_000, MAX_COUNTER)
    lines = [
        line_of(prison, "participants", other),
        changed(line_of(prison, "participants", man), notes="late", updated_at=str(stamp)),
    ]
    _refused(community, signed_bundle(prison, community, lines), "counter at the maximum")
    edit_man(community, man, notes="still editable")
    assert Stamp.parse(_stamp_of(community, man)) > Stamp.parse(_stamp_of(prison, man))
    assert healthy(community)


def test_a_stamp_more_than_a_day_ahead_is_refused_whole(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, man = _shared_man(pair)
    stamp = Stamp(_wall_ms(community) + DRIFT_LIMIT_MS + 60_000, 0)
    lines = [changed(line_of(prison, "participants", man), notes="x", updated_at=str(stamp))]
    _refused(community, signed_bundle(prison, community, lines), "more than a day ahead")


def test_the_preview_and_verify_refuse_it_too(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, man = _shared_man(pair)
    stamp = Stamp(_wall_ms(community) + DRIFT_LIMIT_MS + 60_000, 0)
    bundle = signed_bundle(
        prison, community, [changed(line_of(prison, "participants", man), updated_at=str(stamp))]
    )
    with pytest.raises(BundleRefused, match="a day ahead"):
        sync.preview_import(community.vault, bundle)
    with pytest.raises(BundleRefused, match="a day ahead"):
        sync.verify_bundle(community.vault, bundle)


def test_a_stamp_just_inside_the_limit_is_taken_and_local_stamps_still_fit(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community, man = _shared_man(pair)
    stamp = Stamp(_wall_ms(community) + DRIFT_LIMIT_MS - 60_000, MAX_COUNTER - 1)
    lines = [changed(line_of(prison, "participants", man), notes="ahead", updated_at=str(stamp))]
    assert community.take(signed_bundle(prison, community, lines)).committed
    edit_man(community, man, notes="after")
    assert Stamp.parse(_stamp_of(community, man)) == Stamp(stamp.millis + 1, 0)
    assert healthy(community)
    prison.take(community.export(prison))  # and the stamp travels on, readable
    assert prison.digest() == community.digest()


def test_an_unreadable_clock_state_is_repaired_and_audited(make_laptop) -> None:
    laptop = make_laptop("prison")
    man = add_man(laptop, notes="before")
    bad = "1793610000000-1000000"  # what the old code wrote after a counter of 999999
    with laptop.vault.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("UPDATE vault_meta SET value = ? WHERE key = ?", (bad, HLC_KEY))
        conn.exec_driver_sql("UPDATE participants SET updated_at = ? WHERE id = ?", (bad, man))
    reopen(laptop)  # before the fix: HlcError, and no command could open the vault
    with laptop.vault.read() as session:
        stored = session.get(VaultMeta, HLC_KEY)
        assert stored is not None and Stamp.parse(stored.value)
        repaired = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == CLOCK_REPAIRED)
        ).all()
    assert repaired == [CLOCK_REPAIRED]
    assert Stamp.parse(_stamp_of(laptop, man))
    assert healthy(laptop)
    edit_man(laptop, man, notes="after")
    reopen(laptop)
    with laptop.vault.read() as session:
        again = select(AuditEvent.action).where(AuditEvent.action == CLOCK_REPAIRED)
        assert session.scalars(again).all() == [CLOCK_REPAIRED]  # repaired once only


def test_the_cli_refuses_it_in_one_line_and_check_passes(
    pair: tuple[Laptop, Laptop], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from engager_desktop.cli import main
    from tests.vault_fixtures import TEST_PASSPHRASE, test_options

    prison, community, man = _shared_man(pair)
    stamp = Stamp(_wall_ms(community) + 3_600_000, MAX_COUNTER)
    lines = [changed(line_of(prison, "participants", man), notes="late", updated_at=str(stamp))]
    bundle = signed_bundle(prison, community, lines)
    before = community.digest()
    community.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    options = test_options(community.clock)
    capsys.readouterr()
    code = main(["import", "--vault", str(community.path), str(bundle)], options=options)
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "counter at the maximum" in err
    assert "Traceback" not in err
    assert main(["check", "--vault", str(community.path)], options=options) == 0
    reopen(community)
    assert community.digest() == before
