"""The embedded fonts, and making text safe to print with them, in every script he may write.

The body font is DejaVu Sans (Latin, Welsh ŵ ŷ, Polish ł ż, Irish á, Greek, Cyrillic …). A
character it has no glyph for is drawn in the first fallback font that has one, character by
character: Noto Sans Arabic, Noto Sans Hebrew, Droid Sans Fallback (Chinese, Japanese, Korean)
and Noto Emoji (monochrome: reportlab cannot draw colour emoji). Arabic and Hebrew letters, and
emoji beyond the symbols DejaVu Sans has, go to their own font first even where DejaVu Sans has
a glyph, so a word is never drawn in two designs.

reportlab embeds a subset of each TrueType font a PDF uses, so nothing depends on the printer's
fonts. reportlab neither joins Arabic letters nor orders right-to-left text without optional
shapers we do not have, so we do both: Arabic letters become their joined (presentation) forms
(arabic-reshaper) before a paragraph is wrapped into lines, and each printed line is put in the
order it is drawn, left to right (python-bidi), only when it is drawn (``_in_visual_order``), so
a long right-to-left note wraps with its lines in reading order. A line drawn straight on the
canvas (``draw_string``) is ordered whole (``printable``). A PDF reader extracting the text gets
it back in the order it was typed.

A character no font has becomes U+FFFD (a visible mark), never an error; ``missing`` names
such characters so the practitioner is told before printing. Control characters, zero-width
joiners and emoji variation selectors are dropped.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import algorithm as bidi_steps
from bidi import get_base_level, get_display
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.paragraph import Paragraph
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


def _drawing_order(text: str, base: int) -> list[tuple[int, str]]:
    """The characters of one printed line in the order they are drawn, left to right, each as
    (its index in ``text``, the character drawn: a bracket in right-to-left text is mirrored),
    by the Unicode bidirectional algorithm with paragraph level ``base`` (0 left to right, 1
    right to left). python-bidi's own steps, run one by one to keep each character's index."""
    storage = bidi_steps.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    bidi_steps.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_steps.explicit_embed_and_overrides(storage)
    bidi_steps.resolve_weak_types(storage)
    bidi_steps.resolve_neutral_types(storage, False)
    bidi_steps.resolve_implicit_levels(storage, False)
    bidi_steps.reorder_resolved_levels(storage, False)
    bidi_steps.apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]


def _is_text(frag: Any) -> bool:
    return not hasattr(frag, "cbDefn") and isinstance(getattr(frag, "text", None), str)


def _frag_line_drawn(line: Any, base: int) -> Any:
    """A line of a paragraph of several fonts (reportlab's FragLine: its words are runs of text
    each in one font and style) with its runs split and put in drawing order."""
    words = line.words
    text = "".join(frag.text if _is_text(frag) else "\ufffc" for frag in words)
    owner = [n for n, frag in enumerate(words) for _ in (frag.text if _is_text(frag) else "x")]
    drawn: list[Any] = [frag for frag in words if _is_text(frag) and not frag.text]
    last = -1
    for index, char in _drawing_order(text, base):
        n = owner[index]
        if not _is_text(words[n]):
            drawn.append(words[n])
            last = -1
        elif n == last:
            drawn[-1].text += char
        else:
            drawn.append(words[n].clone(text=char))
            last = n
    ordered = copy.copy(line)
    ordered.words = drawn
    return ordered


def _lines_drawn(bl_para: Any, base: int) -> Any:
    """reportlab's wrapped lines (ParaLines) with each line holding right-to-left text (every
    line when ``base`` is 1) put in drawing order."""
    ordered = copy.copy(bl_para)
    lines = []
    for line in bl_para.lines:
        if bl_para.kind == 0:  # one font: (extra space, words)
            text = " ".join(line[1])
            if base or _RTL.search(text):
                drawn = "".join(char for _index, char in _drawing_order(text, base))
                line = (line[0], drawn.split(" "))
        elif base or any(_RTL.search(frag.text) for frag in line.words if _is_text(frag)):
            line = _frag_line_drawn(line, base)
        lines.append(line)
    ordered.lines = lines
    return ordered


def _paragraph_text(bl_para: Any) -> str:
    if bl_para.kind == 0:
        return " ".join(" ".join(words) for _space, words in bl_para.lines)
    return "".join(f.text for line in bl_para.lines for f in line.words if _is_text(f))


def _direction(text: str) -> int:
    """1 (right to left) for a paragraph that starts in Arabic or Hebrew and is mostly in it (a
    note he wrote in Arabic, English words and all); 0 (left to right, as the documents read)
    for any other, such as our own sentence starting with his name in Hebrew."""
    if not get_base_level(text):
        return 0
    latin = sum(1 for char in text if unicodedata.bidirectional(char) == "L")
    return 1 if len(_RTL.findall(text)) > latin else 0


def _in_visual_order(draw_para: Any) -> Any:
    """reportlab wraps a paragraph into lines on its text as typed (Arabic already joined, see
    ``markup``); each line is put in drawing order only when drawn, so the lines of a long
    right-to-left paragraph come top to bottom in reading order. A paragraph mostly in Arabic
    or Hebrew (see ``_direction``) is ordered right to left and drawn right-aligned (but next to
    its bullet in a list); any other (our own labels and sentences around his words) left to
    right. A paragraph with no
    right-to-left letter is drawn exactly as reportlab draws it."""
    if getattr(draw_para, "orders_lines", False):
        return draw_para

    @functools.wraps(draw_para)
    def draw(self: Any, debug: int = 0) -> Any:
        bl_para = getattr(self, "blPara", None)
        if bl_para is None or not bl_para.lines:
            return draw_para(self, debug)
        text = _paragraph_text(bl_para)
        if not _RTL.search(text):
            return draw_para(self, debug)
        base = _direction(text)
        style = self.style
        if base and style.alignment == TA_LEFT and not getattr(self, "bulletText", None):
            self.style = copy.copy(style)
            self.style.alignment = TA_RIGHT
        self.blPara = _lines_drawn(bl_para, base)
        try:
            return draw_para(self, debug)
        finally:
            self.blPara, self.style = bl_para, style

    draw.orders_lines = True  # type: ignore[attr-defined]
    return draw


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
    """Register the body font with reportlab (once per process) and make reportlab's three
    corrections (see ``_to_unicode_cmap``, ``_keeping_weight`` and ``_in_visual_order``);
    returns the code points the body font covers (regular and bold). Fallback fonts register
    when first needed."""
    global _patched
    if not _patched:
        with _lock:
            if not _patched:
                ttfonts.makeToUnicodeCMap = _to_unicode_cmap
                ParaParser.start_font = _keeping_weight(ParaParser.start_font)
                Paragraph.drawPara = _in_visual_order(Paragraph.drawPara)
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


def _shaped(line: str) -> str:
    """A line with its Arabic letters joined, still in the order typed."""
    return _RESHAPER.reshape(line) if _ARABIC.search(line) else line


def _visual(line: str) -> str:
    """A line as drawn: Arabic letters joined, right-to-left runs in drawing order."""
    if not _RTL.search(line):
        return line
    return str(get_display(_shaped(line), base_dir="L"))  # the documents read left to right


def _drawable(text: str, order: Any) -> str:
    """``text`` cleaned (see ``_clean``), each line passed through ``order``, and a character
    no font has made U+FFFD; line breaks kept."""
    lines = []
    for line in _clean(text):
        drawn = order(line)
        lines.append("".join(c if face_for(c) is not None else REPLACEMENT for c in drawn))
    return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` as it is drawn on one line: composed, cleaned (see ``_clean``), Arabic joined,
    right-to-left text in drawing order, and a character no font has made U+FFFD. Line breaks
    are kept (callers turn them into line breaks on paper)."""
    return _drawable(text, _visual)


def logical(text: str) -> str:
    """``text`` as a paragraph is wrapped: like ``printable`` but still in the order typed
    (each printed line is put in drawing order when it is drawn, see ``_in_visual_order``)."""
    return _drawable(text, _shaped)


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
    """``drawn`` (already ``printable`` or ``logical``) split into runs each drawn in one face; the
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
    """Entered text as Paragraph markup: ``logical`` (joined, in the order typed), escaped, each
    fallback run in its own font (bold where the paragraph or a <b> around it is bold); line
    breaks become <br/>. Each printed line is put in drawing order when it is drawn."""
    parts = []
    for face, part in runs(logical(text)):
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
