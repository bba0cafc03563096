"""The embedded fonts (DejaVu Sans, which covers Welsh ŵ ŷ) and making text safe to print with them.

reportlab embeds a subset of a TrueType font in every PDF that uses it, so nothing depends on
the printer's fonts. Characters the font has no glyph for become U+FFFD (a visible mark), never
an error; control characters are dropped. Right-to-left scripts (Arabic) print their letters
but are not joined or reordered: reportlab needs the optional uharfbuzz shaper for that.
"""

from __future__ import annotations

import threading
import unicodedata
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"

_lock = threading.Lock()
_covered: frozenset[int] | None = None


def _load(name: str, filename: str) -> TTFont:
    source = resources.files("engager_desktop.resources").joinpath("fonts", filename)
    with resources.as_file(source) as path:
        return TTFont(name, str(path))


def register() -> frozenset[int]:
    """Register both fonts with reportlab (once per process); returns the code points covered."""
    global _covered
    with _lock:
        if _covered is None:
            fonts = [_load(name, filename) for name, filename in _FILES.items()]
            for font in fonts:
                pdfmetrics.registerFont(font)
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            maps = [set(font.face.charToGlyph) for font in fonts]
            _covered = frozenset(set.intersection(*maps))
        return _covered


def printable(text: str) -> str:
    """``text`` composed (NFC), with control characters dropped and unknown glyphs marked.

    Line breaks are kept (callers turn them into line breaks on paper); a tab becomes a space.
    """
    covered = register()
    out: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in unicodedata.normalize("NFC", text):
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf"):
            continue  # control characters, zero-width and direction marks
        else:
            out.append(char if ord(char) in covered else REPLACEMENT)
    return "".join(out)
