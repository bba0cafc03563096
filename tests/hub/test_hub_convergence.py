"""Three laptops and the hub as a fourth member on PostgreSQL: the property test of sync, with
every bundle going through the hub (laptop -> hub -> laptop) in every order. Every laptop and the
hub end with the same records and field stamps, no accepted edit is lost, and the conflicts the
hub saw are kept there for review."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from engager_desktop.sync import canonical
from engager_desktop.sync.identity import renew_for_tests
from engager_hub import ops
from engager_hub.hub import open_hub
from tests.hub.conftest import HUB_PASSPHRASE, HubSide, copy_of, fresh_database, start_hub
from tests.hub.pg_cluster import Cluster
from tests.sync.conftest import Laptop, add_man, edit_man, records_digest
from tests.sync.test_property import FIELDS, MEN, History, _newest_kept, _run, _stamps_digest
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

# The laptop test's scripts, but text without NUL (U+0000): PostgreSQL cannot store it, and the
# hub refuses such a bundle (test_hub_refusals); laptops accept it (see docs/hub.md).
step = st.tuples(
    st.integers(0, 1),
    st.one_of(
        st.sampled_from(["delete", "delete", "goal", "tick", "ahead", "back", "keep", "take"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
    ),
    st.sampled_from(FIELDS),
)
script = st.lists(step, min_size=2, max_size=6)
hub_orders = st.lists(st.permutations([0, 1, 2]), min_size=3, max_size=3)
drifts = st.lists(st.integers(-1800, 1800), min_size=3, max_size=3)


@contextmanager
def star(
    template: Path, cluster: Cluster, drift: list[int]
) -> Iterator[tuple[list[Laptop], HubSide]]:
    """Three laptops, each enrolled only with the hub (and the hub with each)."""
    with tempfile.TemporaryDirectory(prefix="engager-star-") as tmp, fresh_database(cluster) as url:
        laptops: list[Laptop] = []
        hub = start_hub(url, Path(tmp) / "hub-outbox")
        try:
            for index, name in enumerate(("prison", "community", "probation")):
                path = Path(tmp) / name
                shutil.copytree(template, path, ignore=shutil.ignore_patterns("vault.lock"))
                clock = FakeClock(TEST_START)
                clock.advance(drift[index])
                vault = unlock_vault(path, TEST_PASSPHRASE, test_options(clock))
                renew_for_tests(vault)
                stick = Path(tmp) / f"{name}-stick"
                stick.mkdir()
                laptops.append(Laptop(name, path, vault, clock, stick))
                hub.enrol(laptops[-1])
            yield laptops, hub
        finally:
            for laptop in laptops:
                laptop.vault.lock()
            hub.hub.close()


def _hold(hub: HubSide, laptop: Laptop, men: list[str]) -> None:
    """What ``engager-hub assign`` will do (not built yet): the laptop holds these men."""
    since = TEST_START.replace(tzinfo=None)
    rows = [{"device_id": laptop.device_id, "participant_id": m, "since": since} for m in men]
    with hub.hub.write() as session:
        session.connection().execute(ops.HOLDINGS.insert(), rows)


def _through_hub(laptops: list[Laptop], hub: HubSide, order: list[int]) -> None:
    """Every laptop sends to the hub; the hub imports them in ``order``; each laptop gets back
    its men from the hub."""
    hub.clock.set(max(laptop.clock.now() for laptop in laptops))
    bundles = [laptop.export(hub, since_ack=True) for laptop in laptops]  # type: ignore[arg-type]
    for index in order:
        hub.take(bundles[index])
    for laptop in laptops:
        laptop.take(hub.export_for(laptop))


def _hub_stamps(hub: HubSide) -> str:
    with hub.hub.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT table_name, record_id, stamps FROM field_stamps ORDER BY 1, 2"
        )
        return repr([tuple(row) for row in rows])


def _seed_men(first: Laptop, hub: HubSide) -> list[str]:
    with first.vault.write() as session:
        made = [
            Participant(given_name=f"Man{i}", family_name="Test", preferred_name=f"Man{i}")
            for i in range(MEN)
        ]
        session.add_all(made)
        session.flush()
        ids = [man.id for man in made]
    hub.take(first.export(hub))  # type: ignore[arg-type]
    return ids


def _converge(template: Path, cluster: Cluster, scripts, orders, drift: list[int]) -> None:
    with star(template, cluster, drift) as (laptops, hub):
        first = laptops[0]
        men = _seed_men(first, hub)  # made on the prison laptop, sent to the others by the hub
        for laptop in laptops[1:]:  # until `assign` exists: every laptop holds every man
            _hold(hub, laptop, men)
            laptop.take(hub.export_for(laptop))
        seen = History()
        for man in men:
            seen.observe(first, man)
        for rounds in range(2):
            for laptop, steps in zip(laptops, scripts, strict=True):
                _run(laptop, men, steps[rounds::2], seen)
            _through_hub(laptops, hub, orders[rounds])
        _through_hub(laptops, hub, orders[2])  # what the last round's settling wrote
        digests = {records_digest(laptop.vault) for laptop in laptops} | {hub.digest()}
        assert len(digests) == 1
        stamps = {_stamps_digest(laptop) for laptop in laptops} | {_hub_stamps(hub)}
        assert len(stamps) == 1
        _newest_kept(laptops, men, seen)


SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=2, phases=[Phase.explicit, Phase.reuse, Phase.generate], **SETTINGS)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=hub_orders, drift=drifts)
def test_three_laptops_and_the_hub_converge(
    template_vault: tuple[Path, str], pg_cluster: Cluster, scripts, order, drift
) -> None:
    _converge(template_vault[0], pg_cluster, scripts, order, drift)


@pytest.mark.slow
@settings(max_examples=100, **SETTINGS)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=hub_orders, drift=drifts)
def test_three_laptops_and_the_hub_converge_long(
    template_vault: tuple[Path, str], pg_cluster: Cluster, scripts, order, drift
) -> None:
    _converge(template_vault[0], pg_cluster, scripts, order, drift)


def test_every_import_order_gives_one_hub(
    template_vault: tuple[Path, str], pg_cluster: Cluster
) -> None:
    """The same three bundles imported at copies of one hub in each of the six orders: the same
    records every time; two laptops changed one man's notes: the later edit stands and the
    earlier one is kept at the hub for review, whichever came first."""
    with star(template_vault[0], pg_cluster, [0, 0, 0]) as (laptops, hub):
        prison, community, probation = laptops
        man = add_man(prison, notes="start")
        hub.take(prison.export(hub))  # type: ignore[arg-type]
        _hold(hub, community, [man])
        community.take(hub.export_for(community))
        edit_man(prison, man, notes="prison's note")
        community.tick(600)
        edit_man(community, man, notes="community's note")
        add_man(probation, given_name="Owain")
        hub.clock.set(max(laptop.clock.now() for laptop in laptops))
        bundles = [laptop.export(hub, since_ack=True) for laptop in laptops]  # type: ignore[arg-type]
        hub.hub.close()
        digests = set()
        for order in itertools.permutations([0, 1, 2]):
            with copy_of(pg_cluster, hub.url) as url:
                with open_hub(url, HUB_PASSPHRASE, test_options(hub.clock)) as copy:
                    for index in order:
                        ops.import_file(copy, bundles[index])
                    with copy.read() as session:
                        digests.add(canonical.content_digest(session.connection()))
                    waiting = ops.list_conflicts(copy)
                    assert [(c.table, c.record_id, c.fields) for c in waiting] == [
                        ("participants", man, ("notes",))
                    ]
                    assert ops.status(copy)["conflicts_waiting"] == 1
        assert len(digests) == 1
