"""Vault file size per man, against the unkeyed twin holding the same records."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, register

SIZES = (1_000, 10_000)
FLOOR = "the unkeyed twin's file (the same records in plain SQLite), per man"
FIGURES = tuple(
    Figure(f"vault_size_{men}", f"Vault file size per man ({men:,} men)", "KiB", FLOOR)
    for men in SIZES
)


def database_bytes(folder: Path) -> int:
    """vault.db with its write-ahead log, if any."""
    return sum(p.stat().st_size for p in folder.glob("vault.db*") if not p.name.endswith("-shm"))


@register("size", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """File sizes of the cached vaults (everything the demo generator writes, search index too)."""
    out: dict[str, Outcome] = {}
    for men in SIZES:
        built = ctx.vault(men)
        keyed, plain = database_bytes(built.keyed), database_bytes(built.plain)
        note = f"{keyed / 2**20:.1f} MiB in all; the twin {plain / 2**20:.1f} MiB."
        count = built.spec.men
        out[f"vault_size_{men}"] = Measurement(keyed / count / 1024, plain / count / 1024, 1, note)
    return out
