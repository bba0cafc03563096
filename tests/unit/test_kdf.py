"""Argon2id parameters, the floor and ceiling, and calibration."""

from __future__ import annotations

import time

import pytest

from engager_desktop.crypto.kdf import (
    ASVS_FLOOR,
    CEILING,
    PRODUCTION,
    Argon2Params,
    KdfPolicy,
    calibrate,
    derive_argon2,
    meets_floor,
    within_ceiling,
)

TINY = Argon2Params(1, 8, 1)
SALT = bytes(range(16))


def test_asvs_floor_and_production_policy() -> None:
    assert ASVS_FLOOR == Argon2Params(time_cost=3, memory_kib=65536, lanes=1)
    assert PRODUCTION.floor == ASVS_FLOOR
    assert PRODUCTION.fixed is None
    assert (PRODUCTION.target_low, PRODUCTION.target_high) == (0.5, 1.0)


def test_test_policy_is_tiny_and_fixed() -> None:
    policy = KdfPolicy.for_tests()
    assert policy.floor == policy.fixed == TINY
    assert calibrate(policy) == TINY
    assert not meets_floor(TINY, PRODUCTION.floor)


def test_fixed_below_floor_is_refused() -> None:
    with pytest.raises(ValueError, match="below"):
        calibrate(KdfPolicy(ASVS_FLOOR, fixed=TINY))


@pytest.mark.parametrize(
    "args",
    [(0, 8, 1), (1, 0, 1), (1, 8, 0), (-1, 8, 1), (1, 15, 2), (True, 8, 1), (1.0, 8, 1)],
)
def test_invalid_params(args: tuple[object, object, object]) -> None:
    with pytest.raises(ValueError):
        Argon2Params(*args)  # type: ignore[arg-type]


def test_meets_floor() -> None:
    assert meets_floor(ASVS_FLOOR, ASVS_FLOOR)
    assert meets_floor(Argon2Params(3, 262144, 4), ASVS_FLOOR)
    assert meets_floor(Argon2Params(4, 65536, 1), ASVS_FLOOR)
    assert not meets_floor(Argon2Params(2, 262144, 4), ASVS_FLOOR)
    assert not meets_floor(Argon2Params(3, 65535, 1), ASVS_FLOOR)


def test_within_ceiling() -> None:
    assert within_ceiling(CEILING)
    assert not within_ceiling(Argon2Params(3, CEILING.memory_kib + 1024, 4))
    assert not within_ceiling(Argon2Params(CEILING.time_cost + 1, 65536, 4))


def test_derive_is_deterministic_and_depends_on_every_input() -> None:
    key = derive_argon2(b"secret", SALT, TINY)
    assert len(key) == 32
    assert derive_argon2(b"secret", SALT, TINY) == key
    others = {
        derive_argon2(b"secreT", SALT, TINY),
        derive_argon2(b"secret", SALT[::-1], TINY),
        derive_argon2(b"secret", SALT, Argon2Params(2, 8, 1)),
        derive_argon2(b"secret", SALT, Argon2Params(1, 16, 1)),
        derive_argon2(b"secret", SALT, Argon2Params(1, 16, 2)),
    }
    assert key not in others and len(others) == 5


def _model(seconds_per_gib_pass: float, log: list[Argon2Params]):  # type: ignore[no-untyped-def]
    """A machine whose derivation time is proportional to passes × memory."""

    def measure(params: Argon2Params) -> float:
        log.append(params)
        return seconds_per_gib_pass * params.time_cost * params.memory_kib / (1024 * 1024)

    return measure


def test_calibration_lands_in_window() -> None:
    log: list[Argon2Params] = []
    params = calibrate(PRODUCTION, measure=_model(1.0, log))
    seconds = 1.0 * params.time_cost * params.memory_kib / (1024 * 1024)
    assert 0.5 <= seconds <= 1.0
    assert meets_floor(params, ASVS_FLOOR) and params.lanes == 4
    assert log[0] == Argon2Params(3, 65536, 4)
    assert all(b.memory_kib <= 2 * a.memory_kib for a, b in zip(log, log[1:], strict=False))


def test_slow_machine_keeps_the_floor() -> None:
    log: list[Argon2Params] = []
    params = calibrate(PRODUCTION, measure=_model(40.0, log))
    assert params == Argon2Params(3, 65536, 4)
    assert len(log) == 1


def test_fast_machine_raises_time_after_memory_cap() -> None:
    log: list[Argon2Params] = []
    params = calibrate(PRODUCTION, measure=_model(0.05, log))
    assert params.memory_kib == PRODUCTION.max_memory_kib
    assert params.time_cost > 3
    seconds = 0.05 * params.time_cost * params.memory_kib / (1024 * 1024)
    assert 0.5 <= seconds <= 1.0


def test_absurdly_fast_machine_stops_at_the_ceiling() -> None:
    params = calibrate(PRODUCTION, measure=lambda params: 0.0)
    assert within_ceiling(params) and meets_floor(params, ASVS_FLOOR)


def test_timer_is_used_for_measurement() -> None:
    ticks = iter(range(0, 1000, 2))  # every derivation appears to take 2 s
    small = KdfPolicy(Argon2Params(1, 64, 1), lanes=1)
    assert calibrate(small, timer=lambda: float(next(ticks))) == Argon2Params(1, 64, 1)


def test_real_calibration_on_a_small_window() -> None:
    policy = KdfPolicy(
        Argon2Params(1, 1024, 1), target_low=0.02, target_high=0.1, lanes=1, max_memory_kib=65536
    )
    params = calibrate(policy)
    assert meets_floor(params, policy.floor)
    assert len(derive_argon2(b"x", SALT, params)) == 32


@pytest.mark.bench  # a timing: run by `python3 dev.py bench`
def test_real_calibration_costs_real_time() -> None:
    policy = KdfPolicy(
        Argon2Params(1, 1024, 1), target_low=0.02, target_high=0.1, lanes=1, max_memory_kib=65536
    )
    params = calibrate(policy)
    start = time.perf_counter()
    derive_argon2(b"x", SALT, params)
    assert time.perf_counter() - start >= 0.005  # well above the floor's cost, allowing for noise
