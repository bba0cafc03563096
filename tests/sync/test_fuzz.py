"""Fuzz the reader: clean refusals, bounded time, at most one key derivation, memory capped.

Three kinds of input: bytes that merely start like an age file; a real bundle cut, spliced and
overwritten at random; and bundles correctly signed by an enrolled device but holding random
payloads (so the deep checks - inflation caps, record parsing - are reached). A passphrase bundle
is exercised with a spy in place of pyrage's scrypt decryption, to count key derivations without
paying seconds for each.

The long run (``-m slow``) feeds 100,000 seeded inputs (tests/sync/fuzzing.py) to the importing
laptop's real vault through the services' verify / preview / commit, and checks: every input is
refused with BundleRefused unless it is byte-for-byte a bundle already imported (then it is
accepted as "already imported"); no record changes; no file is left behind; no input takes over
2 s. Run it with ``-s`` to see its one-line summary. A short run of the same loop, with each
check shown to fail, is in the default run.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import time
import traceback
import tracemalloc
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engager_desktop.services import sync
from engager_desktop.store.vault import Vault
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import verify
from engager_desktop.sync.age_header import INTRO
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft, fuzzing
from tests.sync.conftest import Laptop, add_goal_and_step, add_man, edit_man

SMALL = fmt.Limits(file=256 * 1024, inflated=512 * 1024, record=16 * 1024)
FAST = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONG = settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


SLOWEST_READ = 2.0  # seconds for one refused input; checked under the slow marker only


def _read(
    laptop: Laptop, limits: fmt.Limits = SMALL, seconds: float | None = None
) -> Callable[[bytes], None]:
    """A reader that must refuse quietly; under ``slow`` (``seconds`` set) also within a time."""
    keys, signer = craft.keys_and_signer(laptop.vault)

    def read(data: bytes) -> None:
        started = time.monotonic()
        try:
            opened = verify.open_bundle(data, keys, signer, limits=limits)
            verify.records(opened, limits)
        except BundleRefused:
            pass
        assert seconds is None or time.monotonic() - started < seconds

    return read


@pytest.fixture
def setting(pair: tuple[Laptop, Laptop]) -> tuple[Laptop, Laptop, bytes]:
    prison, community = pair
    for n in range(3):
        add_man(prison, notes=f"note {n}")
    return prison, community, prison.export(community).read_bytes()


edits = st.lists(
    st.tuples(st.integers(0, 4000), st.integers(0, 64), st.binary(max_size=64)), max_size=4
)


def _splice(data: bytes, changes: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for at, cut, insert in changes:
        at %= len(out) + 1
        out[at : at + cut] = insert
    return bytes(out)


def _run_mutations(
    setting: tuple[Laptop, Laptop, bytes], tail: bytes, changes, seconds: float | None = None
) -> None:
    _prison, community, data = setting
    _read(community, seconds=seconds)(INTRO + tail)
    _read(community, seconds=seconds)(_splice(data, changes))


@FAST
@given(tail=st.binary(max_size=512), changes=edits)
def test_reader_refuses_random_and_mutated_input(setting, tail, changes) -> None:
    _run_mutations(setting, tail, changes)


@pytest.mark.slow
@LONG
@given(tail=st.binary(max_size=4096), changes=edits)
def test_reader_refuses_random_and_mutated_input_long(setting, tail, changes) -> None:
    _run_mutations(setting, tail, changes, seconds=SLOWEST_READ)


# --------------------------------------------------------------------------- signed, random payload

lines = st.lists(
    st.one_of(
        st.binary(max_size=64),
        st.from_regex(rb'\{"r":\{.{0,40}\},"t":"(participants|goals|steps)"\}', fullmatch=True),
    ),
    max_size=6,
)
payloads = st.one_of(
    lines.map(lambda ls: ("lines", ls)),
    st.binary(max_size=256).map(lambda b: ("raw", b)),
    st.integers(1, 4).map(lambda n: ("bomb", n)),
)


def _signed(prison: Laptop, community: Laptop, kind: str, value: object) -> bytes:
    maker, to = craft.own(prison.vault), [craft.target(community.vault)]
    if kind == "lines":
        return craft.craft(maker, to, list(value))  # type: ignore[call-overload]
    if kind == "raw":
        return craft.craft(maker, to, raw_payload=value, inflated=len(value))  # type: ignore[arg-type]
    size = int(value) * 1024 * 1024  # type: ignore[call-overload]
    bomb = zlib.compress(b"{}\n" * (size // 3), 9)
    claimed = size if int(value) % 2 else 3000  # over the cap, or a lie about the size
    return craft.craft(maker, to, raw_payload=bomb, inflated=claimed)


def _run_signed(
    pair: tuple[Laptop, Laptop], payload: tuple[str, object], seconds: float | None = None
) -> None:
    prison, community = pair
    data = _signed(prison, community, *payload)
    tracemalloc.start()
    try:
        _read(community, seconds=seconds)(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024  # bounded by the (small) caps, whatever the payload claims


@FAST
@given(payload=payloads)
def test_signed_bundles_with_random_payloads(pair, payload) -> None:
    _run_signed(pair, payload)


@pytest.mark.slow
@LONG
@given(payload=payloads)
def test_signed_bundles_with_random_payloads_long(pair, payload) -> None:
    _run_signed(pair, payload, seconds=SLOWEST_READ)


# --------------------------------------------------------------------------- passphrase bundles

factors = st.integers(1, 99)
stanzas = st.lists(st.sampled_from(["scrypt", "X25519", "other"]), min_size=1, max_size=3)


@FAST
@given(factor=factors, kinds=stanzas, body=st.binary(max_size=64))
def test_passphrase_bundle_costs_at_most_one_key_derivation(
    monkeypatch: pytest.MonkeyPatch, factor: int, kinds: list[str], body: bytes
) -> None:
    calls: list[int] = []

    def counting_decrypt(_data: bytes, _passphrase: str) -> bytes:
        calls.append(1)
        raise pyrage.DecryptError("no matching keys found")

    monkeypatch.setattr(pyrage.passphrase, "decrypt", counting_decrypt)
    salt = "c2FsdHNhbHRzYWx0c2FsdA"
    lines_ = [f"-> scrypt {salt} {factor}" if k == "scrypt" else f"-> {k} arg" for k in kinds]
    header = "age-encryption.org/v1\n" + "".join(f"{ln}\n{'A' * 43}\n" for ln in lines_)
    data = (header + "--- " + "B" * 43 + "\n").encode() + body
    keys = verify.OpenKeys("0" * 8 + "-0000-4000-8000-" + "0" * 12, None, "a passphrase")
    with pytest.raises(BundleRefused):
        verify.open_bundle(data, keys, lambda _d: b"")
    assert len(calls) <= 1
    if factor > 20 or len(kinds) > 1:
        assert calls == []


# --------------------------------------------------------------------------- the long run

LONG_RUN = 100_000
SMOKE_RUN = 240
SEED = 20261102
TIME_LIMIT = 2.0
# (kind, weight): byte-level mutations of a real bundle, random input, re-signed bundles
KINDS = (
    ("bit_flip", 13),
    ("byte_change", 13),
    ("truncate", 9),
    ("insert", 9),
    ("delete", 9),
    ("header_edit", 15),
    ("splice", 9),
    ("random", 4),
    ("random_age", 5),
    ("resigned_records", 8),
    ("resigned_manifest", 5),
    ("identical", 1),
)
ENTRIES = ("verify", "preview", "commit")


@dataclass(frozen=True)
class Base:
    name: str
    kind: str  # x25519 | passphrase
    data: bytes


@dataclass
class Field:
    """The importing laptop (every bundle below already imported there) and what to mutate."""

    community: Laptop
    bases: list[Base]
    resigner: fuzzing.Resigner
    folder: Path  # where the practitioner's stick would be, holding one input at a time


@dataclass
class Report:
    inputs: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)  # source -> input
    wall: float = 0.0
    changed: bool = False
    leftovers: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def listed(counts: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda i: -i[1]))

        timing = "; ".join(
            f"{src} max {max(ts):.3f} s ({self.slowest.get(src, (0, '?'))[1]}) median "
            f"{statistics.median(ts) * 1000:.2f} ms"
            for src, ts in sorted(self.times.items())
        )
        return (
            f"bundle fuzz: {self.inputs} inputs in {self.wall:.0f} s | kinds: "
            f"{listed(self.kinds)} | sources: {listed(self.sources)} | entries: "
            f"{listed(self.entries)} | refusals: {listed(self.refusals)} | accepted "
            f"(byte-identical to a bundle, or re-signed and valid): "
            f"{listed(self.accepted) or 'none'} | crashes {len(self.crashes)} | wrong outcomes "
            f"{len(self.wrong)} | records changed: {'yes' if self.changed else 'no'} | files "
            f"left: {len(self.leftovers)} | per input: {timing}"
        )


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def fuzz_field(
    make_laptop: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Field]:
    """Prison exports four bundles (small, over 64 KiB, to two devices, passphrase); community
    imports them all, so a bundle accepted again changes nothing."""
    prison, community, other = (make_laptop(n) for n in ("prison", "community", "other"))
    prison.enrol(community)
    community.enrol(prison)
    prison.enrol(other)
    # pyrage tunes scrypt to about a second; the exporter's own envelope, at work factor 3
    monkeypatch.setattr(fmt, "encrypt_to_passphrase", fuzzing.encrypt_passphrase)
    words = random.Random(SEED)
    men = [add_man(prison, notes=f"note {n}") for n in range(3)]
    add_goal_and_step(prison, men[0])  # records that point at others
    small = prison.export(community)
    for n in range(40):
        text = "".join(words.choices("abcdefghijklmnopqrstuvwxyz  ,.", k=3000))
        add_man(prison, given_name=f"Man{n}", notes=text)
    large = prison.export(community)
    man = add_man(prison, given_name="Ieuan")
    edit_man(prison, man, notes="seen on the wing")
    both = prison.export(community, other)
    add_man(prison, given_name="Huw")
    locked = sync.export(prison.vault, prison.stick, passphrase=fuzzing.PASSPHRASE).path
    for path in (small, large, both):
        community.take(path)
    sync.commit_import(community.vault, locked, fuzzing.PASSPHRASE)
    bases = [
        Base("small", "x25519", small.read_bytes()),
        Base("large", "x25519", large.read_bytes()),
        Base("two_devices", "x25519", both.read_bytes()),
        Base("passphrase", "passphrase", locked.read_bytes()),
    ]
    assert len(bases[1].data) > 64 * 1024  # more than one age chunk
    assert fuzzing.header_length(bases[3].data) < 200 and b" 3\n" in bases[3].data[:100]
    keys, signer = craft.keys_and_signer(community.vault)
    opened = verify.open_bundle(bases[0].data, keys, signer)
    to = [craft.target(community.vault)[1], craft.own(prison.vault).age_recipient]
    devices = [prison.device_id, community.device_id, other.device_id]
    resigner = fuzzing.Resigner(
        craft.own(prison.vault), to, opened.manifest, list(verify.lines(opened)), devices
    )
    folder = community.stick
    for path in folder.iterdir():
        path.unlink()
    yield Field(community, bases, resigner, folder)


def _make(rng: random.Random, kind: str, bases: list[Base]) -> tuple[bytes, str, str | None]:
    """One input: (bytes, source for timing, passphrase to offer)."""
    if kind in ("random", "random_age"):
        data = fuzzing.random_bytes(rng) if kind == "random" else fuzzing.random_age(rng)
        return data, "random", rng.choice((None, fuzzing.PASSPHRASE))
    base = rng.choice(bases[:3]) if rng.random() < 0.75 else bases[3]  # 3/4 X25519
    phrase = fuzzing.PASSPHRASE if base.kind == "passphrase" else None
    if kind == "identical":
        return base.data, base.kind, phrase
    if kind == "splice":
        return fuzzing.splice(rng, base.data, rng.choice(bases).data), base.kind, phrase
    return fuzzing.BYTE_MUTATIONS[kind](rng, base.data), base.kind, phrase


def _enter(entry: str, vault: Vault, path: Path, phrase: str | None) -> bool:
    """Run one service entry point; True if it says the bundle was imported here already."""
    if entry == "verify":
        return sync.verify_bundle(vault, path, phrase).already_imported
    if entry == "preview":
        return sync.preview_import(vault, path, phrase).already_imported
    return sync.commit_import(vault, path, phrase).already_imported


def run_fuzz(setup: Field, total: int, seed: int = SEED) -> Report:
    """Feed ``total`` inputs to the importing laptop through verify / preview / commit."""
    rng = random.Random(seed)
    report = Report()
    vault = setup.community.vault
    valid = {b.data for b in setup.bases}
    names, weights = zip(*KINDS, strict=True)
    before, files = setup.community.digest(), _files(setup.folder.parent)
    path = setup.folder / "fuzz.age"
    started = time.perf_counter()
    for n in range(total):
        if n and n % 25_000 == 0:
            print(f"  {n} inputs, {time.perf_counter() - started:.0f} s", flush=True)
        kind = rng.choices(names, weights)[0]
        changed: bool | None = None  # re-signed only: did the change leave it valid?
        if kind.startswith("resigned"):
            make = setup.resigner.records if kind == "resigned_records" else None
            data, changed = (make or setup.resigner.manifest_change)(rng)
            source, phrase, entry = "x25519", None, ENTRIES[n % 2]  # never committed
        else:
            data, source, phrase = _make(rng, kind, setup.bases)
            entry = ENTRIES[n % 3]
        path.write_bytes(data)
        outcome, already = "accepted", False
        tick = time.perf_counter()
        try:
            already = _enter(entry, vault, path, phrase)
        except BundleRefused as exc:
            outcome = exc.code
        except Exception:  # noqa: BLE001 - a crash: any exception but a refusal
            report.crashes.append(f"#{n} {kind} via {entry}:\n{traceback.format_exc()}")
            outcome = "crash"
        took = time.perf_counter() - tick
        if took > report.slowest.get(source, (0.0, ""))[0]:
            report.slowest[source] = (took, f"#{n} {kind} via {entry}: {outcome}")
        report.times[source].append(took)
        path.unlink()
        report.inputs += 1
        report.kinds[kind] += 1
        report.sources[source] += 1
        report.entries[entry] += 1
        if outcome == "crash":
            continue
        if outcome != "accepted":
            report.refusals[outcome] += 1
        else:
            report.accepted[kind] += 1
        if changed is None:
            ok = outcome == "accepted" and already if data in valid else outcome != "accepted"
        else:
            ok = changed or outcome == "accepted"  # a changed one may be valid, or refused
        if not ok:
            report.wrong.append(f"#{n} {kind} via {entry}: {outcome}, already={already}")
    report.wall = time.perf_counter() - started
    report.changed = setup.community.digest() != before
    report.leftovers = sorted(_files(setup.folder.parent) - files)
    return report


def check(report: Report, total: int) -> None:
    assert report.inputs == total and sum(report.kinds.values()) == total
    assert report.crashes == [], f"{len(report.crashes)} crashes, first:\n{report.crashes[0]}"
    assert report.wrong == [], f"{len(report.wrong)} wrong outcomes: {report.wrong[:5]}"
    assert not report.changed, "an input changed records in the importing vault"
    assert report.leftovers == [], f"files left behind: {report.leftovers[:5]}"
    for source, times in report.times.items():
        assert max(times) <= TIME_LIMIT, f"a {source} input took {max(times):.2f} s"


@pytest.mark.slow
@pytest.mark.timeout(1800)  # about 5 minutes on a quiet 2-core laptop
def test_long_fuzz_run_against_the_importing_vault(fuzz_field: Field) -> None:
    """The reliability figure: 100,000 inputs, no crash, no record changed, none over 2 s."""
    report = run_fuzz(fuzz_field, LONG_RUN)
    print("\n" + report.summary())
    check(report, LONG_RUN)
    assert set(report.kinds) == {k for k, _ in KINDS}
    assert report.sources["x25519"] >= 50_000 and report.sources["passphrase"] >= 10_000


def test_short_fuzz_run_and_its_oracles(fuzz_field: Field, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same loop, briefly; then each oracle shown to fail on what it guards against."""
    report = run_fuzz(fuzz_field, SMOKE_RUN)
    check(report, SMOKE_RUN)
    assert report.accepted["identical"] == report.kinds["identical"]
    assert sum(report.refusals.values()) > SMOKE_RUN / 2
    slow = dataclasses.replace(report, times={"x25519": [0.01, TIME_LIMIT + 0.1]})
    with pytest.raises(AssertionError, match="took"):
        check(slow, SMOKE_RUN)

    def crashes(*_args: object) -> None:
        raise KeyError("id")

    def accepts(*_args: object) -> SimpleNamespace:
        return SimpleNamespace(already_imported=False)

    def writes(*_args: object) -> None:
        add_man(fuzz_field.community, given_name="Written")
        raise BundleRefused("damaged", "refused, but after writing")

    real_verify = sync.verify_bundle

    def leaves(vault: Vault, path: Path, *args: object) -> object:
        # the real outcome, so only the file left behind is wrong (a valid input stays accepted)
        path.with_name(f".{path.name}.{time.perf_counter_ns()}.tmp").write_bytes(b"")
        return real_verify(vault, path, *args)  # type: ignore[arg-type]

    for entry, sabotage, caught in (
        ("verify_bundle", crashes, "crashes"),
        ("preview_import", accepts, "wrong outcomes"),
        ("commit_import", writes, "changed records"),
        ("verify_bundle", leaves, "left behind"),
    ):
        with monkeypatch.context() as patched:
            patched.setattr(sync, entry, sabotage)
            with pytest.raises(AssertionError, match=caught):
                check(run_fuzz(fuzz_field, 12), 12)
