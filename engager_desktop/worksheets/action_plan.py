"""The shared action plan: each goal, its steps, whose help, who does what, by when (P14)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.easy_read import (
    DOMAIN_PICTURES,
    HELP_PICTURES,
    beside,
    heading_beside,
    intro,
    pictured,
)
from engager_desktop.worksheets.flow import continued
from engager_desktop.worksheets.inputs import ActionPlanInput, GoalLine, StepLine
from engager_desktop.worksheets.labels import (
    DOMAIN,
    GOAL_STATUS,
    HORIZON,
    RESOURCE_KIND,
    STEP_STATUS,
    day_text,
    goal_names,
    label,
    who_text,
)
from engager_desktop.worksheets.layout import (
    Cell,
    build_document,
    esc,
    field,
    fixed,
    grid,
    has_text,
    lines,
    para,
    spacer,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import greeting, sharing_notice, title_block
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Our plan")
INTRO = N_(
    "Doc.ActionPlan", "this is the plan we made together. We will look at it each time we meet."
)
NEXT_MEETING = N_("Doc.ActionPlan", "Before we next meet")
HEADER = (
    N_("Doc.ActionPlan", "Step"),
    N_("Doc.ActionPlan", "Help from"),
    N_("Doc.ActionPlan", "Who"),
    N_("Doc.ActionPlan", "By when"),
    N_("Doc.ActionPlan", "Done?"),
)
SOON = N_("Doc.ActionPlan", "Something to do soon")  # a quick win, in his words
WE_CALL_IT = N_("Doc.ActionPlan", "We call it")
LONG_HEADING = 300  # characters: longer words print under a plain "Goal 2" heading
WIDTHS = ("31%", "23%", "15%", "17%", "14%")
BLANK_GOALS = 2
BLANK_STEPS = 3
KEEP_LINES = 9  # start a goal on a new page when fewer lines than this are left
SHARED = (
    N_("Doc", "His goals, and the steps agreed to reach them."),
    N_("Doc", "Who does each step, and by when."),
)


def build(data: ActionPlanInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    words = greeting(data.man, tr("Doc.ActionPlan", INTRO), options)
    story.append(intro(fixed(esc(words), st.body), options))
    if data.reviewed_on is not None:
        story.append(field(tr("Doc.ActionPlan", "Last looked at"), day_text(data.reviewed_on), st))
    goals = [goal for goal in data.goals if _has_content(goal)] or [GoalLine()] * BLANK_GOALS
    for number, goal in enumerate(goals, start=1):
        story += goal_part(number, goal, st, worker=data.worker.name)
    if options.easy_read:
        story = pictured(story, {}, st)
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def _has_content(goal: GoalLine) -> bool:
    return has_text(goal.title) or has_text(goal.his_words) or bool(goal.steps)


def goal_part(
    number: int, goal: GoalLine, st: Styles, *, worker: str | None = None
) -> list[Flowable]:
    """A goal's heading in his words (its title when he gave none), then its own title where
    that differs (so two goals in the same words still differ), what kind of goal it is, and
    its steps (blank rows when there are none)."""
    name = goal_names([(goal.title, goal.his_words)])[0]
    head: list[Flowable] = []
    easy = st.spec.name == "easy"
    if has_text(name) and len(str(name)) > LONG_HEADING:  # too long for a heading
        head.append(Paragraph(esc(goal_heading(number)), st.heading))
        words = esc(tr("Doc.ActionPlan", "In your words:"))
        head.append(Paragraph(f"<b>{words}</b> {esc(str(name))}", st.body))
    elif has_text(name):
        text = tr("Doc.ActionPlan", "Goal {number}: {name}").format(number=number, name=name)
        head.append(Paragraph(esc(text), st.heading))
    else:
        head += [Paragraph(esc(goal_heading(number)), st.heading), lines(1, st)]
    own = (goal.title or "").strip()
    if own and name and own.casefold() not in name.casefold():
        we_call = esc(tr("Doc.ActionPlan", WE_CALL_IT))
        head.append(Paragraph(f"<b>{we_call}:</b> {esc(own)}", st.body))
    about = [
        text
        for text in (
            label(HORIZON, goal.horizon),
            label(DOMAIN, goal.domain),
            label(GOAL_STATUS, goal.status),
        )
        if text
    ]
    if about:
        head.append(para(" · ".join(about), st.body))
    if easy:  # a picture for what the goal is about beside its heading
        picture = DOMAIN_PICTURES.get(str(goal.domain), "star") if goal.domain else "star"
        head[0] = heading_beside(head[0], picture)
    steps = [step for step in goal.steps if step != StepLine()]
    if st.spec.name in ("large", "easy"):
        body = _steps_stacked(number, steps, st, worker)
    else:
        table = _steps_table(steps, st, worker)
        more = tr("Doc.ActionPlan", "Goal {number}, continued").format(number=number)
        body = [continued(table, esc(more), st.heading)]
    room = CondPageBreak(st.spec.body * st.spec.leading * KEEP_LINES)
    return [room, *head, *body, spacer(st)]


def goal_heading(number: int) -> str:
    return tr("Doc.ActionPlan", "Goal {number}").format(number=number)


def step_picture(step: StepLine) -> str:
    """Whose help a step needs, as a picture: him, his worker, a service, family or friends."""
    return HELP_PICTURES.get(str(step.resource_kind), "tick") if step.resource_kind else "tick"


def help_from(step: StepLine) -> str:
    """Whose help the step draws on: a service by its own name ("Shelter Cymru", not "Another
    service: Shelter Cymru"); his own, his worker's or his family's help named as such."""
    kind = label(RESOURCE_KIND, step.resource_kind)
    if has_text(step.resource_name):
        if kind and str(step.resource_kind) != "other_professional":
            return tr("Doc.ActionPlan", "{kind}: {name}").format(kind=kind, name=step.resource_name)
        return str(step.resource_name)
    return kind or ""


def by_when(step: StepLine) -> str:
    if step.before_next_session:
        return tr("Doc.ActionPlan", NEXT_MEETING)
    return day_text(step.due_on) or ""


def step_cells(step: StepLine, st: Styles, worker: str | None = None) -> list[Cell]:
    what: list[Flowable] = [para(step.what or "", st.cell)]
    if step.quick_win:
        what.append(Paragraph(f"<b>{esc(tr('Doc.ActionPlan', SOON))}</b>", st.cell))
    status = label(STEP_STATUS, step.status) or ""
    return [what, help_from(step), who_text(step.who, worker) or "", by_when(step), status]


def happened_row(step: StepLine, st: Styles) -> list[Cell] | None:
    """What happened, on a row of its own across the table (it would make a tall, narrow
    column beside the step), or None when nothing is recorded."""
    if not has_text(step.what_happened):
        return None
    words = esc(tr("Doc.ActionPlan", "What happened:"))
    happened = f"<b>{words}</b> {esc(str(step.what_happened))}"
    return [Paragraph(happened, st.cell), "", "", "", ""]


def _steps_table(steps: list[StepLine], st: Styles, worker: str | None = None) -> Flowable:
    rows: list[list[Cell]] = [[tr("Doc.ActionPlan", text) for text in HEADER]]
    spans: list[int] = []
    for step in steps:
        rows.append(step_cells(step, st, worker))
        extra = happened_row(step, st)
        if extra is not None:
            spans.append(len(rows))
            rows.append(extra)
    if not steps:
        blank = Spacer(1, st.spec.write_gap)
        rows += [[blank, "", "", "", ""] for _ in range(BLANK_STEPS)]
    table = grid(rows, WIDTHS, st)
    table.setStyle(TableStyle([("SPAN", (0, row), (-1, row)) for row in spans]))
    return table


def _steps_stacked(
    goal: int, steps: list[StepLine], st: Styles, worker: str | None = None
) -> list[Flowable]:
    """Large print and Easy Read: each step as a short list, which reads better than a narrow
    table. Each is named with its goal ("Goal 2, step 3"), kept on one page, with space between
    steps; in Easy Read with a picture of whose help it needs beside it."""
    if not steps:
        steps = [StepLine()] * BLANK_STEPS
    flow: list[Flowable] = []
    for number, step in enumerate(steps, start=1):
        part: list[Flowable] = [spacer(st, 0.4)] if number > 1 else []  # space between steps
        name = tr("Doc.ActionPlan", "Goal {goal}, step {number}").format(goal=goal, number=number)
        part.append(Paragraph(esc(name), st.bold))
        part.append(para(str(step.what), st.body) if has_text(step.what) else lines(1, st))
        if step.quick_win:
            part.append(Paragraph(f"<b>{esc(tr('Doc.ActionPlan', SOON))}</b>", st.body))
        part += [
            field(tr("Doc.ActionPlan", "Help from"), help_from(step), st),
            field(tr("Doc.ActionPlan", "Who"), who_text(step.who, worker), st),
            field(tr("Doc.ActionPlan", "By when"), by_when(step), st),
            field(tr("Doc.ActionPlan", "Status"), label(STEP_STATUS, step.status), st),
        ]
        if has_text(step.what_happened):
            happened = tr("Doc.ActionPlan", "What happened")
            part.append(field(happened, step.what_happened, st))
        if st.spec.name == "easy":
            space = part[:1] if number > 1 else []
            picture = "star" if step.quick_win else step_picture(step)
            part = [*space, beside(picture, part[len(space) :])]
        flow.append(KeepTogether(part))
    return flow
