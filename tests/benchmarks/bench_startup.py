"""Start to unlock window shown, against the start of an empty PySide6 window (child processes)."""

from __future__ import annotations

from tests.benchmarks import probes
from tests.benchmarks.context import Context
from tests.benchmarks.registry import (
    Figure,
    Measurement,
    Outcome,
    ratio_at_most,
    register,
)
from tests.benchmarks.stats import Samples

FIGURES = (
    Figure(
        "startup_unlock_window",
        "Start to unlock window shown",
        "s",
        "start of an empty PySide6 QMainWindow, spawned and timed the same way",
        ratio_at_most(3),
    ),
)


@register("startup", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Each run spawns a fresh Python; timed from the spawn to the window's first paint."""
    vault = ctx.vault(1_000).keyed
    probes.probe("empty")  # warm-up: the OS file cache and compiled modules
    probes.probe("app-unlock", vault)
    app: list[float] = []
    empty: list[float] = []
    for _ in range(ctx.runs(9, 3)):
        empty.append(probes.probe("empty").since_spawn("shown"))
        app.append(probes.probe("app-unlock", vault).since_spawn("shown"))
    note = (
        "A child Python process per run (`python -m tests.benchmarks.gui_probe`), offscreen Qt, "
        "from just before the spawn to the end of the window's first paint; the app runs its own "
        "run_app() with its worker preload started, as in use."
    )
    value, floor = Samples(tuple(app)), Samples(tuple(empty))
    return {"startup_unlock_window": Measurement(value.median, floor.median, value.runs, note)}
