"""What encryption costs: the same workloads on the 10,000-men vault and on its unkeyed twin."""

from __future__ import annotations

from functools import partial

from engager_desktop.services import session_review
from engager_desktop.store.vault import Vault
from tests.benchmarks import workloads
from tests.benchmarks.bench_record import men_with_open_steps, review_for
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, Target, register
from tests.benchmarks.stats import Samples, clock_once
from tests.benchmarks.vaults import BuiltVault, bench_options, open_keyed, open_plain, scratch_copy

MEN = 10_000
TWIN = (
    "the same workload on the unkeyed twin (same sqlcipher3 build, migrations, demo generator "
    "and pragmas, never keyed)"
)
FIGURES = (
    Figure(
        "cipher_read_ratio",
        "Caseload read workload at 10,000 men, encrypted vault (one pass)",
        "ms",
        TWIN,
        Target("≤ 1.6× the floor", "ratio", high=1.6),
    ),
    Figure(
        "cipher_write_ratio",
        "Write workload at 10,000 men, encrypted vault (one session review save)",
        "ms",
        TWIN,
    ),
)


def _pass(calls: list[workloads.Call]) -> None:
    for call in calls:
        call.run()


def read_ratio(keyed: Vault, plain: Vault, heavy_man_id: str, runs: int) -> Measurement:
    texts = workloads.search_texts(keyed)
    on_keyed = workloads.read_workload(keyed, texts, heavy_man_id)
    on_plain = workloads.read_workload(plain, texts, heavy_man_id)
    _pass(on_keyed)
    _pass(on_plain)
    value: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        value.append(clock_once(lambda: _pass(on_keyed)))
        floor.append(clock_once(lambda: _pass(on_plain)))
    note = (
        f"One pass = {len(on_keyed)} calls through the services: every caseload filter, every "
        "search, and the heavy man's whole record."
    )
    return Measurement(
        Samples(tuple(value)).median * 1e3, Samples(tuple(floor)).median * 1e3, runs, note
    )


def write_ratio(keyed: Vault, plain: Vault, runs: int) -> Outcome:
    men = men_with_open_steps(keyed, runs + 1)
    if len(men) < runs + 1:
        return NotMeasured("the demo vault has too few men with open steps")
    value: list[float] = []
    floor: list[float] = []
    for index, man_id in enumerate(men):
        pair = []
        for vault in (keyed, plain):
            review = review_for(vault, man_id)
            pair.append(clock_once(partial(session_review.save_review, vault, man_id, review)))
        if index:
            value.append(pair[0])
            floor.append(pair[1])
    note = "The same session review saved for the same man on each (see the review save figure)."
    return Measurement(
        Samples(tuple(value)).median * 1e3, Samples(tuple(floor)).median * 1e3, runs, note
    )


def _open_both(built: BuiltVault) -> tuple[Vault, Vault]:
    keyed = open_keyed(built)
    try:
        return keyed, open_plain(built.plain, bench_options(built.spec))
    except BaseException:
        keyed.lock()
        raise


@register("cipher", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Reads on the cached pair; writes on scratch copies of both."""
    built = ctx.vault(MEN)
    if built.heavy_man_id is None:
        return {}
    out: dict[str, Outcome] = {}
    keyed, plain = _open_both(built)
    try:
        ctx.log("cipher: read workload, encrypted and unkeyed alternately")
        out["cipher_read_ratio"] = read_ratio(keyed, plain, built.heavy_man_id, ctx.runs(7, 2))
    finally:
        keyed.lock()
        plain.lock()
    keyed, plain = _open_both(scratch_copy(built, ctx.scratch("cipher")))
    try:
        ctx.log("cipher: write workload, encrypted and unkeyed alternately")
        out["cipher_write_ratio"] = write_ratio(keyed, plain, ctx.runs(15, 4))
    finally:
        keyed.lock()
        plain.lock()
    return out
