"""Argon2id key derivation for the passphrase slot: parameters, floor, ceiling and calibration."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_LENGTH = 32
MAX_CALIBRATION_STEPS = 24


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: passes over memory, memory in KiB, and lanes (parallelism)."""

    time_cost: int
    memory_kib: int
    lanes: int

    def __post_init__(self) -> None:
        for value in (self.time_cost, self.memory_kib, self.lanes):
            if type(value) is not int or value < 1:
                raise ValueError("Argon2 parameters must be positive whole numbers")
        if self.memory_kib < 8 * self.lanes:
            raise ValueError("Argon2 needs at least 8 KiB of memory per lane")


ASVS_FLOOR = Argon2Params(time_cost=3, memory_kib=65536, lanes=1)
"""The least a production vault accepts: t=3, m=64 MiB (OWASP ASVS / cheat-sheet guidance)."""

CEILING = Argon2Params(time_cost=64, memory_kib=4 * 1024 * 1024, lanes=64)
"""The most a keyslots file may ask for: a damaged file must not exhaust memory or hang unlock."""

_TEST_PARAMS = Argon2Params(time_cost=1, memory_kib=8, lanes=1)


@dataclass(frozen=True)
class KdfPolicy:
    """How parameters are chosen at creation and what is accepted when a vault is read.

    ``fixed`` skips calibration. Calibration starts at the floor with ``lanes`` lanes and aims for
    one derivation taking between ``target_low`` and ``target_high`` seconds on this machine.
    """

    floor: Argon2Params
    target_low: float = 0.5
    target_high: float = 1.0
    fixed: Argon2Params | None = None
    lanes: int = 4
    # Past 192 MiB calibration adds passes instead of memory: Argon2's working memory comes on
    # top of the open app's, and with 256 MiB the app peaked at 414 MiB against a 400 MB budget
    # (docs/benchmarks.md). 192 MiB is still three times the ASVS floor.
    max_memory_kib: int = 192 * 1024

    @classmethod
    def for_tests(cls) -> KdfPolicy:
        """TEST ONLY: tiny parameters (t=1, m=8 KiB) so test vaults open instantly.

        A vault made under this policy offers no protection against guessing; production code
        uses ``PRODUCTION``, whose floor refuses such a vault on read.
        """
        return cls(floor=_TEST_PARAMS, fixed=_TEST_PARAMS)


PRODUCTION = KdfPolicy(ASVS_FLOOR)


def meets_floor(params: Argon2Params, floor: Argon2Params) -> bool:
    """True when time and memory are at least the floor's (lanes do not lower the cost a guess)."""
    return params.time_cost >= floor.time_cost and params.memory_kib >= floor.memory_kib


def within_ceiling(params: Argon2Params) -> bool:
    """True when no parameter exceeds ``CEILING``."""
    return (
        params.time_cost <= CEILING.time_cost
        and params.memory_kib <= CEILING.memory_kib
        and params.lanes <= CEILING.lanes
    )


def derive_argon2(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    """A 32-byte key from ``secret`` with Argon2id (salt of at least 8 bytes)."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.time_cost,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret)


Measure = Callable[[Argon2Params], float]


def _timed(timer: Callable[[], float]) -> Measure:
    salt = os.urandom(16)

    def measure(params: Argon2Params) -> float:
        # The best of two runs: a passing load spike on a shared machine must not leave the
        # vault with parameters that are too cheap once the machine is quiet again.
        best = math.inf
        for _ in range(2):
            start = timer()
            derive_argon2(b"calibration", salt, params)
            best = min(best, timer() - start)
        return best

    return measure


def calibrate(
    policy: KdfPolicy,
    timer: Callable[[], float] = time.perf_counter,
    *,
    measure: Measure | None = None,
) -> Argon2Params:
    """Parameters for a new keyslot: ``policy.fixed`` if set, else measured on this machine.

    From the floor (with ``policy.lanes`` lanes), memory grows by up to double per step, up to
    ``policy.max_memory_kib``, then the time cost grows, each step aiming at the middle of the
    target window, until one derivation takes at least ``target_low`` seconds. Each step aims at
    the middle of the window, so it lands at or below ``target_high`` unless the machine's timing
    jumps. A slow machine keeps the floor: parameters never go below it. ``measure`` (seconds for
    one derivation) replaces the real measurement in tests.
    """
    if policy.fixed is not None:
        if not meets_floor(policy.fixed, policy.floor):
            raise ValueError("fixed KDF parameters are below the policy's floor")
        return policy.fixed
    run = measure or _timed(timer)
    lanes = max(policy.lanes, policy.floor.lanes)
    memory = max(policy.floor.memory_kib, 8 * lanes)
    params = Argon2Params(policy.floor.time_cost, memory, lanes)
    for _ in range(MAX_CALIBRATION_STEPS):
        elapsed = run(params)
        if elapsed >= policy.target_low:
            break
        stepped = _next_step(params, elapsed, policy)
        if stepped == params:
            break
        params = stepped
    return params


def _next_step(params: Argon2Params, elapsed: float, policy: KdfPolicy) -> Argon2Params:
    """Scale memory (then time) towards the middle of the window, at most doubling per step."""
    middle = (policy.target_low + policy.target_high) / 2
    factor = min(2.0, middle / max(elapsed, 1e-6))
    ceiling_memory = min(policy.max_memory_kib, CEILING.memory_kib)
    if params.memory_kib < ceiling_memory:
        memory = min(ceiling_memory, _round_mib(params.memory_kib * factor))
        if memory > params.memory_kib:
            return replace(params, memory_kib=memory)
    time_cost = max(params.time_cost + 1, math.ceil(params.time_cost * factor))
    return replace(params, time_cost=min(time_cost, CEILING.time_cost))


def _round_mib(memory_kib: float) -> int:
    """Round up to whole MiB once above 1 MiB, so the stored parameters stay readable."""
    if memory_kib <= 1024:
        return math.ceil(memory_kib)
    return math.ceil(memory_kib / 1024) * 1024
