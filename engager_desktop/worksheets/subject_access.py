"""The subject access document: everything held about one man, in plain English, for him.

It is his own data, so sensitive sections (trauma, risk, family restrictions) are always shown.
The services layer turns records into labelled lines (``SarInput``); this module only lays them
out: a short explanation, then one section per kind of record, each record as "Label: value"
lines. Type is never under 12 pt (16 pt in large print) and the font is embedded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.layout import build_document, esc, fixed, heading, spacer
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "The information we hold about you")
INTRO = N_(
    "Doc.SubjectAccess",
    "You asked to see the information Engager holds about you. This document lists all of it. "
    "It shows what you told us and what we wrote down in our meetings. It shows your plans, and "
    "the people and services involved. It also shows records that were deleted but are still "
    "kept. Some parts may be hard to read, because they cover difficult things. If anything here "
    "is wrong, tell your worker. You have the right to have it put right.",
)
RIGHTS = N_(
    "Doc.SubjectAccess",
    "You can also ask us to erase your records, or to limit how we use them. Unhappy with how we "
    "handle your information? You can complain to the Information Commissioner's Office "
    "(ico.org.uk).",
)
NOTHING = N_("Doc.SubjectAccess", "We hold nothing of this kind about you.")


@dataclass(frozen=True)
class SarRecord:
    title: str
    lines: tuple[tuple[str, str], ...]  # (label, value), in order


@dataclass(frozen=True)
class SarSection:
    title: str
    intro: str
    records: tuple[SarRecord, ...]


@dataclass(frozen=True)
class SarInput:
    name: str  # as he wants to be addressed
    produced_on: str  # the day, as text
    sections: tuple[SarSection, ...]
    other_places: tuple[str, ...] = ()  # where else copies may be (backups, other laptops)


def build(data: SarInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    story.append(fixed(f"<b>{esc(tr('Doc', 'For'))}:</b> {esc(data.name)}", st.body))
    produced = esc(tr("Doc.SubjectAccess", "Produced on:"))
    story.append(fixed(f"<b>{produced}</b> {esc(data.produced_on)}", st.body))
    story.append(fixed(esc(tr("Doc.SubjectAccess", INTRO)), st.body))
    story.append(fixed(esc(tr("Doc.SubjectAccess", RIGHTS)), st.body))
    for section in data.sections:
        story += _section(section, st)
    if data.other_places:
        story.append(heading(tr("Doc.SubjectAccess", "Other copies"), st))
        story += [fixed(esc(place), st.body) for place in data.other_places]
    build_document(out, story, st, title=title, printed_on=data.produced_on)


def _section(section: SarSection, st: Styles) -> list[Flowable]:
    """The heading stays on the page of the section's first record, never alone at the foot."""
    opening: list[Flowable] = [heading(section.title, st), fixed(esc(section.intro), st.body)]
    if not section.records:
        nothing = fixed(esc(tr("Doc.SubjectAccess", NOTHING)), st.body)
        return [KeepTogether([*opening, nothing])]
    first, *rest = section.records
    parts: list[Flowable] = [KeepTogether([*opening, *_rows(first, st)])]
    for record in rest:
        parts += _record(record, st)
    return parts


def _rows(record: SarRecord, st: Styles) -> list[Flowable]:
    rows: list[Flowable] = [Paragraph(f"<b>{esc(record.title)}</b>", st.body)]
    rows += [
        Paragraph(f"<b>{esc(label)}:</b> {esc(value)}", st.body) for label, value in record.lines
    ]
    rows.append(spacer(st))
    return rows


def _record(record: SarRecord, st: Styles) -> list[Flowable]:
    rows = _rows(record, st)
    # A short record stays on one page; a long one may break across pages.
    return [KeepTogether(rows)] if len(rows) <= 8 else rows


__all__ = ["SarInput", "SarRecord", "SarSection", "build"]
