"""Key derivation, and unlock to caseload (1,000 men) less key derivation, on a production vault."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from engager_desktop.crypto import keyslots
from engager_desktop.crypto.kdf import (
    ASVS_FLOOR,
    PRODUCTION,
    Argon2Params,
    calibrate,
    derive_argon2,
)
from engager_desktop.services import caseload
from engager_desktop.store.engine import open_connection
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import DB_FILE, KEYSLOTS_FILE, VaultOptions
from tests.benchmarks import probes
from tests.benchmarks.context import Context
from tests.benchmarks.registry import (
    Figure,
    Measurement,
    NotMeasured,
    Outcome,
    at_most,
    between,
    register,
)
from tests.benchmarks.stats import Samples, clock_once, time_pair
from tests.benchmarks.vaults import BENCH_PASSPHRASE, bench_options, scratch_copy

MEN = 1_000
FLOOR_PARAMS = f"t={ASVS_FLOOR.time_cost}, m={ASVS_FLOOR.memory_kib // 1024} MiB, 1 lane"
CASELOAD_SQL = (
    "SELECT id, preferred_name, given_name, family_name, prison_number, phase, expected_release "
    "FROM participants WHERE deleted = 0"
)

ASVS = f"Argon2id at the least a vault accepts (ASVS floor: {FLOOR_PARAMS})"
BARE_READ = "a bare sqlcipher3 connection keyed with the data key reading every man's row"
FIGURES = (
    Figure(
        "key_derivation",
        "Key derivation (Argon2id, parameters calibrated on this machine in this run)",
        "s",
        ASVS,
        between(0.5, 1.0, "s"),
    ),
    Figure(
        "key_derivation_vault",
        "Key derivation of the 1,000-men benchmark vault (parameters calibrated when it was built)",
        "s",
        ASVS,
    ),
    Figure(
        "unlock_to_caseload",
        "Unlock to caseload shown in the GUI (1,000 men) − key derivation",
        "s",
        BARE_READ,
        at_most(0.5, "s"),
    ),
    Figure(
        "unlock_to_caseload_services",
        "Unlock to caseload through the services, no GUI (1,000 men) − key derivation",
        "s",
        BARE_READ,
    ),
)


@contextmanager
def timed(module: Any, name: str) -> Iterator[list[float]]:
    """Record how long each call of ``module.name`` takes while the block runs."""
    original: Callable[..., Any] = getattr(module, name)
    spent: list[float] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    setattr(module, name, wrapper)
    try:
        yield spent
    finally:
        setattr(module, name, original)


def _params_text(params: Argon2Params) -> str:
    return f"t={params.time_cost}, m={params.memory_kib / 1024:g} MiB, {params.lanes} lanes"


def key_derivation(params: Argon2Params, runs: int) -> tuple[Samples, Samples]:
    """One derivation with ``params``, alternating with one at the ASVS floor."""
    salt = b"benchmark-salt-16"
    return time_pair(
        lambda: derive_argon2(BENCH_PASSPHRASE.encode(), salt, params),
        lambda: derive_argon2(b"floor", salt, ASVS_FLOOR),
        runs,
    )


def fresh_calibration(runs: int) -> Measurement:
    """Calibrate as a new vault does (the same timing, recorded), then time the result."""
    seen: list[float] = []
    salt = b"calibration-salt"

    def measure(params: Argon2Params) -> float:
        seen.append(clock_once(lambda: derive_argon2(b"calibration", salt, params)))
        return seen[-1]

    params = calibrate(PRODUCTION, measure=measure)
    value, floor = key_derivation(params, runs)
    note = (
        f"kdf.calibrate(PRODUCTION) chose {_params_text(params)} in this run after "
        f"{len(seen)} timing(s), the last {seen[-1]:.2f} s."
    )
    if value.median < PRODUCTION.target_low <= seen[-1]:
        note += (
            " Calibration stops at the first single timing that reaches the window, so one slow "
            "timing on a busy machine ends it early; the same parameters then take less."
        )
    return Measurement(value.median, floor.median, value.runs, note)


def vault_derivation(folder: Path, runs: int) -> Measurement:
    """The keyslot opened with the passphrase, as unlock does it (derivation and unwrap)."""
    data = (folder / KEYSLOTS_FILE).read_bytes()
    ks = keyslots.Keyslots.from_bytes(data, PRODUCTION, KEYSLOTS_FILE)
    params = keyslots.kdf_params(ks)
    value, floor = time_pair(
        lambda: keyslots.open_with_passphrase(ks, BENCH_PASSPHRASE),
        lambda: derive_argon2(b"floor", b"benchmark-salt-16", ASVS_FLOOR),
        runs,
    )
    note = f"The vault's parameters: {_params_text(params)}."
    return Measurement(value.median, floor.median, value.runs, note)


def unlock_in_gui(folder: Path, dek: bytes, runs: int) -> Outcome:
    """The real app in a child process: preload done, passphrase entered, until rows shown."""
    probes.probe("app-caseload", folder)  # warm-up: compiles and caches modules
    value: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        got = probes.probe("app-caseload", folder).values
        value.append(got["unlock_to_caseload"] - got["key_derivation"])
        floor.append(clock_once(lambda: _bare_read(folder, dek)))
    note = (
        "From the Unlock click (after the start-up preload has finished, as it has by the time a "
        "passphrase is typed) to the caseload panel showing its rows (AppController's own "
        "timing), less the key derivation timed in the same child process."
    )
    return Measurement(Samples(tuple(value)).median, Samples(tuple(floor)).median, runs, note)


def unlock_to_caseload(folder: Path, options: VaultOptions, runs: int) -> tuple[Measurement, bytes]:
    totals: list[float] = []
    derivations: list[float] = []
    dek = b""
    for _ in range(runs + 1):  # the first is a warm-up
        with timed(keyslots, "open_with_passphrase") as kdf:
            start = time.perf_counter()
            vault = unlock_vault(folder, BENCH_PASSPHRASE, options)
            caseload.list_caseload(vault)
            caseload.filter_counts(vault)
            totals.append(time.perf_counter() - start)
        derivations.append(sum(kdf))
        dek = vault.data_key
        vault.lock()
    value = Samples(tuple(t - k for t, k in zip(totals[1:], derivations[1:], strict=True)))
    floor = Samples(tuple(clock_once(lambda: _bare_read(folder, dek)) for _ in range(runs)))
    note = (
        "Unlock (keyslot, database key check, migrations check, audit entry) then the caseload "
        "through services (list_caseload and filter_counts), with the time spent in the key "
        "derivation of each run taken off."
    )
    return Measurement(value.median, floor.median, value.runs, note), dek


def _bare_read(folder: Path, dek: bytes) -> int:
    conn = open_connection(folder / DB_FILE, dek)
    try:
        return len(conn.execute(CASELOAD_SQL).fetchall())
    finally:
        conn.close()


@register("unlock", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Key derivation and unlock-to-caseload on a scratch copy of the 1,000-men vault."""
    built = scratch_copy(ctx.vault(MEN), ctx.scratch("unlock"))
    ctx.log("unlock: key derivation")
    kdf = fresh_calibration(ctx.runs(7, 2))
    kdf_vault = vault_derivation(built.keyed, ctx.runs(7, 2))
    ctx.log("unlock: unlock to caseload through the services")
    runs = ctx.runs(5, 2)
    headless, dek = unlock_to_caseload(built.keyed, bench_options(built.spec), runs)
    ctx.log("unlock: unlock to caseload in the GUI")
    try:
        gui = unlock_in_gui(built.keyed, dek, runs)
    except probes.ProbeFailed as exc:
        gui = NotMeasured(str(exc))
    return {
        "key_derivation": kdf,
        "key_derivation_vault": kdf_vault,
        "unlock_to_caseload": gui,
        "unlock_to_caseload_services": headless,
    }
