"""Property tests: three laptops, random edit/delete scripts, bundles in every order, one result."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Goal, Participant
from engager_desktop.sync import canonical, merge
from engager_desktop.sync.errors import SyncError
from engager_desktop.sync.identity import renew_for_tests
from tests.sync.conftest import Laptop, records_digest
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

MEN = 4
FIELDS = ("notes", "establishment", "preferred_name")
# One step of a laptop's script: (man index, what, field): "delete", "goal" (a new record), "tick"
# (time passes), "keep"/"take" (settle the conflicts here, that field if open: keep mine or theirs)
# or a text written to one of his fields (laptops edit different fields of one man).
step = st.tuples(
    st.integers(0, MEN - 1),
    st.one_of(st.sampled_from(["delete", "goal", "tick", "keep", "take"]), st.text(max_size=8)),
    st.sampled_from(FIELDS),
)
script = st.lists(step, max_size=6)
orders = st.permutations([0, 1])


@contextmanager
def three_laptops(template: Path) -> Iterator[list[Laptop]]:
    with tempfile.TemporaryDirectory(prefix="engager-prop-") as tmp:
        laptops: list[Laptop] = []
        try:
            for index, name in enumerate(("prison", "community", "probation")):
                path = Path(tmp) / name
                shutil.copytree(template, path, ignore=shutil.ignore_patterns("vault.lock"))
                clock = FakeClock(TEST_START)
                clock.advance(index * 7)  # clocks that disagree a little, as real ones do
                vault = unlock_vault(path, TEST_PASSPHRASE, test_options(clock))
                renew_for_tests(vault)
                stick = Path(tmp) / f"{name}-stick"
                stick.mkdir()
                laptops.append(Laptop(name, path, vault, clock, stick))
            for a, b in itertools.permutations(laptops, 2):
                a.enrol(b)
            yield laptops
        finally:
            for laptop in laptops:
                laptop.vault.lock()


def _seed_men(first: Laptop, others: list[Laptop]) -> list[str]:
    with first.vault.write() as session:
        men = [
            Participant(given_name=f"Man{i}", family_name="Test", preferred_name=f"Man{i}")
            for i in range(MEN)
        ]
        session.add_all(men)
        session.flush()
        ids = [man.id for man in men]
    bundle = first.export(*others)
    for other in others:
        other.take(bundle)
    return ids


Edits = dict[tuple[str, str], tuple[tuple[str, str], str]]  # (man, field) -> (stamp, text)


def _run(
    laptop: Laptop, men: list[str], steps: list[tuple[int, str, str]], seen: tuple[set[str], Edits]
) -> None:
    deleted, edits = seen
    for index, what, field in steps:
        if what == "tick":
            laptop.tick(30)
            continue
        if what in ("keep", "take"):
            _settle(laptop, field, what == "keep", edits)
            continue
        with laptop.vault.write() as session:
            man = session.get(Participant, men[index])
            assert man is not None
            if man.deleted:
                continue  # the app offers no edits to a deleted man
            if what == "delete":
                man.deleted = True
                deleted.add(men[index])
            elif what == "goal":
                session.add(
                    Goal(
                        participant_id=man.id,
                        title="A goal",
                        horizon="short_term",
                        domain="housing",
                        set_on=date(2026, 11, 2),
                    )
                )
            else:
                setattr(man, field, what)
                session.flush()
                _accepted(edits, (man.id, field), (man.updated_at, man.updated_by), what)
        laptop.tick(1)


def _settle(laptop: Laptop, field: str, keep: bool, edits: Edits) -> None:
    """Settle that field (else every field) of each open conflict about a man's details; a
    settled field is a new edit of it."""
    choice = sync.KEEP_MINE if keep else sync.TAKE_THEIRS
    for view in sync.list_conflicts(laptop.vault):
        if view.table != "participants":
            continue
        man_id = view.record_id
        names = [field] if field in view.fields else list(view.fields)
        try:
            sync.resolve_conflict(
                laptop.vault, view.id, choice, field if names == [field] else None
            )
        except SyncError:
            continue  # he was deleted: nothing to write
        with laptop.vault.read() as session:
            man = session.get(Participant, man_id)
            assert man is not None
            for name in [] if man.deleted else names:
                stamp = (man.updated_at, man.updated_by)
                _accepted(edits, (man_id, name), stamp, getattr(man, name))
    laptop.tick(1)


def _accepted(edits: Edits, where: tuple[str, str], stamp: tuple[str, str], text: str) -> None:
    """Remember the newest edit of each of his fields: the one every laptop must end with."""
    if where not in edits or edits[where][0] < stamp:
        edits[where] = (stamp, text)


def _no_edit_lost(laptops: list[Laptop], edits: Edits, deleted: set[str]) -> None:
    for laptop in laptops:
        with laptop.vault.read() as session:
            for (man_id, field), (_stamp, text) in edits.items():
                man = session.get(Participant, man_id)
                assert man is not None
                if man_id not in deleted:
                    assert getattr(man, field) == text, (laptop.name, field)


def _exchange(laptops: list[Laptop], order: list[list[int]]) -> None:
    bundles = {
        i: laptop.export(*[o for o in laptops if o is not laptop], since_ack=True)
        for i, laptop in enumerate(laptops)
    }
    for i, laptop in enumerate(laptops):
        senders = [j for j in range(3) if j != i]
        for pick in order[i]:
            laptop.take(bundles[senders[pick]])


def _deleted_everywhere(laptops: list[Laptop], deleted: set[str]) -> bool:
    for laptop in laptops:
        with laptop.vault.read() as session:
            live = session.scalars(
                select(Participant.id).where(Participant.deleted.is_(False))
            ).all()
        if deleted & set(live):
            return False
    return True


def _converge(template: Path, scripts: list[list[tuple[int, str, str]]], orders: list) -> None:
    with three_laptops(template) as laptops:
        men = _seed_men(laptops[0], laptops[1:])
        deleted: set[str] = set()
        edits: Edits = {}
        for rounds in range(2):
            for laptop, steps in zip(laptops, scripts, strict=True):
                _run(laptop, men, steps[rounds::2], (deleted, edits))
            _exchange(laptops, orders[rounds])
        _exchange(laptops, orders[2])  # a last exchange carries what relayed in the last round
        digests = {records_digest(laptop.vault) for laptop in laptops}
        assert len(digests) == 1
        assert len({_stamps_digest(laptop) for laptop in laptops}) == 1
        assert _deleted_everywhere(laptops, deleted)
        _no_edit_lost(laptops, edits, deleted)


def _stamps_digest(laptop: Laptop) -> str:
    """The field stamps of the live records (they decide later merges, so they must agree too)."""
    with laptop.vault.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT table_name, record_id, stamps FROM field_stamps ORDER BY 1, 2"
        )
        return repr([tuple(row) for row in rows])


three_orders = st.lists(st.lists(orders, min_size=3, max_size=3), min_size=3, max_size=3)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=three_orders)
def test_three_laptops_converge(template_vault: tuple[Path, str], scripts, order) -> None:
    _converge(template_vault[0], scripts, order)


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=three_orders)
def test_three_laptops_converge_long(template_vault: tuple[Path, str], scripts, order) -> None:
    _converge(template_vault[0], scripts, order)


# --------------------------------------------------------------------------- the rule alone

DEVICES = ["1" * 8 + "-0000-4000-8000-" + "0" * 12, "2" * 8 + "-0000-4000-8000-" + "0" * 12]
version = st.builds(
    lambda deleted, millis, dev, note: (deleted, f"{millis:013d}-000000", DEVICES[dev], note),
    st.booleans(),
    st.integers(1, 5),
    st.integers(0, 1),
    st.sampled_from(["a", "b", None]),
)


def _record(v: tuple[bool, str, str, str | None]) -> canonical.Record:
    values: dict[str, object] = {n: None for n in canonical.table_specs()["pledges"].sorted_names}
    values.update(
        id="9" * 8 + "-0000-4000-8000-" + "0" * 12,
        participant_id="8" * 8 + "-0000-4000-8000-" + "0" * 12,
        created_at="2026-11-02T09:00:00.000000",
        deleted=v[0],
        updated_at=v[1],
        updated_by=v[2],
        rev=1,
        his_commitments=v[3],
    )
    return canonical.decode(canonical.encode("pledges", values))


def _merge_all(versions: list[tuple[bool, str, str, str | None]]) -> dict[str, object] | None:
    exchange = merge.Exchange(DEVICES[0], DEVICES[1], None)
    held: dict[str, object] | None = None
    for v in versions:
        remote = _record(v)
        local = None if held is None else merge.Local(dict(held), None)
        decision = merge.decide(remote, local, None, exchange)
        if decision.writes:
            held = dict(remote.values)
    return held


@settings(max_examples=400, deadline=None)
@given(st.lists(version, min_size=1, max_size=5), st.randoms())
def test_merge_rule_ignores_order(versions, rng) -> None:
    shuffled = list(versions)
    rng.shuffle(shuffled)
    first, second = _merge_all(versions), _merge_all(shuffled)
    assert first == second
    assert first is not None
    if any(v[0] for v in versions):
        assert first["deleted"] is True  # a tombstone is never undone
