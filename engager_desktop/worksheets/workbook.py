"""The workbook page: the few steps agreed for before next time, done or not, and why (P13).

The first few steps each get a box to write in; any more due before the next meeting are listed
under their goals with a tick box, so no step agreed is missing from the paper.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.inputs import StepLine, WorkbookInput
from engager_desktop.worksheets.labels import day_text, when_text, who_text
from engager_desktop.worksheets.layout import (
    FillIn,
    box,
    build_document,
    esc,
    field,
    fixed,
    has_text,
    heading,
    lines,
    para,
    spacer,
    ticks,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import greeting, sharing_notice, title_block
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Before we meet again")
INTRO = N_(
    "Doc.Workbook",
    "for each step, tick one box. Then write what happened and why. There are no wrong answers.",
)
BLANK_STEPS = 3
BOXED = 6  # steps with room to write; any more are listed below them
MORE_HEADING = N_("Doc.Workbook", "More steps before we meet")
MORE_INTRO = N_(
    "Doc.Workbook",
    "These steps are due too. Tick each one you do. We will talk about them when we meet.",
)
SHARED = (N_("Doc", "The steps he agreed to try, and how they went."),)


def build(data: WorkbookInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    story.append(fixed(esc(greeting(data.man, tr("Doc.Workbook", INTRO), options)), st.body))
    next_meeting = tr("Doc.Workbook", "We next meet on")
    story.append(field(next_meeting, when_text(data.next_meeting), st))
    story.append(spacer(st))
    steps = [step for step in data.steps if step != StepLine()] or [StepLine()] * BLANK_STEPS
    for number, step in enumerate(steps[:BOXED], start=1):
        part = step_part(number, step, st, data.worker.name)
        story += [KeepTogether([box(part, st, fill=False)]), spacer(st, 0.3)]
    story += more_steps(steps[BOXED:], BOXED + 1, st)
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def tick_line(step: StepLine, st: Styles) -> Flowable:
    """The two tick boxes, ticked where the outcome is already recorded."""
    status = "" if step.status is None else str(step.status)
    done, not_done = tr("Doc.Workbook", "Done"), tr("Doc.Workbook", "Not done")
    return ticks([(status == "done", done), (status == "not_done", not_done)], st)


def goal_of(step: StepLine, st: Styles) -> list[Flowable]:
    if not has_text(step.goal):
        return []
    words = esc(tr("Doc.Workbook", "For the goal:"))
    return [Paragraph(f"<b>{words}</b> {esc(str(step.goal))}", st.body)]


def step_part(number: int, step: StepLine, st: Styles, worker: str | None = None) -> list[Flowable]:
    name = tr("Doc.Workbook", "Step {number}").format(number=number)
    if has_text(step.what):
        flow: list[Flowable] = [Paragraph(esc(name), st.bold), para(str(step.what), st.body)]
    else:
        flow = [FillIn(f"{name}:", st), lines(1, st)]
    flow += goal_of(step, st)
    if has_text(step.who):
        flow.append(field(tr("Doc.Workbook", "Who"), who_text(step.who, worker), st))
    flow.append(tick_line(step, st))
    flow.append(Paragraph(esc(tr("Doc.Workbook", "What happened, and why?")), st.bold))
    if has_text(step.what_happened):
        flow.append(para(str(step.what_happened), st.body))
    else:
        flow.append(lines(3, st))
    return flow


def more_steps(steps: list[StepLine], first: int, st: Styles) -> list[Flowable]:
    """Steps past the boxed ones: each with a tick box, under its goal."""
    if not steps:
        return []
    flow: list[Flowable] = [
        heading(tr("Doc.Workbook", MORE_HEADING), st),
        fixed(esc(tr("Doc.Workbook", MORE_INTRO)), st.body),
    ]
    goal: str | None = None
    for number, step in enumerate(steps, start=first):
        if has_text(step.goal) and step.goal != goal:
            goal = step.goal
            words = tr("Doc.Workbook", "Goal: {goal}").format(goal=goal)
            flow.append(Paragraph(esc(words), st.bold))
        what = step.what if has_text(step.what) else ""
        done = str(step.status or "") == "done"
        words = tr("Doc.Workbook", "Step {number}: {what}").format(number=number, what=what)
        flow.append(ticks([(done, words)], st))
    return flow
