"""Opening a man's workspace (every tab's data, read in one snapshot) at 10,000 men."""

from __future__ import annotations

from engager_desktop.services import workspace_read
from engager_desktop.store.vault import Vault
from tests.benchmarks.bench_record import MEN
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, at_most, register
from tests.benchmarks.sqlreplay import capture, raw_connection, replay
from tests.benchmarks.stats import time_pair
from tests.benchmarks.vaults import open_keyed

FIGURES = (
    Figure(
        "workspace_open_heavy",
        "Opening a man's workspace (100 meetings, 40 goals) at 10,000 men",
        "ms",
        "the same SQL replayed through the bare sqlcipher3 driver, every row fetched",
        at_most(150, "ms"),
    ),
)


def workspace_open(vault: Vault, man_id: str, runs: int) -> Measurement:
    conn = raw_connection(vault)
    try:
        with capture(vault.engine) as statements:
            workspace_read.load_workspace(vault, man_id)
        value, floor = time_pair(
            lambda: workspace_read.load_workspace(vault, man_id),
            lambda: replay(conn, statements),
            runs,
        )
    finally:
        conn.close()
    note = (
        f"services.workspace_read.load_workspace: everything the workspace's ten tabs show, "
        f"{len(statements)} statements in one read snapshot."
    )
    return Measurement(value.median * 1e3, floor.median * 1e3, value.runs, note)


@register("workspace", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """The heavy man's workspace on the cached 10,000-man vault (read only)."""
    built = ctx.vault(MEN)
    if built.heavy_man_id is None:
        return {"workspace_open_heavy": NotMeasured("the vault has no heavy man")}
    vault = open_keyed(built)
    try:
        ctx.log("workspace: the heavy man's workspace")
        return {"workspace_open_heavy": workspace_open(vault, built.heavy_man_id, ctx.runs(15, 3))}
    finally:
        vault.lock()
