"""A laptop's audit log anchored on the laptops it syncs with: a rewrite is refused on import."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engager_desktop.cli import main
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm.system import AuditEvent
from engager_desktop.sync import verify
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.importer import open_checked, read_bundle_file
from tests.rewrite_chain import rewrite_chain
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def _reopen_after(laptop: Laptop, drop: set[int]) -> None:
    """The attack, on ``laptop``: with the passphrase, drop entries and relink the chain."""
    laptop.vault.lock()
    rewrite_chain(laptop.path, test_options(laptop.clock), drop)
    laptop.vault = unlock_vault(laptop.path, TEST_PASSPHRASE, test_options(laptop.clock))


def _exchange(prison: Laptop, community: Laptop) -> int:
    """One round: prison's bundle to community, community's (with its ack) back. Count seen."""
    add_man(prison)
    bundle = prison.export(community)
    community.take(bundle)
    prison.take(community.export(prison, since_ack=True))
    return _opened(community, bundle).manifest.audit_count


def _opened(laptop: Laptop, bundle) -> verify.OpenedBundle:  # type: ignore[no-untyped-def]
    return open_checked(laptop.vault, read_bundle_file(bundle), None, verify.fmt.DEFAULT_LIMITS)


def _refusals(laptop: Laptop) -> list[str | None]:
    with laptop.vault.read() as session:
        rows = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "import_refused")
        )
        return list(rows)


@pytest.mark.parametrize(
    "drop",
    [
        pytest.param({3}, id="an-early-entry-removed"),
        pytest.param(set(range(4, 10_000)), id="cut-short"),
    ],
)
def test_a_rewritten_log_is_refused_by_the_laptop_that_saw_it(
    pair: tuple[Laptop, Laptop], drop: set[int]
) -> None:
    prison, community = pair
    _exchange(prison, community)
    _reopen_after(prison, drop)
    add_man(prison)
    bundle = prison.export(community)
    with pytest.raises(BundleRefused) as caught:
        community.take(bundle)
    assert caught.value.code == "audit_head"
    assert "rewritten or cut short" in str(caught.value)
    assert _refusals(community) == ["audit_head"], "the refusal is in the receiver's own log"


def test_the_bundle_carries_the_head_the_receiver_saw(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    seen = _exchange(prison, community)
    bundle = prison.export(community)
    made = _opened(community, bundle).manifest
    with prison.vault.read() as session:
        head = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seen))
    assert (seen, head) in made.audit_earlier
    assert all(count < made.audit_count for count, _head in made.audit_earlier)
    community.take(bundle)  # an honest log passes


def test_honest_bundles_arriving_out_of_order_import(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    _exchange(prison, community)
    add_man(prison)
    first = prison.export(community)
    add_man(prison)
    second = prison.export(community)
    community.take(second)
    community.take(first)  # older, smaller count: not a shrinking log
    prison.take(community.export(prison, since_ack=True))
    add_man(prison)
    community.take(prison.export(community, since_ack=True))
    assert _refusals(community) == []


def test_the_cli_refuses_it_on_one_line(
    pair: tuple[Laptop, Laptop], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prison, community = pair
    _exchange(prison, community)
    _reopen_after(prison, {3})
    add_man(prison)
    bundle = prison.export(community)
    community.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    options = test_options(community.clock)
    try:
        for command in ("verify-bundle", "import"):
            capsys.readouterr()
            assert (
                main([command, "--vault", str(community.path), str(bundle)], options=options) == 1
            )
            err = capsys.readouterr().err
            assert "rewritten or cut short" in err and err.count("\n") == 1
    finally:
        community.vault = unlock_vault(community.path, TEST_PASSPHRASE, options)
    assert _refusals(community) == ["audit_head"]


def test_a_rewrite_after_the_last_acknowledgement_is_refused_too(
    pair: tuple[Laptop, Laptop],
) -> None:
    """The attack: rewrite only entries the receiver saw in a bundle it has not acknowledged yet."""
    prison, community = pair
    acked = _exchange(prison, community)
    add_man(prison)
    unacked = prison.export(community)
    community.take(unacked)  # community saw this head; prison has no acknowledgement of it
    seen = _opened(community, unacked).manifest.audit_count
    _reopen_after(prison, {acked + 2})  # an entry after the acknowledged head, before the seen one
    assert acked + 2 < seen
    add_man(prison)
    with pytest.raises(BundleRefused) as caught:
        community.take(prison.export(community))
    assert caught.value.code == "audit_head"
