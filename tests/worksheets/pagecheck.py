"""Page-break checks read from a PDF's text positions: what makes pages read as one piece."""

from __future__ import annotations

import re
from collections import defaultdict

from engager_desktop.worksheets.styles import StyleSpec
from tests.worksheets.pdfcheck import Line, lines_of

ARROW = "\u2193"
BULLET = "\u2022"


def body_lines(pdf: bytes, spec: StyleSpec) -> dict[int, list[Line]]:
    """Each page's lines above the footer, top first."""
    footer_top = margin(spec) * 0.6 + spec.footer + 1
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines_of(pdf):
        if line.y > footer_top and line.text.strip():
            pages[line.page].append(line)
    return {page: sorted(found, key=lambda ln: -ln.y) for page, found in sorted(pages.items())}


def margin(spec: StyleSpec) -> float:
    return spec.margin_mm * 72 / 25.4


def is_heading(line: Line, spec: StyleSpec) -> bool:
    return abs(line.size - spec.heading) < 0.1 and line.text.strip() != ARROW


def problems(kind: str, pdf: bytes, spec: StyleSpec, *, blank: bool = False) -> list[str]:
    """Every way the pages fail to read as one piece. On a blank form most of a page is ruled
    lines to write on, which hold no text, so a page's count of text lines is not checked."""
    pages = body_lines(pdf, spec)
    found: list[str] = []
    numbers = sorted(pages)
    frame_bottom = margin(spec) + spec.footer_room
    for page in numbers[:-1]:
        last = pages[page][-1]
        # on a blank form, a heading may have ruled lines (no text) under it, if there is room
        room = last.y - frame_bottom >= 2 * spec.write_gap
        if is_heading(last, spec) and not (blank and room):
            found.append(f"page {page} ends with the heading {last.text[:30]!r}")
    for page in numbers[1:] if len(numbers) > 1 else []:
        lines = pages[page]
        if not blank and len(lines) <= 3:
            found.append(f"page {page} holds only {len(lines)} lines")
        bullets = [line.text.startswith(BULLET) for line in lines]
        if bullets[:1] == [True] and bullets[1:2] != [True]:
            before = pages[page - 1][-1].text.startswith(BULLET)
            if before:
                found.append(f"page {page} starts with a list's last item alone")
        if kind == "action-plan" and not lines[0].text.startswith("Goal "):
            found.append(f"page {page} continues a goal without naming it: {lines[0].text[:30]!r}")
    several = any(line.text.startswith("Map 1 of") for ls in pages.values() for line in ls)
    if kind == "links-map" and several:  # one map alone may be taller than what is left
        for page in numbers:
            texts = [line.text for line in pages[page]]
            if texts.count("What happened") != texts.count("What came of it"):
                found.append(f"page {page} splits a links map")
    if kind == "pledge":
        signed = [
            line.page for lines in pages.values() for line in lines if "Signed by" in line.text
        ]
        items = [line for lines in pages.values() for line in lines if line.text.startswith(BULLET)]
        if signed and items and items[-1].page != signed[0]:
            found.append("the signatures are on a page apart from the last commitment")
    return found


def broken_words(text: str, words: list[str]) -> list[str]:
    """The words printed in ``text`` only in pieces ("Meeting s"): broken across lines. A word
    not printed at all is not counted here (the tests of what is printed see to that)."""
    tokens = set(re.findall(r"[\w'’-]+", text))
    joined = re.sub(r"\s+", "", text)
    return [word for word in words if word not in tokens and word in joined]
