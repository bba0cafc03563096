"""One man's whole record (the heavy man) and a session review save, at 10,000 men."""

from __future__ import annotations

import os
from datetime import timedelta
from functools import partial
from typing import Any

from engager_desktop.domain.enums import MeetingPlace, ResourceKind, StepStatus
from engager_desktop.services import caseload, session_review
from engager_desktop.services.action_plan import StepInput
from engager_desktop.services.caseload import CaseloadFilter
from engager_desktop.services.meetings import now_stored
from engager_desktop.services.session_review import NewStep, NextSession, ReviewInput, StepOutcome
from engager_desktop.store.engine import open_connection
from engager_desktop.store.vault import Vault
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, NotMeasured, Outcome, at_most, register
from tests.benchmarks.sqlreplay import Statement, capture, raw_connection, replay
from tests.benchmarks.stats import Samples, clock_once, time_pair
from tests.benchmarks.vaults import open_keyed, scratch_copy

MEN = 10_000
FLOOR_DB = "floor.db"  # in the scratch copy's folder: another writer to vault.db would empty
# the vault's page cache before every save, which no practitioner's laptop does.
WRITE_FLOOR = (
    "one durable commit (BEGIN IMMEDIATE … COMMIT, synchronous=FULL) of as many rows, of similar "
    "size, as the save wrote, through the bare driver, into a database keyed and tuned like the "
    "vault beside it (a separate file, so the vault's page cache is left warm, as in use)"
)
FIGURES = (
    Figure(
        "man_record_heavy",
        "One man's whole record (100 meetings, 40 goals) at 10,000 men",
        "ms",
        "the same SQL replayed through the bare sqlcipher3 driver, every row fetched",
        at_most(100, "ms"),
    ),
    Figure(
        "session_review_save",
        "Session review save at 10,000 men",
        "ms",
        WRITE_FLOOR,
        at_most(50, "ms"),
    ),
)


def heavy_record(vault: Vault, man_id: str, runs: int) -> Measurement:
    conn = raw_connection(vault)
    try:
        with capture(vault.engine) as statements:
            caseload.load_man(vault, man_id)
        value, floor = time_pair(
            lambda: caseload.load_man(vault, man_id), lambda: replay(conn, statements), runs
        )
    finally:
        conn.close()
    note = f"{len(statements)} statements per load."
    return Measurement(value.median * 1e3, floor.median * 1e3, value.runs, note)


def men_with_open_steps(vault: Vault, count: int) -> list[str]:
    rows = caseload.list_caseload(vault, CaseloadFilter(phases=("in_community",)))
    return [row.id for row in rows if row.open_steps >= 2][:count]


def review_for(vault: Vault, man_id: str) -> ReviewInput:
    """A held session reviewing up to three open steps, one new step, notes and the next date."""
    draft = session_review.prepare_review(vault, man_id)
    starts = now_stored(vault) - timedelta(hours=1)  # naive UTC, an hour ago
    outcomes = tuple(
        StepOutcome(open_step.step.id, StepStatus.DONE if i % 2 == 0 else StepStatus.NOT_DONE, "ok")
        for i, open_step in enumerate(draft.open_steps[:3])
    )
    new_steps: tuple[NewStep, ...] = ()
    if draft.open_steps:
        step = StepInput("Ring the housing office", ResourceKind.HIM, "him", None, True)
        new_steps = (NewStep(draft.open_steps[0].step.goal_id, step),)
    return ReviewInput(
        starts_at=starts,
        place=MeetingPlace.COMMUNITY,
        attended=True,
        distress=4,
        distress_note="A bit better than last week.",
        reviewed="Went through the plan together.",
        notes="Talked about the week ahead and his new flat.",
        outcomes=outcomes,
        new_steps=new_steps,
        next_session=NextSession(starts + timedelta(days=7), MeetingPlace.COMMUNITY),
    )


def _rows_written(statements: list[Statement]) -> int:
    written = 0
    for st in statements:
        verb = st.sql.lstrip().split(None, 1)[0].upper()
        if verb in {"INSERT", "UPDATE", "DELETE"}:
            written += len(st.params) if st.many else 1
    return written


def _durable_commit(conn: Any, rows: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO bench_floor (body) VALUES (?)", [(os.urandom(200).hex(),) for _ in range(rows)]
    )
    conn.execute("COMMIT")


def review_saves(vault: Vault, runs: int) -> Outcome:
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
            review = review_for(vault, man_id)
            with capture(vault.engine) as statements:
                spent = clock_once(partial(session_review.save_review, vault, man_id, review))
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
        f"Each save a different man in the community: a held session, its distress rating, up "
        f"to three step outcomes, one new step, the next session and the search index refresh "
        f"(median {sorted(written)[len(written) // 2]} rows written, audit entries included); "
        f"p95 {value.p95 * 1e3:.1f} ms."
    )
    return Measurement(value.median * 1e3, base.median * 1e3, value.runs, note)


@register("record", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """The heavy man's record on the cached vault; review saves on a scratch copy."""
    built = ctx.vault(MEN)
    if built.heavy_man_id is None:
        return {"man_record_heavy": NotMeasured("the vault has no heavy man")}
    out: dict[str, Outcome] = {}
    vault = open_keyed(built)
    try:
        ctx.log("record: the heavy man's whole record")
        out["man_record_heavy"] = heavy_record(vault, built.heavy_man_id, ctx.runs(15, 3))
    finally:
        vault.lock()
    scratch = scratch_copy(built, ctx.scratch("record"), plain=False)
    vault = open_keyed(scratch)
    try:
        ctx.log("record: session review saves")
        out["session_review_save"] = review_saves(vault, ctx.runs(25, 5))
    finally:
        vault.lock()
    return out
