"""The shared understanding summary: what matters to him, his goals in his words, his strengths."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.inputs import GoalLine, UnderstandingInput
from engager_desktop.worksheets.labels import HORIZON, READINESS, day_text, goal_names, label
from engager_desktop.worksheets.layout import (
    Cell,
    build_document,
    esc,
    fixed,
    grid,
    has_text,
    heading,
    items_or_lines,
    lines,
    para,
    text_or_lines,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import greeting, sharing_notice, title_block
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Our shared understanding")
INTRO = N_(
    "Doc.Understanding",
    "this sums up what we have talked about so far. We used your own words where we could. "
    "Tell us if anything is wrong.",
)
PRIORITY_HEADER = (
    N_("Doc.Understanding", "In your words"),
    N_("Doc.Understanding", "What we will work on"),
)
SHARED = (N_("Doc", "What matters to him, his goals and his strengths, in his own words."),)
SENSITIVE = (
    ("trauma", N_("Doc.Understanding", "Hard things that have happened to you")),
    ("substance_use", N_("Doc.Understanding", "Drink and drugs")),
    ("family_restrictions", N_("Doc.Understanding", "Limits on contact with family")),
    ("risk_notes", N_("Doc.Understanding", "Keeping safe")),
)


def build(data: UnderstandingInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man, has_sensitive=True)
    words = greeting(data.man, tr("Doc.Understanding", INTRO), options)
    story.append(fixed(esc(words), st.body))
    story += [heading(tr("Doc.Understanding", "What matters to you"), st), priorities(data, st)]
    goals = items_or_lines(goal_lines(data.goals), st)
    story += [heading(tr("Doc.Understanding", "Your goals"), st), *goals]
    story += [
        heading(tr("Doc.Understanding", "Your strengths"), st),
        *items_or_lines(data.strengths, st),
    ]
    story += [
        heading(tr("Doc.Understanding", "Skills you want to build"), st),
        *items_or_lines(data.skills_wanted, st),
    ]
    story += [
        heading(tr("Doc.Understanding", "Things to sort soon"), st),
        *items_or_lines(data.quick_wins, st, 2),
    ]
    ready = tr("Doc.Understanding", "How ready you feel to make changes")
    story += [heading(ready, st), *readiness(data, st)]
    story += [
        heading(tr("Doc.Understanding", "Doing your time"), st),
        *text_or_lines(data.doing_your_time, st),
    ]
    story += [
        heading(
            tr("Doc.Understanding", "Worries about food, a home and company after release"), st
        ),
        *text_or_lines(data.basic_needs, st),
    ]
    if options.include_sensitive:
        for name, part in SENSITIVE:
            head = heading(tr("Doc.Understanding", part), st)
            story += [head, *text_or_lines(getattr(data, name), st)]
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def goal_lines(goals: tuple[GoalLine, ...]) -> list[str]:
    """Each goal in his words where he gave them (with its title where two read the same), and
    whether it is for now or for later."""
    shown = []
    names = goal_names([(goal.title, goal.his_words) for goal in goals])
    for goal, words in zip(goals, names, strict=True):
        if not has_text(words):
            continue
        when = label(HORIZON, goal.horizon)
        if when:
            shown.append(
                tr("Doc.Understanding", "{goal} ({when})").format(goal=words, when=when.lower())
            )
        else:
            shown.append(str(words))
    return shown


def priorities(data: UnderstandingInput, st: Styles) -> Flowable:
    rows: list[list[Cell]] = [[tr("Doc.Understanding", text) for text in PRIORITY_HEADER]]
    for line in data.priorities:
        if has_text(line.his_words) or has_text(line.as_goal):
            rows.append([line.his_words or "", line.as_goal or ""])
    if len(rows) == 1:
        rows += [[Spacer(1, st.spec.write_gap), ""] for _ in range(3)]
    return grid(rows, ("50%", "50%"), st)


def readiness(data: UnderstandingInput, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    words = label(READINESS, data.readiness)
    if words:
        flow.append(para(words, st.body))
    if has_text(data.readiness_note):
        flow.append(para(str(data.readiness_note), st.body))
    return flow or [lines(1, st)]
