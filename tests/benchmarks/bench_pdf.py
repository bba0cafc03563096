"""Action-plan PDFs via the printing service: one, and a batch of 1,000, against bare reportlab."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import partial
from typing import Any

from sqlalchemy import select

from engager_desktop.services import caseload
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, at_most, register
from tests.benchmarks.stats import Samples, clock_once, time_pair
from tests.benchmarks.vaults import open_keyed, scratch_copy

MEN = 1_000
KIND = "action-plan"
BARE = (
    "the same text (every field entered) drawn line by line on a bare reportlab canvas with the "
    "same embedded font, invariant, into memory"
)
FIGURES = (
    Figure(
        "action_plan_pdf",
        "One action-plan PDF, from the vault (1,000 men)",
        "ms",
        BARE,
        at_most(150, "ms"),
    ),
    Figure(
        "action_plan_pdf_size",
        "One action-plan PDF's size, largest of 10 typical men",
        "KiB",
        "the bare reportlab PDF of the same text",
        at_most(250, "KiB"),
    ),
    Figure(
        "action_plan_scripts_pdf",
        "One action-plan PDF in mixed scripts (Arabic, Chinese, Welsh, Polish, emoji)",
        "ms",
        BARE,
        at_most(150, "ms"),
    ),
    Figure(
        "action_plan_scripts_pdf_size",
        "One action-plan PDF's size in mixed scripts, largest of 10 men",
        "KiB",
        "the bare reportlab PDF of the same text",
        at_most(250, "KiB"),
    ),
    Figure(
        "action_plans_1000",
        "1,000 action plans saved as PDF files (batch)",
        "s",
        BARE + ", 1,000 times in this process",
        at_most(60, "s"),
    ),
)
LINES_PER_PAGE = 50
HIS_NAME = "王小明 محمد 🙂"  # his name in Chinese and Arabic, with an emoji
GOAL_WORDS = " — أريد أن أجد عملاً بعد خروجي · 我想出狱后找到工作 👍"
STEP_WORDS = " (Ŵyn, Łódź, Seán ❤ 王)"


def in_mixed_scripts(data: Any) -> Any:
    """An action plan's input with his name, every goal and every step in mixed scripts."""
    goals = tuple(
        replace(
            goal,
            title=f"{goal.title}{GOAL_WORDS}",
            steps=tuple(replace(step, what=f"{step.what}{STEP_WORDS}") for step in goal.steps),
        )
        for goal in data.goals
    )
    return replace(data, man=replace(data.man, preferred_name=HIS_NAME), goals=goals)


def _printing() -> Any:
    from engager_desktop.services import printing, printing_batch

    return printing, printing_batch


def bare_pdf(data: object) -> bytes:
    """The floor: every entered string of ``data`` as plain lines on a reportlab canvas."""
    from reportlab.pdfgen.canvas import Canvas

    from engager_desktop.worksheets import fonts
    from engager_desktop.worksheets.findings import entered_text

    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(fonts.REGULAR, 11)
    for index, (_where, text) in enumerate(entered_text(data)):
        if index and index % LINES_PER_PAGE == 0:
            canvas.showPage()
            canvas.setFont(fonts.REGULAR, 11)
        canvas.drawString(40, 800 - 15 * (index % LINES_PER_PAGE), fonts.printable(text)[:120])
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def typical_men(vault: Vault, count: int) -> list[str]:
    """Men in the community with a middling number of open steps (not the heavy man)."""
    rows = caseload.list_caseload(vault, caseload.CaseloadFilter(phases=("in_community",)))
    ordered = sorted(rows, key=lambda r: (r.open_steps, r.id))
    middle = len(ordered) // 2
    return [r.id for r in ordered[max(0, middle - count // 2) : middle + count // 2 + 1]][:count]


def one_pdf(vault: Vault, modules: Any, per_man: int) -> Measurement:
    printing, _batch = modules
    men = typical_men(vault, 10)
    samples: list[Samples] = []
    floors: list[Samples] = []
    sizes: list[int] = []
    for man_id in men:
        data = printing.gather(vault, KIND, man_id).data
        sizes.append(len(printing.prepare(vault, KIND, man_id).pdf))
        value, floor = time_pair(
            partial(printing.prepare, vault, KIND, man_id),
            partial(bare_pdf, data),
            per_man,
        )
        samples.append(value)
        floors.append(floor)
    value = sum(samples[1:], samples[0])
    floor = sum(floors[1:], floors[0])
    note = (
        f"printing.prepare (read, map, build, wording check) for {len(men)} typical men; "
        f"PDFs of {min(sizes) // 1024}–{max(sizes) // 1024} KiB."
    )
    return Measurement(value.median * 1e3, floor.median * 1e3, value.runs, note)


def pdf_sizes(vault: Vault, modules: Any, *, mixed: bool) -> Measurement:
    """The largest action plan of 10 typical men (in mixed scripts with ``mixed``), in KiB."""
    printing, _batch = modules
    sizes: list[tuple[int, int]] = []
    for man_id in typical_men(vault, 10):
        gathered = printing.gather(vault, KIND, man_id)
        data = in_mixed_scripts(gathered.data) if mixed else gathered.data
        built = printing.finish(replace(gathered, data=data))
        sizes.append((len(built.pdf), len(bare_pdf(data))))
    largest, bare = max(sizes)
    note = f"{len(sizes)} men: {min(sizes)[0] / 1024:.0f}–{largest / 1024:.0f} KiB."
    if mixed:
        note += " Fonts embedded as subsets of the glyphs used."
    return Measurement(largest / 1024, bare / 1024, len(sizes), note)


def mixed_pdf(vault: Vault, modules: Any, per_man: int) -> Measurement:
    """printing.finish (build, wording check, undrawable check) on typical men's plans with
    his name, every goal and every step in mixed scripts."""
    printing, _batch = modules
    samples: list[Samples] = []
    floors: list[Samples] = []
    men = typical_men(vault, 10)
    for man_id in men:
        gathered = printing.gather(vault, KIND, man_id)
        mixed = replace(gathered, data=in_mixed_scripts(gathered.data))
        value, floor = time_pair(
            partial(printing.finish, mixed), partial(bare_pdf, mixed.data), per_man
        )
        samples.append(value)
        floors.append(floor)
    value = sum(samples[1:], samples[0])
    floor = sum(floors[1:], floors[0])
    note = (
        f"printing.finish (build, wording check, undrawable characters) for {len(men)} typical "
        f"men with his name, every goal and every step in mixed scripts ({HIS_NAME}{GOAL_WORDS}"
        f"{STEP_WORDS}); the vault read is in action_plan_pdf."
    )
    return Measurement(value.median * 1e3, floor.median * 1e3, value.runs, note)


def batch(ctx: Context, vault: Vault, modules: Any, count: int) -> Measurement:
    printing, printing_batch = modules
    with vault.read() as session:
        men = list(session.scalars(select(Participant.id).order_by(Participant.id)))[:count]
    folder = ctx.scratch("pdf-batch")
    sink = printing_batch.FolderSink(folder)
    spent = clock_once(lambda: printing_batch.run_batch(vault, KIND, men, sink, destination="file"))
    inputs = [printing.gather(vault, KIND, man_id).data for man_id in men]
    floor = clock_once(lambda: [bare_pdf(data) for data in inputs])
    workers = printing_batch.default_workers(len(men))
    scale = MEN / len(men)
    note = (
        f"printing_batch.run_batch to a folder with {workers} worker process(es) on this "
        f"machine; every man in the vault, closed ones included."
    )
    if scale != 1:
        note += f" Quick run: {len(men)} plans timed, scaled ×{scale:g}."
    return Measurement(spent * scale, floor * scale, 1, note)


@register("pdf", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """On a scratch copy of the 1,000-men vault (each print is audited)."""
    modules = _printing()
    built = scratch_copy(ctx.vault(MEN), ctx.scratch("pdf"), plain=False)
    vault = open_keyed(built)
    try:
        ctx.log("pdf: one action plan")
        out: dict[str, Outcome] = {"action_plan_pdf": one_pdf(vault, modules, ctx.runs(3, 1))}
        out["action_plan_pdf_size"] = pdf_sizes(vault, modules, mixed=False)
        ctx.log("pdf: one action plan in mixed scripts")
        out["action_plan_scripts_pdf"] = mixed_pdf(vault, modules, ctx.runs(3, 1))
        out["action_plan_scripts_pdf_size"] = pdf_sizes(vault, modules, mixed=True)
        ctx.log("pdf: a batch of action plans")
        out["action_plans_1000"] = batch(ctx, vault, modules, ctx.runs(MEN, 200))
        return out
    finally:
        vault.lock()
