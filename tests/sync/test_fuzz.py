"""Fuzz the reader: clean refusals, bounded time, at most one key derivation, memory capped.

Three kinds of input: bytes that merely start like an age file; a real bundle cut, spliced and
overwritten at random; and bundles correctly signed by an enrolled device but holding random
payloads (so the deep checks - inflation caps, record parsing - are reached). A passphrase bundle
is exercised with a spy in place of pyrage's scrypt decryption, to count key derivations without
paying seconds for each.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Callable

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import verify
from engager_desktop.sync.age_header import INTRO
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man

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


def _read(laptop: Laptop, limits: fmt.Limits = SMALL) -> Callable[[bytes], None]:
    keys, signer = craft.keys_and_signer(laptop.vault)

    def read(data: bytes) -> None:
        started = time.monotonic()
        try:
            opened = verify.open_bundle(data, keys, signer, limits=limits)
            verify.records(opened, limits)
        except BundleRefused:
            pass
        assert time.monotonic() - started < 2.0

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


def _run_mutations(setting: tuple[Laptop, Laptop, bytes], tail: bytes, changes) -> None:
    _prison, community, data = setting
    _read(community)(INTRO + tail)
    _read(community)(_splice(data, changes))


@FAST
@given(tail=st.binary(max_size=512), changes=edits)
def test_reader_refuses_random_and_mutated_input(setting, tail, changes) -> None:
    _run_mutations(setting, tail, changes)


@pytest.mark.slow
@LONG
@given(tail=st.binary(max_size=4096), changes=edits)
def test_reader_refuses_random_and_mutated_input_long(setting, tail, changes) -> None:
    _run_mutations(setting, tail, changes)


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


def _run_signed(pair: tuple[Laptop, Laptop], payload: tuple[str, object]) -> None:
    prison, community = pair
    data = _signed(prison, community, *payload)
    tracemalloc.start()
    try:
        _read(community)(data)
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
    _run_signed(pair, payload)


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
