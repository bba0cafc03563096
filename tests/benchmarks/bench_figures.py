"""Service figures at 10,000 men: twelve months through services/figures.py, against its own SQL."""

from __future__ import annotations

from datetime import date
from functools import partial

from engager_desktop.services import figures
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, at_most, register
from tests.benchmarks.sqlreplay import capture, raw_connection, replay
from tests.benchmarks.stats import time_pair
from tests.benchmarks.vaults import open_keyed

MEN = 10_000
SQL_FLOOR = "the same SQL replayed through the bare sqlcipher3 driver, every row fetched"

FIGURES = (
    Figure(
        "figures_year_median",
        "Service figures, 12 months by month, at 10,000 men, median",
        "ms",
        SQL_FLOOR,
        at_most(1000, "ms"),
    ),
    Figure(
        "figures_year_p95",
        "Service figures, 12 months by month, at 10,000 men, p95",
        "ms",
        SQL_FLOOR,
    ),
)


def year_to(today: date) -> tuple[date, date]:
    back = today.year * 12 + today.month - 1 - 11
    return date(back // 12, back % 12 + 1, 1), today


@register("figures", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """The whole table (counts, medians, suppression) for the last 12 months, repeated."""
    built = ctx.vault(MEN)
    vault = open_keyed(built)
    conn = raw_connection(vault)
    try:
        first, last = year_to(vault.clock.today())

        def call() -> object:
            return figures.service_figures(vault, first, last)

        with capture(vault.engine) as statements:
            call()
        ctx.log(f"figures: {len(statements)} statements, timing")
        value, floor = time_pair(call, partial(replay, conn, statements), ctx.runs(9, 3))
        note = f"From {first:%d %b %Y} to {last:%d %b %Y}: 12 months and the whole range."
        return {
            "figures_year_median": Measurement(
                value.median * 1e3, floor.median * 1e3, value.runs, note
            ),
            "figures_year_p95": Measurement(value.p95 * 1e3, floor.p95 * 1e3, value.runs, note),
        }
    finally:
        conn.close()
        vault.lock()
