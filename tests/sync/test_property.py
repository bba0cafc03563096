"""Property tests: three laptops with clocks that drift and jump, random edit/delete/settle scripts
editing different fields of one man, bundles in every order: one result (records and field
stamps), no accepted field edit lost, no deletion over a newer version."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from engager_desktop.domain import field_clock
from engager_desktop.domain.clock import FakeClock
from engager_desktop.services import sync
from engager_desktop.store import field_stamps
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Goal, Participant
from engager_desktop.sync import canonical, merge
from engager_desktop.sync.errors import SyncError
from engager_desktop.sync.identity import renew_for_tests
from tests.sync.conftest import Laptop, records_digest
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

MEN = 4
JUMP = timedelta(minutes=90)  # a clock set forward or back; never a day apart in all (refused)
FIELDS = ("notes", "establishment", "preferred_name")
# One step of a laptop's script: (man index, what, field): "delete", "goal" (a new record), "tick"
# (time passes), "ahead" or "back" (the laptop's clock is set forward or back), "keep"/"take"
# (settle the conflicts here, that field if open: keep mine or take theirs) or a text written to
# one of his fields (laptops edit different fields of one man, and often the same one).
step = st.tuples(
    st.integers(0, 1),  # two of the men, so that laptops often change the same one
    st.one_of(
        st.sampled_from(["delete", "delete", "goal", "tick", "ahead", "back", "keep", "take"]),
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8
        ),  # no vault
    ),  # stores NUL (tests/sync/test_nul_character.py)
    st.sampled_from(FIELDS),
)
script = st.lists(step, min_size=2, max_size=6)
orders = st.permutations([0, 1])
drifts = st.lists(st.integers(-3600, 3600), min_size=3, max_size=3)  # seconds off, per laptop
Version = tuple[str, str, bool]  # (stamp, device, deleted)
Key = tuple[str, str]


@contextmanager
def three_laptops(template: Path, drift: list[int]) -> Iterator[list[Laptop]]:
    with tempfile.TemporaryDirectory(prefix="engager-prop-") as tmp:
        laptops: list[Laptop] = []
        try:
            for index, name in enumerate(("prison", "community", "probation")):
                path = Path(tmp) / name
                shutil.copytree(template, path, ignore=shutil.ignore_patterns("vault.lock"))
                clock = FakeClock(TEST_START)
                clock.advance(drift[index])  # clocks that disagree, as real ones do
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


class History:
    """Every version of every man accepted on any laptop (made there, or settled there), the
    newest accepted value of each of his fields with the stamp of the edit that set it (a
    deletion sets every field empty), and every goal made."""

    def __init__(self) -> None:
        self.versions: dict[str, list[Version]] = defaultdict(list)
        self.fields: dict[tuple[str, str], tuple[Key, object]] = {}
        self.goals: set[str] = set()

    def newest(self, man: str) -> Version:
        return max(self.versions[man], key=lambda v: (v[0], v[1]))

    def observe(self, laptop: Laptop, man: str) -> None:
        version, values, stamps = _held(laptop, man)
        self.versions[man].append(version)
        for name in FIELDS:
            where = (man, name)
            if where not in self.fields or self.fields[where][0] < stamps[name]:
                self.fields[where] = (stamps[name], values[name])


def _held(laptop: Laptop, man_id: str) -> tuple[Version, dict[str, object], dict[str, Key]]:
    """His version, his fields as they travel (a tombstone's empty) and each field's stamp."""
    spec = canonical.table_specs()["participants"]
    with laptop.vault.read() as session:
        conn = session.connection()
        (values,) = list(canonical.read_wire(conn, spec, "id = ?", (man_id,)))
        stored = field_stamps.load(conn, "participants", [man_id]).get(man_id)
    key = (str(values["updated_at"]), str(values["updated_by"]))
    stamps = field_clock.expand(FIELDS, key, None if values["deleted"] else stored)
    return (key[0], key[1], bool(values["deleted"])), values, stamps


def _move_clock(laptop: Laptop, what: str) -> None:
    if what == "tick":
        laptop.tick(30)
    else:
        laptop.clock.set(laptop.clock.now() + (JUMP if what == "ahead" else -JUMP))


def _run(laptop: Laptop, men: list[str], steps: list[tuple[int, str, str]], seen: History) -> None:
    for index, what, field in steps:
        if what in ("tick", "ahead", "back"):
            _move_clock(laptop, what)
            continue
        if what in ("keep", "take"):
            _settle(laptop, field, what == "keep", seen)
            for man in men:
                seen.observe(laptop, man)
            continue
        with laptop.vault.write() as session:
            man = session.get(Participant, men[index])
            assert man is not None
            if man.deleted:
                continue  # the app offers no edits to a deleted man
            if what == "delete":
                man.deleted = True
            elif what == "goal":
                goal = Goal(
                    participant_id=man.id,
                    title="A goal",
                    horizon="short_term",
                    domain="housing",
                    set_on=date(2026, 11, 2),
                )
                session.add(goal)
                session.flush()
                seen.goals.add(goal.id)
            else:
                setattr(man, field, what)
        seen.observe(laptop, men[index])
        laptop.tick(1)


def _settle(laptop: Laptop, field: str, keep: bool, seen: History) -> None:
    """Settle that field (else every field) of each open conflict about a man's details; a
    settled field is a new edit of it (a deletion's conflict is settled whole). Choosing a
    deletion that had lost deletes the man again with the goals of his this laptop holds (the
    rule in docs/sync.md): those goals are no longer expected anywhere."""
    choice = sync.KEEP_MINE if keep else sync.TAKE_THEIRS
    before = _live_goals_by_man(laptop)
    for view in sync.list_conflicts(laptop.vault):
        if view.table != "participants":
            continue
        names = [field] if field in view.fields else list(view.fields)
        try:
            sync.resolve_conflict(
                laptop.vault, view.id, choice, field if names == [field] else None
            )
        except SyncError:
            continue  # deleted since: nothing to write
    after = _live_goals_by_man(laptop)
    for man, goals in before.items():
        if man not in after:  # he was live here and the settling deleted him
            seen.goals -= goals
    laptop.tick(1)


def _live_goals_by_man(laptop: Laptop) -> dict[str, set[str]]:
    """Each man live on this laptop, with the ids of his live goals held here."""
    with laptop.vault.read() as session:
        men = session.scalars(select(Participant.id).where(Participant.deleted.is_(False)))
        out: dict[str, set[str]] = {man: set() for man in men}
        rows = session.execute(select(Goal.participant_id, Goal.id).where(Goal.deleted.is_(False)))
        for man, goal in rows:
            if man in out:
                out[man].add(goal)
    return out


def _exchange(laptops: list[Laptop], order: list[list[int]]) -> None:
    bundles = {
        i: laptop.export(*[o for o in laptops if o is not laptop], since_ack=True)
        for i, laptop in enumerate(laptops)
    }
    for i, laptop in enumerate(laptops):
        senders = [j for j in range(3) if j != i]
        for pick in order[i]:
            laptop.take(bundles[senders[pick]])


def _newest_kept(laptops: list[Laptop], men: list[str], seen: History) -> None:
    """Every laptop holds each man's newest version (no edit lost to an older deletion, no
    deletion lost to an older edit), each of his fields as its newest accepted edit set it (no
    field edit lost to another laptop's edit of another field), and every goal made."""
    for laptop in laptops:
        for man in men:
            version, values, _stamps = _held(laptop, man)
            assert version == seen.newest(man)
            for name in FIELDS:
                assert values[name] == seen.fields[(man, name)][1], (laptop.name, name)
        with laptop.vault.read() as session:
            goals = set(session.scalars(select(Goal.id).where(Goal.deleted.is_(False))))
        assert goals == seen.goals


def _converge(
    template: Path, scripts: list[list[tuple[int, str, str]]], orders: list, drift: list[int]
) -> None:
    with three_laptops(template, drift) as laptops:
        men = _seed_men(laptops[0], laptops[1:])
        seen = History()
        for man in men:
            seen.observe(laptops[0], man)
        for rounds in range(2):
            for laptop, steps in zip(laptops, scripts, strict=True):
                _run(laptop, men, steps[rounds::2], seen)
            _exchange(laptops, orders[rounds])
        _exchange(laptops, orders[2])  # a last exchange carries what relayed in the last round
        digests = {records_digest(laptop.vault) for laptop in laptops}
        assert len(digests) == 1
        assert len({_stamps_digest(laptop) for laptop in laptops}) == 1
        _newest_kept(laptops, men, seen)


def _stamps_digest(laptop: Laptop) -> str:
    """The field stamps of the live records (they decide later merges, so they must agree too)."""
    with laptop.vault.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT table_name, record_id, stamps FROM field_stamps ORDER BY 1, 2"
        )
        return repr([tuple(row) for row in rows])


three_orders = st.lists(st.lists(orders, min_size=3, max_size=3), min_size=3, max_size=3)
IN_ORDER = [[[0, 1], [0, 1], [0, 1]]] * 3

# The prison laptop makes a goal for man 1 while the community laptop deletes him and the
# probation laptop edits his notes, all in the same second; the probation laptop's edit beats the
# deletion only when its device id is the larger (random), and then the community laptop keeps
# its deletion in review, which deletes him with the goal it now holds. Found by seed
# 220530724219630154571344045866209201223, when the test still expected every goal made to stay.
TIED_DELETE_GOAL_EDIT = [
    [(1, "goal", "notes"), (0, "delete", "notes")],
    [(0, "delete", "notes"), (0, "delete", "notes"), (1, "delete", "notes"), (0, "keep", "notes")],
    [(0, "delete", "notes"), (0, "delete", "notes"), (0, "delete", "notes")]
    + [(0, "delete", "notes"), (1, "", "notes")],
]


def test_keeping_a_deletion_in_review_deletes_the_goal_made_elsewhere_before_it(
    template_vault: tuple[Path, str],
) -> None:
    """That example without the tie: the probation laptop's edit comes 30 s after the deletion,
    so it always wins and the community laptop always keeps its deletion in review."""
    scripts = [list(steps) for steps in TIED_DELETE_GOAL_EDIT]
    scripts[2][2] = (0, "tick", "notes")
    _converge(template_vault[0], scripts, IN_ORDER, [0, 0, 0])


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=three_orders, drift=drifts)
@example(scripts=TIED_DELETE_GOAL_EDIT, order=IN_ORDER, drift=[0, 0, 0])
def test_three_laptops_converge(template_vault: tuple[Path, str], scripts, order, drift) -> None:
    _converge(template_vault[0], scripts, order, drift)


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scripts=st.lists(script, min_size=3, max_size=3), order=three_orders, drift=drifts)
def test_three_laptops_converge_long(
    template_vault: tuple[Path, str], scripts, order, drift
) -> None:
    _converge(template_vault[0], scripts, order, drift)


# --------------------------------------------------------------------------- the rule alone

DEVICES = ["1" * 8 + "-0000-4000-8000-" + "0" * 12, "2" * 8 + "-0000-4000-8000-" + "0" * 12]
# (what, millis, device, note): what is "live", "deleted" or "erased" (a data-protection erasure)
version = st.builds(
    lambda what, millis, dev, note: (what, f"{millis:013d}-000000", DEVICES[dev], note),
    st.sampled_from(["live", "live", "deleted", "erased"]),
    st.integers(1, 5),
    st.integers(0, 1),
    st.sampled_from(["a", "b", None]),
)


def _record(v: tuple[str, str, str, str | None]) -> canonical.Record:
    values: dict[str, object] = {n: None for n in canonical.table_specs()["pledges"].sorted_names}
    values.update(
        id="9" * 8 + "-0000-4000-8000-" + "0" * 12,
        participant_id="8" * 8 + "-0000-4000-8000-" + "0" * 12,
        created_at=canonical.ERASED_AT if v[0] == "erased" else "2026-11-02T09:00:00.000000",
        deleted=v[0] != "live",
        updated_at=v[1],
        updated_by=v[2],
        rev=1,
        his_commitments=v[3],
    )
    return canonical.as_tombstone(canonical.decode(canonical.encode("pledges", values)))


def _merge_all(versions: list[tuple[str, str, str, str | None]]) -> dict[str, object] | None:
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
    assert _merge_all([*versions, *shuffled]) == first  # idempotent
    erasures = [v for v in versions if v[0] == "erased"]
    newest = max(erasures or versions, key=lambda v: (v[1], v[2]))
    assert (first["updated_at"], first["updated_by"]) == (newest[1], newest[2])
    if erasures:
        assert canonical.is_erasure(first)  # an erasure beats every version, newer ones too
    elif newest[0] == "live" and all(v[0] == "live" for v in versions if v[1:3] == newest[1:3]):
        assert first["deleted"] is False  # no deletion removes a newer version
    if first["deleted"]:
        assert first["his_commitments"] is None  # a tombstone carries no content
