"""Caseload filters and search at 10,000 men through services/caseload.py, against their own SQL."""

from __future__ import annotations

from functools import partial
from typing import Any

from engager_desktop.services import caseload
from tests.benchmarks import workloads
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, at_most, register
from tests.benchmarks.sqlreplay import capture, raw_connection, replay
from tests.benchmarks.stats import Samples, time_pair
from tests.benchmarks.vaults import open_keyed

MEN = 10_000
SQL_FLOOR = "the same SQL replayed through the bare sqlcipher3 driver, every row fetched"
FILTER_NOTE = "Filters: " + ", ".join(label for label, _ in workloads.FILTERS) + "."


def _ms(fig_id: str, figure: str, target: float | None = None) -> Figure:
    return Figure(fig_id, figure, "ms", SQL_FLOOR, at_most(target, "ms") if target else None)


FIGURES = (
    _ms("caseload_filter_median", "Caseload filter at 10,000 men, median", 50),
    _ms("caseload_filter_p95", "Caseload filter at 10,000 men, p95", 100),
    _ms("caseload_search_median", "Caseload search at 10,000 men, median", 50),
    _ms("caseload_search_p95", "Caseload search at 10,000 men, p95", 100),
    _ms("caseload_everyone", "Whole caseload list (no filter) at 10,000 men, median"),
    _ms("caseload_filter_counts", "Filter counts (the buttons) at 10,000 men, median"),
)


def timed_calls(
    calls: list[workloads.Call], engine: Any, conn: Any, runs: int
) -> tuple[Samples, Samples]:
    """Each call and its SQL replay, timed alternately; samples of all calls pooled."""
    measured: Samples | None = None
    floors: Samples | None = None
    for call in calls:
        with capture(engine) as statements:
            call.run()
        value, floor = time_pair(call.run, partial(replay, conn, statements), runs)
        measured = value if measured is None else measured + value
        floors = floor if floors is None else floors + floor
    assert measured is not None and floors is not None
    return measured, floors


def _pair(value: Samples, floor: Samples, what: str, note: str = "") -> dict[str, Measurement]:
    """Median and p95 Measurements for a pooled sample (milliseconds)."""
    return {
        f"{what}_median": Measurement(value.median * 1e3, floor.median * 1e3, value.runs, note),
        f"{what}_p95": Measurement(value.p95 * 1e3, floor.p95 * 1e3, value.runs, note),
    }


@register("caseload", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Filters and searches at 10,000 men: each query repeated, samples pooled per figure."""
    built = ctx.vault(MEN)
    vault = open_keyed(built)
    conn = raw_connection(vault)
    try:
        runs = ctx.runs(15, 3)
        ctx.log("caseload: filters")
        out: dict[str, Outcome] = {}
        value, floor = timed_calls(workloads.filter_calls(vault), vault.engine, conn, runs)
        out |= _pair(value, floor, "caseload_filter", FILTER_NOTE)
        texts = workloads.search_texts(vault)
        ctx.log("caseload: searches")
        value, floor = timed_calls(workloads.search_calls(vault, texts), vault.engine, conn, runs)
        note = "Typed: " + ", ".join(repr(t) for t in texts) + "."
        out |= _pair(value, floor, "caseload_search", note)
        few = ctx.runs(7, 2)
        ctx.log("caseload: whole list and counts")
        for fig_id, call in (
            (
                "caseload_everyone",
                workloads.Call("everyone", lambda: caseload.list_caseload(vault)),
            ),
            (
                "caseload_filter_counts",
                workloads.Call("counts", lambda: caseload.filter_counts(vault)),
            ),
        ):
            value, floor = timed_calls([call], vault.engine, conn, few)
            out[fig_id] = Measurement(value.median * 1e3, floor.median * 1e3, value.runs)
        return out
    finally:
        conn.close()
        vault.lock()
