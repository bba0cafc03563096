"""The embedded fonts, and making text safe to print with them, in every script he may write.

The body font is DejaVu Sans (Latin, Welsh ŵ ŷ, Polish ł ż, Irish á, Greek, Cyrillic …). A
character it has no glyph for is drawn in the first fallback font that has one, character by
character: Noto Sans Arabic, Noto Sans Hebrew, Droid Sans Fallback (Chinese, Japanese, Korean)
and Noto Emoji (monochrome: reportlab cannot draw colour emoji). Arabic and Hebrew letters, and
emoji beyond the symbols DejaVu Sans has, go to their own font first even where DejaVu Sans has
a glyph, so a word is never drawn in two designs.

reportlab embeds a subset of each TrueType font a PDF uses, so nothing depends on the printer's
fonts. reportlab neither joins Arabic letters nor orders right-to-left text without optional
shapers we do not have, so ``printable`` does both before drawing: Arabic letters become their
joined (presentation) forms (arabic-reshaper) and each line of right-to-left text is put in the
order it is drawn, left to right (python-bidi). A PDF reader extracting the text gets it back in
the order it was typed (see docs/fonts.md for the one limit: a right-to-left
paragraph long enough to wrap).

A character no font has becomes U+FFFD (a visible mark), never an error; ``missing`` names
such characters so the practitioner is told before printing. Control characters, zero-width
joiners and emoji variation selectors are dropped.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.paraparser import ParaParser

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Face:
    """One font family as registered: its regular and bold names and files (a family without a
    bold file draws bold text in its regular face), and the code points it is tried first for."""

    regular: str
    bold: str
    regular_file: str
    bold_file: str | None
    first_for: tuple[range, ...] = ()
    keeps_spaces: bool = False  # a space inside a run of this face is drawn in it (else DejaVu's)

    def preferred(self, code: int) -> bool:
        return any(code in block for block in self.first_for)


BODY = Face(REGULAR, BOLD, "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_ARABIC_RANGES = (
    range(0x0600, 0x0700),
    range(0x0750, 0x0780),
    range(0x08A0, 0x0900),
    range(0xFB50, 0xFE00),
    range(0xFE70, 0xFF00),
)
_HEBREW_RANGES = (range(0x0590, 0x0600), range(0xFB1D, 0xFB50))
FALLBACKS = (
    Face(
        "NotoSansArabic",
        "NotoSansArabic-Bold",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        _ARABIC_RANGES,
        keeps_spaces=True,
    ),
    Face(
        "NotoSansHebrew",
        "NotoSansHebrew-Bold",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        _HEBREW_RANGES,
        keeps_spaces=True,
    ),
    Face("DroidSansFallback", "DroidSansFallback", "DroidSansFallbackFull.ttf", None),
    Face("NotoEmoji", "NotoEmoji", "NotoEmoji-Regular.ttf", None, (range(0x1F000, 0x1FB00),)),
)
FACES = (BODY, *FALLBACKS)
_FALLBACK_NAMES = frozenset(face.regular for face in FALLBACKS)

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_RTL_WORDS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+(?: [\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+)+"
)
KEPT_TOGETHER = 4  # a right-to-left phrase of up to this many words never breaks across lines
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_DROPPED = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")  # variation selectors
_SURROGATE = re.compile("[\ud800-\udfff]")
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})

_lock = threading.Lock()
_patched = False
_covered: dict[str, frozenset[int]] = {}  # face name -> code points, for each face registered
_face_of: dict[int, Face | None] = {}  # code point -> the face that draws it (a cache)


def _load(name: str, filename: str) -> TTFont:
    source = resources.files("engager_desktop.resources").joinpath("fonts", filename)
    with resources.as_file(source) as path:
        return TTFont(name, str(path))


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji, rare Chinese characters)
    written as UTF-16 surrogate pairs as the PDF format asks: reportlab writes them as five hex
    digits, which readers take for a different character ("🙂" read back as "ὤ")."""

    def utf16(code: int) -> str:
        return "".join(f"{unit:04X}" for unit in _units(code))

    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def _units(code: int) -> tuple[int, ...]:
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _keeping_weight(start_font: Any) -> Any:
    """reportlab's <font name=...> sets bold and italic from the font name, so a fallback run
    in a bold heading or after <b> would print regular; for our fallback fonts the tag changes
    the family only and keeps the weight around it."""
    if getattr(start_font, "keeps_weight", False):
        return start_font

    def start(parser: Any, attr: dict[str, str]) -> None:
        if set(attr) == {"name"} and attr["name"] in _FALLBACK_NAMES:
            parser._push("font", fontName=attr["name"])
        else:
            start_font(parser, attr)

    start.keeps_weight = True  # type: ignore[attr-defined]
    return start


def _load_face(face: Face) -> frozenset[int]:
    """Register ``face`` with reportlab; the code points it covers (regular and bold)."""
    regular = _load(face.regular, face.regular_file)
    pdfmetrics.registerFont(regular)
    maps = [set(regular.face.charToGlyph)]
    if face.bold_file is not None:
        bold = _load(face.bold, face.bold_file)
        pdfmetrics.registerFont(bold)
        maps.append(set(bold.face.charToGlyph))
    addMapping(face.regular, 0, 0, face.regular)
    addMapping(face.regular, 1, 0, face.bold)
    addMapping(face.regular, 0, 1, face.regular)
    addMapping(face.regular, 1, 1, face.bold)
    return frozenset(set.intersection(*maps))


def _cover(face: Face) -> frozenset[int]:
    """The code points ``face`` covers, registering it on first use: a fallback font is read
    only when a document needs it (the CJK font takes a noticeable time to read)."""
    try:
        return _covered[face.regular]
    except KeyError:
        pass
    with _lock:
        if face.regular not in _covered:
            _covered[face.regular] = _load_face(face)
        return _covered[face.regular]


def register() -> frozenset[int]:
    """Register the body font with reportlab (once per process) and make reportlab's two
    corrections (see ``_to_unicode_cmap`` and ``_keeping_weight``); returns the code points
    the body font covers (regular and bold). Fallback fonts register when first needed."""
    global _patched
    if not _patched:
        with _lock:
            if not _patched:
                ttfonts.makeToUnicodeCMap = _to_unicode_cmap
                ParaParser.start_font = _keeping_weight(ParaParser.start_font)
                _patched = True
    return _cover(BODY)


def face_for(char: str) -> Face | None:
    """The face that draws ``char``: its own script's font first, then the body font, then the
    fallbacks in order; None when no font has it."""
    code = ord(char)
    try:
        return _face_of[code]
    except KeyError:
        pass
    register()
    chosen: Face | None = None
    for face in FALLBACKS:
        if face.preferred(code) and code in _cover(face):
            chosen = face
            break
    else:
        for face in FACES:
            if code in _cover(face):
                chosen = face
                break
    _face_of[code] = chosen
    return chosen


def _clean(text: str, *, surrogates: bool = False) -> Iterator[str]:
    """``text`` composed (NFC), as lines, with control characters, zero-width characters and
    variation selectors dropped, a tab made a space and a lone surrogate (broken text) made
    U+FFFD unless ``surrogates``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _DROPPED.sub("", unicodedata.normalize("NFC", text))
    for line in text.split("\n"):
        kept = (c for c in line if unicodedata.category(c) not in ("Cc", "Cf"))
        yield "".join(kept) if surrogates else _SURROGATE.sub(REPLACEMENT, "".join(kept))


def _visual(line: str) -> str:
    """A line as drawn: Arabic letters joined, right-to-left runs in drawing order."""
    if not _RTL.search(line):
        return line
    line = _RTL_WORDS.sub(_together, line)
    if _ARABIC.search(line):
        line = _RESHAPER.reshape(line)
    return str(get_display(line, base_dir="L"))  # the documents read left to right


def _together(found: re.Match[str]) -> str:
    """A short right-to-left phrase (a name) joined by no-break spaces: it is put in drawing
    order before the paragraph is wrapped, so a line break inside it would swap its words."""
    words = found[0].split(" ")
    return "\u00a0".join(words) if len(words) <= KEPT_TOGETHER else found[0]


def printable(text: str) -> str:
    """``text`` as it is drawn: composed, cleaned (see ``_clean``), Arabic joined, right-to-left
    text in drawing order, and a character no font has made U+FFFD. Line breaks are kept
    (callers turn them into line breaks on paper)."""
    lines = []
    for line in _clean(text):
        drawn = _visual(line)
        lines.append("".join(c if face_for(c) is not None else REPLACEMENT for c in drawn))
    return "\n".join(lines)


def missing(text: str) -> list[str]:
    """The characters in ``text`` that no font has (each once, in order): they print as U+FFFD."""
    found: dict[str, None] = {}
    for line in _clean(text, surrogates=True):
        for char in line:
            if face_for(char) is None:
                found.setdefault(char)
    if _RTL.search(text):  # a joined Arabic form no font has (none is known)
        for line in _clean(text):
            drawn = (char for char in _visual(line) if char != REPLACEMENT)
            found.update((char, None) for char in drawn if face_for(char) is None)
    return list(found)


def runs(drawn: str) -> list[tuple[Face, str]]:
    """``drawn`` (already ``printable``) split into runs each drawn in one face; the
    replacement mark and line breaks go with the body font."""
    out: list[tuple[Face, str]] = []
    for char in drawn:
        face = face_for(char) or BODY
        if char in " \u00a0\n" and out and out[-1][0].keeps_spaces:
            face = out[-1][0]  # a space between Arabic words is drawn in the Arabic font
        if out and out[-1][0] is face:
            out[-1] = (face, out[-1][1] + char)
        else:
            out.append((face, char))
    return out


def markup(text: str) -> str:
    """Entered text as Paragraph markup: printable, escaped, each fallback run in its own font
    (bold where the paragraph or a <b> around it is bold); line breaks become <br/>."""
    parts = []
    for face, part in runs(printable(text)):
        escaped = escape(part).replace("\n", "<br/>")
        parts.append(escaped if face is BODY else f'<font name="{face.regular}">{escaped}</font>')
    return "".join(parts)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """How wide ``text`` is drawn at ``size`` points, each run in its own font."""
    return float(
        sum(
            pdfmetrics.stringWidth(part, face.bold if bold else face.regular, size)
            for face, part in runs(printable(text))
        )
    )


def draw_string(
    canvas: Any, x: float, y: float, text: str, size: float, *, right: bool = False
) -> None:
    """Draw one line of ``text`` on a reportlab canvas at ``size`` points, each run in its own
    font (regular); ``right``: ``x`` is where the line ends."""
    drawn = runs(printable(text).replace("\n", " "))
    if right:
        x -= sum(pdfmetrics.stringWidth(part, face.regular, size) for face, part in drawn)
    for face, part in drawn:
        canvas.setFont(face.regular, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, face.regular, size)
