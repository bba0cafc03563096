"""Keeping parts of a page together: a heading with what follows, a list's last items, a
document's closing part with the one before it, a table that names its goal on each new page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

# A heading kept with what follows moves to the next page only when less than this share of the
# page is left; with more room, a long table or text starts under its heading here and carries
# on (so no page is left holding three lines).
KEEP_SHARE = 0.3


def flat(flow: list[Flowable]) -> list[Flowable]:
    """``flow`` with any kept-together group opened out (its parts, in order)."""
    found: list[Flowable] = []
    for item in flow:
        if isinstance(item, KeepTogether):
            found += flat(list(item._content))
        else:
            found.append(item)
    return found


def together(flow: list[Flowable]) -> KeepTogether:
    """``flow`` kept on one page. Groups inside are opened out first: reportlab measures a group
    inside a group as endless, and would start every such group on a new page."""
    return KeepTogether(flat(flow))


def last_two_together(flow: list[Flowable]) -> list[Flowable]:
    """The list with its last two parts kept on one page (a list's last item is never alone)."""
    if len(flow) < 2:
        return flow
    return [*flow[:-2], together(flow[-2:])]


class KeepWithNext(KeepTogether):  # type: ignore[misc]
    """A heading and what follows it: moved whole to the next page when they do not fit here,
    unless more than ``room`` is left, when what follows starts here under its heading."""

    def __init__(self, flowables: list[Flowable], room: float) -> None:
        super().__init__(flowables)
        self.room = room

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H > avail_height > self.room:
            return list(self._content)
        return list(super().split(avail_width, avail_height))


def closing(story: list[Flowable], tail: list[Flowable]) -> None:
    """Add ``tail`` (a worker's details, an audit line) to ``story`` kept on one page with the
    part before it, so that no page holds only the tail."""
    kept: list[Flowable] = []
    while story and isinstance(story[-1], Spacer):
        kept.insert(0, story.pop())
    if story:
        kept.insert(0, story.pop())
    while story and story[-1].getKeepWithNext():  # the heading of that part comes too
        kept.insert(0, story.pop())
    story.append(together([*kept, *tail]))


class ContinuedTable(Table):  # type: ignore[misc]
    """A table that, when it breaks across pages, starts each new page with ``label`` (its goal,
    "continued") above the repeated header row."""

    label = ""
    label_style: Any = None

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = list(super().split(avail_width, avail_height))
        if len(parts) < 2 or not self.label:
            return parts
        first, second, *rest = parts
        continued(second, self.label, self.label_style)
        return [first, Paragraph(self.label, self.label_style), second, *rest]


def continued(table: Table, label: str, style: Any) -> Table:
    """``table``, made to name ``label`` (markup, escaped by the caller) at the top of each page
    it carries on to."""
    table.__class__ = ContinuedTable
    table.label, table.label_style = label, style
    return table
