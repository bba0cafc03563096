"""Saving an in-place edit of one step (the Action plan tab's *Change a step*) at 10,000 men."""

from __future__ import annotations

from functools import partial

from engager_desktop.services import action_plan
from engager_desktop.services.action_plan import StepInput
from engager_desktop.store.engine import open_connection
from engager_desktop.store.vault import Vault
from tests.benchmarks.bench_record import (
    FLOOR_DB,
    MEN,
    WRITE_FLOOR,
    _durable_commit,
    _rows_written,
    men_with_open_steps,
)
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, at_most, register
from tests.benchmarks.sqlreplay import capture
from tests.benchmarks.stats import Samples, clock_once
from tests.benchmarks.vaults import open_keyed, scratch_copy

FIGURES = (
    Figure(
        "step_edit_save",
        "Saving an in-place step edit at 10,000 men",
        "ms",
        WRITE_FLOOR,
        at_most(50, "ms"),
    ),
)


def changed(step: action_plan.StepView, index: int) -> StepInput:
    """The step with a new wording and someone else responsible, as the edit form saves it."""
    return StepInput(
        what=f"{step.what} (changed {index})",
        resource_kind=step.resource_kind,
        responsible="Practitioner" if step.responsible != "Practitioner" else "him",
        due_on=step.due_on,
        before_next_session=step.before_next_session,
        service_id=step.service_id,
        support_person_id=step.support_person_id,
        quick_win=step.quick_win,
        skill_area=step.skill_area,
    )


def step_edits(vault: Vault, runs: int) -> Outcome:
    men = men_with_open_steps(vault, runs + 1)
    if len(men) < runs + 1:
        return NotMeasured("the demo vault has too few men with open steps")
    conn = open_connection(vault.path / FLOOR_DB, vault.data_key, create=True)
    conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, body TEXT)")
    saves: list[float] = []
    floors: list[float] = []
    written: list[int] = []
    try:
        for index, man_id in enumerate(men):
            plan = action_plan.plan_for(vault, man_id)
            step = next(s for g in plan.goals for s in g.steps if s.status == "open")
            edit = partial(action_plan.edit_step, vault, step.id, changed(step, index))
            with capture(vault.engine) as statements:
                spent = clock_once(edit)
            rows = _rows_written(statements)
            floor = clock_once(partial(_durable_commit, conn, rows))
            if index:  # the first save warms the caches
                saves.append(spent)
                floors.append(floor)
                written.append(rows)
    finally:
        conn.close()
    value, base = Samples(tuple(saves)), Samples(tuple(floors))
    note = (
        f"Each save a different man's open step: new words and someone else responsible, "
        f"checked and written through action_plan.edit_step (median "
        f"{sorted(written)[len(written) // 2]} rows written, audit entries included); "
        f"p95 {value.p95 * 1e3:.1f} ms."
    )
    return Measurement(value.median * 1e3, base.median * 1e3, value.runs, note)


@register("plan_edit", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Step edits on a scratch copy of the 10,000-man vault."""
    built = ctx.vault(MEN)
    scratch = scratch_copy(built, ctx.scratch("plan_edit"), plain=False)
    vault = open_keyed(scratch)
    try:
        ctx.log("plan_edit: step edit saves")
        return {"step_edit_save": step_edits(vault, ctx.runs(25, 5))}
    finally:
        vault.lock()
