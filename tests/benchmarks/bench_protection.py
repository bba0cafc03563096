"""Data protection at 10,000 men: a subject access copy for the heavy man, and erasing a man."""

from __future__ import annotations

import time
from itertools import count
from pathlib import Path

from engager_desktop.services import caseload, erasure
from engager_desktop.services.caseload import CaseloadFilter
from engager_desktop.services.subject_access import sar
from engager_desktop.store.vault import Vault
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, at_most, register
from tests.benchmarks.stats import Samples, clock_once, time_pair
from tests.benchmarks.vaults import open_keyed, scratch_copy

MEN = 10_000
FIGURES = (
    Figure(
        "sar_heavy",
        "Subject access copy (PDF + JSON) for a man with 100 sessions and 40 goals, at 10,000 men",
        "s",
        "reading his whole record once through the services (caseload.load_man)",
        at_most(5, "s"),
    ),
    Figure(
        "erasure_10k",
        "Erasing one man on a 10,000-man vault, checkpoint and VACUUM included",
        "s",
        "the file clean-up alone on the same vault (WAL checkpoint, VACUUM, checkpoint)",
        at_most(30, "s"),
    ),
)


def subject_access(vault: Vault, man_id: str, folder: Path, runs: int) -> Measurement:
    numbers = count()

    def one() -> object:
        target = folder / f"copy-{next(numbers)}"
        target.mkdir()
        return sar(vault, man_id, target)

    value, floor = time_pair(one, lambda: caseload.load_man(vault, man_id), runs)
    records = sum(one().records.values())
    note = f"{records} records in the copy; p95 {value.p95:.2f} s."
    return Measurement(value.median, floor.median, value.runs, note)


def erasures(vault: Vault, heavy: str, runs: int) -> Outcome:
    rows = caseload.list_caseload(vault, CaseloadFilter(phases=("in_community",)))
    men = [heavy, *[row.id for row in rows if row.id != heavy]][:runs]
    if len(men) < runs:
        return NotMeasured("the demo vault has too few men")
    erased: list[float] = []
    floors: list[float] = []
    records: list[int] = []
    for man_id in men:
        floors.append(clock_once(lambda: erasure.wipe_free_space(vault)))
        started = time.perf_counter()
        result = erasure.erase_man(vault, man_id)
        erased.append(time.perf_counter() - started)
        records.append(result.records_erased)
    value, base = Samples(tuple(erased)), Samples(tuple(floors))
    note = (
        f"{runs} different men erased one after another on one copy, the heavy man first "
        f"({records[0]} records; the others {', '.join(str(r) for r in records[1:]) or 'none'}); "
        f"slowest {max(value.values):.1f} s."
    )
    return Measurement(value.median, base.median, value.runs, note)


@register("protection", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Both on one scratch copy of the cached 10,000-man vault: the copy is written to."""
    built = ctx.vault(MEN)
    if built.heavy_man_id is None:
        reason = NotMeasured("the vault has no heavy man")
        return {"sar_heavy": reason, "erasure_10k": reason}
    folder = ctx.scratch("protection")
    scratch = scratch_copy(built, folder / "vault", plain=False)
    copies = folder / "copies"
    copies.mkdir()
    out: dict[str, Outcome] = {}
    vault = open_keyed(scratch)
    try:
        ctx.log("protection: subject access copies for the heavy man")
        out["sar_heavy"] = subject_access(vault, built.heavy_man_id, copies, ctx.runs(5, 2))
        ctx.log("protection: erasures")
        out["erasure_10k"] = erasures(vault, built.heavy_man_id, ctx.runs(3, 1))
    finally:
        vault.lock()
    return out
