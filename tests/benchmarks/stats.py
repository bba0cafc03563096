"""Timing and its arithmetic: repeated runs, medians, nearest-rank percentiles, floor ratios."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Samples:
    """Repeated timings of one thing, in seconds."""

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("no samples")

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        return percentile(self.values, 95)

    @property
    def runs(self) -> int:
        return len(self.values)

    def scaled(self, factor: float) -> Samples:
        return Samples(tuple(v * factor for v in self.values))

    def __add__(self, other: Samples) -> Samples:
        return Samples(self.values + other.values)


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least q% of samples at or below."""
    if not values:
        raise ValueError("no samples")
    if not 0 < q <= 100:
        raise ValueError("percentile must be in (0, 100]")
    ordered = sorted(values)
    rank = math.ceil(q / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, or None when either is missing or the floor is not positive."""
    if value is None or floor is None or floor <= 0:
        return None
    return value / floor


def clock_once(fn: Callable[[], object]) -> float:
    """Seconds for one call of ``fn`` (garbage collection held off while it runs)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def time_runs(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> Samples:
    """``runs`` timed calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    return Samples(tuple(clock_once(fn) for _ in range(runs)))


def time_pair(
    fn: Callable[[], object],
    floor: Callable[[], object],
    runs: int,
    *,
    warmup: int = 1,
) -> tuple[Samples, Samples]:
    """Time ``fn`` and its ``floor`` alternately, so a busy machine slows both alike."""
    for _ in range(warmup):
        fn()
        floor()
    measured: list[float] = []
    floors: list[float] = []
    for _ in range(runs):
        measured.append(clock_once(fn))
        floors.append(clock_once(floor))
    return Samples(tuple(measured)), Samples(tuple(floors))
