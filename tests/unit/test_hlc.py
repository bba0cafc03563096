"""The hybrid logical clock: stamp format, order, monotonic ticks, counter roll-over, threads."""

from __future__ import annotations

import sys
import threading
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.hlc import (
    DRIFT_LIMIT_MS,
    MAX_COUNTER,
    HlcError,
    HybridClock,
    Stamp,
    remote_problem,
)
from tests.vault_fixtures import TEST_START

WALL_MS = int(TEST_START.timestamp() * 1000)


def test_stamp_text_round_trips_and_sorts_as_time() -> None:
    stamp = Stamp(WALL_MS, 42)
    assert Stamp.parse(str(stamp)) == stamp
    assert str(stamp) == f"{WALL_MS:013d}-000042"
    assert str(Stamp(5, 999_998)) < str(Stamp(6, 0))


@pytest.mark.parametrize(
    "text", ["", "123-000001", "1793610000000-1000000", "1793610000000_000001", "x" * 20]
)
def test_malformed_stamps_are_refused(text: str) -> None:
    with pytest.raises(HlcError):
        Stamp.parse(text)


def test_tick_follows_the_wall_clock() -> None:
    clock = FakeClock(TEST_START)
    hlc = HybridClock(clock)
    assert hlc.tick() == Stamp(WALL_MS, 0)
    clock.advance(1)
    assert hlc.tick() == Stamp(WALL_MS + 1000, 0)


def test_tick_never_goes_back_when_the_wall_clock_does() -> None:
    clock = FakeClock(TEST_START)
    hlc = HybridClock(clock)
    first = hlc.tick()
    clock.set(TEST_START - timedelta(hours=3))
    second, third = hlc.tick(), hlc.tick()
    assert first < second < third
    assert second == Stamp(WALL_MS, 1)


def test_counter_rolls_over_into_the_time_part() -> None:
    hlc = HybridClock(FakeClock(TEST_START), Stamp(WALL_MS + 5000, MAX_COUNTER - 1))
    stamp = hlc.tick()
    assert stamp == Stamp(WALL_MS + 5001, 0)
    assert Stamp.parse(str(stamp)) == stamp


def test_a_stored_maximal_counter_still_ticks_to_a_parsable_stamp() -> None:
    """The old bug: a last stamp with the counter at 999999 made the next tick unparsable."""
    hlc = HybridClock(FakeClock(TEST_START), Stamp(WALL_MS + 60_000, MAX_COUNTER))
    stamp = hlc.tick()
    assert Stamp.parse(str(stamp)) == Stamp(WALL_MS + 60_001, 0)


@settings(max_examples=300, deadline=None)
@given(
    millis=st.integers(0, 10**13 - 2),
    counter=st.integers(0, MAX_COUNTER),
    wall_offset=st.integers(-(10**9), 10**9),
    ticks=st.integers(1, 5),
)
def test_every_tick_fits_the_format_and_moves_forward(
    millis: int, counter: int, wall_offset: int, ticks: int
) -> None:
    clock = FakeClock(TEST_START)
    clock.set(TEST_START + timedelta(milliseconds=wall_offset))
    hlc = HybridClock(clock, Stamp(millis, counter))
    before = hlc.last
    for _ in range(ticks):
        stamp = hlc.tick()
        assert stamp > before
        assert stamp.counter < MAX_COUNTER
        assert Stamp.parse(str(stamp)) == stamp
        assert str(stamp) > str(before)
        before = stamp


def test_observe_moves_past_a_remote_stamp() -> None:
    hlc = HybridClock(FakeClock(TEST_START))
    remote = Stamp(WALL_MS + 10_000, 7)
    assert hlc.observe(remote) is False
    assert hlc.tick() == Stamp(WALL_MS + 10_000, 8)
    assert hlc.observe(Stamp(1, 0)) is False
    assert hlc.last == Stamp(WALL_MS + 10_000, 8)  # an older stamp changes nothing


def test_observe_flags_a_stamp_more_than_a_day_ahead() -> None:
    hlc = HybridClock(FakeClock(TEST_START))
    assert hlc.observe(Stamp(WALL_MS + DRIFT_LIMIT_MS + 1, 0)) is True


def test_remote_problem_names_each_reason() -> None:
    assert remote_problem(str(Stamp(WALL_MS, 3)), WALL_MS) is None
    assert remote_problem(str(Stamp(WALL_MS + DRIFT_LIMIT_MS, 0)), WALL_MS) is None
    ahead = remote_problem(str(Stamp(WALL_MS + DRIFT_LIMIT_MS + 1, 0)), WALL_MS)
    assert ahead is not None and "a day ahead" in ahead
    maximal = remote_problem(str(Stamp(WALL_MS, MAX_COUNTER)), WALL_MS)
    assert maximal is not None and "maximum" in maximal
    assert remote_problem("1793610000000-1000000", WALL_MS) == "a record's clock stamp is malformed"


def test_two_threads_ticking_at_once_never_share_a_stamp() -> None:
    hlc = HybridClock(FakeClock(TEST_START))  # the wall clock stands still: every tick counts
    results: list[list[Stamp]] = [[] for _ in range(4)]
    start = threading.Barrier(4)

    def work(out: list[Stamp]) -> None:
        start.wait()
        for _ in range(20_000):
            out.append(hlc.tick())

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to provoke a race
    try:
        threads = [threading.Thread(target=work, args=(out,)) for out in results]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(old)
    stamps = [stamp for out in results for stamp in out]
    assert len(set(stamps)) == len(stamps) == 80_000
    assert hlc.last == max(stamps)
    for out in results:
        assert out == sorted(out)
